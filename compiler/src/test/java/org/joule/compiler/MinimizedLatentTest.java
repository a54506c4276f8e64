package org.joule.compiler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.DoubleUnaryOperator;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.univariate.BrentOptimizer;
import org.apache.commons.math3.optim.univariate.SearchInterval;
import org.apache.commons.math3.optim.univariate.UnivariateObjectiveFunction;
import org.joule.graph.Energy;
import org.joule.graph.Graph;
import org.joule.graph.Node;
import org.joule.graph.Tensor;
import org.joule.runtime.EnergyFunction;
import org.joule.runtime.Role;
import org.joule.runtime.latent.LatentMinimum;
import org.joule.runtime.latent.LatentNotConvergedException;
import org.joule.runtime.latent.MinimizedLatent;
import org.joule.runtime.latent.WarmStart;
import org.joule.runtime.optimize.Lbfgs;
import org.joule.runtime.optimize.OptimizationResult;
import org.joule.runtime.optimize.StopReason;
import org.joule.runtime.optimize.TrustRegionNewton;
import org.junit.jupiter.api.Test;

/**
 * The free energy F(y; W) = min_z E(y, z; W) of compiled energies: the lecture's ellipse against
 * a brute-force minimum, the envelope gradient against finite differences of F itself, a convex
 * case in closed form, non-convergence, warm starts, determinism and threads.
 */
class MinimizedLatentTest {
    private static final double W1 = 2;
    private static final double W2 = 1.5;
    /** Starts covering the basins of the ellipse's z (a local minimum lies in every half turn). */
    private static final double[][] QUARTERS = {{0}, {Math.PI / 2}, {Math.PI}, {3 * Math.PI / 2}};

    /** The ellipse energy E = (y1 - w1 cos z)^2 + (y2 - w2 sin z)^2; layout [y (2), z, w (2)]. */
    private static Node ellipse(Graph g) {
        Tensor y = g.vector("y", 2, Role.DATA);
        Node z = g.scalar("z", Role.LATENT);
        Tensor w = g.vector("w", 2, Role.PARAMETER);
        return y.get(0).minus(w.get(0).times(z.cos())).square().plus(y.get(1).minus(w.get(1).times(z.sin())).square());
    }

    private static MinimizedLatent ellipseFreeEnergy() {
        Node e = ellipse(new Graph());
        EnergyFunction inner = Compiler.compile(Energy.of(e).wrt(Role.LATENT));
        EnergyFunction outer = Compiler.compile(Energy.of(e).wrt(Role.DATA, Role.PARAMETER));
        return MinimizedLatent.of(inner, outer);
    }

    private static double[] at(double y1, double y2, double z) {
        return new double[] {y1, y2, z, W1, W2};
    }

    /** min over z of the ellipse energy by a grid of 100000 points refined by Brent. */
    private static double bruteForce(double y1, double y2, double w1, double w2) {
        DoubleUnaryOperator e = z -> sq(y1 - w1 * Math.cos(z)) + sq(y2 - w2 * Math.sin(z));
        int n = 100_000;
        double h = 2 * Math.PI / n;
        int best = 0;
        for (int i = 1; i < n; i++) {
            if (e.applyAsDouble(i * h) < e.applyAsDouble(best * h)) {
                best = i;
            }
        }
        double refined = new BrentOptimizer(1e-14, 1e-16).optimize(new MaxEval(1000), GoalType.MINIMIZE,
                new UnivariateObjectiveFunction(e::applyAsDouble),
                new SearchInterval((best - 1) * h, (best + 1) * h, best * h)).getValue();
        return Math.min(refined, e.applyAsDouble(best * h));
    }

    private static double sq(double v) {
        return v * v;
    }

    /**
     * Random points (y1, y2) in [-3, 3]^2 away from the kink of F: the segment y2 = 0,
     * |y1| &lt;= (w1^2 - w2^2) / w1 = 0.875 where the two nearest points of the ellipse swap,
     * kept at a margin (|y2| &gt;= 0.25 or |y1| &gt;= 1.2) so that the global minimiser is unique,
     * non-degenerate, and stays on one branch within a finite-difference step.
     */
    private static List<double[]> smoothPoints(int count, long seed) {
        Random r = new Random(seed);
        List<double[]> points = new ArrayList<>();
        while (points.size() < count) {
            double y1 = -3 + 6 * r.nextDouble();
            double y2 = -3 + 6 * r.nextDouble();
            if (Math.abs(y2) >= 0.25 || Math.abs(y1) >= 1.2) {
                points.add(at(y1, y2, 2 * Math.PI * r.nextDouble()));
            }
        }
        return points;
    }

