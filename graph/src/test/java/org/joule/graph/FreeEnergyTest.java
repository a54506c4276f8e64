package org.joule.graph;

import static org.joule.graph.SubstitutionTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.joule.graph.testing.GradientAssertions;
import org.joule.runtime.EnergyFunction;
import org.joule.runtime.Role;
import org.junit.jupiter.api.Test;

/**
 * {@link FreeEnergy} over a discrete latent: K-means, E(y, z; W) = ||y − W z||² with z one-hot
 * in R^3, y in R^2 and W 2x3, compared with a plain-Java computation, in both temperature
 * limits, with its posterior, and with finite differences across β from 1e−3 to 1e6.
 *
 * <p>Rounding unit u = 2^−53. Tolerances are stated where they are used.
 */
class FreeEnergyTest {
    static final double U = 0x1p-53;
    static final double[] BETAS = {1e-3, 1e-1, 1, 10, 1e3, 1e6};
    static final int K = 3;

    /** The K-means energy and its free energy; layout y[2], W[2,3], z[3]. */
    private static final class KMeans {
        final Graph g = new Graph();
        final Tensor y = g.vector("y", 2, Role.DATA);
        final Tensor w = g.matrix("W", 2, K, Role.PARAMETER);
        final Tensor z = g.vector("z", K, Role.LATENT);
        final Node e = y.minus(w.matVec(z)).squaredNorm();
        final FreeEnergy free = FreeEnergy.over(e, z, LatentSet.oneHot(K));

        EnergyFunction f(Node n) {
            return Energy.of(n).wrt(Role.DATA, Role.PARAMETER).interpreter();
        }

        double[] energies(double[] x) {
            double[] ek = new double[K];
            for (int k = 0; k < K; k++) {
                ek[k] = f(free.energies().get(k)).value(x);
            }
            return ek;
        }
    }

    /** y, W uniform in [−s, s], z = 0 (unused by the free energy). */
    static double[] point(SplittableRandom random, double s) {
        double[] x = new double[2 + 2 * K + K];
        for (int i = 0; i < 2 + 2 * K; i++) {
            x[i] = random.nextDouble(-s, s);
        }
        return x;
    }

    /** Plain Java: E_k = sum_i (y_i − W_ik)^2. */
    static double[] referenceEnergies(double[] x) {
        double[] ek = new double[K];
        for (int k = 0; k < K; k++) {
            for (int i = 0; i < 2; i++) {
                double d = x[i] - x[2 + i * K + k];
                ek[k] += d * d;
            }
        }
        return ek;
    }

    /** Plain Java: −(1/β) log Σ exp(−β E_k), shifted by the minimum. */
    static double referenceFreeEnergy(double beta, double[] ek) {
        double min = Double.POSITIVE_INFINITY;
        for (double e : ek) {
            min = Math.min(min, e);
        }
        double s = 0;
        for (double e : ek) {
            s += Math.exp(-beta * (e - min));
        }
        return min - Math.log(s) / beta;
    }

