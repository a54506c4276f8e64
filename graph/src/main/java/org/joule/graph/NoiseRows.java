package org.joule.graph;

import java.util.SplittableRandom;

/**
 * Data rows paired with random directions or noise, for the sliced and denoising
 * score-matching objectives of {@link ScoreMatching}: each output row is one data row y
 * (d numbers) followed by one vector v (d numbers), the layout of a row of a
 * {@link org.joule.runtime.Batch} over y and a companion variable declared after it.
 * Rows come data row by data row, the draws of one data row together.
 *
 * <p>Every draw uses E[v vᵀ] = I, the condition under which the sliced objective's mean is the
 * exact one (Song et al. 2019, "Sliced score matching") and Vincent's (2011)
 * denoising objective corrupts with N(0, σ² I) when scaled by σ:
 * <ul>
 *   <li>{@link #gaussian}: v ~ N(0, I), Marsaglia's polar method on a
 *       {@link SplittableRandom}, with {@link StrictMath} so the bits do not depend on the JVM;
 *   <li>{@link #rademacher}: independent signs ±1 with probability ½ each;
 *   <li>{@link #allSigns}: all 2^d sign vectors, for which E[v] = 0 and E[v vᵀ] = I hold
 *       exactly over the rows of each data row, so the averaged objectives equal their
 *       expectations (exact tests).
 * </ul>
 * The same seed gives the same bits.
 */
public final class NoiseRows {
    /** The largest d for {@link #allSigns}: 2^16 rows per data row. */
    public static final int MAX_ALL_SIGNS_DIMENSION = 16;

    private NoiseRows() {
    }

    /**
     * Each data row followed by {@code draws} independent standard normal vectors.
     *
     * @param data  data rows one after another, d finite numbers each, at least one row
     * @param d     the dimension of y, 1 or more
     * @param draws the vectors per data row, 1 or more
     * @param seed  the seed of the one random stream, read row by row
     * @return rows (y_r, ε_rk), 2d numbers each, {@code draws} per data row
     * @throws IllegalArgumentException naming the culprit: null or empty data, a length that is not
     *     a multiple of d, a non-finite entry, d or draws below 1, more rows than an array holds
     */
    public static double[] gaussian(double[] data, int d, int draws, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        return pair(data, d, draws, "gaussian", v -> gaussianVector(random, v));
    }

    /**
     * Each data row followed by {@code draws} independent Rademacher vectors (entries ±1).
     *
     * @param data  data rows one after another, d finite numbers each, at least one row
     * @param d     the dimension of y, 1 or more
     * @param draws the vectors per data row, 1 or more
     * @param seed  the seed of the one random stream, read row by row
     * @return rows (y_r, v_rk), 2d numbers each, {@code draws} per data row
     * @throws IllegalArgumentException as {@link #gaussian}
     */
    public static double[] rademacher(double[] data, int d, int draws, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        return pair(data, d, draws, "rademacher", v -> {
            for (int i = 0; i < v.length; i++) {
                v[i] = random.nextBoolean() ? 1 : -1;
            }
        });
    }

    /**
     * Each data row followed by every sign vector in {−1, 1}^d, in binary order (bit i of the
     * index set makes entry i negative): 2^d rows per data row, over which the sum of v is 0 and
     * the sum of v vᵀ is 2^d I exactly.
     *
     * @param data data rows one after another, d finite numbers each, at least one row
     * @param d    the dimension of y, 1 to {@link #MAX_ALL_SIGNS_DIMENSION}
     * @return rows (y_r, v_k), 2d numbers each, 2^d per data row
     * @throws IllegalArgumentException as {@link #gaussian}, and naming d when it is above
     *     {@link #MAX_ALL_SIGNS_DIMENSION}
     */
    public static double[] allSigns(double[] data, int d) {
        if (d > MAX_ALL_SIGNS_DIMENSION) {
            throw new IllegalArgumentException("allSigns: d is " + d + "; 2^d sign vectors per row need d <= "
                    + MAX_ALL_SIGNS_DIMENSION);
        }
        int[] next = {0};
        int count = d < 1 ? 1 : 1 << d;
        return pair(data, d, count, "allSigns", v -> {
            int k = next[0]++ % count;
            for (int i = 0; i < v.length; i++) {
                v[i] = (k >>> i & 1) == 0 ? 1 : -1;
            }
        });
    }

    /** Fills its argument with one draw. */
    private interface Draw {
        void fill(double[] v);
    }

    private static double[] pair(double[] data, int d, int draws, String what, Draw draw) {
        int n = checkData(data, d, what);
        if (draws < 1) {
            throw new IllegalArgumentException(what + ": draws is " + draws + "; expected 1 or more");
        }
        long size = 2L * d * n * draws;
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(what + ": " + n + " rows x " + draws + " draws x " + 2 * d
                    + " numbers do not fit in one array");
        }
        double[] rows = new double[(int) size];
        double[] v = new double[d];
        int at = 0;
        for (int r = 0; r < n; r++) {
            for (int k = 0; k < draws; k++) {
                System.arraycopy(data, r * d, rows, at, d);
                draw.fill(v);
                System.arraycopy(v, 0, rows, at + d, d);
                at += 2 * d;
            }
        }
        return rows;
    }

    /** The number of data rows, after checking the data. */
    static int checkData(double[] data, int d, String what) {
        if (d < 1) {
            throw new IllegalArgumentException(what + ": d is " + d + "; expected 1 or more");
        }
        if (data == null || data.length == 0) {
            throw new IllegalArgumentException(what + ": the data are " + (data == null ? "null" : "empty"));
        }
        if (data.length % d != 0) {
            throw new IllegalArgumentException(what + ": the data have " + data.length
                    + " numbers, not a whole number of rows of d = " + d);
        }
        for (int i = 0; i < data.length; i++) {
            if (!Double.isFinite(data[i])) {
                throw new IllegalArgumentException(what + ": data row " + i / d + ", column " + i % d + " is "
                        + data[i]);
            }
        }
        return data.length / d;
    }

    /** Marsaglia's polar method, two normals per accepted pair; StrictMath for JVM-independent bits. */
    private static void gaussianVector(SplittableRandom random, double[] v) {
        for (int i = 0; i < v.length; i += 2) {
            double u;
            double w;
            double s;
            do {
                u = 2 * random.nextDouble() - 1;
                w = 2 * random.nextDouble() - 1;
                s = u * u + w * w;
            } while (s >= 1 || s == 0);
            double scale = StrictMath.sqrt(-2 * StrictMath.log(s) / s);
            v[i] = u * scale;
            if (i + 1 < v.length) {
                v[i + 1] = w * scale;
            }
        }
    }
}