    @Test
    void ellipseAtTheOriginIsTheSquaredMinorSemiAxis() {
        // At y = 0, E = 4 cos^2 z + 2.25 sin^2 z: minimum w2^2 = 2.25 at z = +-pi/2, maximum 4 at
        // z = 0, pi. A run from z = 0 stops at once on the maximum (gradient exactly 0), which is
        // why the quarter-turn starts are needed and why the best of them wins.
        MinimizedLatent f = ellipseFreeEnergy().withStarts(QUARTERS);
        assertEquals(2.25, f.value(at(0, 0, 0)), 1e-10);
        assertEquals(4, ellipseFreeEnergy().value(at(0, 0, 0)), 0, "one start on the maximum stays there");
        assertEquals(2.25, ellipseFreeEnergy().value(at(0, 0, 0.3)), 1e-10, "one start in the basin of pi/2");
        double z = f.argmin(at(0, 0, 0))[0];
        assertEquals(1, Math.abs(Math.sin(z)), 1e-10, "z* = +-pi/2 modulo 2 pi, found " + z);
        double[] g = f.gradient(at(0, 0, 0));
        // dF/dy = -2 (w1 cos z*, w2 sin z*) = (0, -+3); dF/dw = (0, 2 w2 sin^2 z* - 2 y2 sin z*) = (0, 3)
        assertArrayEquals(new double[] {0, -3 * Math.sin(z), 0, 3}, g, 1e-9);
    }

    @Test
    void ellipseOffTheOriginMatchesABruteForceMinimum() {
        // Both sides are min_z E to about 1e-15 (the inner gradient tolerance 1e-10 gives a value
        // error of order 1e-20; Brent's bracket of width 1e-14 relative, one of order 1e-28 in E):
        // 1e-9 leaves a wide margin and still catches a wrong branch (local minima differ by far more).
        MinimizedLatent lbfgs = ellipseFreeEnergy().withStarts(QUARTERS);
        MinimizedLatent newton = lbfgs.withOptimizer(new TrustRegionNewton());
        for (double[] x : smoothPoints(40, 8)) {
            double expected = bruteForce(x[0], x[1], W1, W2);
            assertEquals(expected, lbfgs.value(x), 1e-9, () -> "L-BFGS at y = " + x[0] + ", " + x[1]);
            assertEquals(expected, newton.value(x), 1e-9, () -> "Newton at y = " + x[0] + ", " + x[1]);
        }
        // the other parameters too: a circle of radius 1.2, where F = (|y| - 1.2)^2
        double[] circle = {0.3, -0.4, 1, 1.2, 1.2};
        assertEquals(sq(0.5 - 1.2), lbfgs.value(circle), 1e-10);
    }

    @Test
    void envelopeGradientMatchesFiniteDifferencesOfTheFreeEnergy() {
        // Central differences D = (F(x + h e) - F(x - h e)) / 2h. Error analysis: truncation
        // h^2 |F'''| / 6, with |F'''| below about 1e2 on these points (F is the squared distance
        // to the ellipse, smooth away from the kink and the evolute's cusps at (+-0.875, 0), which
        // the margin avoids): about 2e-9 for h = 1e-5. Rounding: each F carries an error of a few
        // ulps of the terms, below 1e-14, plus the inner optimiser's error of order
        // ||g_z||^2 / E_zz below 1e-19: 1e-14 / h = 1e-9. The envelope gradient itself is off by
        // about |E_yz| ||g_z|| / E_zz, below 1e-8 for ||g_z|| <= 1e-10 and E_zz >= 0.1. In all
        // below 2e-8; we allow 1e-6 relative to max(1, |dF|).
        MinimizedLatent f = ellipseFreeEnergy().withStarts(QUARTERS);
        double h = 1e-5;
        for (double[] x : smoothPoints(25, 11)) {
            double[] g = f.gradient(x);
            for (int k = 0; k < f.wrtLength(); k++) {
                int i = f.wrt(k);
                double[] plus = x.clone();
                double[] minus = x.clone();
                plus[i] += h;
                minus[i] -= h;
                double fd = (f.value(plus) - f.value(minus)) / (2 * h);
                String where = f.layout().coordinateName(i) + " at y = (" + x[0] + ", " + x[1] + ")";
                assertEquals(fd, g[k], 1e-6 * Math.max(1, Math.abs(fd)), where);
            }
        }
    }