    static double max(double[] a) {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : a) {
            m = Math.max(m, v);
        }
        return m;
    }

    static double min(double[] a) {
        double m = Double.POSITIVE_INFINITY;
        for (double v : a) {
            m = Math.min(m, v);
        }
        return m;
    }

    static double mean(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v;
        }
        return s / a.length;
    }

    static double variance(double[] a) {
        double m = mean(a);
        double s = 0;
        for (double v : a) {
            s += (v - m) * (v - m);
        }
        return s / a.length;
    }

    @Test
    void interpreterAgreesWithPlainJava() {
        KMeans km = new KMeans();
        SplittableRandom random = new SplittableRandom(11);
        for (double beta : BETAS) {
            EnergyFunction f = km.f(km.free.at(beta));
            for (int trial = 0; trial < 100; trial++) {
                double[] x = point(random, 2);
                double[] ek = referenceEnergies(x);
                double expected = referenceFreeEnergy(beta, ek);
                double actual = f.value(x);
                // E_k: a difference, a square and a sum of 2 terms, each side within 4u E_k; F is
                // 1-Lipschitz in max |δE_k|. The log-sum-exp: −β E_k and the shift within u β E_k,
                // exp and log within u each, log s <= log K, m + log s within u β |F|, and the
                // factor −1/β within 2u: after dividing by β, at most 32u (E_max + |F| + (1 + log K)/β)
                double tolerance = 32 * U * (max(ek) + Math.abs(expected) + (1 + Math.log(K)) / beta);
                assertEquals(expected, actual, tolerance, () -> "beta " + beta);
            }
        }
    }

    @Test
    void asBetaGrowsTheFreeEnergyTendsToTheMinimum() {
        KMeans km = new KMeans();
        SplittableRandom random = new SplittableRandom(12);
        EnergyFunction minimum = km.f(km.free.minimum());
        for (double beta : new double[] {1, 10, 1e3, 1e6}) {
            EnergyFunction f = km.f(km.free.at(beta));
            for (int trial = 0; trial < 200; trial++) {
                double[] x = point(random, 2);
                double[] ek = km.energies(x);
                double eMin = minimum.value(x);
                assertEquals(min(ek), eMin, 0.0, "F_inf is the minimum of the E_k nodes");
                double fb = f.value(x);
                // e^{−β E_min} <= Σ e^{−β E_k} <= K e^{−β E_min}: E_min − (log K)/β <= F <= E_min,
                // widened by the rounding of F, 8u (E_min + (log K)/β)
                double rounding = 8 * U * (eMin + Math.log(K) / beta);
                assertTrue(fb <= eMin + rounding && fb >= eMin - Math.log(K) / beta - rounding,
                        () -> "beta " + beta + ": F " + fb + ", min " + eMin);
                double gap = secondSmallest(ek) - eMin;
                if (beta * gap > 37 + Math.log(K)) {
                    // the other terms add up to less than 2^−53: s rounds to 1, log s to 0, and F is
                    // E_min through three roundings (−β E_min, −1/β, the product)
                    assertEquals(eMin, fb, 4 * Math.ulp(eMin), () -> "beta " + beta + ", gap " + gap);
                }
            }
        }
    }

    private static double secondSmallest(double[] ek) {
        double[] s = ek.clone();
        java.util.Arrays.sort(s);
        return s[1];
    }

    @Test
    void asBetaVanishesTheCorrectedFreeEnergyTendsToTheMean() {
        KMeans km = new KMeans();
        SplittableRandom random = new SplittableRandom(13);
        for (double beta : new double[] {1e-3, 1e-2, 1e-1}) {
            EnergyFunction f = km.f(km.free.at(beta));
            for (int trial = 0; trial < 200; trial++) {
                double[] x = point(random, 2);
                double[] ek = km.energies(x);
                double corrected = f.value(x) + Math.log(K) / beta;
                double mean = mean(ek);
                double range = max(ek) - min(ek);
                // F + (log K)/β = −(1/β) log mean e^{−β E_k} = κ(β). Rounding: F within
                // 32u (E_max + |F| + (1 + log K)/β) (see interpreterAgreesWithPlainJava), the sum within u |F|
                double rounding = 64 * U * (max(ek) + (1 + Math.log(K)) / beta);
                // Jensen: κ <= mean; Hoeffding's lemma: κ >= mean − β L²/8, L = E_max − E_min
                assertTrue(corrected <= mean + rounding, () -> "Jensen at beta " + beta);
                assertTrue(corrected >= mean - beta * range * range / 8 - rounding, () -> "Hoeffding at beta " + beta);
                // second order: κ = mean − (β/2) Var + R, |R| <= β² L³ / 24 (the third cumulant of
                // the tilted distribution is a third central moment, at most L · L²/4)
                double secondOrder = mean - beta / 2 * variance(ek);
                double remainder = beta * beta * range * range * range / 24;
                assertEquals(secondOrder, corrected, remainder + rounding, () -> "Taylor at beta " + beta);
            }
        }
    }

    @Test
    void gradientMatchesFiniteDifferencesAcrossBeta() {
        KMeans km = new KMeans();
        SplittableRandom random = new SplittableRandom(14);
        List<double[]> points = new ArrayList<>();
        while (points.size() < 25) {
            double[] x = point(random, 2);
            double[] ek = referenceEnergies(x);
            // away from ties, where the minimum switches and F_β at β = 1e6 has a kink of width
            // 1e−6: a relative step of 1e−3 on coordinates below 2 moves each E_k by less than
            // 4 |y − W_k| 2e−3 < 0.07, far below this gap
            if (secondSmallest(ek) - min(ek) > 0.3) {
                points.add(x);
            }
        }
        for (double beta : BETAS) {
            GradientChecker checker = GradientChecker.of(km.f(km.free.at(beta)));
            points.forEach(checker::at);
            GradientChecker.Report r = GradientAssertions.assertGradientMatches(checker, 1e-6);
            assertTrue(r.entriesCompared() >= 25 * 8 / 2, () -> "beta " + beta + ": " + r);
        }
    }

    @Test
    void posteriorSumsToOneAndIsTheBoltzmannFactorOfTheFreeEnergy() {
        KMeans km = new KMeans();
        SplittableRandom random = new SplittableRandom(15);
        for (double beta : BETAS) {
            List<Node> posterior = km.free.posterior(beta);
            EnergyFunction f = km.f(km.free.at(beta));
            Node total = Joule.sum(posterior);
            EnergyFunction sum = km.f(total);
            List<EnergyFunction> p = new ArrayList<>();
            posterior.forEach(n -> p.add(km.f(n)));
            for (int trial = 0; trial < 100; trial++) {
                double[] x = point(random, 3);
                double[] ek = km.energies(x);
                double fb = f.value(x);
                // p_k = e_k (1/s): within 3u of its value each; the K-term sum adds K u
                assertEquals(1, sum.value(x), 4 * (K + 1) * U, () -> "beta " + beta);
                for (int k = 0; k < K; k++) {
                    double pk = p.get(k).value(x);
                    double expected = Math.exp(-beta * (ek[k] - fb));
                    // β (E_k − F) is off by β times F's rounding 32u (|F| + (1 + log K)/β) and
                    // its own u β |E_k − F|; exp turns an absolute error into a relative one
                    double tolerance = expected * 64 * U * (1 + beta * (Math.abs(ek[k]) + Math.abs(fb)) + Math.log(K))
                            + 8 * U;
                    int kk = k;
                    assertEquals(expected, pk, tolerance, () -> "beta " + beta + ", k " + kk);
                }
            }
        }
    }

    @Test
    void gradientIsThePosteriorMeanOfTheEnergyGradient() {
        KMeans km = new KMeans();
        SplittableRandom random = new SplittableRandom(16);
        for (double beta : BETAS) {
            EnergyFunction f = km.f(km.free.at(beta));
            List<EnergyFunction> p = new ArrayList<>();
            km.free.posterior(beta).forEach(n -> p.add(km.f(n)));
            List<EnergyFunction> e = new ArrayList<>();
            km.free.energies().forEach(n -> e.add(km.f(n)));
            for (int trial = 0; trial < 50; trial++) {
                double[] x = point(random, 2);
                double[] grad = f.gradient(x);
                double[] expected = new double[grad.length];
                double[] magnitude = new double[grad.length];
                for (int k = 0; k < K; k++) {
                    double pk = p.get(k).value(x);
                    double[] gk = e.get(k).gradient(x);
                    for (int j = 0; j < grad.length; j++) {
                        expected[j] += pk * gk[j];
                        magnitude[j] += Math.abs(pk * gk[j]);
                    }
                }
                for (int j = 0; j < grad.length; j++) {
                    // each term is a product of the same few factors (p_k, 2 (y − W_k), the factors
                    // −β and −1/β), rounded in another order: 16u of each term, 8u for p_k
                    int jj = j;
                    assertEquals(expected[j], grad[j], 32 * U * magnitude[j], () -> "beta " + beta + ", entry " + jj);
                }
            }
        }
    }

    @Test
    void argminIsTheFirstSmallestEnergy() {
        KMeans km = new KMeans();
        EnergyFunction argmin = km.f(km.free.argmin());
        SplittableRandom random = new SplittableRandom(17);
        for (int trial = 0; trial < 200; trial++) {
            double[] x = point(random, 2);
            double[] ek = km.energies(x);
            int first = 0;
            for (int k = 1; k < K; k++) {
                if (ek[k] < ek[first]) {
                    first = k;
                }
            }
            assertEquals(first, argmin.value(x), 0.0);
        }
        // a tie: y = 0 and W with columns (2, 2), (1, 0), (1, 0): the first of the two equal ones wins
        double[] tie = {0, 0, 2, 1, 1, 2, 0, 0, 0, 0, 0};
        assertEquals(1, argmin.value(tie), 0.0);
    }

    @Test
    void posteriorMeanOfOneHotCodesIsThePosterior() {
        KMeans km = new KMeans();
        Tensor mean = km.free.posteriorMean(2.0);
        List<Node> p = km.free.posterior(2.0);
        for (int k = 0; k < K; k++) {
            assertSame(p.get(k), mean.get(k));
        }
    }

    @Test
    void stableFromBetaOneThousandthToAMillionAtLargeAndSmallEnergies() {
        KMeans km = new KMeans();
        SplittableRandom random = new SplittableRandom(18);
        for (double beta : BETAS) {
            EnergyFunction f = km.f(km.free.at(beta));
            List<EnergyFunction> p = new ArrayList<>();
            km.free.posterior(beta).forEach(n -> p.add(km.f(n)));
            for (double scale : new double[] {1e-4, 1, 1e3}) {
                double[] x = point(random, scale);
                double[] ek = km.energies(x);
                double[] grad = new double[f.wrtLength()];
                double v = f.valueAndGradient(x, grad);
                // β E_k reaches 1e6 * 1.6e7: without the max shift exp(−β E_k) would underflow to 0
                // for every k and F would be +infinity
                assertTrue(v <= min(ek) + 8 * U * (min(ek) + Math.log(K) / beta)
                        && v >= min(ek) - Math.log(K) / beta - 8 * U * (min(ek) + Math.log(K) / beta),
                        () -> "beta " + beta + ", scale " + scale + ": " + v);
                for (double d : grad) {
                    assertTrue(Double.isFinite(d), () -> "beta " + beta + ", scale " + scale);
                }
                for (EnergyFunction pk : p) {
                    double value = pk.value(x);
                    assertTrue(value >= 0 && value <= 1, () -> "beta " + beta + ", scale " + scale + ": " + value);
                }
            }
        }
    }

    @Test
    void weightedValuesAddTheirLogWeights() {
        Graph g = new Graph();
        Node y = g.scalar("y", Role.DATA);
        Tensor z = g.vector("z", 1, Role.LATENT);
        Node e = y.minus(z.get(0)).square();
        double[][] values = {{-1}, {0.5}, {2}};
        double[] weights = {0.5, 3, 1e-3};
        FreeEnergy free = FreeEnergy.over(e, z, LatentSet.weighted(values, weights));
        SplittableRandom random = new SplittableRandom(19);
        for (double beta : BETAS) {
            EnergyFunction f = Energy.of(free.at(beta)).interpreter();
            List<EnergyFunction> p = new ArrayList<>();
            free.posterior(beta).forEach(n -> p.add(Energy.of(n).interpreter()));
            for (int trial = 0; trial < 50; trial++) {
                double yv = random.nextDouble(-2, 3);
                double[] x = {yv, 0};
                double[] a = new double[3];
                double m = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < 3; k++) {
                    double d = yv - values[k][0];
                    a[k] = -beta * d * d + Math.log(weights[k]);
                    m = Math.max(m, a[k]);
                }
                double s = 0;
                for (double ak : a) {
                    s += Math.exp(ak - m);
                }
                double expected = -(m + Math.log(s)) / beta;
                // as in interpreterAgreesWithPlainJava, with |log w_k| <= 7 added to each a_k
                double tolerance = 64 * U * (Math.abs(m) + 8) / beta;
                assertEquals(expected, f.value(x), tolerance, () -> "beta " + beta);
                for (int k = 0; k < 3; k++) {
                    double pk = Math.exp(a[k] - m) / s;
                    assertEquals(pk, p.get(k).value(x), 16 * U * (1 + Math.abs(a[k] - m)) * pk + 8 * U);
                }
            }
        }
    }

    @Test
    void aSingleValueIsTheEnergyItselfWithPosteriorOne() {
        Graph g = new Graph();
        Node y = g.scalar("y", Role.DATA);
        Tensor z = g.vector("z", 1, Role.LATENT);
        FreeEnergy free = FreeEnergy.over(y.minus(z.get(0)).square(), z, LatentSet.of(new double[][] {{0.5}}));
        SplittableRandom random = new SplittableRandom(20);
        for (double beta : BETAS) {
            EnergyFunction f = Energy.of(free.at(beta)).interpreter();
            EnergyFunction p = Energy.of(free.posterior(beta).get(0)).interpreter();
            for (int trial = 0; trial < 20; trial++) {
                double yv = random.nextDouble(-3, 3);
                double e = (yv - 0.5) * (yv - 0.5);
                // (E (−β)) (−1/β): three roundings
                assertEquals(e, f.value(new double[] {yv, 0}), 4 * Math.ulp(e));
                assertEquals(1, p.value(new double[] {yv, 0}), 0.0);
            }
        }
    }

    @Test
    void badInputNamesTheCulprit() {
        KMeans km = new KMeans();
        for (double beta : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY, 1e-320}) {
            assertMessage(assertThrows(IllegalArgumentException.class, () -> km.free.at(beta)), "beta = " + beta);
            assertMessage(assertThrows(IllegalArgumentException.class, () -> km.free.posterior(beta)), "beta = " + beta);
        }
        assertMessage(assertThrows(IllegalArgumentException.class, () -> km.free.at(Double.POSITIVE_INFINITY)),
                "minimum()");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> LatentSet.of(new double[0][])),
                "latent set is empty");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> LatentSet.oneHot(0)), "empty");
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> FreeEnergy.over(km.e, km.z, LatentSet.oneHot(2))), "length 2, but the latent 'z' has 3");
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> FreeEnergy.over(km.e, km.z, LatentSet.of(new double[][] {{1, 0, 0}, {0, 1}}))),
                "latent value #1 has length 2");
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> LatentSet.of(new double[][] {{1, Double.NaN, 0}})), "entry 1 = NaN");
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> FreeEnergy.over(km.e, km.y, LatentSet.oneHot(2))), "variable 'y' is DATA, not LATENT");
        Tensor unused = km.g.vector("u", 2, Role.LATENT);
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> FreeEnergy.over(km.e, unused, LatentSet.oneHot(2))), "does not use the latent 'u'");
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> FreeEnergy.over(km.e, km.z.map(n -> n.plus(1)), LatentSet.oneHot(3))),
                "latent element 0 is a add node, not a variable");
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> FreeEnergy.over(km.e, Tensor.vector(km.z.get(0), km.z.get(0)), LatentSet.oneHot(2))),
                "'z[0]' appears twice");
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> FreeEnergy.over(null, km.z, LatentSet.oneHot(3))), "energy is null");
        Node logEnergy = km.z.get(0).log().neg().plus(km.y.get(0));
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> FreeEnergy.over(logEnergy, km.z, LatentSet.oneHot(3))),
                "undefined at latent value #1, 'z' = [0.0, 1.0, 0.0]");
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> LatentSet.weighted(new double[][] {{1}, {2}}, new double[] {1, 0})), "weight #1 is 0.0");
    }
}
