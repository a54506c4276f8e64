package org.joule.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.joule.runtime.EnergyFunction;
import org.joule.runtime.Role;
import org.junit.jupiter.api.Test;

/**
 * {@link ScoreMatching} with the interpreter: the exact, sliced and denoising objectives
 * against plain-Java formulas on a 2-D energy with a closed-form gradient and Hessian; their
 * W-gradients (third-order mixed derivatives of E) against finite differences; the sliced
 * objective's mean over the 2^d sign vectors against the exact objective (E[v vᵀ] = I makes
 * the identity exact); the seeded noise rows; and bad input.
 *
 * <p>Rounding unit u = 2^−53. Tolerances are stated, with their reason, where they are used.
 */
class ScoreMatchingTest {

    /**
     * E(y; a, b, c) = ½ a y0² + b sin(y0 y1) + c exp(y1), with
     * ∂E/∂y0 = a y0 + b y1 cos(y0 y1), ∂E/∂y1 = b y0 cos(y0 y1) + c e^{y1},
     * ∂²E/∂y0² = a − b y1² sin(y0 y1), ∂²E/∂y1² = −b y0² sin(y0 y1) + c e^{y1},
     * ∂²E/∂y0∂y1 = b cos(y0 y1) − b y0 y1 sin(y0 y1). Layout y[2], a, b, c, v[2].
     */
    private static final class Wavy {
        final Graph g = new Graph();
        final Tensor y = g.vector("y", 2, Role.DATA);
        final Node a = g.scalar("a", Role.PARAMETER);
        final Node b = g.scalar("b", Role.PARAMETER);
        final Node c = g.scalar("c", Role.PARAMETER);
        final Tensor v = g.vector("v", 2, Role.DATA);
        final Node e = a.times(y.get(0).square()).times(0.5).plus(b.times(y.get(0).times(y.get(1)).sin()))
                .plus(c.times(y.get(1).exp()));

        static double[] gradient(double[] x) {
            double y0 = x[0];
            double y1 = x[1];
            double cos = Math.cos(y0 * y1);
            return new double[] {x[2] * y0 + x[3] * y1 * cos, x[3] * y0 * cos + x[4] * Math.exp(y1)};
        }

        static double[][] hessian(double[] x) {
            double y0 = x[0];
            double y1 = x[1];
            double sin = Math.sin(y0 * y1);
            double off = x[3] * Math.cos(y0 * y1) - x[3] * y0 * y1 * sin;
            return new double[][] {{x[2] - x[3] * y1 * y1 * sin, off}, {off, -x[3] * y0 * y0 * sin + x[4] * Math.exp(y1)}};
        }

        /** A scale of the terms each objective adds: the sum of their absolute values. */
        static double scale(double[] x) {
            double[] gr = gradient(x);
            double[][] h = hessian(x);
            return 1 + gr[0] * gr[0] + gr[1] * gr[1] + Math.abs(x[2]) + Math.abs(x[3]) * (x[0] * x[0] + x[1] * x[1] + 2)
                    + Math.abs(x[4]) * Math.exp(x[1]) + Math.abs(h[0][1]);
        }
    }

