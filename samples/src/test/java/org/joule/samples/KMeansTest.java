package org.joule.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.joule.runtime.optimize.GradientDescent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** K-means as a latent-variable EBM: inference, coordinate descent, determinism, bad input. */
class KMeansTest {

    /**
     * Coordinate descent cannot raise the WCSS: the assignment step picks each point's
     * minimum and the re-centring step the exact minimiser of each cluster's sum. In floating
     * point the mean is the minimiser to within a few ulps of each coordinate, which moves the
     * WCSS by a relative 1e-15 or so; 1e-12 allows for that and nothing more.
     */
    private static void nonIncreasing(double[] history) {
        for (int t = 1; t < history.length; t++) {
            assertTrue(history[t] <= history[t - 1] * (1 + 1e-12),
                    "WCSS rose from " + history[t - 1] + " to " + history[t] + " at iteration " + t);
        }
    }

    @Test
    void hardWcssNeverIncreasesBetweenIterations() {
        double[][] data = KMeansFixtures.spiral();
        int longest = 0;
        for (long seed = 1; seed <= 10; seed++) {
            Clustering c = new HardKMeans(12).seed(seed).fit(data);
            double[] history = c.wcssHistory();
            assertEquals(c.iterations() + 1, history.length);
            assertEquals(c.wcss(), history[history.length - 1]);
            nonIncreasing(history);
            assertTrue(history[history.length - 1] < history[0], "descent from the seeding lowers the WCSS");
            longest = Math.max(longest, c.iterations());
        }
        assertTrue(longest >= 5, "runs long enough to test the property: " + longest);
    }

    /** A prototype far from all data is empty at once: it is re-seeded at the farthest point. */
    @Test
    void anEmptyClusterIsReseededAtTheFarthestPoint() {
        double[][] data = KMeansFixtures.mixture();
        double[] rows = KMeansEnergy.rows(data, 2);
        KMeansEnergy model = KMeansEnergy.of(5, 2);
        double[][] start = {{0, 0}, {1, 0}, {0, 1}, {1, 1}, {1000, 1000}};
        Clustering c = HardKMeans.descend(model, rows, start, 1, 100);
        nonIncreasing(c.wcssHistory());
        int[] count = new int[5];
        for (int a : c.assignments()) {
            count[a]++;
        }
        for (int j = 0; j < 5; j++) {
            assertTrue(count[j] > 0, "cluster " + j + " is empty at the end");
        }
        assertTrue(c.converged());
    }

    @Test
    void theCompiledArgminIsTheNearestPrototypeInPlainJava() {
        double[][] data = KMeansFixtures.spiral();
        double[] rows = KMeansEnergy.rows(data, 2);
        KMeansEnergy model = KMeansEnergy.of(12, 2);
        Random r = new Random(5);
        for (int trial = 0; trial < 5; trial++) {
            double[][] w = new double[12][2];
            for (double[] p : w) {
                p[0] = r.nextDouble() * 2 - 1;
                p[1] = r.nextDouble() * 2 - 1;
            }
            double[] x = model.input(w);
            int[] a = model.assign(x, rows, 2);
            double[] e = model.nearestEnergies(x, rows, 2);
            for (int i = 0; i < data.length; i++) {
                int expected = KMeansFixtures.nearest(data[i], w);
                assertEquals(expected, a[i], "point " + i);
                assertEquals(KMeansFixtures.squaredDistance(data[i], w[expected]), e[i], 1e-15, "energy of point " + i);
            }
        }
        Clustering c = new HardKMeans(12).seed(4).fit(data);
        double[][] centres = c.centres();
        for (int i = 0; i < data.length; i++) {
            assertEquals(KMeansFixtures.nearest(data[i], centres), c.assignments()[i], "final assignment of point " + i);
        }
    }

