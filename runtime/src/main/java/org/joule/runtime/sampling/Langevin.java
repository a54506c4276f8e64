package org.joule.runtime.sampling;

/**
 * The unadjusted Langevin algorithm: the Euler–Maruyama discretisation of the Langevin
 * diffusion dY = −½ β ∇E(Y) dt + dW, with every proposal accepted. With step size ε,
 * y' = y − (ε²/2) β ∇E(y) + ε ξ, ξ ~ N(0, I), that is one leapfrog step of Hamiltonian Monte
 * Carlo with a fresh unit momentum and no Metropolis correction (Neal 2011, §5.5.3; Roberts
 * &amp; Tweedie 1996, "Exponential convergence of Langevin distributions and their discrete
 * approximations", Bernoulli 2(4), who call it ULA). Its stationary distribution is biased by
 * O(ε²): on a Gaussian with precision P the mean is exact and the covariance is
 * (P − (ε²/4) P²)⁻¹ instead of P⁻¹. {@link Mala} removes the bias.
 *
 * <p>No adaptation: warm-up iterations are only discarded. A step that lands where the energy
 * or its gradient is not finite is refused (the chain stays) and counted as a divergence, so no
 * draw is ever NaN. The reported acceptance rate is the mean Metropolis probability MALA would
 * have given the steps, a gauge of the discretisation bias (1 when there is none).
 */
public final class Langevin extends Sampler {
    private final double stepSize;

    /**
     * Unadjusted Langevin with step size ε (the noise's standard deviation per step; the drift
     * is ε²/2 times the force).
     *
     * @param stepSize ε &gt; 0, finite
     * @throws IllegalArgumentException naming {@code stepSize} when it is out of range
     */
    public Langevin(double stepSize) {
        this.stepSize = requireStepSize(stepSize);
    }

    @Override
    double stepSize() {
        return stepSize;
    }

    @Override
    Adaptation adaptation() {
        return Adaptation.none();
    }

    @Override
    Transition newTransition(Hamiltonian hamiltonian) {
        return new StaticTrajectory(hamiltonian, 1, 0, false);
    }

    @Override
    public String toString() {
        return "Langevin[stepSize=" + stepSize + "]";
    }
}
