package org.joule.runtime.sampling;

/**
 * Called after every iteration of every chain, warm-up included, for example to advance a
 * progress bar. Chains run on several threads, so an implementation must be thread-safe; calls
 * of one chain come in order from one thread at a time. The listener cannot change the draws.
 */
@FunctionalInterface
public interface SamplingListener {

    /** A listener that does nothing. */
    SamplingListener NONE = (chain, iteration, warmup, draw, energy) -> { };

    /**
     * Reports one completed iteration.
     *
     * @param chain     the chain, 0 &lt;= chain &lt; {@link SamplingPlan#chains()}
     * @param iteration the iteration just completed, from 1 to warm-up plus draws
     * @param warmup    whether it was a warm-up iteration
     * @param draw      the chain's state over the sampled coordinates (in {@code wrt} order); a
     *                  scratch array, valid during this call only: read it, do not keep or modify it
     * @param energy    the energy E (not β E) there
     */
    void iterationDone(int chain, int iteration, boolean warmup, double[] draw, double energy);
}
