package org.joule.runtime.optimize;

/**
 * One algorithm's iteration rule, with the memory it keeps between iterations (a new
 * instance per run). Everything else (checks, counting, stopping, the listener, non-finite
 * numbers) is the {@link Driver}'s.
 */
interface Step {

    /**
     * Moves the iterate to the next accepted point, evaluating through {@code f}.
     *
     * @throws Stop when no acceptable point is found; the driver then restores the iterate
     */
    void advance(Iterate it, Objective f);

    /** A term added to the smooth energy in the reported value: FISTA's L1 penalty. */
    default double penalty(double[] u) {
        return 0;
    }

    /** The stationarity measure the gradient tolerance is compared with. */
    default double gradientNorm(Iterate it) {
        return Vectors.normInf(it.gradient);
    }
}
