package org.joule.runtime.sampling;

/**
 * Hamiltonian Monte Carlo (Neal 2011, "MCMC using Hamiltonian dynamics", Handbook of Markov
 * Chain Monte Carlo, ch. 5): a fresh momentum p ~ N(0, M), L leapfrog steps of size ε, and a
 * Metropolis test on the change of H(q, p) = β E(q) + ½ pᵀ M⁻¹ p. A step whose energy error
 * exceeds 1000 (Stan's threshold) or is not finite ends the trajectory as a divergence, which is
 * rejected and counted.
 *
 * <p>Warm-up adapts, by default, the step size by dual averaging (Hoffman &amp; Gelman 2014,
 * "The No-U-Turn Sampler", JMLR 15, §3.2) towards an acceptance of 0.651, the optimum of
 * Beskos et al. (2013, "Optimal tuning of the hybrid Monte Carlo algorithm"), and a diagonal
 * mass matrix from the warm-up draws in Stan's windows. The number of steps stays L, so the
 * integration time Lε follows the adapted step. An optional jitter draws each trajectory's step
 * uniformly from ε (1 ± jitter), which breaks the periodicities a fixed integration time can
 * fall into (Neal 2011, §5.4.2.2).
 */
public final class Hmc extends Sampler {
    /** The asymptotically optimal acceptance rate of HMC (Beskos et al. 2013). */
    public static final double OPTIMAL_ACCEPTANCE = 0.651;

    private final double stepSize;
    private final int leapfrogSteps;
    private final double jitter;
    private final Adaptation adaptation;

    /**
     * HMC with L leapfrog steps, step size and mass matrix adapted during warm-up from step 1,
     * no jitter.
     *
     * @param leapfrogSteps L, 1 or more
     * @throws IllegalArgumentException naming {@code leapfrogSteps} when it is out of range
     */
    public Hmc(int leapfrogSteps) {
        this(1, leapfrogSteps, 0, Adaptation.full(OPTIMAL_ACCEPTANCE));
    }

    /**
     * HMC with every setting given.
     *
     * @param stepSize      ε &gt; 0, finite; the fixed step, or where adaptation starts
     * @param leapfrogSteps L, 1 or more
     * @param jitter        0 &lt;= jitter &lt; 1; each trajectory's step is uniform in ε (1 ± jitter)
     * @param adaptation    what warm-up tunes; {@link Adaptation#none()} keeps ε and M = I
     * @throws IllegalArgumentException naming the setting out of range
     */
    public Hmc(double stepSize, int leapfrogSteps, double jitter, Adaptation adaptation) {
        this.stepSize = requireStepSize(stepSize);
        if (leapfrogSteps < 1) {
            throw new IllegalArgumentException("leapfrogSteps is " + leapfrogSteps + "; expected 1 or more");
        }
        if (!(jitter >= 0 && jitter < 1)) {
            throw new IllegalArgumentException("jitter is " + jitter + "; expected 0 <= jitter < 1");
        }
        this.leapfrogSteps = leapfrogSteps;
        this.jitter = jitter;
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
        return new StaticTrajectory(hamiltonian, leapfrogSteps, jitter, true);
    }

    @Override
    public String toString() {
        return "Hmc[stepSize=" + stepSize + ", leapfrogSteps=" + leapfrogSteps + ", jitter=" + jitter + ", "
                + adaptation + "]";
    }
}
