package org.joule.runtime.sampling;

/**
 * The Metropolis-adjusted Langevin algorithm (Roberts &amp; Tweedie 1996, "Exponential
 * convergence of Langevin distributions and their discrete approximations", Bernoulli 2(4)):
 * the Langevin proposal y' = y − (ε²/2) β M⁻¹ ∇E(y) + ε M^(−1/2) ξ, accepted with the
 * Metropolis–Hastings probability. It is exactly Hamiltonian Monte Carlo with one leapfrog
 * step (Neal 2011, §5.5.3), and is implemented so: the acceptance test compares the
 * Hamiltonians before and after the step.
 *
 * <p>By default warm-up adapts the step size towards an acceptance of 0.574, the optimum of
 * Roberts &amp; Rosenthal (1998, "Optimal scaling of discrete approximations to Langevin
 * diffusions"), and a diagonal mass matrix, as {@link Hmc} does.
 */
public final class Mala extends Sampler {
    /** The asymptotically optimal acceptance rate of MALA (Roberts &amp; Rosenthal 1998). */
    public static final double OPTIMAL_ACCEPTANCE = 0.574;

    private final double stepSize;
    private final Adaptation adaptation;

    /**
     * MALA with step size and mass matrix adapted during warm-up, starting from step size 1.
     */
    public Mala() {
        this(1, Adaptation.full(OPTIMAL_ACCEPTANCE));
    }

    /**
     * MALA with a given (initial) step size and adaptation.
     *
     * @param stepSize   ε &gt; 0, finite; the fixed step, or where adaptation starts
     * @param adaptation what warm-up tunes; {@link Adaptation#none()} keeps ε and M = I
     * @throws IllegalArgumentException naming {@code stepSize} or {@code adaptation} when out of range
     */
    public Mala(double stepSize, Adaptation adaptation) {
        this.stepSize = requireStepSize(stepSize);
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
        return new StaticTrajectory(hamiltonian, 1, 0, true);
    }

    @Override
    public String toString() {
        return "Mala[stepSize=" + stepSize + ", " + adaptation + "]";
    }
}
