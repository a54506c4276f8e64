package org.joule.runtime.latent;

/**
 * Where the inner minimisation over z starts (its first start; further starts are given with
 * {@link MinimizedLatent#withStarts(double[]...)}).
 */
public enum WarmStart {
    /**
     * The latent coordinates of the input array x. F is then a pure function of x: the same x
     * gives the same bits whatever the thread, the call order or the thread count of a
     * {@link org.joule.runtime.Batch}. A caller warm-starts by writing the previous z* into x
     * (see {@link MinimizedLatent#argmin(double[])}).
     */
    INPUT,
    /**
     * The z* of the previous converged call of the same instance on the same thread; the latent
     * coordinates of x for a thread's first call. This warm-starts an outer optimiser over y or W
     * without its cooperation, since it moves only its own coordinates; but the result then
     * depends on the thread's call history: within the inner tolerance, and, where min_z is not
     * convex, possibly in which local minimum is found. Do not use it under a multi-threaded
     * {@link org.joule.runtime.Batch} whose sums must be the same bits for any thread count.
     */
    PREVIOUS
}
