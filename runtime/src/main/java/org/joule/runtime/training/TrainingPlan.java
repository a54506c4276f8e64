package org.joule.runtime.training;

/**
 * How long and how a training loop runs: the number of parameter updates, the minibatch size,
 * the update rule, the seed every random stream is split from, and the number of threads.
 * Immutable, changed with the {@code with...} methods.
 *
 * @param steps     parameter updates, 1 or more
 * @param batchSize data rows per update, 1 or more; drawn uniformly with replacement
 * @param update    the parameter update rule, not null
 * @param seed      any long; the result depends on it and on nothing else random
 * @param threads   at most this many threads work at once, 1 or more; the result does not
 *                  depend on it
 */
public record TrainingPlan(int steps, int batchSize, ParameterUpdate update, long seed, int threads) {

    /**
     * Checks the components.
     *
     * @param steps     1 or more
     * @param batchSize 1 or more
     * @param update    not null
     * @param seed      any long
     * @param threads   1 or more
     * @throws IllegalArgumentException naming the first component out of range
     */
    public TrainingPlan {
        if (steps < 1) {
            throw new IllegalArgumentException("steps is " + steps + "; expected 1 or more");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize is " + batchSize + "; expected 1 or more");
        }
        if (update == null) {
            throw new IllegalArgumentException("update is null");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads is " + threads + "; expected 1 or more");
        }
    }

    /**
     * A plan with seed 1 on one thread.
     *
     * @param steps     parameter updates, 1 or more
     * @param batchSize data rows per update, 1 or more
     * @param update    the update rule
     * @return the plan
     */
    public static TrainingPlan of(int steps, int batchSize, ParameterUpdate update) {
        return new TrainingPlan(steps, batchSize, update, 1, 1);
    }

    /**
     * This plan with another seed.
     *
     * @param value any long
     * @return a new plan
     */
    public TrainingPlan withSeed(long value) {
        return new TrainingPlan(steps, batchSize, update, value, threads);
    }

    /**
     * This plan with another thread count.
     *
     * @param value 1 or more
     * @return a new plan
     */
    public TrainingPlan withThreads(int value) {
        return new TrainingPlan(steps, batchSize, update, seed, value);
    }
}
