package org.joule.runtime.sampling;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Neal's funnel: the neck's curvature e^(−v) outgrows any step tuned in the mouth, so NUTS and
 * HMC hit divergent trajectories; they must be counted, and no draw may be NaN or infinite.
 */
class FunnelTest {
    private static final SamplingPlan PLAN = SamplingPlan.defaults().withWarmup(500).withDraws(500).withSeed(5);

    @Test
    void nutsReportsDivergencesAndNoNaN() {
        SamplingResult r = new Nuts().sample(new Funnel(), new double[Funnel.N + 1], PLAN);
        System.out.println("NUTS on the funnel: " + r);
        assertTrue(r.divergences() > 0, "divergences " + r.divergences());
        assertFinite(r);
    }

    @Test
    void hmcReportsDivergencesAndNoNaN() {
        SamplingResult r = new Hmc(0.5, 20, 0, Adaptation.none()).sample(new Funnel(), new double[Funnel.N + 1], PLAN);
        assertTrue(r.divergences() > 0, "divergences " + r.divergences());
        assertFinite(r);
    }

    /**
     * The Gamma(2, 1) energy E = y − log y is NaN for y &lt; 0; a large unadjusted Langevin step
     * often lands there, and that step is refused and counted, never a NaN draw.
     */
    @Test
    void langevinRefusesStepsToNonFiniteEnergies() {
        SamplingResult r = new Langevin(1.5).sample(new GammaEnergy(), new double[] {2}, PLAN);
        assertTrue(r.divergences() > 0, "divergences " + r.divergences());
        assertFinite(r);
    }

    /** E = y − log y over one scalar y: NaN (and a NaN gradient) for y &lt; 0. */
    private static final class GammaEnergy implements org.joule.runtime.EnergyFunction {
        private final org.joule.runtime.Layout layout = new org.joule.runtime.Layout(java.util.List.of(
                new org.joule.runtime.Variable("y", org.joule.runtime.Role.LATENT, 1, 1, 0, 0)));

        @Override
        public org.joule.runtime.Layout layout() {
            return layout;
        }

        @Override
        public int wrtLength() {
            return 1;
        }

        @Override
        public int wrt(int k) {
            return 0;
        }

        @Override
        public double value(double[] x) {
            return x[0] - Math.log(x[0]);
        }

        @Override
        public double valueAndGradient(double[] x, double[] gradient) {
            gradient[0] = x[0] < 0 ? Double.NaN : 1 - 1 / x[0];
            return value(x);
        }

        @Override
        public void hessianVectorProduct(double[] x, double[] v, double[] out) {
            out[0] = v[0] / (x[0] * x[0]);
        }
    }

    private static void assertFinite(SamplingResult r) {
        for (int c = 0; c < r.chains(); c++) {
            for (int d = 0; d < r.draws(); d++) {
                for (int k = 0; k < r.dimension(); k++) {
                    assertTrue(Double.isFinite(r.draw(c, d, k)), "chain " + c + ", draw " + d + ", " + k);
                }
            }
            for (double e : r.energies(c)) {
                assertTrue(Double.isFinite(e), "energy " + e);
            }
        }
    }
}
