package org.joule.compiler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.joule.graph.Energy;
import org.joule.graph.Graph;
import org.joule.graph.Joule;
import org.joule.graph.Losses;
import org.joule.graph.Node;
import org.joule.graph.NoiseRows;
import org.joule.graph.ScoreMatching;
import org.joule.graph.Tensor;
import org.joule.runtime.CompiledEnergy;
import org.joule.runtime.EnergyFunction;
import org.joule.runtime.Role;
import org.joule.runtime.RowMean;
import org.joule.runtime.optimize.Lbfgs;
import org.joule.runtime.optimize.OptimizationResult;
import org.joule.runtime.optimize.StopReason;
import org.joule.runtime.optimize.StoppingRules;
import org.junit.jupiter.api.Test;

/**
 * Score matching compiled: the known answers for the Gaussian energy
 * E = ½ (y − μ)ᵀ L Lᵀ (y − μ) in d = 3 (μ and the lower-triangular L are parameters), found by
 * L-BFGS on the compiled mean objective, and bit-for-bit agreement of compiled objectives and
 * losses with the interpreter.
 *
 * <p>Known answers, with S the biased (1/N) sample covariance and ȳ the sample mean:
 * <ul>
 *   <li>exact score matching (Hyvärinen 2005): μ = ȳ, P = L Lᵀ = S^{-1};
 *   <li>sliced (Song et al. 2019), averaged over all 2^d sign vectors per row: the same;
 *   <li>denoising (Vincent 2011) with noise of per-row mean 0 and second moment I (all sign
 *       vectors): μ = ȳ, P = (S + σ² I)^{-1} exactly, see {@link ScoreMatching#denoising}; with
 *       Gaussian noise the same up to Monte Carlo error.
 * </ul>
 * Tolerance 1e-6 on μ and on every entry of P (which are of order 1): each minimiser found is
 * certified within about 1e-7 of the exact minimiser of the mean objective by its gradient
 * and the smallest eigenvalue of its Hessian (see {@link #minimize}), so what remains is the
 * distance of that minimiser from the closed form: 0 in exact arithmetic.
 */
class ScoreMatchingCompiledTest {
    private static final int D = 3;
    private static final int N = 60;

    /** The Gaussian energy; layout y[3], mu[3], l[6] (L row-major, lower triangle), eps[3]. */
    private static final class Gaussian {
        final Graph g = new Graph();
        final Tensor y = g.vector("y", D, Role.DATA);
        final Tensor mu = g.vector("mu", D, Role.PARAMETER);
        final Tensor l = g.vector("l", D * (D + 1) / 2, Role.PARAMETER);
        final Tensor eps = g.vector("eps", D, Role.DATA);
        final Node e;

        Gaussian() {
            Tensor r = y.minus(mu);
            List<Node> ltr = new ArrayList<>(); // (Lᵀ r)_j = Σ_{i >= j} L_ij r_i
            for (int j = 0; j < D; j++) {
                List<Node> terms = new ArrayList<>();
                for (int i = j; i < D; i++) {
                    terms.add(l.get(i * (i + 1) / 2 + j).times(r.get(i)));
                }
                ltr.add(Joule.sum(terms));
            }
            e = Tensor.vector(ltr).squaredNorm().times(0.5);
        }

        /** The start: μ = 0, L = I. */
        double[] start() {
            double[] x = new double[g.layout().size()];
            for (int i = 0; i < D; i++) {
                x[2 * D + i * (i + 1) / 2 + i] = 1;
            }
            return x;
        }

        static double[] mu(double[] x) {
            return java.util.Arrays.copyOfRange(x, D, 2 * D);
        }

