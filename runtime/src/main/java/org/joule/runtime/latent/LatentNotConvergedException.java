package org.joule.runtime.latent;

import org.joule.runtime.optimize.OptimizationResult;
import org.joule.runtime.optimize.StopReason;

/**
 * Thrown instead of a free energy when the inner minimisation over z did not converge: its
 * message names the stop reason, the point (coordinate names and values), the start and the
 * inner gradient norm where the run stopped. The full outcome is {@link #minimum()}.
 */
public final class LatentNotConvergedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** Not serialised: results are for the thread that caught the exception. */
    private final transient LatentMinimum minimum;

    /**
     * Creates the exception.
     *
     * @param message the sentence naming reason, point, start and gradient norm
     * @param minimum the outcome with every run
     */
    LatentNotConvergedException(String message, LatentMinimum minimum) {
        super(message);
        this.minimum = minimum;
    }

    /**
     * The outcome of the inner minimisation, every run included.
     *
     * @return the minimum whose {@link LatentMinimum#converged()} is false
     */
    public LatentMinimum minimum() {
        return minimum;
    }

    /**
     * Why the first failed run stopped.
     *
     * @return its stop reason, never a converged one
     */
    public StopReason stopReason() {
        return failed().stopReason();
    }

    /**
     * The inner gradient's infinity norm where the first failed run stopped.
     *
     * @return ‖∇_z E‖_∞ there
     */
    public double gradientNorm() {
        return failed().gradientNorm();
    }

    private OptimizationResult failed() {
        return minimum.failure();
    }
}
