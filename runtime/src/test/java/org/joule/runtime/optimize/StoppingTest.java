package org.joule.runtime.optimize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Every stop reason, the listener, determinism and bad input. */
class StoppingTest {
    private static final StoppingRules TIGHT = StoppingRules.defaults().withGradientTolerance(1e-11)
            .withRelativeChange(0);

    /** (x0 - 3)^2 + (x1 + 2)^2, whose energy is NaN where x0 &gt; 2.5 and whose x1 gradient is NaN where x1 &lt; 0. */
    static final class Poisoned extends VectorEnergy {
        Poisoned() {
            super(2);
        }

        @Override
        double f(double[] x, double[] g) {
            if (g != null) {
                g[0] = 2 * (x[0] - 3);
                g[1] = x[1] < 0 ? Double.NaN : 2 * (x[1] + 2);
            }
            return x[0] > 2.5 ? Double.NaN : (x[0] - 3) * (x[0] - 3) + (x[1] + 2) * (x[1] + 2);
        }

        @Override
        void hv(double[] x, double[] v, double[] out) {
            out[0] = 2 * v[0];
            out[1] = 2 * v[1];
        }
    }

    @Test
    void maxIterations() {
        VectorEnergy.Quadratic q = Problems.quadratic();
        OptimizationResult r = GradientDescent.fixedStep(0.1).minimize(q, q.point(0, new double[5], 0),
                TIGHT.withMaxIterations(3));
        assertEquals(StopReason.MAX_ITERATIONS, r.stopReason());
        assertFalse(r.converged());
        assertEquals(3, r.iterations());
        assertEquals(4, r.evaluations(), "the start and one per iteration");
        OptimizationResult none = new Lbfgs().minimize(q, q.point(0, new double[5], 0), TIGHT.withMaxIterations(0));
        assertEquals(StopReason.MAX_ITERATIONS, none.stopReason());
        assertEquals(0, none.iterations());
    }

    @Test
    void maxEvaluationsIsAHardLimitEvenInsideALineSearch() {
        VectorEnergy.Rosenbrock f = new VectorEnergy.Rosenbrock();
        for (int limit = 1; limit < 12; limit++) {
            f.valueAndGradientCalls = 0;
            OptimizationResult r = new Lbfgs().minimize(f, f.point(0, new double[] {-1.2, 1}, 0),
                    TIGHT.withMaxEvaluations(limit));
            assertEquals(StopReason.MAX_EVALUATIONS, r.stopReason(), r.toString());
            assertEquals(limit, r.evaluations());
            assertEquals(limit, f.valueAndGradientCalls);
            assertTrue(r.message().contains("at iteration " + (r.iterations() + 1)), r.message());
            double[] g = new double[2];
            assertEquals(f.valueAndGradient(r.x(), g), r.value(), 0.0, "the result is a point actually reached");
        }
    }

    /** Gradient descent with step 0.1 maps x0 to 0.8 x0 + 0.6: the first iterate above 2.5 is replayed here. */
    @Test
    void nonFiniteEnergyNamesTheIteration() {
        Poisoned f = new Poisoned();
        OptimizationResult r = GradientDescent.fixedStep(0.1).minimize(f, f.point(0, new double[] {0, 1000}, 0), TIGHT);
        int expected = 0;
        double x0 = 0;
        while (x0 <= 2.5) {
            x0 = 0.8 * x0 + 0.6;
            expected++;
        }
        assertEquals(StopReason.NON_FINITE, r.stopReason());
        assertEquals("energy is NaN at iteration " + expected, r.message());
        assertEquals(expected - 1, r.iterations());
        assertTrue(Double.isFinite(r.value()) && r.x()[1] <= 2.5, "the last finite iterate is returned: " + r);
    }