    private static double[] wavyPoint(SplittableRandom random) {
        double[] x = new double[7];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextDouble(-2, 2);
        }
        return x;
    }

    @Test
    void exactObjectiveMatchesThePlainJavaFormula() {
        Wavy w = new Wavy();
        EnergyFunction j = Energy.of(ScoreMatching.exact(w.e, w.y)).wrt(Role.PARAMETER).interpreter();
        SplittableRandom random = new SplittableRandom(11);
        for (int trial = 0; trial < 200; trial++) {
            double[] x = wavyPoint(random);
            double[] gr = Wavy.gradient(x);
            double[][] h = Wavy.hessian(x);
            double expected = 0.5 * (gr[0] * gr[0] + gr[1] * gr[1]) - h[0][0] - h[1][1];
            // both sides add O(10) roundings of terms whose absolute values sum to at most
            // scale(x); 256 u * scale bounds their difference with room to spare
            assertEquals(expected, j.value(x), 256 * 0x1p-53 * Wavy.scale(x), () -> "J at " + Arrays.toString(x));
        }
    }

    @Test
    void slicedObjectivesMatchThePlainJavaFormula() {
        Wavy w = new Wavy();
        EnergyFunction sliced = Energy.of(ScoreMatching.sliced(w.e, w.y, w.v)).wrt(Role.PARAMETER).interpreter();
        EnergyFunction reduced = Energy.of(ScoreMatching.slicedVarianceReduced(w.e, w.y, w.v)).wrt(Role.PARAMETER)
                .interpreter();
        SplittableRandom random = new SplittableRandom(12);
        for (int trial = 0; trial < 200; trial++) {
            double[] x = wavyPoint(random);
            double[] gr = Wavy.gradient(x);
            double[][] h = Wavy.hessian(x);
            double v0 = x[5];
            double v1 = x[6];
            double vg = v0 * gr[0] + v1 * gr[1];
            double vhv = v0 * v0 * h[0][0] + 2 * v0 * v1 * h[0][1] + v1 * v1 * h[1][1];
            // |v_i| <= 2, so the terms are at most 16 times those of the exact objective
            double tolerance = 16 * 256 * 0x1p-53 * Wavy.scale(x);
            assertEquals(0.5 * vg * vg - vhv, sliced.value(x), tolerance, () -> "J_v at " + Arrays.toString(x));
            assertEquals(0.5 * (gr[0] * gr[0] + gr[1] * gr[1]) - vhv, reduced.value(x), tolerance,
                    () -> "J_v (VR) at " + Arrays.toString(x));
        }
    }

    @Test
    void denoisingObjectiveMatchesThePlainJavaFormula() {
        Wavy w = new Wavy();
        for (double sigma : new double[] {1e-3, 0.1, 1}) {
            EnergyFunction j = Energy.of(ScoreMatching.denoising(w.e, w.y, w.v, sigma)).wrt(Role.PARAMETER)
                    .interpreter();
            SplittableRandom random = new SplittableRandom(13);
            for (int trial = 0; trial < 200; trial++) {
                double[] x = wavyPoint(random);
                double[] noisy = x.clone();
                noisy[0] = x[0] + sigma * x[5];
                noisy[1] = x[1] + sigma * x[6];
                double[] gr = Wavy.gradient(noisy);
                double r0 = gr[0] - x[5] / sigma;
                double r1 = gr[1] - x[6] / sigma;
                double expected = 0.5 * (r0 * r0 + r1 * r1);
                // the residuals are differences of O(scale) numbers, each rounded a few times
                double residualError = 64 * 0x1p-53 * (Wavy.scale(noisy) + (Math.abs(x[5]) + Math.abs(x[6])) / sigma);
                double tolerance = (Math.abs(r0) + Math.abs(r1) + residualError) * residualError + 8 * 0x1p-53 * expected;
                double s = sigma;
                assertEquals(expected, j.value(x), tolerance, () -> "J_eps at " + Arrays.toString(x) + ", sigma " + s);
            }
        }
    }

    /** E = Σ_k c_k tanh(W_k · y + b_k) + ½ ‖y‖², y in R^3, 4 hidden units; layout y, W, b, c, v. */
    private static final class Mlp {
        static final int D = 3;
        static final int H = 4;
        final Graph g = new Graph();
        final Tensor y = g.vector("y", D, Role.DATA);
        final Tensor w = g.matrix("W", H, D, Role.PARAMETER);
        final Tensor b = g.vector("b", H, Role.PARAMETER);
        final Tensor c = g.vector("c", H, Role.PARAMETER);
        final Tensor v = g.vector("v", D, Role.DATA);
        final Node e;

        Mlp() {
            List<Node> units = new ArrayList<>();
            Tensor pre = w.matVec(y).plus(b);
            for (int k = 0; k < H; k++) {
                units.add(c.get(k).times(pre.get(k).tanh()));
            }
            e = Joule.sum(units).plus(y.squaredNorm().times(0.5));
        }

        int size() {
            return g.layout().size();
        }
    }

    @Test
    void parameterGradientsOfTheObjectivesMatchFiniteDifferences() {
        Mlp m = new Mlp();
        List<Node> objectives = List.of(ScoreMatching.exact(m.e, m.y), ScoreMatching.sliced(m.e, m.y, m.v),
                ScoreMatching.slicedVarianceReduced(m.e, m.y, m.v), ScoreMatching.denoising(m.e, m.y, m.v, 0.3));
        for (Node j : objectives) {
            GradientChecker.Report r = GradientChecker.of(Energy.of(j).wrt(Role.PARAMETER).interpreter())
                    .box(-1.5, 1.5).points(40).seed(5).check();
            // Richardson-extrapolated central differences of a smooth function: 1e-6 leaves
            // two orders of magnitude over their truncation and rounding at these scales
            assertTrue(r.passes(1e-6), () -> j + ": " + r);
        }
        Wavy w = new Wavy();
        GradientChecker.Report r = GradientChecker.of(Energy.of(ScoreMatching.exact(w.e, w.y)).wrt(Role.PARAMETER)
                .interpreter()).box(-1.5, 1.5).points(100).seed(6).check();
        assertTrue(r.passes(1e-6), r::toString);
    }

    @Test
    void slicedObjectivesAveragedOverAllSignVectorsEqualTheExactObjective() {
        Mlp m = new Mlp();
        EnergyFunction exact = Energy.of(ScoreMatching.exact(m.e, m.y)).wrt(Role.PARAMETER).interpreter();
        EnergyFunction sliced = Energy.of(ScoreMatching.sliced(m.e, m.y, m.v)).wrt(Role.PARAMETER).interpreter();
        EnergyFunction reduced = Energy.of(ScoreMatching.slicedVarianceReduced(m.e, m.y, m.v))
                .wrt(Role.PARAMETER).interpreter();
        SplittableRandom random = new SplittableRandom(21);
        for (int trial = 0; trial < 50; trial++) {
            double[] x = new double[m.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = random.nextDouble(-2, 2);
            }
            double[] y = Arrays.copyOf(x, Mlp.D);
            double[] rows = NoiseRows.allSigns(y, Mlp.D);
            double sum = 0;
            double sumReduced = 0;
            double scale = 0;
            for (int k = 0; k < 1 << Mlp.D; k++) {
                System.arraycopy(rows, 2 * Mlp.D * k + Mlp.D, x, m.size() - Mlp.D, Mlp.D);
                double jv = sliced.value(x);
                sum += jv;
                sumReduced += reduced.value(x);
                scale += Math.abs(jv);
            }
            double expected = exact.value(x);
            // (vᵀg)² and vᵀHv with v in {±1}^3 differ from their averages ‖g‖² and tr H only by
            // cross terms that cancel in the sum; each evaluation rounds O(100) operations on
            // terms at most |J_v| + 1e2: 1e-12 (scale + 100) covers them
            double tolerance = 1e-12 * (scale + 100);
            assertEquals(expected, sum / 8, tolerance, "sliced mean vs exact");
            assertEquals(expected, sumReduced / 8, tolerance, "variance-reduced sliced mean vs exact");
        }
    }

    @Test
    void slicedObjectiveAveragedOverGaussianProjectionsApproachesTheExactObjective() {
        Mlp m = new Mlp();
        EnergyFunction exact = Energy.of(ScoreMatching.exact(m.e, m.y)).wrt(Role.PARAMETER).interpreter();
        EnergyFunction sliced = Energy.of(ScoreMatching.sliced(m.e, m.y, m.v)).wrt(Role.PARAMETER).interpreter();
        double[] x = new double[m.size()];
        SplittableRandom random = new SplittableRandom(22);
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextDouble(-1, 1);
        }
        int draws = 20_000;
        double[] rows = NoiseRows.gaussian(Arrays.copyOf(x, Mlp.D), Mlp.D, draws, 3);
        double sum = 0;
        double sumSquares = 0;
        for (int k = 0; k < draws; k++) {
            System.arraycopy(rows, 2 * Mlp.D * k + Mlp.D, x, m.size() - Mlp.D, Mlp.D);
            double jv = sliced.value(x);
            sum += jv;
            sumSquares += jv * jv;
        }
        double mean = sum / draws;
        double standardError = Math.sqrt((sumSquares / draws - mean * mean) / draws);
        // seeded, so deterministic; 5 standard errors would hold for 1 - 6e-7 of the seeds
        assertEquals(exact.value(x), mean, 5 * standardError);
    }

    @Test
    void noiseRowsAreSeededAndHaveIdentitySecondMoment() {
        double[] data = {0.5, -1, 2, 3, 4, 5};
        assertArrayEquals(NoiseRows.gaussian(data, 3, 7, 99), NoiseRows.gaussian(data, 3, 7, 99));
        assertArrayEquals(NoiseRows.rademacher(data, 3, 7, 99), NoiseRows.rademacher(data, 3, 7, 99));
        assertFalse(Arrays.equals(NoiseRows.gaussian(data, 3, 7, 99), NoiseRows.gaussian(data, 3, 7, 100)));
        assertFalse(Arrays.equals(NoiseRows.rademacher(data, 3, 7, 99), NoiseRows.rademacher(data, 3, 7, 100)));
        double[] rows = NoiseRows.gaussian(data, 3, 7, 99);
        assertEquals(2 * 7 * 6, rows.length);
        assertArrayEquals(new double[] {3, 4, 5}, Arrays.copyOfRange(rows, 7 * 6, 7 * 6 + 3)); // row 2's y
        int draws = 50_000;
        for (String kind : List.of("gaussian", "rademacher", "allSigns")) {
            double[] r = switch (kind) {
                case "gaussian" -> NoiseRows.gaussian(new double[] {1, 2}, 2, draws, 4);
                case "rademacher" -> NoiseRows.rademacher(new double[] {1, 2}, 2, draws, 4);
                default -> NoiseRows.allSigns(new double[] {1, 2}, 2);
            };
            int n = r.length / 4;
            double[][] moment = new double[2][2];
            double[] mean = new double[2];
            for (int k = 0; k < n; k++) {
                assertEquals(1, r[4 * k]);
                assertEquals(2, r[4 * k + 1]);
                for (int i = 0; i < 2; i++) {
                    mean[i] += r[4 * k + 2 + i] / n;
                    for (int l = 0; l < 2; l++) {
                        moment[i][l] += r[4 * k + 2 + i] * r[4 * k + 2 + l] / n;
                    }
                }
            }
            // the entries of v vᵀ have variance at most 2 (Gaussian diagonal), so 5 standard
            // errors of the mean of 50,000 are 5 sqrt(2 / 50,000) = 0.032; all signs are exact
            double tolerance = kind.equals("allSigns") ? 0 : 5 * Math.sqrt(2.0 / draws);
            for (int i = 0; i < 2; i++) {
                assertEquals(0, mean[i], tolerance, kind + " mean");
                for (int l = 0; l < 2; l++) {
                    assertEquals(i == l ? 1 : 0, moment[i][l], tolerance, kind + " second moment");
                }
            }
        }
    }

    @Test
    void objectiveOfTheGaussianEnergyIsTheClosedForm() {
        // E = ½ (y − μ)ᵀ P (y − μ): ∇E = P (y − μ), ΔE = tr P, so J = ½ ‖P (y − μ)‖² − tr P
        Graph g = new Graph();
        Tensor y = g.vector("y", 2, Role.DATA);
        Tensor mu = g.vector("mu", 2, Role.PARAMETER);
        Tensor p = g.vector("p", 3, Role.PARAMETER); // P = [[p0, p1], [p1, p2]]
        Tensor pm = Tensor.matrix(2, 2, List.of(p.get(0), p.get(1), p.get(1), p.get(2)));
        Tensor r = y.minus(mu);
        Node e = r.dot(pm.matVec(r)).times(0.5);
        EnergyFunction j = Energy.of(ScoreMatching.exact(e, y)).wrt(Role.PARAMETER).interpreter();
        SplittableRandom random = new SplittableRandom(31);
        for (int trial = 0; trial < 100; trial++) {
            double[] x = new double[7];
            for (int i = 0; i < x.length; i++) {
                x[i] = random.nextDouble(-2, 2);
            }
            double r0 = x[0] - x[2];
            double r1 = x[1] - x[3];
            double s0 = x[4] * r0 + x[5] * r1;
            double s1 = x[5] * r0 + x[6] * r1;
            double expected = 0.5 * (s0 * s0 + s1 * s1) - x[4] - x[6];
            assertEquals(expected, j.value(x), 1e-13 * (1 + s0 * s0 + s1 * s1 + Math.abs(x[4]) + Math.abs(x[6])));
        }
    }

    // ---------------------------------------------------------------- bad input

    @Test
    void badInputNamesTheCulprit() {
        Wavy w = new Wavy();
        assertMessage(() -> ScoreMatching.denoising(w.e, w.y, w.v, 0), "sigma is 0.0");
        assertMessage(() -> ScoreMatching.denoising(w.e, w.y, w.v, -1), "sigma is -1.0");
        assertMessage(() -> ScoreMatching.denoising(w.e, w.y, w.v, Double.NaN), "sigma is NaN");
        assertMessage(() -> ScoreMatching.exact(w.e, Tensor.vector(w.y.get(0).times(2), w.y.get(1))),
                "y element 0 is a");
        assertMessage(() -> ScoreMatching.exact(w.e, Tensor.vector(w.y.get(0), w.y.get(0))),
                "coordinate 'y[0]' appears twice");
        assertMessage(() -> ScoreMatching.exact(w.e, w.v), "the energy does not use y ('v')");
        assertMessage(() -> ScoreMatching.exact(null, w.y), "the energy is null");
        Graph other = new Graph();
        Tensor foreign = other.vector("y", 2, Role.DATA);
        assertMessage(() -> ScoreMatching.exact(w.e, foreign), "a variable of another graph");
        Tensor v3 = w.g.vector("v3", 3, Role.DATA);
        assertMessage(() -> ScoreMatching.sliced(w.e, w.y, v3), "the projection has 3 coordinates but y has 2");
        assertMessage(() -> ScoreMatching.denoising(w.e, w.y, v3, 1), "the noise has 3 coordinates but y has 2");
        assertMessage(() -> ScoreMatching.sliced(w.e, w.y, Tensor.vector(w.v.get(0), w.y.get(1))),
                "projection coordinate 'y[1]' is also a coordinate of y");
        Graph early = new Graph();
        Tensor before = early.vector("before", 2, Role.DATA);
        Tensor later = early.vector("y", 2, Role.DATA);
        assertMessage(() -> ScoreMatching.sliced(later.squaredNorm(), later, before),
                "projection coordinate 'before[0]' is declared before y's coordinate 'y[1]'");
        Node usesV = w.e.plus(w.v.get(1));
        assertMessage(() -> ScoreMatching.sliced(usesV, w.y, w.v), "the energy uses projection coordinate 'v[1]'");
        assertMessage(() -> ScoreMatching.sliced(w.e, w.y, null), "the projection tensor is null");
        assertMessage(() -> NoiseRows.gaussian(new double[] {1, 2, 3}, 2, 1, 1), "3 numbers, not a whole number of"
                + " rows of d = 2");
        assertMessage(() -> NoiseRows.rademacher(new double[] {1, 2}, 2, 0, 1), "draws is 0");
        assertMessage(() -> NoiseRows.allSigns(new double[] {1, Double.NaN}, 2), "data row 0, column 1 is NaN");
        assertMessage(() -> NoiseRows.allSigns(new double[17], 17), "d is 17");
        assertMessage(() -> NoiseRows.gaussian(new double[0], 2, 1, 1), "the data are empty");
    }

    static void assertMessage(org.junit.jupiter.api.function.Executable call, String fragment) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(fragment), () -> "message '" + e.getMessage() + "' lacks '" + fragment + "'");
    }
}
