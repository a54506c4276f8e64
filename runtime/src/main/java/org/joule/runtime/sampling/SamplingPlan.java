package org.joule.runtime.sampling;

/**
 * What to sample and how long: the inverse temperature β of p(y) ∝ exp(−β E(y)), the number
 * of chains, warm-up iterations (adaptation; their draws are discarded) and kept draws per
 * chain, and the seed from which every chain's random stream is split. Immutable, changed with
 * the {@code with...} methods.
 *
 * <p>{@link #defaults()}: β = 1, 4 chains, 1000 warm-up iterations, 1000 draws, seed 1, as
 * Stan's defaults.
 *
 * @param beta    inverse temperature β &gt; 0, finite
 * @param chains  number of chains, 1 or more
 * @param warmup  warm-up iterations per chain, 0 or more
 * @param draws   kept draws per chain, 1 or more
 * @param seed    any long; chain c's stream is the c-th split of {@code new SplittableRandom(seed)}
 */
public record SamplingPlan(double beta, int chains, int warmup, int draws, long seed) {

    private static final SamplingPlan DEFAULTS = new SamplingPlan(1, 4, 1000, 1000, 1);

    /**
     * Checks the components.
     *
     * @param beta   inverse temperature β &gt; 0, finite
     * @param chains number of chains, 1 or more
     * @param warmup warm-up iterations per chain, 0 or more
     * @param draws  kept draws per chain, 1 or more
     * @param seed   any long
     * @throws IllegalArgumentException naming the first component out of range
     */
    public SamplingPlan {
        if (!(beta > 0) || beta == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("beta is " + beta + "; expected a finite number > 0");
        }
        if (chains < 1) {
            throw new IllegalArgumentException("chains is " + chains + "; expected 1 or more");
        }
        if (warmup < 0) {
            throw new IllegalArgumentException("warmup is " + warmup + "; expected 0 or more");
        }
        if (draws < 1) {
            throw new IllegalArgumentException("draws is " + draws + "; expected 1 or more");
        }
    }

    /**
     * The defaults: β = 1, 4 chains, 1000 warm-up iterations, 1000 draws, seed 1.
     *
     * @return the defaults
     */
    public static SamplingPlan defaults() {
        return DEFAULTS;
    }

    /**
     * This plan with another inverse temperature.
     *
     * @param value β &gt; 0, finite
     * @return a new plan
     */
    public SamplingPlan withBeta(double value) {
        return new SamplingPlan(value, chains, warmup, draws, seed);
    }

    /**
     * This plan with another number of chains.
     *
     * @param value 1 or more
     * @return a new plan
     */
    public SamplingPlan withChains(int value) {
        return new SamplingPlan(beta, value, warmup, draws, seed);
    }

    /**
     * This plan with another number of warm-up iterations.
     *
     * @param value 0 or more
     * @return a new plan
     */
    public SamplingPlan withWarmup(int value) {
        return new SamplingPlan(beta, chains, value, draws, seed);
    }

    /**
     * This plan with another number of kept draws per chain.
     *
     * @param value 1 or more
     * @return a new plan
     */
    public SamplingPlan withDraws(int value) {
        return new SamplingPlan(beta, chains, warmup, value, seed);
    }

    /**
     * This plan with another seed.
     *
     * @param value any long
     * @return a new plan
     */
    public SamplingPlan withSeed(long value) {
        return new SamplingPlan(beta, chains, warmup, draws, value);
    }
}
