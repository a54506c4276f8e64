package org.joule.runtime.optimize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Energies that are NaN outside an open domain, such as log barriers: a trial point outside
 * it shortens the step (line searches, Armijo, FISTA) or shrinks the trust region, instead
 * of stopping the run.
 */
class BarrierTest {
    /** f(x) = sum_i -log x_i - log(1 - x_i) + x_i, NaN outside (0, 1)^n; minimiser (3 - sqrt 5)/2 per coordinate. */
    static final class Barrier extends VectorEnergy {
        Barrier(int n) {
            super(n);
        }

        @Override
        double f(double[] x, double[] g) {
            double value = 0;
            for (int i = 0; i < x.length; i++) {
                value += -Math.log(x[i]) - Math.log(1 - x[i]) + x[i];
                if (g != null) {
                    g[i] = -1 / x[i] + 1 / (1 - x[i]) + 1;
                }
            }
            return value;
        }

        @Override
        void hv(double[] x, double[] v, double[] out) {
            for (int i = 0; i < x.length; i++) {
                out[i] = (1 / (x[i] * x[i]) + 1 / ((1 - x[i]) * (1 - x[i]))) * v[i];
            }
        }
    }

    private static final double MINIMISER = (3 - Math.sqrt(5)) / 2;

    /**
     * From x = (0.01, 0.99, 0.5) the first steps of every method leave (0, 1): the gradient
     * is about -99 and +99. At the minimiser f'' is about 11.1, so a gradient tolerance of
     * 1e-8 puts x within 1e-9 of it (tighter tolerances meet the rounding of f first).
     */
    @Test
    void searchesStepBackIntoTheDomain() {
        Barrier f = new Barrier(3);
        double[] start = f.point(0, new double[] {0.01, 0.99, 0.5}, 0);
        StoppingRules rules = StoppingRules.defaults().withGradientTolerance(1e-8).withRelativeChange(0);
        for (Optimizer method : List.of(new Lbfgs(), new TrustRegionNewton(), GradientDescent.armijo())) {
            OptimizationResult r = method.minimize(f, start, rules);
            assertTrue(r.converged(), method + ": " + r);
            for (double x : f.xOf(r.x())) {
                assertEquals(MINIMISER, x, 2e-9, method + ": " + r);
            }
        }
    }

    @Test
    void fistaShrinksItsStepIntoTheDomain() {
        Barrier f = new Barrier(2);
        double lambda = 0.1;
        // on (0, 1), f'(x) + 0.1 = 0 with f'(x) = -1/x + 1/(1-x) + 1 gives 1.1 x^2 - 3.1 x + 1 = 0
        double expected = (3.1 - Math.sqrt(3.1 * 3.1 - 4 * 1.1)) / (2 * 1.1);
        OptimizationResult r = Fista.fista(lambda).minimize(f, f.point(0, new double[] {0.02, 0.97}, 0),
                StoppingRules.defaults().withGradientTolerance(1e-8).withRelativeChange(0).withMaxIterations(5000));
        assertTrue(r.converged(), r.toString());
        for (double x : f.xOf(r.x())) {
            assertEquals(expected, x, 2e-9, r.toString()); // |x - x*| <= g / f'' = 1e-8 / 9.8
        }
    }

    @Test
    void anEnergyUnboundedBelowStillStops() {
        VectorEnergy log = new VectorEnergy(1) {
            @Override
            double f(double[] x, double[] g) {
                if (g != null) {
                    g[0] = 1 / x[0];
                }
                return Math.log(x[0]); // -infinity at 0: unbounded below
            }

            @Override
            void hv(double[] x, double[] v, double[] out) {
                out[0] = -v[0] / (x[0] * x[0]);
            }
        };
        OptimizationResult r = new TrustRegionNewton().minimize(log, log.point(0, new double[] {1}, 0));
        assertEquals(StopReason.NON_FINITE, r.stopReason(), r.toString());
        assertTrue(r.message().contains("unbounded below"), r.message());
        assertTrue(Double.isFinite(r.value()), r.toString());
    }
}
