package org.joule.graph;

import java.util.Arrays;

/**
 * The finite set of values z_1, ..., z_K over which {@link FreeEnergy} marginalises a latent
 * variable, with a positive weight w_k per value: the free energy is
 * F_β = −(1/β) log Σ_k w_k exp(−β E(y, z_k)). Immutable.
 *
 * <ul>
 *   <li>{@link #oneHot(int)}: the k unit vectors of R^k, weight 1 (K-means: E = ||y − W z||²
 *       with z one of the k columns' selectors);</li>
 *   <li>{@link #of(double[][])}: an explicit list of values, weight 1;
 *       {@link #weighted(double[][], double[])}: with the given weights;</li>
 *   <li>{@link #grid(Quadrature, Axis...)}: a regular grid over a box in one or two
 *       dimensions, with the weights of a quadrature rule, so that Σ_k w_k exp(−β E_k)
 *       approximates the integral ∫ exp(−β E(y, z)) dz and F_β the continuous free energy.</li>
 * </ul>
 *
 * <p>A weight is held as its logarithm, split in two: log w_k = {@link #logWeight(int)} +
 * {@link #logCellVolume()}. The relative part is 0 for unit weights and for interior grid
 * points; the cell volume h_1 h_2 (or h) of a grid is common to all points, so it leaves
 * the posterior unchanged and enters the free energy as the additive constant
 * −(1/β) log(h_1 h_2). It is 0 for the discrete sets.
 *
 * <p>Reference: Y. LeCun, S. Chopra, R. Hadsell, M. Ranzato and F. J. Huang, "A tutorial on
 * energy-based learning", in Predicting Structured Data, MIT Press, 2006, section "Latent
 * variable architectures" (marginalising a latent by −(1/β) log ∫ exp(−β E) dz).
 */
public final class LatentSet {
    /** The most points a set may hold: each is one copy of the energy in the graph. */
    public static final int MAX_POINTS = 1 << 20;

    /**
     * A quadrature rule for {@link #grid}, per axis [lo, hi] with n points.
     */
    public enum Quadrature {
        /**
         * The midpoint rule: h = (hi − lo) / n, points lo + (i + ½) h for i = 0..n−1, each of
         * weight h. Error O(h²) for a smooth integrand ((hi − lo) h² max|f''| / 24); for a
         * periodic integrand over whole periods it is the periodic trapezoid rule, whose error
         * falls faster than any power of h. Needs n &gt;= 1.
         */
        MIDPOINT,
        /**
         * The trapezoid rule: h = (hi − lo) / (n − 1), points lo + i h for i = 0..n−1, weight
         * h/2 at the two ends and h inside. Error O(h²) ((hi − lo) h² max|f''| / 12). Needs
         * n &gt;= 2.
         */
        TRAPEZOID
    }

    /**
     * One axis of a grid: the interval [lower, upper] and the number of points on it.
     *
     * @param lower  the lower end, finite
     * @param upper  the upper end, finite and greater than lower
     * @param points the number of points, at least 1 (at least 2 for the trapezoid rule)
     */
    public record Axis(double lower, double upper, int points) {
        /**
         * Checks the axis.
         *
         * @param lower  the lower end, finite
         * @param upper  the upper end, finite and greater than lower
         * @param points the number of points, at least 1
         * @throws IllegalArgumentException naming the culprit unless lower &lt; upper are finite
         *         and points &gt;= 1
         */
        public Axis {
            if (!Double.isFinite(lower) || !Double.isFinite(upper) || !(lower < upper)) {
                throw new IllegalArgumentException("grid axis [" + lower + ", " + upper
                        + "]: need finite lower < upper");
            }
            if (points < 1) {
                throw new IllegalArgumentException("grid axis [" + lower + ", " + upper + "] has " + points
                        + " points: a grid needs at least one point per axis");
            }
            if (!Double.isFinite(upper - lower)) {
                throw new IllegalArgumentException("grid axis [" + lower + ", " + upper
                        + "] is longer than the largest double");
            }
        }
    }

    private final double[][] values;
    private final double[] logWeights;
    private final double logCellVolume;
    private final String description;

    private LatentSet(double[][] values, double[] logWeights, double logCellVolume, String description) {
        this.values = values;
        this.logWeights = logWeights;
        this.logCellVolume = logCellVolume;
        this.description = description;
    }

