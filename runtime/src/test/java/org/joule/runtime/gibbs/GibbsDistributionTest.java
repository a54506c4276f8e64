package org.joule.runtime.gibbs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The Gibbs distribution on a grid against closed forms. Quadrature: for a Gaussian whose
 * tails beyond the box are below e^-40, the midpoint rule with spacing h has error about
 * exp(-2 pi^2 sigma^2 / h^2) (the Gaussian's Fourier transform at 2 pi / h), far below
 * rounding here; what remains is rounding in sums of G terms, a relative error of a few
 * G * 2^-53, so 1e-11 bounds log Z and moments for G up to 40,000.
 */
class GibbsDistributionTest {
    private static final Wells LINE = new Wells(1);
    private static final Wells PLANE = new Wells(2);

    @Test
    void logPartitionOfAGaussianIsClosedForm() {
        double beta = 2;
        double a = 1.5;
        GibbsDistribution p = GibbsDistribution.of(LINE, Grid.of(-10, 10, 2000), beta);
        double logZ = p.logPartition(LINE.at(new double[] {0.3}, a, 0), 1);
        assertEquals(0.5 * Math.log(2 * Math.PI / (beta * a)), logZ, 1e-11);

        GibbsDistribution q = GibbsDistribution.of(PLANE, Grid.of(-8, 8, 200, -8, 8, 200), 1);
        assertEquals(Math.log(2 * Math.PI), q.logPartition(PLANE.at(new double[] {0.5, -0.25}, 1, 0), 2), 1e-11);
    }

    @Test
    void likelihoodGradientOfAGaussianIsClosedForm() {
        double beta = 0.5;
        double mu = 0.4;
        double a = 2;
        double[] data = {0.1, 0.9, -0.3, 1.7, 0.55};
        double mean = 0;
        double meanSq = 0;
        for (double y : data) {
            mean += y / data.length;
            meanSq += (y - mu) * (y - mu) / data.length;
        }
        GibbsDistribution p = GibbsDistribution.of(LINE, Grid.of(-20, 20, 4000), beta);
        double[] grad = new double[3];
        double loss = p.negativeLogLikelihood(LINE.at(new double[] {mu}, a, 0), data, grad, 2);
        // dL/dmu = a (mu - mean Y); dL/da = mean (Y - mu)^2 / 2 - E_P[(y - mu)^2] / 2 = ... - 1 / (2 beta a)
        assertEquals(a * (mu - mean), grad[0], 1e-11);
        assertEquals(meanSq / 2 - 1 / (2 * beta * a), grad[1], 1e-11);
        double var = 1 / (beta * a);
        // dL/dc = mean Y^4 - E_P[y^4], the fourth moment of N(mu, var): mu^4 + 6 mu^2 var + 3 var^2
        assertEquals(meanFourth(data) - (Math.pow(mu, 4) + 6 * mu * mu * var + 3 * var * var), grad[2], 1e-10);
        assertEquals(a / 2 * meanSq + 0.5 * Math.log(2 * Math.PI * var) / beta, loss, 1e-11);
    }

    /**
     * A non-Gaussian energy (quartic term): the gradient against central differences of the
     * loss itself. With step h the truncation error is h^2/6 times the third derivative of L,
     * and rounding about 2^-53 |L| / h. The third derivative in c is the third cumulant of
     * beta y^4 under P, about 700 here (measured: h = 1e-4 misses by 1.1e-6), so h = 1e-5
     * leaves about 1.2e-8 + 1e-11, under the tolerance 1e-7.
     */
    @Test
    void likelihoodGradientMatchesFiniteDifferencesOfTheLoss() {
        GibbsDistribution p = GibbsDistribution.of(PLANE, Grid.of(-4, 4, 120, -4, 4, 120), 1.3);
        double[] x = PLANE.at(new double[] {0.2, -0.4}, 0.8, 0.05);
        double[] data = {0.1, 0.2, -0.5, 0.7, 1.1, -0.9, 0.0, 0.3};
        double[] grad = new double[4];
        p.negativeLogLikelihood(x, data, grad, 2);
        double h = 1e-5;
        for (int k = 0; k < 4; k++) {
            double[] up = x.clone();
            double[] down = x.clone();
            up[2 + k] += h;
            down[2 + k] -= h;
            double fd = (p.negativeLogLikelihood(up, data, new double[4], 1)
                    - p.negativeLogLikelihood(down, data, new double[4], 1)) / (2 * h);
            assertEquals(fd, grad[k], 1e-7 * (1 + Math.abs(fd)), "theta[" + k + "]");
        }
    }

    @Test
    void sameBitsForAnyThreadCount() {
        GibbsDistribution p = GibbsDistribution.of(PLANE, Grid.of(-4, 4, 90, -3, 5, 70), 0.7);
        double[] x = PLANE.at(new double[] {0.2, -0.4}, 0.8, 0.05);
        double[] data = new double[2 * 500];
        for (int i = 0; i < data.length; i++) {
            data[i] = Math.sin(i * 0.37) * 2;
        }
        double[] g1 = new double[4];
        double l1 = p.negativeLogLikelihood(x, data, g1, 1);
        for (int threads : new int[] {2, 3, 8}) {
            double[] g = new double[4];
            assertEquals(Double.doubleToLongBits(l1), Double.doubleToLongBits(p.negativeLogLikelihood(x, data, g, threads)));
            assertArrayEquals(g1, g, 0);
            assertArrayEquals(p.probabilities(x, 1), p.probabilities(x, threads), 0);
        }
    }

    @Test
    void probabilitiesAreTheNormalisedBoltzmannFactors() {
        double beta = 3;
        GibbsDistribution p = GibbsDistribution.of(LINE, Grid.of(-2, 2, 40), beta);
        double[] x = LINE.at(new double[] {0.5}, 1, 0.2);
        double[] prob = p.probabilities(x, 1);
        double logZ = p.logPartition(x, 1);
        double[] points = p.grid().points();
        double sum = 0;
        for (int g = 0; g < prob.length; g++) {
            double[] at = x.clone();
            at[0] = points[g];
            // P_g = h exp(-beta E_g) / Z, with h the cell width
            assertEquals(0.1 * Math.exp(-beta * LINE.value(at) - logZ), prob[g], 1e-14);
            sum += prob[g];
        }
        assertEquals(1, sum, 1e-14);
    }

    /**
     * Samples against the probabilities: a chi-square statistic over the 20 points of a grid
     * with 19 degrees of freedom. The seed is fixed, so the test is deterministic; the bound
     * 60 is about the 1 - 1e-6 quantile, so a correct sampler fails it for one seed in a million.
     */
    @Test
    void samplesFollowTheDistribution() {
        GibbsDistribution p = GibbsDistribution.of(LINE, Grid.of(-2, 2, 20), 1.5);
        double[] x = LINE.at(new double[] {0.3}, 2, 0.1);
        int n = 100_000;
        double[] rows = p.sample(x, n, 42);
        assertArrayEquals(rows, p.sample(x, n, 42), 0);
        double[] prob = p.probabilities(x, 1);
        double[] points = p.grid().points();
        int[] count = new int[prob.length];
        for (double y : rows) {
            int g = (int) Math.round((y - points[0]) / 0.2);
            assertEquals(points[g], y, 0, "a sample is a grid point");
            count[g]++;
        }
        double chi2 = 0;
        for (int g = 0; g < prob.length; g++) {
            double expected = n * prob[g];
            chi2 += (count[g] - expected) * (count[g] - expected) / expected;
        }
        assertTrue(chi2 < 60, "chi-square " + chi2 + " over 19 degrees of freedom");
    }

    @Test
    void neverDrawsAPointOfMassZero() {
        // beta E spans 0 .. 1e5 over the grid: most points have probability exactly 0
        GibbsDistribution p = GibbsDistribution.of(LINE, Grid.of(-100, 100, 200), 20);
        double[] x = LINE.at(new double[] {0}, 1, 0);
        double[] prob = p.probabilities(x, 1);
        double[] points = p.grid().points();
        for (double y : p.sample(x, 10_000, 7)) {
            int g = (int) Math.round(y - points[0]);
            assertTrue(prob[g] > 0, "drew " + y + " of probability 0");
        }
    }

    @Test
    void badInputNamesTheCulprit() {
        Grid line = Grid.of(-1, 1, 10);
        assertMessage(assertThrows(IllegalArgumentException.class, () -> GibbsDistribution.of(LINE, line, 0)), "beta", "0.0");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> GibbsDistribution.of(LINE, line, Double.NaN)), "NaN");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> GibbsDistribution.of(PLANE, line, 1)),
                "2 coordinates", "1 axes");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> Grid.of(1, 1, 3)), "axis 0", "[1.0, 1.0]");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> Grid.of(0, 1, 3, 0, 1, 0)), "axis 1", "0 cells");
        GibbsDistribution p = GibbsDistribution.of(LINE, line, 1);
        double[] x = LINE.at(new double[] {0}, 1, 0);
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> p.negativeLogLikelihood(x, new double[0], new double[3], 1)), "at least one data row");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> p.sample(x, -1, 0)), "-1");
        double[] nan = LINE.at(new double[] {0}, Double.NaN, 0);
        assertMessage(assertThrows(IllegalStateException.class, () -> p.logPartition(nan, 1)), "grid point 0", "NaN");
        double[] huge = LINE.at(new double[] {0}, 1e300, 0);
        assertMessage(assertThrows(IllegalStateException.class,
                () -> GibbsDistribution.of(LINE, line, 1e10).logPartition(huge, 1)), "overflows");
        double[] steep = LINE.at(new double[] {0}, 1, 1e300);
        assertMessage(assertThrows(IllegalStateException.class,
                () -> p.negativeLogLikelihood(steep, new double[] {0.5, 1e100}, new double[3], 1)),
                "data row 1", "1.0E100");
    }

    @Test
    void gridPointsAndCellVolume() {
        Grid g = Grid.of(0, 2, 2, -1, 1, 4);
        assertEquals(8, g.size());
        assertEquals(0.5, g.cellVolume(), 0);
        assertArrayEquals(new double[] {0.5, -0.75, 0.5, -0.25, 0.5, 0.25, 0.5, 0.75,
            1.5, -0.75, 1.5, -0.25, 1.5, 0.25, 1.5, 0.75}, g.points(), 0);
    }

    private static void assertMessage(Throwable t, String... parts) {
        for (String part : parts) {
            assertTrue(t.getMessage().contains(part), "message '" + t.getMessage() + "' lacks '" + part + "'");
        }
    }

    private static double meanFourth(double[] data) {
        double s = 0;
        for (double y : data) {
            s += y * y * y * y / data.length;
        }
        return s;
    }
}
