package org.joule.samples;

import java.util.Random;

/**
 * k-means++ seeding (D. Arthur and S. Vassilvitskii, "k-means++: the advantages of careful
 * seeding", Proc. 18th ACM-SIAM Symposium on Discrete Algorithms (SODA), 2007): the first
 * prototype is a data point drawn uniformly; each next one is a data point drawn with
 * probability D(y)² / Σ D², D(y) the distance from y to the nearest prototype chosen so far.
 * The expected WCSS of the seeding alone is within a factor 8 (ln k + 2) of the optimum.
 *
 * <p>Deterministic: the draws come from {@code new java.util.Random(seed)} and the sums run in
 * data order, so the same data and seed give the same prototypes, bit for bit. When every
 * point already coincides with a prototype (fewer than k distinct points), the next one is
 * drawn uniformly, so it repeats a point.
 */
public final class KMeansPlusPlus {
    private KMeansPlusPlus() {
    }

    /**
     * Chooses k prototypes among the data points.
     *
     * @param data the points, one row each, all of one length, finite
     * @param k    the number of prototypes, 1 &lt;= k &lt;= the number of points
     * @param seed the seed of the random draws
     * @return k new rows, copies of data points
     * @throws IllegalArgumentException naming the culprit: k out of range, no data, a row of
     *         another length than row 0, a coordinate that is not finite
     */
    public static double[][] seed(double[][] data, int k, long seed) {
        double[] rows = KMeansEnergy.rows(data, 0);
        checkK(k, data.length);
        int n = data.length;
        int d = data[0].length;
        Random random = new Random(seed);
        double[][] prototypes = new double[k][];
        prototypes[0] = data[random.nextInt(n)].clone();
        double[] nearest = new double[n];
        java.util.Arrays.fill(nearest, Double.POSITIVE_INFINITY);
        for (int j = 1; j < k; j++) {
            double total = 0;
            for (int i = 0; i < n; i++) {
                nearest[i] = Math.min(nearest[i], squaredDistance(rows, i, d, prototypes[j - 1]));
                total += nearest[i];
            }
            prototypes[j] = data[draw(nearest, total, random)].clone();
        }
        return prototypes;
    }

    /** Index i with probability weight[i] / total; uniform when total is 0. */
    private static int draw(double[] weight, double total, Random random) {
        if (!(total > 0)) {
            return random.nextInt(weight.length);
        }
        double r = random.nextDouble() * total;
        double cumulative = 0;
        int lastPositive = -1;
        for (int i = 0; i < weight.length; i++) {
            if (weight[i] > 0) {
                cumulative += weight[i];
                lastPositive = i;
                if (cumulative > r) {
                    return i;
                }
            }
        }
        return lastPositive; // r rounded up to the total
    }

    static double squaredDistance(double[] rows, int i, int d, double[] prototype) {
        double s = 0;
        for (int c = 0; c < d; c++) {
            double diff = rows[i * d + c] - prototype[c];
            s += diff * diff;
        }
        return s;
    }

    /**
     * Checks 1 &lt;= k &lt;= n.
     *
     * @param k the number of prototypes
     * @param n the number of points
     * @throws IllegalArgumentException naming k otherwise
     */
    static void checkK(int k, int n) {
        if (k < 1) {
            throw new IllegalArgumentException("k = " + k + ": need at least one prototype");
        }
        if (k > n) {
            throw new IllegalArgumentException("k = " + k + " exceeds the number of points, " + n);
        }
        if (k > KMeansEnergy.MAX_K) {
            throw new IllegalArgumentException("k = " + k + ": at most " + KMeansEnergy.MAX_K + " prototypes");
        }
    }
}
