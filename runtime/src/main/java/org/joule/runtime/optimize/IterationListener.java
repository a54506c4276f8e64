package org.joule.runtime.optimize;

/**
 * Called once after every completed iteration of an optimiser (not for the start point), for
 * example to advance a progress bar or to record the path. Iterations are numbered from 1.
 *
 * <p>The array {@code x} is the optimiser's full layout array at the new iterate (coordinates
 * not differentiated keep their start values). It is a scratch array that the optimiser
 * overwrites at the next iteration: read it, or copy it to keep it, but do not modify it.
 */
@FunctionalInterface
public interface IterationListener {

    /** A listener that does nothing and never stops the run. */
    IterationListener NONE = (iteration, x, value, gradientNorm) -> true;

    /**
     * Reports one completed iteration.
     *
     * @param iteration    the iteration just completed, 1 or more
     * @param x            the full layout array at the new iterate; read only, valid during this call
     * @param value        the objective there (for FISTA the energy plus the L1 penalty)
     * @param gradientNorm the gradient's infinity norm there, as {@link OptimizationResult#gradientNorm()}
     * @return true to go on, false to stop the run with {@link StopReason#LISTENER}
     */
    boolean iterationDone(int iteration, double[] x, double value, double gradientNorm);
}
