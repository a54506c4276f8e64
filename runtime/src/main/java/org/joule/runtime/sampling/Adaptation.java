package org.joule.runtime.sampling;

/**
 * What a sampler tunes during warm-up: the step size, by dual averaging towards a target
 * acceptance statistic (Hoffman &amp; Gelman 2014, §3.2), and a diagonal mass matrix, from the
 * variances of warm-up draws in Stan's doubling windows. After warm-up both stay fixed, so the
 * kept draws come from a time-homogeneous Markov chain.
 *
 * @param stepSize         whether to adapt the step size
 * @param targetAcceptance the acceptance statistic dual averaging aims at, 0 &lt; δ &lt; 1 (Stan's
 *                         {@code adapt_delta}); ignored when {@code stepSize} is false
 * @param metric           whether to adapt a diagonal mass matrix (needs 20 or more warm-up
 *                         iterations; fewer leave it at the identity)
 */
public record Adaptation(boolean stepSize, double targetAcceptance, boolean metric) {

    private static final Adaptation NONE = new Adaptation(false, 0.8, false);

    /**
     * Checks the target.
     *
     * @param stepSize         whether to adapt the step size
     * @param targetAcceptance 0 &lt; δ &lt; 1
     * @param metric           whether to adapt a diagonal mass matrix
     * @throws IllegalArgumentException when the target is not strictly between 0 and 1
     */
    public Adaptation {
        if (!(targetAcceptance > 0 && targetAcceptance < 1)) {
            throw new IllegalArgumentException("targetAcceptance is " + targetAcceptance
                    + "; expected a number strictly between 0 and 1");
        }
    }

    /**
     * No adaptation: the given step size and the identity mass matrix throughout.
     *
     * @return the fixed setting
     */
    public static Adaptation none() {
        return NONE;
    }

    /**
     * Step size and diagonal mass matrix both adapted, as Stan does by default.
     *
     * @param targetAcceptance 0 &lt; δ &lt; 1; Stan uses 0.8 for NUTS
     * @return the setting
     */
    public static Adaptation full(double targetAcceptance) {
        return new Adaptation(true, targetAcceptance, true);
    }

    /**
     * Only the step size adapted; the mass matrix stays the identity.
     *
     * @param targetAcceptance 0 &lt; δ &lt; 1
     * @return the setting
     */
    public static Adaptation stepSizeOnly(double targetAcceptance) {
        return new Adaptation(true, targetAcceptance, false);
    }
}