    /**
     * The k one-hot codes e_1, ..., e_k of R^k, each of weight 1: the latent of K-means,
     * whose energy ||y − W z||² at z = e_j is the squared distance to column j of W.
     *
     * @param k the number of codes, 1 &lt;= k &lt;= {@link #MAX_POINTS}
     * @return the set {e_1, ..., e_k}
     * @throws IllegalArgumentException naming k when it is out of range
     */
    public static LatentSet oneHot(int k) {
        if (k < 1 || k > MAX_POINTS) {
            throw new IllegalArgumentException("one-hot codes of length " + k
                    + ": the latent set would be " + (k < 1 ? "empty" : "too large") + "; need 1 <= k <= " + MAX_POINTS);
        }
        double[][] codes = new double[k][k];
        for (int j = 0; j < k; j++) {
            codes[j][j] = 1;
        }
        return new LatentSet(codes, new double[k], 0, "one-hot codes of length " + k);
    }

    /**
     * An explicit list of latent values, each of weight 1.
     *
     * @param values K &gt;= 1 vectors of one length d &gt;= 1 (the size of z), finite; copied
     * @return the set
     * @throws IllegalArgumentException naming the value for an empty list, a null or empty
     *         vector, a length that differs from the first, or an entry that is not finite
     */
    public static LatentSet of(double[][] values) {
        double[][] copy = checkedValues(values);
        return new LatentSet(copy, new double[copy.length], 0, copy.length + " latent values");
    }

    /**
     * An explicit list of latent values with weights: F_β = −(1/β) log Σ_k w_k exp(−β E_k).
     *
     * @param values  K &gt;= 1 vectors of one length d &gt;= 1 (the size of z), finite; copied
     * @param weights K positive, finite weights
     * @return the set
     * @throws IllegalArgumentException as {@link #of(double[][])}, or naming a weight that is
     *         not positive and finite, or a weight count that differs from the value count
     */
    public static LatentSet weighted(double[][] values, double[] weights) {
        double[][] copy = checkedValues(values);
        if (weights == null || weights.length != copy.length) {
            throw new IllegalArgumentException((weights == null ? "no" : String.valueOf(weights.length))
                    + " weights for " + copy.length + " latent values");
        }
        double[] logs = new double[weights.length];
        for (int k = 0; k < weights.length; k++) {
            if (!(weights[k] > 0) || !Double.isFinite(weights[k])) {
                throw new IllegalArgumentException("weight #" + k + " is " + weights[k]
                        + ": need a positive finite number");
            }
            logs[k] = Math.log(weights[k]);
        }
        return new LatentSet(copy, logs, 0, copy.length + " weighted latent values");
    }

    /**
     * A regular grid over a box in one or two dimensions with the weights of a quadrature
     * rule, so that Σ_k w_k f(z_k) approximates ∫_box f(z) dz. The points of a 2-D grid are in
     * row-major order: k = i_1 n_2 + i_2, the first axis varying slowest. The relative weight
     * of a point is the product of its per-axis relative weights (½ at a trapezoid end, else
     * 1) and the common factor is the cell volume h_1 h_2 ({@link #logCellVolume()}).
     *
     * @param rule the quadrature rule
     * @param axes one axis per coordinate of z, one or two
     * @return the grid
     * @throws IllegalArgumentException for a null rule or axis, no axis or more than two, a
     *         trapezoid axis with fewer than 2 points, or more than {@link #MAX_POINTS} points
     */
    public static LatentSet grid(Quadrature rule, Axis... axes) {
        if (rule == null) {
            throw new IllegalArgumentException("grid: the quadrature rule is null");
        }
        if (axes == null || axes.length < 1 || axes.length > 2) {
            throw new IllegalArgumentException("grid over " + (axes == null ? 0 : axes.length)
                    + " axes: a grid covers one or two dimensions (pass other latent values with of())");
        }
        long total = 1;
        for (int a = 0; a < axes.length; a++) {
            if (axes[a] == null) {
                throw new IllegalArgumentException("grid: axis " + a + " is null");
            }
            if (rule == Quadrature.TRAPEZOID && axes[a].points() < 2) {
                throw new IllegalArgumentException("grid axis " + a + " has " + axes[a].points()
                        + " point: the trapezoid rule needs at least 2 per axis");
            }
            total *= axes[a].points();
            if (total > MAX_POINTS) {
                throw new IllegalArgumentException("grid of more than " + MAX_POINTS + " points");
            }
        }
        double[][] nodes = new double[axes.length][];
        double[][] logRel = new double[axes.length][];
        double logVolume = 0;
        for (int a = 0; a < axes.length; a++) {
            Axis axis = axes[a];
            int n = axis.points();
            double h = (axis.upper() - axis.lower()) / (rule == Quadrature.MIDPOINT ? n : n - 1);
            nodes[a] = new double[n];
            logRel[a] = new double[n];
            for (int i = 0; i < n; i++) {
                nodes[a][i] = rule == Quadrature.MIDPOINT ? axis.lower() + (i + 0.5) * h
                        : i == n - 1 ? axis.upper() : axis.lower() + i * h;
            }
            if (rule == Quadrature.TRAPEZOID) {
                logRel[a][0] = -Math.log(2);
                logRel[a][n - 1] = -Math.log(2);
            }
            logVolume += Math.log(h);
        }
        int count = (int) total;
        double[][] points = new double[count][axes.length];
        double[] logs = new double[count];
        for (int k = 0; k < count; k++) {
            int rest = k;
            for (int a = axes.length - 1; a >= 0; a--) {
                int i = rest % axes[a].points();
                rest /= axes[a].points();
                points[k][a] = nodes[a][i];
                logs[k] += logRel[a][i];
            }
        }
        return new LatentSet(points, logs, logVolume, rule.name().toLowerCase(java.util.Locale.ROOT)
                + " grid " + Arrays.toString(axes));
    }

