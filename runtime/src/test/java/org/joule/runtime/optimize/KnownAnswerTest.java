package org.joule.runtime.optimize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;

/** Rosenbrock, the LASSO with an orthogonal design, L-BFGS's termination and gradient descent's contraction. */
class KnownAnswerTest {

    /**
     * From (-1.2, 1) to (1, 1). Tolerance: the Hessian at (1, 1) is [[802, -400], [-400, 200]]
     * with smallest eigenvalue 0.4, so a gradient inf-norm of 1e-10 puts x within
     * sqrt(2) 1e-10 / 0.4 = 4e-10 of (1, 1); we ask for 1e-8.
     */
    @Test
    void lbfgsTrustRegionAndCommonsMathSolveRosenbrock() {
        StoppingRules rules = StoppingRules.defaults().withGradientTolerance(1e-10).withRelativeChange(0);
        VectorEnergy.Rosenbrock f = new VectorEnergy.Rosenbrock();
        double[] start = f.point(2, new double[] {-1.2, 1}, 3);
        List<OptimizationResult> results = List.of(new Lbfgs().minimize(f, start, rules),
                new TrustRegionNewton().minimize(f, start, rules));
        for (OptimizationResult r : results) {
            assertEquals(StopReason.GRADIENT_TOLERANCE, r.stopReason(), r.toString());
            assertEquals(1, r.x()[1], 1e-8, r.toString());
            assertEquals(1, r.x()[2], 1e-8, r.toString());
            assertEquals(2, r.x()[0], 0.0);
            assertEquals(3, r.x()[3], 0.0);
            System.out.println("Rosenbrock: " + r);
        }
        assertTrue(results.get(1).hessianVectorProducts() > 0, "trust-region Newton uses Hessian-vector products");
    }

    /**
     * Commons Math's CG with Brent line searches (relative tolerance 1e-8 on the step) stalls
     * earlier than L-BFGS: we ask for a gradient of 1e-7, which puts x within
     * sqrt(2) 1e-7 / 0.4 = 4e-7 of (1, 1), and check 1e-6. The fixed coordinate a is 0, so
     * E = f + a c has no constant offset: with a = 2 (offset 6) Commons Math's value-based line
     * search stalls at a gradient of about 2e-5.
     */
    @Test
    void commonsMathConjugateGradientSolvesRosenbrock() {
        StoppingRules rules = StoppingRules.defaults().withGradientTolerance(1e-7).withRelativeChange(0)
                .withMaxIterations(100_000).withMaxEvaluations(1_000_000);
        VectorEnergy.Rosenbrock f = new VectorEnergy.Rosenbrock();
        OptimizationResult r = CommonsMath.conjugateGradient(f, f.point(0, new double[] {-1.2, 1}, 3), rules);
        System.out.println("Rosenbrock, Commons Math CG: " + r);
        assertEquals(StopReason.GRADIENT_TOLERANCE, r.stopReason(), r.toString());
        assertEquals(1, r.x()[1], 1e-6);
        assertEquals(1, r.x()[2], 1e-6);
        assertEquals(3, r.x()[3], 0.0);
        assertEquals(f.valueAndGradientCalls, r.evaluations(), "every energy call is counted, once");
        assertEquals(0, f.valueCalls);
    }