        static double[][] precision(double[] x) {
            double[][] lm = new double[D][D];
            for (int i = 0; i < D; i++) {
                for (int j = 0; j <= i; j++) {
                    lm[i][j] = x[2 * D + i * (i + 1) / 2 + j];
                }
            }
            double[][] p = new double[D][D];
            for (int i = 0; i < D; i++) {
                for (int j = 0; j < D; j++) {
                    for (int k = 0; k < D; k++) {
                        p[i][j] += lm[i][k] * lm[j][k];
                    }
                }
            }
            return p;
        }
    }

    /** N points y = A z + m with z standard normal: covariance A Aᵀ with eigenvalues about 0.3 to 3. */
    private static double[] data() {
        double[][] a = {{1.2, 0, 0}, {0.6, 0.8, 0}, {-0.3, 0.4, 0.7}};
        double[] m = {1, -2, 0.5};
        double[] z = NoiseRows.gaussian(new double[D], D, N, 2024);
        double[] rows = new double[N * D];
        for (int r = 0; r < N; r++) {
            for (int i = 0; i < D; i++) {
                double s = m[i];
                for (int k = 0; k < D; k++) {
                    s += a[i][k] * z[2 * D * r + D + k];
                }
                rows[r * D + i] = s;
            }
        }
        return rows;
    }

    private static double[] mean(double[] rows) {
        double[] m = new double[D];
        for (int r = 0; r < N; r++) {
            for (int i = 0; i < D; i++) {
                m[i] += rows[r * D + i] / N;
            }
        }
        return m;
    }

    /** The biased sample covariance plus shift I. */
    private static double[][] covariance(double[] rows, double shift) {
        double[] m = mean(rows);
        double[][] s = new double[D][D];
        for (int r = 0; r < N; r++) {
            for (int i = 0; i < D; i++) {
                for (int j = 0; j < D; j++) {
                    s[i][j] += (rows[r * D + i] - m[i]) * (rows[r * D + j] - m[j]) / N;
                }
            }
        }
        for (int i = 0; i < D; i++) {
            s[i][i] += shift;
        }
        return s;
    }