    @Test
    void convexLatentHasItsClosedForm() {
        // E = 1/2 ||z - A y||^2 + 1/2 lambda ||z||^2: z* = A y / (1 + lambda),
        // F = 1/2 lambda / (1 + lambda) ||A y||^2, dF/dy = c A'A y and dF/dA = c (A y) y' with
        // c = lambda / (1 + lambda), dF/dlambda = 1/2 ||z*||^2. The inner Hessian is (1 + lambda) I,
        // so z* is within 1e-10 / (1 + lambda) and every closed-form quantity within ~1e-9 relative.
        Graph g = new Graph();
        Tensor y = g.vector("y", 2, Role.DATA);
        Tensor z = g.vector("z", 3, Role.LATENT);
        Tensor a = g.matrix("A", 3, 2, Role.PARAMETER);
        Node lambda = g.scalar("lambda", Role.PARAMETER);
        Node e = z.minus(a.matVec(y)).squaredNorm().times(0.5).plus(lambda.times(z.squaredNorm()).times(0.5));
        EnergyFunction inner = Compiler.compile(Energy.of(e).wrt(Role.LATENT));
        EnergyFunction outer = Compiler.compile(Energy.of(e).wrt(Role.DATA, Role.PARAMETER));
        double[] yv = {0.8, -1.3};
        double[][] av = {{1, 2}, {-0.5, 0.25}, {3, -1}};
        double lam = 0.7;
        double c = lam / (1 + lam);
        double[] ay = new double[3];
        for (int i = 0; i < 3; i++) {
            ay[i] = av[i][0] * yv[0] + av[i][1] * yv[1];
        }
        double ay2 = ay[0] * ay[0] + ay[1] * ay[1] + ay[2] * ay[2];
        // layout [y (2), z (3), A (3x2), lambda]; outer wrt y, A, lambda
        double[] x = {yv[0], yv[1], 9, -9, 4, av[0][0], av[0][1], av[1][0], av[1][1], av[2][0], av[2][1], lam};
        double[] expected = new double[9];
        for (int j = 0; j < 2; j++) {
            for (int i = 0; i < 3; i++) {
                expected[j] += c * av[i][j] * ay[i];
                expected[2 + 2 * i + j] = c * ay[i] * yv[j];
            }
        }
        expected[8] = 0.5 * ay2 / ((1 + lam) * (1 + lam));
        MinimizedLatent lbfgs = MinimizedLatent.of(inner, outer);
        for (MinimizedLatent f : new MinimizedLatent[] {lbfgs, lbfgs.withOptimizer(new TrustRegionNewton())}) {
            double[] grad = new double[f.wrtLength()];
            assertEquals(0.5 * c * ay2, f.valueAndGradient(x, grad), 1e-12 * ay2);
            for (int k = 0; k < grad.length; k++) {
                assertEquals(expected[k], grad[k], 1e-9 * Math.max(1, Math.abs(expected[k])),
                        f.layout().coordinateName(f.wrt(k)));
            }
            double[] zStar = f.argmin(x);
            for (int i = 0; i < 3; i++) {
                assertEquals(ay[i] / (1 + lam), zStar[i], 1e-9, f.latentName(i));
            }
        }
    }

    @Test
    void oneInnerIterationIsReportedNeverReturned() {
        MinimizedLatent f = ellipseFreeEnergy().withRules(MinimizedLatent.defaultRules().withMaxIterations(1));
        double[] x = at(1, 0.8, 0);
        LatentNotConvergedException e = assertThrows(LatentNotConvergedException.class, () -> f.value(x));
        assertEquals(StopReason.MAX_ITERATIONS, e.stopReason());
        assertTrue(e.gradientNorm() > MinimizedLatent.defaultRules().gradientTolerance());
        for (String part : new String[] {"over z", "y[0] = 1.0", "y[1] = 0.8", "w[0] = 2.0", "w[1] = 1.5",
            "MAX_ITERATIONS", "gradient inf-norm " + e.gradientNorm()}) {
            assertTrue(e.getMessage().contains(part), () -> "'" + part + "' missing from: " + e.getMessage());
        }
        assertThrows(LatentNotConvergedException.class, () -> f.gradient(x));
        assertThrows(LatentNotConvergedException.class, () -> f.argmin(x));
        LatentMinimum m = f.minimize(x);
        assertFalse(m.converged());
        assertEquals(1, m.iterations());
    }

