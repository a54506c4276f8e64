package org.joule.runtime.sampling;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Effective samples per gradient evaluation, NUTS against MALA, on the ill-conditioned Gaussian
 * (condition number 10⁴, rotated). The measure is the smallest bulk ESS over the ten coordinates
 * divided by the gradient evaluations of the kept draws (warm-up excluded). MALA's step is bound
 * by the smallest scale (0.1) and it diffuses along the largest (10) like a random walk, so its
 * autocorrelation time is of order (10/0.1)² = 10⁴ iterations; NUTS travels the largest scale in
 * one trajectory of a few hundred steps. MALA's runs are far shorter than its mixing time, so its
 * ESS estimate is an upper bound (it cannot fall much below the number of split chains), which
 * makes the asserted factor of 10 a conservative lower bound on the true one. Also prints ESS per
 * second (not asserted).
 */
class EfficiencyTest {

    @Test
    void nutsBeatsMalaOnTheIllConditionedGaussianByAWideMargin() {
        Gaussian g = Gaussian.illConditioned();
        double[] start = g.point(new double[10]);
        double nuts = report("NUTS", new Nuts(), g, start, SamplingPlan.defaults().withSeed(21));
        double mala = report("MALA", new Mala(), g, start, SamplingPlan.defaults().withDraws(25_000).withSeed(21));
        double factor = nuts / mala;
        System.out.printf("NUTS / MALA, ESS per gradient evaluation: %.1f%n", factor);
        assertTrue(factor >= 10, "NUTS beats MALA by only " + factor);
    }

    private static double report(String name, Sampler s, Gaussian g, double[] start, SamplingPlan plan) {
        long t0 = System.nanoTime();
        SamplingResult r = s.sample(g, start, plan);
        double seconds = (System.nanoTime() - t0) / 1e9;
        double minEss = Double.POSITIVE_INFINITY;
        for (int k = 0; k < r.dimension(); k++) {
            minEss = Math.min(minEss, Diagnostics.essBulk(r.coordinateDraws(k)));
        }
        double perGradient = minEss / r.gradientEvaluations();
        System.out.printf("%s, ill-conditioned Gaussian: %d chains x %d draws, min bulk ESS %.1f, %d gradient"
                + " evaluations, ESS/gradient %.3g, ESS/s %.0f (%.2f s with warm-up), acceptance %.3f%n", name,
                r.chains(), r.draws(), minEss, r.gradientEvaluations(), perGradient, minEss / seconds, seconds,
                r.acceptanceRate());
        return perGradient;
    }
}