    /** Gauss-Jordan inverse with partial pivoting. */
    private static double[][] inverse(double[][] m) {
        int n = m.length;
        double[][] a = new double[n][2 * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(m[i], 0, a[i], 0, n);
            a[i][n + i] = 1;
        }
        for (int c = 0; c < n; c++) {
            int p = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[p][c])) {
                    p = r;
                }
            }
            double[] t = a[c];
            a[c] = a[p];
            a[p] = t;
            double pivot = a[c][c];
            for (int k = 0; k < 2 * n; k++) {
                a[c][k] /= pivot;
            }
            for (int r = 0; r < n; r++) {
                if (r != c) {
                    double f = a[r][c];
                    for (int k = 0; k < 2 * n; k++) {
                        a[r][k] -= f * a[c][k];
                    }
                }
            }
        }
        double[][] inv = new double[n][n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], n, inv[i], 0, n);
        }
        return inv;
    }

    /**
     * L-BFGS from {@code start} until the gradient's infinity norm is 1e-9 or the line search
     * can no longer resolve a decrease (near the minimum a step s decreases the value by about
     * g·s, below the rounding of a value of 4 to 600 once |g| is about 1e-8 to 1e-7). Then
     * certifies the answer: the mean objective is locally quadratic with Hessian H (its
     * Hessian-vector products are the compiled fourth derivatives of E), so the distance to the
     * exact minimiser is about ‖g‖₂ / λ_min(H), required to be below 1e-7.
     */
    private static OptimizationResult minimize(EnergyFunction loss, double[] start) {
        return minimize(loss, start, 1e-7);
    }

    /** {@link #minimize(EnergyFunction, double[])}, certified within {@code certified}. */
    private static OptimizationResult minimize(EnergyFunction loss, double[] start, double certified) {
        OptimizationResult r = new Lbfgs().minimize(loss, start, StoppingRules.defaults()
                .withGradientTolerance(1e-9).withRelativeChange(0).withMaxIterations(2000).withMaxEvaluations(20_000));
        assertTrue(r.converged() || r.stopReason() == StopReason.LINE_SEARCH_FAILED && r.gradientNorm() < 1e-6,
                r::toString);
        double[] g = loss.gradient(r.x());
        double norm = 0;
        for (double gi : g) {
            norm += gi * gi;
        }
        double smallest = new EigenDecomposition(new Array2DRowRealMatrix(loss.hessian(r.x()))).getRealEigenvalues()
                [g.length - 1];
        double distance = Math.sqrt(norm) / smallest;
        assertTrue(smallest > 0 && distance < certified, "lambda_min " + smallest + ", |g| " + Math.sqrt(norm));
        System.out.printf(Locale.ROOT, "  L-BFGS: %s after %d iterations, |g|_2 %.2e, lambda_min(H) %.3f,"
                + " distance to the minimiser about %.1e%n", r.stopReason(), r.iterations(), Math.sqrt(norm), smallest,
                distance);
        return r;
    }

    private static void assertGaussian(double[] x, double[] mu, double[][] precision, double tolerance, String what) {
        assertArrayEquals(mu, Gaussian.mu(x), tolerance, what + ": mu");
        double[][] p = Gaussian.precision(x);
        for (int i = 0; i < D; i++) {
            assertArrayEquals(precision[i], p[i], tolerance, what + ": row " + i + " of P");
        }
    }

    @Test
    void exactScoreMatchingFindsTheSampleMeanAndInverseCovariance() {
        Gaussian m = new Gaussian();
        Energy objective = Energy.of(ScoreMatching.exact(m.e, m.y)).wrt(Role.PARAMETER);
        double[] data = data();
        long t0 = System.nanoTime();
        CompiledEnergy compiled = Compiler.compile(objective);
        long t1 = System.nanoTime();
        OptimizationResult r = minimize(RowMean.byVariables(compiled, data, 2, "y"), m.start());
        long t2 = System.nanoTime();
        assertGaussian(r.x(), mean(data), inverse(covariance(data, 0)), 1e-6, "exact score matching");
        System.out.printf(Locale.ROOT, "exact score matching, d = %d, N = %d: compile %.1f ms, L-BFGS %d iterations,"
                        + " %d evaluations, %.1f ms, |grad|_inf %.2e, max |P - S^-1| %.2e%n", D, N, (t1 - t0) / 1e6,
                r.iterations(), r.evaluations(), (t2 - t1) / 1e6, r.gradientNorm(),
                maxDifference(Gaussian.precision(r.x()), inverse(covariance(data, 0))));
        // the interpreter takes the same path to the same bits
        OptimizationResult interpreted = minimize(RowMean.byVariables(objective.interpreter(), data, 1, "y"),
                m.start());
        assertArrayEquals(r.x(), interpreted.x());
        assertEquals(r.iterations(), interpreted.iterations());
    }

    @Test
    void slicedScoreMatchingOverAllSignVectorsFindsTheSameAnswer() {
        Gaussian m = new Gaussian();
        double[] data = data();
        double[] rows = NoiseRows.allSigns(data, D);
        double[][] expected = inverse(covariance(data, 0));
        for (Node j : List.of(ScoreMatching.sliced(m.e, m.y, m.eps), ScoreMatching.slicedVarianceReduced(m.e, m.y,
                m.eps))) {
            CompiledEnergy compiled = Compiler.compile(Energy.of(j).wrt(Role.PARAMETER));
            OptimizationResult r = minimize(RowMean.of(compiled, rows, 2), m.start());
            assertGaussian(r.x(), mean(data), expected, 1e-6, "sliced score matching");
        }
    }

    @Test
    void denoisingScoreMatchingFindsTheSmoothedCovarianceInClosedForm() {
        Gaussian m = new Gaussian();
        double[] data = data();
        double[] rows = NoiseRows.allSigns(data, D);
        double[][] inverseS = inverse(covariance(data, 0));
        for (double sigma : new double[] {0.5, 0.05}) {
            CompiledEnergy compiled = Compiler.compile(Energy.of(ScoreMatching.denoising(m.e, m.y, m.eps, sigma))
                    .wrt(Role.PARAMETER));
            OptimizationResult r = minimize(RowMean.of(compiled, rows, 2), m.start());
            double[][] expected = inverse(covariance(data, sigma * sigma));
            assertGaussian(r.x(), mean(data), expected, 1e-6, "denoising score matching, sigma " + sigma);
            // (S + σ² I)^{-1} − S^{-1} = −σ² S^{-1} (S + σ² I)^{-1}: at most σ² ‖S^{-1}‖² in norm,
            // so P tends to the exact score-matching answer as σ → 0
            double bound = sigma * sigma * Math.pow(frobenius(inverseS), 2);
            double distance = maxDifference(Gaussian.precision(r.x()), inverseS);
            assertTrue(distance <= bound, "sigma " + sigma + ": |P - S^-1| = " + distance + " > " + bound);
            System.out.printf(Locale.ROOT, "denoising score matching, sigma %.2f: %d iterations, max |P - S^-1| %.3e,"
                    + " max |P - (S + sigma^2 I)^-1| %.2e%n", sigma, r.iterations(), distance,
                    maxDifference(Gaussian.precision(r.x()), expected));
        }
    }

    @Test
    void denoisingScoreMatchingWithGaussianNoiseApproachesTheClosedForm() {
        Gaussian m = new Gaussian();
        double[] data = data();
        double sigma = 0.5;
        int draws = 400;
        double[] rows = NoiseRows.gaussian(data, D, draws, 77);
        CompiledEnergy compiled = Compiler.compile(Energy.of(ScoreMatching.denoising(m.e, m.y, m.eps, sigma))
                .wrt(Role.PARAMETER));
        OptimizationResult r = minimize(RowMean.of(compiled, rows, 2), m.start(), 1e-4);
        double[][] expected = inverse(covariance(data, sigma * sigma));
        double[][] p = Gaussian.precision(r.x());
        // 24,000 noise draws: the noise moments that enter the closed form (the mean of ε, of
        // ε yᵀ and of ε εᵀ − I) are off by about 1/sqrt(24,000) = 0.0065 times |y| ≈ 3 and 1/σ
        // = 2, so P by a few percent of |P| ≈ 2; 0.15 is several such errors. Seeded: no flake.
        double distance = maxDifference(p, expected);
        assertTrue(distance < 0.15, "max |P - (S + sigma^2 I)^-1| = " + distance);
        assertArrayEquals(mean(data), Gaussian.mu(r.x()), 0.1, "mu");
        // and the smoothing is visible: S^{-1} is further away than the closed form's error
        assertTrue(maxDifference(p, inverse(covariance(data, 0))) > 2 * distance);
        System.out.printf(Locale.ROOT, "denoising score matching, Gaussian noise, sigma %.2f, %d draws per row:"
                + " max |P - (S + sigma^2 I)^-1| %.3e, max |mu - mean| %.3e%n", sigma, draws, distance,
                maxDifference(new double[][] {Gaussian.mu(r.x())}, new double[][] {mean(data)}));
    }

    @Test
    void rowMeanIsTheMeanOfTheRowsWhateverTheThreadCount() {
        Gaussian m = new Gaussian();
        CompiledEnergy compiled = Compiler.compile(Energy.of(ScoreMatching.exact(m.e, m.y)).wrt(Role.PARAMETER));
        double[] data = data();
        double[] x = m.start();
        x[D] = 0.3;
        double[] g1 = new double[compiled.wrtLength()];
        double[] g4 = new double[compiled.wrtLength()];
        double v1 = RowMean.byVariables(compiled, data, 1, "y").valueAndGradient(x, g1);
        double v4 = RowMean.byVariables(compiled, data, 4, "y").valueAndGradient(x, g4);
        assertEquals(Double.doubleToLongBits(v1), Double.doubleToLongBits(v4));
        assertArrayEquals(g1, g4);
        double sum = 0;
        for (int r = 0; r < N; r++) {
            System.arraycopy(data, r * D, x, 0, D);
            sum += compiled.value(x);
        }
        assertEquals(sum / N, v1, 1e-12 * Math.abs(sum / N));
        assertEquals(N, RowMean.byVariables(compiled, data, 1, "y").rowCount());
        double[] bad = data.clone();
        bad[4] = Double.NaN;
        assertMessage(() -> RowMean.byVariables(compiled, bad, 1, "y"), "row 1, coordinate 'y[1]' is NaN");
        assertMessage(() -> RowMean.byVariables(compiled, new double[0], 1, "y"), "the rows are empty");
        assertMessage(() -> RowMean.byVariables(compiled, new double[4], 1, "y"), "expected a multiple of the row length 3");
        assertMessage(() -> RowMean.byVariables(compiled, data, 0, "y"), "threads must be at least 1, not 0");
        assertMessage(() -> RowMean.byVariables(compiled, data, 1, "nope"), "nope");
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable call, String fragment) {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(fragment), () -> "message '" + e.getMessage() + "' lacks '" + fragment + "'");
    }

    /** An MLP energy: E = Σ_k c_k tanh(W_k · y + b_k) + ½ ‖y‖², y in R^3, 4 units. */
    @Test
    void compiledObjectivesAndLossesAgreeWithTheInterpreterBitForBit() {
        Graph g = new Graph();
        Tensor y = g.vector("y", D, Role.DATA);
        Tensor w = g.matrix("W", 4, D, Role.PARAMETER);
        Tensor b = g.vector("b", 4, Role.PARAMETER);
        Tensor c = g.vector("c", 4, Role.PARAMETER);
        Tensor v = g.vector("v", D, Role.DATA);
        Tensor wrong = g.vector("wrong", D, Role.DATA);
        Tensor pre = w.matVec(y).plus(b);
        List<Node> units = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            units.add(c.get(k).times(pre.get(k).tanh()));
        }
        Node e = Joule.sum(units).plus(y.squaredNorm().times(0.5));
        Node offending = g.substitute(e, y, wrong);
        List<Node> objectives = List.of(ScoreMatching.exact(e, y), ScoreMatching.sliced(e, y, v),
                ScoreMatching.slicedVarianceReduced(e, y, v), ScoreMatching.denoising(e, y, v, 0.1),
                Losses.hinge(e, offending, 1), Losses.log(e, offending), Losses.squareSquare(e, offending, 2));
        SplittableRandom random = new SplittableRandom(51);
        for (Node objective : objectives) {
            Energy energy = Energy.of(objective).wrt(Role.PARAMETER);
            EnergyFunction interpreted = energy.interpreter();
            EnergyFunction compiled = Compiler.compile(energy);
            for (int trial = 0; trial < 30; trial++) {
                double[] x = new double[energy.layout().size()];
                double[] dir = new double[energy.wrtIndices().length];
                for (int i = 0; i < x.length; i++) {
                    x[i] = random.nextDouble(-2, 2);
                }
                for (int i = 0; i < dir.length; i++) {
                    dir[i] = random.nextDouble(-1, 1);
                }
                CompiledPropertiesTest.assertAgree(interpreted, compiled, x, dir, objective.op().textName()
                        + " objective");
            }
        }
    }

    private static double maxDifference(double[][] a, double[][] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                m = Math.max(m, Math.abs(a[i][j] - b[i][j]));
            }
        }
        return m;
    }

    private static double frobenius(double[][] a) {
        double s = 0;
        for (double[] row : a) {
            for (double x : row) {
                s += x * x;
            }
        }
        return Math.sqrt(s);
    }
}
