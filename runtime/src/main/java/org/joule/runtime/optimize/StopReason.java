package org.joule.runtime.optimize;

/**
 * Why an optimiser stopped. Only {@link #GRADIENT_TOLERANCE} and {@link #RELATIVE_CHANGE}
 * count as convergence; every other reason leaves the last accepted iterate in the result,
 * with a message that says where the run ended.
 */
public enum StopReason {
    /** The gradient's infinity norm (for FISTA: the smallest subgradient's) fell to the tolerance. */
    GRADIENT_TOLERANCE(true),
    /** The relative change of the value, or of the wrt coordinates, fell to the tolerance. */
    RELATIVE_CHANGE(true),
    /** The iteration limit was reached. */
    MAX_ITERATIONS(false),
    /** The next value-and-gradient call would have exceeded the evaluation limit. */
    MAX_EVALUATIONS(false),
    /** The line search, or the trust region, found no acceptable step: typically rounding near a minimum. */
    LINE_SEARCH_FAILED(false),
    /** The energy, a gradient entry or a Hessian-vector product entry was NaN or infinite. */
    NON_FINITE(false),
    /** The {@link IterationListener} asked to stop. */
    LISTENER(false);

    private final boolean converged;

    StopReason(boolean converged) {
        this.converged = converged;
    }

    /**
     * Whether this reason means the run converged.
     *
     * @return true for {@link #GRADIENT_TOLERANCE} and {@link #RELATIVE_CHANGE}
     */
    public boolean converged() {
        return converged;
    }
}
