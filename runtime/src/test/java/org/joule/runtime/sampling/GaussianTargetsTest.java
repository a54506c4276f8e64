package org.joule.runtime.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Known answers: each sampler's means and covariances on a correlated ten-dimensional Gaussian
 * (covariance 0.5^|i−j|, condition number about 8), and NUTS's and HMC's on an ill-conditioned
 * one (a rotated diagonal covariance of condition number 10⁴), within 4 Monte Carlo standard
 * errors ({@link Moments}). The energies carry two fixed data coordinates, which must stay.
 * Seeds 1 to 8 pass as well as the fixed seed 11. (This test found a NUTS bug: the old
 * trajectory's forward end was taken from the wrong half before a forward doubling, which
 * made the U-turn check asymmetric and inflated the variances by about 10% on the
 * ill-conditioned Gaussian, some 4 standard errors.)
 */
class GaussianTargetsTest {
    private static final SamplingPlan PLAN = SamplingPlan.defaults().withSeed(11);

    @Test
    void nutsOnTheCorrelatedGaussian() {
        Gaussian g = Gaussian.correlated();
        SamplingResult r = new Nuts().sample(g, g.point(new double[10]), PLAN);
        Moments.assertMatch(r, g, 1, 0, "NUTS, correlated");
        assertEquals(0, r.divergences());
        assertRhat(r);
    }

    @Test
    void nutsOnTheIllConditionedGaussian() {
        Gaussian g = Gaussian.illConditioned();
        SamplingResult r = new Nuts().sample(g, g.point(new double[10]), PLAN);
        Moments.assertMatch(r, g, 1, 0, "NUTS, ill-conditioned");
        assertEquals(0, r.divergences());
        assertRhat(r);
    }

    @Test
    void hmcOnTheCorrelatedGaussian() {
        Gaussian g = Gaussian.correlated();
        SamplingResult r = new Hmc(1, 10, 0.2, Adaptation.full(Hmc.OPTIMAL_ACCEPTANCE))
                .sample(g, g.point(new double[10]), PLAN);
        Moments.assertMatch(r, g, 1, 0, "HMC, correlated");
        assertRhat(r);
    }

    /**
     * HMC needs an integration time of the largest scale (σ = 10) with a step the smallest
     * (σ = 0.1) allows, so about 10/0.03 ≈ 300 steps; the jitter breaks resonances with the
     * periods of the other directions.
     */
    @Test
    void hmcOnTheIllConditionedGaussian() {
        Gaussian g = Gaussian.illConditioned();
        SamplingResult r = new Hmc(1, 300, 0.5, Adaptation.full(Hmc.OPTIMAL_ACCEPTANCE))
                .sample(g, g.point(new double[10]), PLAN);
        Moments.assertMatch(r, g, 1, 0, "HMC, ill-conditioned");
        assertRhat(r);
    }

    @Test
    void malaOnTheCorrelatedGaussian() {
        Gaussian g = Gaussian.correlated();
        SamplingResult r = new Mala().sample(g, g.point(new double[10]), PLAN.withDraws(5000));
        Moments.assertMatch(r, g, 1, 0, "MALA, correlated");
        assertRhat(r);
    }

    /**
     * Unadjusted Langevin with step ε = 0.2 on the correlated Gaussian. Its stationary law is
     * Gaussian with the exact mean and covariance (P − (ε²/4) P²)⁻¹: in P's eigenbasis each
     * variance 1/λ becomes 1/(λ (1 − ε²λ/4)). The bias B = Σ_ε − Σ therefore satisfies
     * 0 ≤ B ≤ c Σ with c = (ε²λ_max/4)/(1 − ε²λ_max/4), so |B_ij| ≤ √(B_ii B_jj) ≤ c √(Σ_ii Σ_jj);
     * with λ_max(P) ≤ 3 and ε = 0.2, c ≤ 0.031, added to the covariance tolerance. The means get
     * no allowance. The chain's autocorrelation time is about 2/(ε² λ_min) ≈ 150, so the run is
     * long and the draws are thinned by 20 for the error estimates.
     */
    @Test
    void langevinOnTheCorrelatedGaussianWithItsKnownBias() {
        Gaussian g = Gaussian.correlated();
        double epsilon = 0.2;
        double lambdaMax = 3;
        double c = (epsilon * epsilon * lambdaMax / 4) / (1 - epsilon * epsilon * lambdaMax / 4);
        SamplingResult r = new Langevin(epsilon).sample(g, g.point(new double[10]),
                PLAN.withWarmup(2000).withDraws(100_000));
        Moments.assertMatch(r, g, 20, c, "Langevin, correlated");
        assertEquals(0, r.divergences());
    }

    private static void assertRhat(SamplingResult r) {
        for (Summary s : r.summaries()) {
            assertTrue(s.rhat() < 1.05, s.name() + ": R-hat " + s.rhat());
        }
    }
}
