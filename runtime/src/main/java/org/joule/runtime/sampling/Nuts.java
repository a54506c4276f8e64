package org.joule.runtime.sampling;

/**
 * The No-U-Turn Sampler (Hoffman &amp; Gelman 2014, "The No-U-Turn Sampler: adaptively setting
 * path lengths in Hamiltonian Monte Carlo", JMLR 15) in the form Stan and BlackJAX use
 * (Betancourt 2017, "A conceptual introduction to Hamiltonian Monte Carlo", arXiv:1701.02434,
 * appendix A): the trajectory doubles forwards or backwards in time at random until the
 * generalised U-turn criterion fails, checked over the whole trajectory and across the seam of
 * every pair of merged subtrees, a step diverges (energy error above 1000 or not finite), or the
 * maximum tree depth is reached (at most 2^depth − 1 leapfrog steps); the next state is drawn
 * from the trajectory with weights exp(−H) (multinomial sampling), preferring the newest
 * subtree at the top level.
 *
 * <p>By default warm-up adapts the step size by dual averaging towards an acceptance statistic
 * of 0.8 (Stan's {@code adapt_delta}) and a diagonal mass matrix in Stan's windows; the maximum
 * tree depth is 10. The acceptance statistic of a transition is the mean Metropolis probability
 * over all the trajectory's points, as Stan reports it.
 */
public final class Nuts extends Sampler {
    /** Stan's default target acceptance statistic for NUTS. */
    public static final double DEFAULT_TARGET = 0.8;
    /** Stan's default maximum tree depth. */
    public static final int DEFAULT_MAX_DEPTH = 10;

    private final double stepSize;
    private final int maxTreeDepth;
    private final Adaptation adaptation;

    /** NUTS with Stan's defaults: step size and mass matrix adapted to 0.8, maximum depth 10. */
    public Nuts() {
        this(1, DEFAULT_MAX_DEPTH, Adaptation.full(DEFAULT_TARGET));
    }

    /**
     * NUTS with every setting given.
     *
     * @param stepSize     ε &gt; 0, finite; the fixed step, or where adaptation starts
     * @param maxTreeDepth 1 to 30; a trajectory has at most 2^maxTreeDepth − 1 leapfrog steps
     * @param adaptation   what warm-up tunes; {@link Adaptation#none()} keeps ε and M = I
     * @throws IllegalArgumentException naming the setting out of range
     */
    public Nuts(double stepSize, int maxTreeDepth, Adaptation adaptation) {
        this.stepSize = requireStepSize(stepSize);
        if (maxTreeDepth < 1 || maxTreeDepth > 30) {
            throw new IllegalArgumentException("maxTreeDepth is " + maxTreeDepth + "; expected 1 to 30");
        }
        this.maxTreeDepth = maxTreeDepth;
        this.adaptation = requireAdaptation(adaptation);
    }

    @Override
    double stepSize() {
        return stepSize;
    }

    @Override
    Adaptation adaptation() {
        return adaptation;
    }

    @Override
    Transition newTransition(Hamiltonian hamiltonian) {
        return new NutsTrajectory(hamiltonian, maxTreeDepth);
    }

    @Override
    public String toString() {
        return "Nuts[stepSize=" + stepSize + ", maxTreeDepth=" + maxTreeDepth + ", " + adaptation + "]";
    }
}
