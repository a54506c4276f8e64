package org.joule.runtime.optimize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every optimiser on the strictly convex quadratic x'Ax/2 - b'x (eigenvalues 1 to 10, n = 5)
 * reaches A^-1 b, computed independently by LU decomposition, to 1e-8 relative.
 *
 * <p>Tolerance: with the gradient's inf-norm at most 1e-11 and the smallest eigenvalue 1,
 * ||x - x*||_2 &lt;= ||g||_2 / 1 &lt;= sqrt(5) 1e-11, five hundred times below 1e-8 ||x*||_inf
 * (||x*||_inf is about 1). The gradient's own rounding, about n eps ||A|| ||x|| = 1e-14, is
 * far below the tolerance, so every method can get there.
 */
class QuadraticTest {
    static final StoppingRules RULES = StoppingRules.defaults().withGradientTolerance(1e-11).withRelativeChange(0)
            .withMaxIterations(100_000).withMaxEvaluations(1_000_000);

    static Stream<Arguments> optimizers() {
        double l = 10;
        double m = 1;
        double heavyBallStep = 4 / Math.pow(Math.sqrt(l) + Math.sqrt(m), 2);
        double heavyBallMomentum = Math.pow((Math.sqrt(l) - Math.sqrt(m)) / (Math.sqrt(l) + Math.sqrt(m)), 2);
        double nesterovMomentum = (Math.sqrt(l / m) - 1) / (Math.sqrt(l / m) + 1);
        return Stream.of(
                Arguments.of("gradient descent, step 1/L", GradientDescent.fixedStep(1 / l)),
                Arguments.of("gradient descent, Armijo", GradientDescent.armijo()),
                Arguments.of("heavy ball", Momentum.heavyBall(heavyBallStep, heavyBallMomentum)),
                Arguments.of("Nesterov", Momentum.nesterov(1 / l, nesterovMomentum)),
                Arguments.of("Adam, AMSGrad", new Adam(0.05, 0.9, 0.999, 1e-8, true)),
                Arguments.of("Adam, eps dominating near the minimum", new Adam(0.05, 0.9, 0.999, 0.5, false)),
                Arguments.of("L-BFGS", new Lbfgs()),
                Arguments.of("trust-region Newton", new TrustRegionNewton()),
                Arguments.of("ISTA, lambda 0", Fista.ista(0)),
                Arguments.of("FISTA, lambda 0", Fista.fista(0)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void reachesTheMinimiser(String name, Optimizer optimizer) {
        VectorEnergy.Quadratic q = Problems.quadratic();
        double[] expected = Problems.minimiser(q);
        double[] start = q.point(0.25, new double[5], -3);
        double[] startCopy = start.clone();
        OptimizationResult r = optimizer.minimize(q, start, RULES);
        assertEquals(StopReason.GRADIENT_TOLERANCE, r.stopReason(), r.toString());
        assertTrue(r.converged());
        double[] x = q.xOf(r.x());
        double scale = Arrays.stream(expected).map(Math::abs).max().orElseThrow();
        for (int i = 0; i < x.length; i++) {
            assertEquals(expected[i], x[i], 1e-8 * scale, name + ": x[" + i + "] after " + r);
        }
        assertEquals(0.25, r.x()[0], 0.0, "a is not differentiated and stays");
        assertEquals(-3, r.x()[6], 0.0, "c is not differentiated and stays");
        assertTrue(Arrays.equals(startCopy, start), "the start array is not modified");
        System.out.println(name + ": " + r.iterations() + " iterations, " + r.evaluations() + " evaluations, "
                + r.hessianVectorProducts() + " Hv");
    }

    /**
     * Commons Math's conjugate gradient through the adapter, same problem and answer. Its Brent
     * line search compares values, which stop resolving progress once f - f* ~ g^2 is below the
     * rounding of f* = -0.95, so it stalls near a gradient of 8e-10 (found by this test); we ask
     * for 2e-9, which bounds ||x - x*||_2 by sqrt(5) 2e-9 = 4.5e-9, below 1e-8 ||x*||_inf = 6.8e-9.
     */
    @org.junit.jupiter.api.Test
    void commonsMathConjugateGradientReachesTheMinimiser() {
        VectorEnergy.Quadratic q = Problems.quadratic();
        double[] expected = Problems.minimiser(q);
        OptimizationResult r = CommonsMath.conjugateGradient(q, q.point(0, new double[5], 0),
                RULES.withGradientTolerance(2e-9));
        assertEquals(StopReason.GRADIENT_TOLERANCE, r.stopReason(), r.toString());
        double[] x = q.xOf(r.x());
        double scale = Arrays.stream(expected).map(Math::abs).max().orElseThrow();
        for (int i = 0; i < x.length; i++) {
            assertEquals(expected[i], x[i], 1e-8 * scale, "x[" + i + "] after " + r);
        }
    }
}
