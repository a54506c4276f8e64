package org.joule.runtime.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * R-hat and ESS on chains whose answers are known. Bands: for 4 chains of 2000 iid normal draws
 * the ESS estimate scatters by a few percent around N (Vehtari et al. 2021, §4), so ESS/N must lie
 * in [0.85, 1.15]; R-hat of agreeing chains differs from 1 by O(1/N), so within [0.99, 1.01]. For
 * AR(1) with φ = 0.9 the integrated autocorrelation time is τ = (1 + φ)/(1 − φ) = 19 and the
 * ESS is N/τ; with 4 × 10,000 draws (about 2,100 effective) the estimate's relative error is some
 * 5%, and the band is ±20%. The test runs seeds 1 to 5 (iid) and 1 to 3 (AR(1)).
 */
class DiagnosticsTest {

    @Test
    void iidDrawsHaveAnEssNearTheirNumberAndRhatNearOne() {
        for (long seed = 1; seed <= 5; seed++) {
            double[][] x = iid(4, 2000, new SplittableRandom(seed), 0);
            double n = 4 * 2000;
            assertInBand(Diagnostics.essBulk(x) / n, 0.85, 1.15, "bulk ESS/N, seed " + seed);
            assertInBand(Diagnostics.ess(x) / n, 0.85, 1.15, "ESS/N, seed " + seed);
            assertInBand(Diagnostics.rhat(x), 0.99, 1.01, "R-hat, seed " + seed);
            assertInBand(Diagnostics.splitRhat(x), 0.99, 1.01, "split R-hat, seed " + seed);
        }
    }

    @Test
    void ar1ChainsHaveTheEssOfTheirAutocorrelationTime() {
        double phi = 0.9;
        for (long seed = 1; seed <= 3; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            double[][] x = new double[4][10_000];
            for (double[] chain : x) {
                chain[0] = random.nextGaussian() / Math.sqrt(1 - phi * phi); // stationary start
                for (int i = 1; i < chain.length; i++) {
                    chain[i] = phi * chain[i - 1] + random.nextGaussian();
                }
            }
            double expected = 4 * 10_000 * (1 - phi) / (1 + phi);
            assertInBand(Diagnostics.ess(x) / expected, 0.8, 1.2, "ESS / N(1-phi)/(1+phi), seed " + seed);
            assertInBand(Diagnostics.essBulk(x) / expected, 0.8, 1.2, "bulk ESS, seed " + seed);
            assertInBand(Diagnostics.rhat(x), 0.99, 1.01, "R-hat, seed " + seed);
        }
    }

    /** Chains around means 0, 0, 0 and 0.5 (in units of their sd) disagree. */
    @Test
    void chainsWithDifferentMeansHaveRhatAboveOnePointZeroOne() {
        double[][] x = iid(4, 1000, new SplittableRandom(7), 0);
        for (int i = 0; i < x[3].length; i++) {
            x[3][i] += 0.5;
        }
        assertTrue(Diagnostics.rhat(x) > 1.02, "R-hat " + Diagnostics.rhat(x));
        assertTrue(Diagnostics.splitRhat(x) > 1.02, "split R-hat " + Diagnostics.splitRhat(x));
    }

    /** Chains with equal means but different scales: only the folded (tail) R-hat sees it. */
    @Test
    void chainsWithDifferentScalesHaveAHighFoldedRhat() {
        double[][] x = iid(4, 1000, new SplittableRandom(8), 0);
        for (int i = 0; i < x[3].length; i++) {
            x[3][i] *= 3;
        }
        assertTrue(Diagnostics.rhat(x) > 1.05, "R-hat " + Diagnostics.rhat(x));
    }

    /** A trend inside each chain shows in split R-hat although the chains agree with each other. */
    @Test
    void aTrendWithinChainsRaisesSplitRhat() {
        double[][] x = iid(4, 1000, new SplittableRandom(9), 0);
        for (double[] chain : x) {
            for (int i = 0; i < chain.length; i++) {
                chain[i] += 2.0 * i / chain.length;
            }
        }
        assertTrue(Diagnostics.rhat(x) > 1.05, "R-hat " + Diagnostics.rhat(x));
    }

    @Test
    void quantilesInterpolateAsRTypeSeven() {
        double[] v = {3, 1, 2, 4};
        assertEquals(1.15, Diagnostics.quantile(v, 0.05), 1e-15);
        assertEquals(2.5, Diagnostics.quantile(v, 0.5), 1e-15);
        assertEquals(3.85, Diagnostics.quantile(v, 0.95), 1e-15);
    }

    @Test
    void autocovarianceByFftMatchesTheDirectSum() {
        SplittableRandom random = new SplittableRandom(3);
        double[] x = new double[37];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextGaussian();
        }
        double m = Diagnostics.mean(x);
        double[] acov = Diagnostics.autocovariance(x, m);
        for (int t = 0; t < x.length; t++) {
            double s = 0;
            for (int i = 0; i + t < x.length; i++) {
                s += (x[i] - m) * (x[i + t] - m);
            }
            assertEquals(s / x.length, acov[t], 1e-13);
        }
    }

    @Test
    void undefinedCasesAreNaNAndBadInputIsNamed() {
        assertTrue(Double.isNaN(Diagnostics.essBulk(new double[][] {{1, 1, 1, 1, 1, 1, 1}})));
        assertTrue(Double.isNaN(Diagnostics.rhat(new double[][] {{1, 2, 3, 4}})));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Diagnostics.ess(new double[][] {{1, 2, 3}, {1, 2}}));
        assertTrue(e.getMessage().contains("chain 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Diagnostics.ess(new double[][] {{1, Double.NaN, 3}}));
        assertTrue(e.getMessage().contains("draw 1"), e.getMessage());
    }

    private static double[][] iid(int chains, int n, SplittableRandom random, double shift) {
        double[][] x = new double[chains][n];
        for (double[] chain : x) {
            for (int i = 0; i < n; i++) {
                chain[i] = shift + random.nextGaussian();
            }
        }
        return x;
    }

    private static void assertInBand(double value, double lo, double hi, String what) {
        assertTrue(value >= lo && value <= hi, what + " is " + value + ", expected in [" + lo + ", " + hi + "]");
    }
}
