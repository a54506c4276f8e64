package org.joule.runtime.sampling;

import java.util.SplittableRandom;

/**
 * One Markov transition of one chain, with its preallocated scratch. After {@link #next} the
 * fields say what happened; the chain's adaptation and statistics read them.
 */
abstract class Transition {
    /** The acceptance statistic of the last transition, in [0, 1] (Stan's accept_stat__). */
    double acceptance;
    /** Whether the last transition's trajectory diverged. */
    boolean divergent;
    /** Whether the last transition hit the maximum tree depth (NUTS only). */
    boolean saturated;

    /**
     * Moves {@code current} (position, gradient and potential) to the next state of the chain.
     *
     * @param current the chain's state, updated in place; never left with a non-finite potential
     * @param epsilon the step size
     * @param random  the chain's stream
     */
    abstract void next(Point current, double epsilon, SplittableRandom random);
}