    @Test
    void aLineSearchStalledByRoundingIsPolishedByNewtonOnTheGradient() {
        // L-BFGS alone stops where the value no longer changes in its last bits, with the
        // gradient near sqrt(eps) (about 5e-9 here); Newton steps on the gradient take it
        // below the 1e-10 tolerance, so the envelope gradient is accurate to that order.
        Node e = ellipse(new Graph());
        EnergyFunction inner = Compiler.compile(Energy.of(e).wrt(Role.LATENT));
        double[] x = at(1.3, 0.9, 0);
        OptimizationResult alone = new Lbfgs().minimize(inner, x, MinimizedLatent.defaultRules());
        assertEquals(StopReason.LINE_SEARCH_FAILED, alone.stopReason());
        assertTrue(alone.gradientNorm() > 1e-10, "the stall this test is about: " + alone);
        LatentMinimum m = ellipseFreeEnergy().minimize(x);
        assertTrue(m.converged(), m.toString());
        assertTrue(m.gradientNorm() <= 1e-10, m.toString());
        assertTrue(m.bestRun().message().contains("Newton steps on the gradient"), m.toString());
        assertEquals(bruteForce(1.3, 0.9, W1, W2), m.value(), 1e-12);
    }

    @Test
    void warmStartSavesInnerIterations() {
        MinimizedLatent f = ellipseFreeEnergy();
        double[] first = at(1.3, 0.9, 0);
        double[] second = at(1.301, 0.899, 0);
        LatentMinimum there = f.minimize(first);
        LatentMinimum cold = f.minimize(second);
        // from the input: the caller writes z* of the first point into the second
        double[] warmInput = second.clone();
        warmInput[2] = f.argmin(first)[0];
        LatentMinimum warm = f.minimize(warmInput);
        assertTrue(warm.iterations() < cold.iterations(),
                "warm " + warm.iterations() + " vs cold " + cold.iterations() + " iterations");
        assertEquals(cold.value(), warm.value(), 1e-14);
        // from the thread's previous z*: the caller changes nothing
        MinimizedLatent previous = f.withWarmStart(WarmStart.PREVIOUS);
        assertEquals(there.iterations(), previous.minimize(first).iterations(), "the first call starts from x");
        LatentMinimum remembered = previous.minimize(second);
        assertEquals(warm.iterations(), remembered.iterations());
        assertEquals(warm.value(), remembered.value(), 0, "the same start as the warm input, the same bits");
    }

    @Test
    void repeatedCallsGiveTheSameBits() {
        MinimizedLatent f = ellipseFreeEnergy().withStarts(QUARTERS);
        double[] x = at(1.3, 0.9, 0.2);
        double[] g1 = new double[4];
        double v1 = f.valueAndGradient(x, g1);
        f.value(at(-2, 1, 3));
        double[] g2 = new double[4];
        assertEquals(v1, f.valueAndGradient(x, g2), 0);
        assertArrayEquals(g1, g2, 0);
        assertEquals(v1, f.value(x), 0, "value and valueAndGradient agree");
        // PREVIOUS: two instances given the same sequence of calls start alike, so agree bit for bit
        List<double[]> points = smoothPoints(10, 3);
        assertEquals(sequence(f.withWarmStart(WarmStart.PREVIOUS), points),
                sequence(f.withWarmStart(WarmStart.PREVIOUS), points));
    }

    /** F and its gradient along a sequence of points, as text with every bit. */
    private static List<String> sequence(MinimizedLatent f, List<double[]> points) {
        List<String> out = new ArrayList<>();
        for (double[] x : points) {
            double[] g = new double[f.wrtLength()];
            double v = f.valueAndGradient(x, g);
            StringBuilder b = new StringBuilder(Long.toHexString(Double.doubleToRawLongBits(v)));
            for (double gi : g) {
                b.append(' ').append(Long.toHexString(Double.doubleToRawLongBits(gi)));
            }
            out.add(b.toString());
        }
        return out;
    }

    @Test
    void threadsGetTheValuesOneThreadGets() throws Exception {
        List<double[]> points = smoothPoints(30, 5);
        for (WarmStart mode : WarmStart.values()) {
            MinimizedLatent f = ellipseFreeEnergy().withStarts(QUARTERS).withWarmStart(mode);
            List<String> alone = sequence(ellipseFreeEnergy().withStarts(QUARTERS).withWarmStart(mode), points);
            int threads = 4;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<List<String>>> results = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    Callable<List<String>> task = () -> {
                        go.await();
                        return sequence(f, points);
                    };
                    results.add(pool.submit(task));
                }
                go.countDown();
                for (Future<List<String>> r : results) {
                    assertEquals(alone, r.get(), mode.toString());
                }
            } finally {
                pool.shutdown();
            }
        }
    }
}