    /** x1 maps to 0.8 x1 - 0.4: 1, 0.4, -0.08, so the gradient entry for x[1] is NaN at iteration 2. */
    @Test
    void nonFiniteGradientNamesTheCoordinate() {
        Poisoned f = new Poisoned();
        OptimizationResult r = GradientDescent.fixedStep(0.1).minimize(f, f.point(0, new double[] {0, 1}, 0), TIGHT);
        assertEquals(StopReason.NON_FINITE, r.stopReason());
        assertEquals("gradient entry for 'x[1]' is NaN at iteration 2", r.message());
        assertEquals(1, r.iterations());
        assertEquals(0.4, r.x()[2], 1e-15);
    }

    @Test
    void gradientTolerance() {
        VectorEnergy.Quadratic q = Problems.quadratic();
        OptimizationResult r = new Lbfgs().minimize(q, q.point(0, new double[5], 0),
                StoppingRules.defaults().withGradientTolerance(1e-4).withRelativeChange(0));
        assertEquals(StopReason.GRADIENT_TOLERANCE, r.stopReason());
        double[] g = new double[5];
        q.valueAndGradient(r.x(), g);
        double norm = 0;
        for (double gi : g) {
            norm = Math.max(norm, Math.abs(gi));
        }
        assertEquals(norm, r.gradientNorm(), 0.0, "the reported norm is the inf-norm of the gradient at x");
        assertTrue(norm <= 1e-4);
        OptimizationResult atStart = new Lbfgs().minimize(q, r.x(), StoppingRules.defaults().withGradientTolerance(1e-4));
        assertEquals(0, atStart.iterations(), "a start that already meets the tolerance takes no step");
        assertTrue(atStart.converged());
    }

    @Test
    void relativeChange() {
        VectorEnergy.Quadratic q = Problems.quadratic();
        OptimizationResult r = GradientDescent.fixedStep(0.1).minimize(q, q.point(0, new double[5], 0),
                StoppingRules.defaults().withGradientTolerance(0).withRelativeChange(1e-6));
        assertEquals(StopReason.RELATIVE_CHANGE, r.stopReason(), r.toString());
        assertTrue(r.converged());
    }

    /** The energy returns the gradient of x^2 with the wrong sign, so no step along -g decreases it. */
    @Test
    void lineSearchFailure() {
        VectorEnergy wrongSign = new VectorEnergy(1) {
            @Override
            double f(double[] x, double[] g) {
                if (g != null) {
                    g[0] = -2 * x[0];
                }
                return x[0] * x[0];
            }

            @Override
            void hv(double[] x, double[] v, double[] out) {
                out[0] = -2 * v[0];
            }
        };
        double[] start = wrongSign.point(0, new double[] {1}, 0);
        for (Optimizer o : new Optimizer[] {GradientDescent.armijo(), new Lbfgs(), new TrustRegionNewton()}) {
            OptimizationResult r = o.minimize(wrongSign, start, TIGHT);
            assertEquals(StopReason.LINE_SEARCH_FAILED, r.stopReason(), o + ": " + r);
            assertEquals(1, r.x()[1], 0.0);
            assertTrue(r.message().endsWith("at iteration 1"), r.message());
        }
    }

    @Test
    void theListenerSeesEveryIterationAndMayStop() {
        VectorEnergy.Quadratic q = Problems.quadratic();
        List<Integer> seen = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        OptimizationResult r = new Lbfgs().minimize(q, q.point(0, new double[5], 0), TIGHT, (k, x, value, g) -> {
            seen.add(k);
            values.add(value);
            assertEquals(q.value(x), value, 0.0, "x and value belong together");
            return k < 4;
        });
        assertEquals(StopReason.LISTENER, r.stopReason());
        assertEquals(List.of(1, 2, 3, 4), seen);
        assertEquals(values.get(3), r.value(), 0.0);
        assertEquals(4, r.iterations());
    }