    /**
     * At the end of a stage the gradient of L_β vanishes, and Σ_i P(z_j | y_i) 2 (w_j − y_i) = 0
     * puts each prototype at the posterior-weighted mean of the data (Rose's centroid
     * condition). Checked in plain Java at a small β (soft posteriors), after one stage from
     * k-means++: the stage stops at gradient inf-norm 1e-9 · n · s, and the Hessian of L is
     * about 2 n_j per prototype, so w_j is within about 1e-9 · n · s / (2 n_j) of the weighted
     * mean; 1e-6 · s leaves room for clusters of 1/500 of the points.
     */
    @Test
    void aStageEndsAtThePosteriorWeightedMeans() {
        double[][] data = KMeansFixtures.spiral();
        double s2 = Annealing.spread(KMeansEnergy.rows(data, 2), 2);
        double beta = 5 / s2;
        SoftKMeans.Result r = new SoftKMeans(4).seed(2).annealing(new Annealing(beta, beta, 2)).fit(data);
        assertEquals(1, r.stages().size());
        assertTrue(r.stages().get(0).stopped().converged(), r.stages().toString());
        // the hard step moved the prototypes; redo the stage's end state from the free energy instead
        KMeansEnergy model = KMeansEnergy.of(4, 2);
        double[] rows = KMeansEnergy.rows(data, 2);
        double[] x = model.input(KMeansPlusPlus.seed(data, 4, 2));
        org.joule.runtime.optimize.OptimizationResult opt = new org.joule.runtime.optimize.Lbfgs().minimize(
                model.dataFreeEnergy(beta, rows, 2), x, org.joule.runtime.optimize.StoppingRules.defaults()
                        .withGradientTolerance(1e-9 * data.length * Math.sqrt(s2)).withRelativeChange(0));
        assertTrue(opt.converged(), opt.toString());
        double[][] w = model.prototypes(opt.x());
        double[][] weighted = new double[4][2];
        double[] mass = new double[4];
        for (double[] p : data) {
            double[] q = new double[4];
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < 4; j++) {
                q[j] = -beta * KMeansFixtures.squaredDistance(p, w[j]);
                max = Math.max(max, q[j]);
            }
            double z = 0;
            for (int j = 0; j < 4; j++) {
                q[j] = Math.exp(q[j] - max);
                z += q[j];
            }
            for (int j = 0; j < 4; j++) {
                mass[j] += q[j] / z;
                weighted[j][0] += q[j] / z * p[0];
                weighted[j][1] += q[j] / z * p[1];
            }
        }
        for (int j = 0; j < 4; j++) {
            assertEquals(weighted[j][0] / mass[j], w[j][0], 1e-6 * Math.sqrt(s2), "prototype " + j + ", u");
            assertEquals(weighted[j][1] / mass[j], w[j][1], 1e-6 * Math.sqrt(s2), "prototype " + j + ", v");
        }
    }

    @Test
    void sameSeedSameBitsWhateverTheThreadCount() {
        double[][] data = KMeansFixtures.spiral();
        Clustering h1 = new HardKMeans(12).seed(9).restarts(3).threads(1).fit(data);
        Clustering h2 = new HardKMeans(12).seed(9).restarts(3).threads(2).fit(data);
        assertEquals(h1, h2);
        assertNotEquals(h1, new HardKMeans(12).seed(10).restarts(3).fit(data), "the seed matters");
        SoftKMeans.Result s1 = new SoftKMeans(12).seed(9).threads(1).fit(data);
        SoftKMeans.Result s2 = new SoftKMeans(12).seed(9).threads(2).fit(data);
        assertEquals(s1, s2);
        assertEquals(Double.doubleToLongBits(s1.annealedWcss()), Double.doubleToLongBits(s2.annealedWcss()));
        assertArrayEquals(KMeansPlusPlus.seed(data, 12, 9), KMeansPlusPlus.seed(data, 12, 9));
    }

    @Test
    void softKMeansRunsWithGradientDescentToo() {
        double[][] data = KMeansFixtures.mixture();
        SoftKMeans.Result r = new SoftKMeans(5).seed(3).optimizer(GradientDescent.armijo()).fit(data);
        double reference = new HardKMeans(5).seed(3).fit(data).wcss();
        assertEquals(reference, r.clustering().wcss(), 1e-9 * reference);
    }

    private static void refused(String expected, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(expected), "message '" + e.getMessage() + "' lacks '" + expected + "'");
    }

    @Test
    void badInputIsRefusedNamingTheCulprit() {
        double[][] ten = new double[10][];
        for (int i = 0; i < 10; i++) {
            ten[i] = new double[] {i, -i};
        }
        refused("k = 0", () -> new HardKMeans(0));
        refused("k = -3", () -> new SoftKMeans(-3));
        refused("k = 11 exceeds the number of points, 10", () -> new HardKMeans(11).fit(ten));
        refused("k = 11 exceeds the number of points, 10", () -> new SoftKMeans(11).fit(ten));
        refused("k = 11 exceeds the number of points, 10", () -> KMeansPlusPlus.seed(ten, 11, 1));
        double[][] ragged = ten.clone();
        ragged[3] = new double[] {1, 2, 3};
        refused("data row 3 has length 3, expected 2", () -> new HardKMeans(2).fit(ragged));
        refused("data row 3 has length 3, expected 2", () -> new SoftKMeans(2).fit(ragged));
        double[][] nan = ten.clone();
        nan[7] = new double[] {Double.NaN, 0};
        refused("data row 7, coordinate 0 is NaN", () -> new HardKMeans(2).fit(nan));
        refused("data: no points", () -> new HardKMeans(2).fit(new double[0][]));
        refused("beta = 0.0", () -> new Annealing(0, 1, 2));
        refused("beta = -1.0", () -> new Annealing(-1, 1, 2));
        refused("beta = NaN", () -> new Annealing(1, Double.NaN, 2));
        refused("factor = 1.0", () -> new Annealing(1, 2, 1));
        refused("betaEnd = 1.0 is below betaStart = 2.0", () -> new Annealing(2, 1, 1.5));
        refused("beta = -0.5", () -> KMeansEnergy.of(2, 2).freeEnergy(-0.5));
        refused("threads = 0", () -> new HardKMeans(2).threads(0));
        refused("restarts = 0", () -> new SoftKMeans(2).restarts(0));
        refused("all 3 points coincide", () -> new SoftKMeans(2).fit(new double[][] {{1, 1}, {1, 1}, {1, 1}}));
    }
}