    /**
     * The LASSO ||Dx - b||^2/2 + lambda ||x||_1 with D = sqrt(3) Q, Q with orthonormal columns,
     * so D'D = 3 I and the minimiser is soft-thresholding in closed form:
     * x* = S_(lambda/3)(D'b / 3). With b = D v, D'b/3 = v = (2, -0.05, -0.7, 0.01) and
     * lambda/3 = 0.1: x* = (1.9, 0, -0.6, 0). F is 3-strongly convex, so a smallest subgradient
     * of 1e-11 puts x within 2 (1e-11)/3 of x*; we ask for 1e-8 relative. The zero entries sit
     * 0.05 and 0.09 inside the threshold, so the proximal step sets them to exactly 0.
     */
    @Test
    void istaAndFistaSolveTheLassoWithAnOrthogonalDesign() {
        RealMatrix d = Problems.orthonormalColumns(6, 4, 7).scalarMultiply(Math.sqrt(3));
        double[] v = {2, -0.05, -0.7, 0.01};
        double[] b = d.operate(v);
        double lambda = 0.3;
        double[] expected = new double[4];
        double[] dtb = d.transpose().operate(b);
        for (int i = 0; i < 4; i++) {
            double u = dtb[i] / 3;
            expected[i] = Math.signum(u) * Math.max(Math.abs(u) - lambda / 3, 0);
        }
        assertEquals(0, expected[1], 0.0);
        assertEquals(0, expected[3], 0.0);
        VectorEnergy.LeastSquares f = new VectorEnergy.LeastSquares(d.getData(), b);
        StoppingRules rules = StoppingRules.defaults().withGradientTolerance(1e-11).withRelativeChange(0)
                .withMaxIterations(100_000);
        for (Fista method : List.of(Fista.ista(lambda), Fista.fista(lambda), Fista.fista(lambda).withInitialLipschitz(0.01))) {
            OptimizationResult r = method.minimize(f, f.point(1, new double[] {1, 1, 1, 1}, 1), rules);
            System.out.println("LASSO: " + r);
            assertEquals(StopReason.GRADIENT_TOLERANCE, r.stopReason(), r.toString());
            double[] x = f.xOf(r.x());
            for (int i = 0; i < 4; i++) {
                assertEquals(expected[i], x[i], 1e-8 * 1.9, r.toString());
            }
            assertEquals(0.0, x[1], 0.0, "exact zero");
            assertEquals(0.0, x[3], 0.0, "exact zero");
            double penalised = f.f(x, null) + 1 + lambda * (Math.abs(x[0]) + Math.abs(x[2]));
            assertEquals(penalised, r.value(), 1e-15 * Math.abs(penalised), "the value is energy plus penalty");
        }
    }

    /**
     * Finite termination: with a near-exact line search (c2 = 0.01; on a quadratic the first
     * cubic interpolation of zoom is exact) and memory at least n, L-BFGS generates the
     * conjugate gradient directions and so reaches a gradient of 1e-9 in at most n + 3
     * iterations on a 12-dimensional quadratic with eigenvalues from 1 to 100, where gradient
     * descent would need thousands.
     */
    @Test
    void lbfgsTerminatesOnAQuadraticInAboutNIterations() {
        int n = 12;
        double[] eigenvalues = new double[n];
        for (int i = 0; i < n; i++) {
            eigenvalues[i] = Math.pow(100, i / (n - 1.0));
        }
        VectorEnergy.Quadratic q = new VectorEnergy.Quadratic(Problems.symmetric(eigenvalues, 5), Problems.vector(n, 6));
        StoppingRules rules = StoppingRules.defaults().withGradientTolerance(1e-9).withRelativeChange(0);
        OptimizationResult r = new Lbfgs(n, 1e-4, 0.01).minimize(q, q.point(0, new double[n], 0), rules);
        System.out.println("L-BFGS, n = " + n + ": " + r);
        assertEquals(StopReason.GRADIENT_TOLERANCE, r.stopReason(), r.toString());
        assertTrue(r.iterations() <= n + 3, r.toString());
        double[] expected = Problems.minimiser(q);
        double[] x = q.xOf(r.x());
        for (int i = 0; i < n; i++) {
            assertEquals(expected[i], x[i], 1e-8 * Math.sqrt(n), r.toString());
        }
    }

    /**
     * Gradient descent with step 1/L on a quadratic with eigenvalues in [m, L] = [1, 10]
     * contracts the error by at least 1 - m/L = 0.9 per iteration. Slack for rounding: one step
     * computes x - (Ax - b)/L with an error of about n eps (||x|| + (||A|| ||x|| + ||b||)/L),
     * below 1e-13 here; we allow 1e-12 and stop after 150 steps, while the error is still above 1e-8.
     */
    @Test
    void gradientDescentContractsByTheKnownFactor() {
        VectorEnergy.Quadratic q = Problems.quadratic();
        double[] expected = Problems.minimiser(q);
        List<Double> errors = new ArrayList<>();
        IterationListener record = (k, x, value, g) -> errors.add(distance(q.xOf(x), expected));
        OptimizationResult r = GradientDescent.fixedStep(0.1).minimize(q, q.point(0, new double[5], 0),
                StoppingRules.defaults().withGradientTolerance(0).withRelativeChange(0).withMaxIterations(150), record);
        assertEquals(StopReason.MAX_ITERATIONS, r.stopReason());
        assertEquals(150, errors.size(), "the listener is called once per iteration");
        double previous = distance(new double[5], expected);
        for (double e : errors) {
            assertTrue(e <= 0.9 * previous + 1e-12, e + " after " + previous);
            previous = e;
        }
        assertTrue(previous > 1e-8, "the test stays above rounding: " + previous);
    }

    private static double distance(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(s);
    }
}