    @Test
    void sameStartSameResult() {
        List<Supplier<Optimizer>> all = List.of(() -> GradientDescent.armijo(), () -> Momentum.nesterov(0.05, 0.5),
                () -> new Adam(0.05), Lbfgs::new, TrustRegionNewton::new, () -> Fista.fista(0.01));
        VectorEnergy.Rosenbrock f = new VectorEnergy.Rosenbrock();
        double[] start = f.point(0, new double[] {-1.2, 1}, 0);
        StoppingRules rules = StoppingRules.defaults().withMaxIterations(200);
        for (Supplier<Optimizer> o : all) {
            OptimizationResult first = o.get().minimize(f, start, rules);
            OptimizationResult second = o.get().minimize(f, start, rules);
            assertEquals(first, second);
            Optimizer shared = o.get();
            assertEquals(shared.minimize(f, start, rules), shared.minimize(f, start, rules), "an optimiser keeps no state");
        }
        assertEquals(CommonsMath.conjugateGradient(f, start, rules), CommonsMath.conjugateGradient(f, start, rules));
    }

    @Test
    void badInputNamesTheCulprit() {
        VectorEnergy.Quadratic q = Problems.quadratic();
        Lbfgs lbfgs = new Lbfgs();
        assertMessage("energy is null", () -> lbfgs.minimize(null, new double[7]));
        assertMessage("start is null", () -> lbfgs.minimize(q, null));
        assertMessage("start has length 3; expected 7", () -> lbfgs.minimize(q, new double[3]));
        double[] nan = new double[7];
        nan[6] = Double.NaN;
        assertMessage("start coordinate 'c' is NaN", () -> lbfgs.minimize(q, nan));
        Poisoned p = new Poisoned();
        assertMessage("at the start: energy is NaN", () -> lbfgs.minimize(p, p.point(0, new double[] {3, 0}, 0)));
        assertMessage("at the start: gradient entry for 'x[1]' is NaN",
                () -> lbfgs.minimize(p, p.point(0, new double[] {0, -1}, 0)));
        assertMessage("at the start: energy is NaN",
                () -> CommonsMath.conjugateGradient(p, p.point(0, new double[] {3, 0}, 0), TIGHT));
        assertMessage("gradientTolerance is -1.0", () -> StoppingRules.defaults().withGradientTolerance(-1));
        assertMessage("relativeChange is NaN", () -> StoppingRules.defaults().withRelativeChange(Double.NaN));
        assertMessage("maxIterations is -1", () -> StoppingRules.defaults().withMaxIterations(-1));
        assertMessage("maxEvaluations is 0", () -> StoppingRules.defaults().withMaxEvaluations(0));
        assertMessage("lambda is -0.1", () -> Fista.fista(-0.1));
        assertMessage("lambda is NaN", () -> Fista.ista(Double.NaN));
        assertMessage("step is 0.0", () -> GradientDescent.fixedStep(0));
        assertMessage("momentum is 1.0", () -> Momentum.heavyBall(0.1, 1));
        assertMessage("learningRate is NaN", () -> new Adam(Double.NaN));
        assertMessage("memory is 0", () -> new Lbfgs(0, 1e-4, 0.9));
        assertMessage("initialRadius is -1.0", () -> new TrustRegionNewton(-1, 10));
        assertMessage("rules is null", () -> lbfgs.minimize(q, new double[7], null));
        assertMessage("listener is null", () -> lbfgs.minimize(q, new double[7], TIGHT, null));
    }

    @Test
    void theResultCopiesItsArray() {
        VectorEnergy.Quadratic q = Problems.quadratic();
        OptimizationResult r = new Lbfgs().minimize(q, q.point(0, new double[5], 0));
        double[] x = r.x();
        x[1] = 42;
        assertArrayEquals(r.x(), new Lbfgs().minimize(q, q.point(0, new double[5], 0)).x(), 0.0);
    }

    private static void assertMessage(String start, Runnable r) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertTrue(e.getMessage().startsWith(start), e.getMessage());
    }
}