    private static double[][] checkedValues(double[][] values) {
        if (values == null || values.length == 0) {
            throw new IllegalArgumentException("the latent set is empty: give at least one value");
        }
        if (values.length > MAX_POINTS) {
            throw new IllegalArgumentException(values.length + " latent values: at most " + MAX_POINTS);
        }
        double[][] copy = new double[values.length][];
        for (int k = 0; k < values.length; k++) {
            double[] v = values[k];
            if (v == null || v.length == 0) {
                throw new IllegalArgumentException("latent value #" + k + " is " + (v == null ? "null" : "empty"));
            }
            if (v.length != values[0].length) {
                throw new IllegalArgumentException("latent value #" + k + " has length " + v.length
                        + ", value #0 has length " + values[0].length);
            }
            for (int i = 0; i < v.length; i++) {
                if (!Double.isFinite(v[i])) {
                    throw new IllegalArgumentException("latent value #" + k + " has entry " + i + " = " + v[i]
                            + ": need finite numbers");
                }
            }
            copy[k] = v.clone();
        }
        return copy;
    }

    /**
     * The number of values K.
     *
     * @return K, at least 1
     */
    public int size() {
        return values.length;
    }

    /**
     * The length d of every value, which must be the size of the latent z.
     *
     * @return d, at least 1
     */
    public int dimension() {
        return values[0].length;
    }

    /**
     * Value z_k.
     *
     * @param k an index, 0 &lt;= k &lt; {@link #size()}
     * @return a copy of z_k
     */
    public double[] value(int k) {
        return values[k].clone();
    }

    /**
     * The relative log-weight of value k: log w_k − {@link #logCellVolume()}; 0 for unit
     * weights and interior grid points, −log 2 at a trapezoid end (−2 log 2 at a corner).
     *
     * @param k an index, 0 &lt;= k &lt; {@link #size()}
     * @return the relative log-weight
     */
    public double logWeight(int k) {
        return logWeights[k];
    }

    /**
     * The log of the common factor of all weights: log(h_1 h_2) for a grid, 0 otherwise. It
     * enters the free energy as the additive constant −(1/β) log(h_1 h_2).
     *
     * @return the log of the cell volume, 0 for a discrete set
     */
    public double logCellVolume() {
        return logCellVolume;
    }

    /**
     * The full weight w_k = exp({@link #logWeight(int)} + {@link #logCellVolume()}).
     *
     * @param k an index, 0 &lt;= k &lt; {@link #size()}
     * @return the weight of value k, positive
     */
    public double weight(int k) {
        return Math.exp(logWeights[k] + logCellVolume);
    }

    /** Whether every relative log-weight is 0. */
    boolean uniform() {
        for (double w : logWeights) {
            if (w != 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return description;
    }
}
