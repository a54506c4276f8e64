package org.joule.samples;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Hard K-means as coordinate descent on the K-means energy E(y, z; W) = ||y − Wᵀ z||² of
 * {@link KMeansEnergy} (Lloyd's algorithm seen as an energy-based model, LeCun et al. 2006):
 * <ol>
 *   <li><b>inference</b>: every point takes the latent z that minimises its energy, the
 *       compiled argmin over the one-hot codes ({@link KMeansEnergy#assignment()}, run over the
 *       data by {@code Batch});</li>
 *   <li><b>learning</b>: with z fixed, Σ_i ||y_i − w_(a_i)||² is minimised exactly by
 *       moving each prototype to the mean of its points;</li>
 * </ol>
 * until an assignment step changes no assignment (or {@link #maxIterations(int)} re-centring
 * steps are done). Neither step can raise the within-cluster sum of squares (WCSS), so its
 * history, one value after each assignment step, is non-increasing.
 *
 * <p><b>Empty clusters.</b> A prototype that no point chose is re-seeded at the point farthest
 * from its own prototype (largest energy; the first such point), which moves that point's
 * energy to 0 and so lowers the WCSS; with several empty clusters, they take the farthest
 * points in turn. When the farthest point is already at distance 0 (fewer distinct points
 * than prototypes), the empty prototype keeps its place.
 *
 * <p><b>Initialisation</b> by k-means++ ({@link KMeansPlusPlus}, Arthur &amp; Vassilvitskii
 * 2007) from the seed; with {@link #restarts(int)} r &gt; 1, r runs from seeds drawn by
 * {@code new SplittableRandom(seed)} and the one of lowest WCSS (the first on a tie) is kept.
 * Same data, seed and settings give the same bits for any thread count. Immutable.
 *
 * <pre>{@code
 * Clustering c = new HardKMeans(5).seed(42).threads(2).fit(points);
 * System.out.println(c.wcss() + " after " + c.iterations() + " iterations");
 * }</pre>
 *
 * <p>References: Y. LeCun, S. Chopra, R. Hadsell, M. Ranzato and F. J. Huang, "A tutorial on
 * energy-based learning", 2006 (inference as minimisation over the latent); D. Arthur and
 * S. Vassilvitskii, "k-means++: the advantages of careful seeding", SODA 2007.
 */
public final class HardKMeans {
    /** The default limit on re-centring steps. */
    public static final int DEFAULT_MAX_ITERATIONS = 1000;

    private final int k;
    private final long seed;
    private final int threads;
    private final int restarts;
    private final int maxIterations;

    /**
     * Hard K-means with k prototypes, seed 1, one thread, one start and
     * {@link #DEFAULT_MAX_ITERATIONS} iterations.
     *
     * @param k the number of prototypes, 1 or more (at most the number of points, checked by {@link #fit})
     * @throws IllegalArgumentException naming k when it is below 1
     */
    public HardKMeans(int k) {
        this(k, 1, 1, 1, DEFAULT_MAX_ITERATIONS);
    }

    private HardKMeans(int k, long seed, int threads, int restarts, int maxIterations) {
        if (k < 1) {
            throw new IllegalArgumentException("k = " + k + ": need at least one prototype");
        }
        positive("threads", threads);
        positive("restarts", restarts);
        positive("maxIterations", maxIterations);
        this.k = k;
        this.seed = seed;
        this.threads = threads;
        this.restarts = restarts;
        this.maxIterations = maxIterations;
    }

    static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " = " + value + ": need 1 or more");
        }
    }

    /**
     * The same settings with another seed for k-means++.
     *
     * @param seed the seed
     * @return new settings
     */
    public HardKMeans seed(long seed) {
        return new HardKMeans(k, seed, threads, restarts, maxIterations);
    }

    /**
     * The same settings with another thread count for the sums over the data.
     *
     * @param threads 1 or more; the result does not depend on it
     * @return new settings
     * @throws IllegalArgumentException naming threads when below 1
     */
    public HardKMeans threads(int threads) {
        return new HardKMeans(k, seed, threads, restarts, maxIterations);
    }

    /**
     * The same settings with another number of k-means++ starts, of which the lowest WCSS wins.
     *
     * @param restarts 1 or more
     * @return new settings
     * @throws IllegalArgumentException naming restarts when below 1
     */
    public HardKMeans restarts(int restarts) {
        return new HardKMeans(k, seed, threads, restarts, maxIterations);
    }

    /**
     * The same settings with another limit on re-centring steps per start.
     *
     * @param maxIterations 1 or more
     * @return new settings
     * @throws IllegalArgumentException naming maxIterations when below 1
     */
    public HardKMeans maxIterations(int maxIterations) {
        return new HardKMeans(k, seed, threads, restarts, maxIterations);
    }

    /**
     * Clusters the data: k-means++ seeding, then coordinate descent, best of the restarts.
     *
     * @param data the points, one row each, all of one length d, finite
     * @return the clustering of lowest WCSS
     * @throws IllegalArgumentException naming the culprit: no data, a row of another length
     *         than row 0, a coordinate that is not finite, k greater than the number of points
     */
    public Clustering fit(double[][] data) {
        double[] rows = KMeansEnergy.rows(data, 0);
        KMeansPlusPlus.checkK(k, data.length);
        KMeansEnergy model = KMeansEnergy.of(k, data[0].length);
        SplittableRandom seeds = new SplittableRandom(seed);
        Clustering best = null;
        for (int r = 0; r < restarts; r++) {
            long s = restarts == 1 ? seed : seeds.nextLong();
            Clustering c = descend(model, rows, KMeansPlusPlus.seed(data, k, s), threads, maxIterations);
            if (best == null || c.wcss() < best.wcss()) {
                best = c;
            }
        }
        return best;
    }

    /**
     * Coordinate descent from the given prototypes (no seeding, one start).
     *
     * @param model         the K-means energy, of the data's dimension
     * @param rows          the points one after another ({@link KMeansEnergy#rows}), at least k of them
     * @param start         k prototypes to start from
     * @param threads       1 or more; the result does not depend on it
     * @param maxIterations the most re-centring steps, 1 or more
     * @return the clustering where assignments stop changing
     * @throws IllegalArgumentException naming the culprit for a shape that does not fit the model
     */
    public static Clustering descend(KMeansEnergy model, double[] rows, double[][] start, int threads,
            int maxIterations) {
        positive("threads", threads);
        positive("maxIterations", maxIterations);
        int d = model.dimension();
        if (rows == null || rows.length % d != 0) {
            throw new IllegalArgumentException("rows: need a whole number of points of dimension " + d);
        }
        KMeansPlusPlus.checkK(model.k(), rows.length / d);
        double[][] w = model.prototypes(model.input(start));
        double[] history = new double[maxIterations + 1];
        int[] previous = null;
        for (int it = 0; ; it++) {
            double[] x = model.input(w);
            int[] a = model.assign(x, rows, threads);
            double[] energy = model.nearestEnergies(x, rows, threads);
            history[it] = sum(energy);
            boolean converged = Arrays.equals(a, previous);
            if (converged || it == maxIterations) {
                return new Clustering(w, a, history[it], it, converged, Arrays.copyOf(history, it + 1));
            }
            reseedEmpty(w, a, energy, rows, d);
            recentre(w, a, rows, d);
            previous = a;
        }
    }

    /** Puts each empty prototype at the farthest point with positive energy, which joins it. */
    private static void reseedEmpty(double[][] w, int[] a, double[] energy, double[] rows, int d) {
        int[] count = counts(a, w.length);
        for (int j = 0; j < w.length; j++) {
            if (count[j] > 0) {
                continue;
            }
            int far = 0;
            for (int i = 1; i < a.length; i++) {
                if (energy[i] > energy[far]) {
                    far = i;
                }
            }
            if (energy[far] > 0) {
                System.arraycopy(rows, far * d, w[j], 0, d);
                count[a[far]]--;
                count[j]++;
                a[far] = j;
                energy[far] = 0;
            }
        }
    }

    /** Each prototype with points to the mean of its points; a prototype without keeps its place. */
    private static void recentre(double[][] w, int[] a, double[] rows, int d) {
        int[] count = counts(a, w.length);
        double[][] total = new double[w.length][d];
        for (int i = 0; i < a.length; i++) {
            for (int c = 0; c < d; c++) {
                total[a[i]][c] += rows[i * d + c];
            }
        }
        for (int j = 0; j < w.length; j++) {
            if (count[j] > 0) {
                for (int c = 0; c < d; c++) {
                    w[j][c] = total[j][c] / count[j];
                }
            }
        }
    }

    private static int[] counts(int[] a, int k) {
        int[] count = new int[k];
        for (int j : a) {
            count[j]++;
        }
        return count;
    }

    private static double sum(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s;
    }
}
