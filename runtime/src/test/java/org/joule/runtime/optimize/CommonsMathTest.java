package org.joule.runtime.optimize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.analysis.MultivariateFunction;
import org.apache.commons.math3.analysis.MultivariateVectorFunction;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.SimpleBounds;
import org.apache.commons.math3.optim.SimpleValueChecker;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunctionGradient;
import org.apache.commons.math3.optim.nonlinear.scalar.gradient.NonLinearConjugateGradientOptimizer;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;
import org.joule.runtime.EnergyFunction;
import org.junit.jupiter.api.Test;

/** The Commons Math adapters, both ways. */
class CommonsMathTest {

    @Test
    void valueAndGradientAtOnePointCostOneEvaluation() {
        VectorEnergy.Quadratic q = Problems.quadratic();
        double[] base = q.point(0.5, new double[5], 2);
        EnergyObjective f = CommonsMath.objective(q, base);
        double[] p = {0.1, 0.2, 0.3, 0.4, 0.5};
        double value = f.value(p);
        double[] g = f.gradient(p);
        assertEquals(1, q.valueAndGradientCalls, "gradient after value at the same point is cached");
        double[] expectedG = new double[5];
        assertEquals(q.f(p, expectedG) + 0.5 * 2, value, 0.0, "the fixed coordinates come from the base");
        assertArrayEquals(expectedG, g, 0.0);
        g[0] = 99;
        assertEquals(expectedG[0], f.gradient(p)[0], 0.0, "the caller may modify the returned gradient");
        double[] other = {1, 1, 1, 1, 1};
        f.gradient(other);
        f.value(other);
        assertEquals(2, q.valueAndGradientCalls, "value after gradient is cached too");
        f.value(p);
        assertEquals(2, q.valueAndGradientCalls, "the point of lowest value stays cached");
        assertEquals(0, q.valueCalls);
        base[0] = 1000;
        assertEquals(value, f.value(new double[] {0.1, 0.2, 0.3, 0.4, 0.5}), 0.0, "the base was copied");
        assertArrayEquals(new double[] {0.5, 1, 1, 1, 1, 1, 2}, f.fullPoint(other), 0.0);
        assertArrayEquals(new double[5], f.startPoint(), 0.0);
    }

    /**
     * Commons Math's CG asks for the value at every line-search point and for the gradient at
     * the point where each line search ends (and at the start): with the cache, the energy is
     * called once per distinct point, no more than the value requests plus the first gradient.
     */
    @Test
    void conjugateGradientDoesNotDoubleEvaluations() {
        VectorEnergy.Rosenbrock r = new VectorEnergy.Rosenbrock();
        EnergyObjective f = CommonsMath.objective(r, r.point(0, new double[] {-1.2, 1}, 0));
        int[] gradientRequests = new int[1];
        ObjectiveFunctionGradient counted = new ObjectiveFunctionGradient(x -> {
            gradientRequests[0]++;
            return f.gradient(x);
        });
        NonLinearConjugateGradientOptimizer cg = new NonLinearConjugateGradientOptimizer(
                NonLinearConjugateGradientOptimizer.Formula.POLAK_RIBIERE, new SimpleValueChecker(1e-14, 1e-300));
        PointValuePair p = cg.optimize(new MaxEval(100_000), f.objectiveFunction(), counted, GoalType.MINIMIZE,
                new InitialGuess(f.startPoint()));
        assertArrayEquals(new double[] {1, 1}, p.getPoint(), 1e-6);
        int valueRequests = cg.getEvaluations();
        assertTrue(gradientRequests[0] > 10, "many gradient requests: " + gradientRequests[0]);
        assertEquals(r.valueAndGradientCalls, f.energyCalls());
        assertTrue(f.energyCalls() <= valueRequests + 1, f.energyCalls() + " energy calls for " + valueRequests
                + " value and " + gradientRequests[0] + " gradient requests");
    }

    /** BOBYQA through the MultivariateFunction view, over the wrt coordinates only. */
    @Test
    void bobyqaMinimisesTheQuadraticOverWrt() {
        VectorEnergy.Quadratic q = Problems.quadratic();
        EnergyObjective f = CommonsMath.objective(q, q.point(0.5, new double[5], 2));
        PointValuePair p = new BOBYQAOptimizer(2 * f.dimension() + 1, 0.5, 1e-10).optimize(new MaxEval(10_000),
                f.objectiveFunction(), GoalType.MINIMIZE, new InitialGuess(f.startPoint()),
                SimpleBounds.unbounded(f.dimension()));
        assertArrayEquals(Problems.minimiser(q), p.getPoint(), 1e-7);
        double[] full = f.fullPoint(p.getPoint());
        assertEquals(0.5, full[0], 0.0);
        assertEquals(2, full[6], 0.0);
    }

    /**
     * Joule's optimisers on a Commons Math function: Rosenbrock written as a Commons Math
     * function and gradient. L-BFGS needs only the gradient; trust-region Newton uses the
     * central-difference Hessian-vector products, whose relative error of about 1e-10 still
     * lets it reach a gradient of 1e-9, so x within 4e-9 of (1, 1) (smallest Hessian eigenvalue 0.4).
     */
    @Test
    void joulesOptimisersRunOnACommonsMathFunction() {
        MultivariateFunction value = x -> 100 * Math.pow(x[1] - x[0] * x[0], 2) + Math.pow(1 - x[0], 2);
        MultivariateVectorFunction gradient = x -> new double[] {
            -400 * x[0] * (x[1] - x[0] * x[0]) - 2 * (1 - x[0]), 200 * (x[1] - x[0] * x[0])};
        EnergyFunction e = CommonsMath.energy(2, value, gradient);
        assertEquals("x[1]", e.layout().coordinateName(1));
        double[] hv = new double[2];
        e.hessianVectorProduct(new double[] {-1.2, 1}, new double[] {0.3, -0.7}, hv);
        double h00 = 1200 * 1.44 - 400 + 2;
        double h01 = -400 * -1.2;
        assertEquals(h00 * 0.3 + h01 * -0.7, hv[0], 1e-6 * Math.abs(h00));
        assertEquals(h01 * 0.3 + 200 * -0.7, hv[1], 1e-6 * Math.abs(h00));
        StoppingRules rules = StoppingRules.defaults().withGradientTolerance(1e-9).withRelativeChange(0);
        for (Optimizer o : new Optimizer[] {new Lbfgs(), new TrustRegionNewton()}) {
            OptimizationResult r = o.minimize(e, new double[] {-1.2, 1}, rules);
            assertEquals(StopReason.GRADIENT_TOLERANCE, r.stopReason(), r.toString());
            assertArrayEquals(new double[] {1, 1}, r.x(), 1e-8, r.toString());
        }
        assertThrows(IllegalArgumentException.class, () -> e.value(new double[3]));
    }

    @Test
    void nonFiniteEnergyIsAnArithmeticExceptionNamingTheCoordinate() {
        VectorEnergy poisoned = new VectorEnergy(2) {
            @Override
            double f(double[] x, double[] g) {
                if (g != null) {
                    g[0] = 1;
                    g[1] = x[1] < 0 ? Double.NaN : 1;
                }
                return x[0] + x[1];
            }

            @Override
            void hv(double[] x, double[] v, double[] out) {
            }
        };
        EnergyObjective f = CommonsMath.objective(poisoned, poisoned.point(0, new double[2], 0));
        ArithmeticException e = assertThrows(ArithmeticException.class, () -> f.value(new double[] {0, -1}));
        assertTrue(e.getMessage().contains("'x[1]'"), e.getMessage());
    }
}
