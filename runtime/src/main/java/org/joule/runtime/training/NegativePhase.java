package org.joule.runtime.training;

/**
 * How contrastive divergence makes its negative samples Y⁻: k steps of Langevin dynamics in y
 * for p(y) ∝ exp(−β E(y; W)), y' = y − (ε²/2) β ∇_y E(y) + ε ξ with ξ ~ N(0, I) (the
 * parametrisation of {@link org.joule.runtime.sampling.Langevin}), optionally with a
 * Metropolis–Hastings correction (MALA, as {@link org.joule.runtime.sampling.Mala}), started at
 * the minibatch's data points (CD-k, Hinton 2002) or continuing persistent chains (PCD,
 * Tieleman 2008). Each step is the lecture's "kick and descend": a random kick ε ξ and a
 * gradient descent step of size ε²β/2 on the energy.
 *
 * @param k          Langevin steps per update, 1 or more
 * @param stepSize   ε &gt; 0, finite: the kick's standard deviation
 * @param beta       inverse temperature β &gt; 0, finite
 * @param metropolis whether each step is accepted with the MALA probability (else always)
 * @param persistent whether the chains persist between updates (PCD) instead of restarting at
 *                   the data (CD); PCD keeps one chain per minibatch row, started at random
 *                   data rows
 */
public record NegativePhase(int k, double stepSize, double beta, boolean metropolis, boolean persistent) {

    /**
     * Checks the components.
     *
     * @param k          1 or more
     * @param stepSize   ε &gt; 0, finite
     * @param beta       β &gt; 0, finite
     * @param metropolis any
     * @param persistent any
     * @throws IllegalArgumentException naming the first component out of range
     */
    public NegativePhase {
        if (k < 1) {
            throw new IllegalArgumentException("k is " + k + "; expected 1 or more Langevin steps");
        }
        if (!(stepSize > 0) || stepSize == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("stepSize is " + stepSize + "; expected a finite number > 0");
        }
        if (!(beta > 0) || beta == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("beta is " + beta + "; expected a finite number > 0");
        }
    }

    /**
     * CD-k: k unadjusted Langevin steps from the data, β = 1.
     *
     * @param k        1 or more
     * @param stepSize ε &gt; 0, finite
     * @return the negative phase
     */
    public static NegativePhase cd(int k, double stepSize) {
        return new NegativePhase(k, stepSize, 1, false, false);
    }

    /**
     * PCD: k unadjusted Langevin steps per update on persistent chains, β = 1.
     *
     * @param k        1 or more
     * @param stepSize ε &gt; 0, finite
     * @return the negative phase
     */
    public static NegativePhase pcd(int k, double stepSize) {
        return new NegativePhase(k, stepSize, 1, false, true);
    }

    /**
     * This phase at another inverse temperature.
     *
     * @param value β &gt; 0, finite
     * @return a new phase
     */
    public NegativePhase withBeta(double value) {
        return new NegativePhase(k, stepSize, value, metropolis, persistent);
    }

    /**
     * This phase with or without the Metropolis correction (MALA).
     *
     * @param value true for MALA steps
     * @return a new phase
     */
    public NegativePhase withMetropolis(boolean value) {
        return new NegativePhase(k, stepSize, beta, value, persistent);
    }
}
