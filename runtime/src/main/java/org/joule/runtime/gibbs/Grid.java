package org.joule.runtime.gibbs;

import java.util.Arrays;

/**
 * A regular grid over a box in one or more dimensions: the midpoints of {@code n[d]} equal
 * cells along each axis d. Sums over its points approximate integrals by the midpoint rule,
 * ∫ g(y) dy ≈ {@link #cellVolume()} · Σ_points g(y_i), whose error for a smooth g is
 * O(h²) per axis, and exponentially small for a g that is smooth and periodic over the box
 * or negligible at its edges (a Gaussian well inside it).
 *
 * <p>Points are listed with the last axis varying fastest, one point per row of
 * {@link #points()}, as {@link org.joule.runtime.Batch} expects rows.
 */
public final class Grid {
    private final double[] lo;
    private final double[] hi;
    private final int[] n;

    private Grid(double[] lo, double[] hi, int[] n) {
        this.lo = lo;
        this.hi = hi;
        this.n = n;
    }

    /**
     * A one-dimensional grid of {@code n} cells over [lo, hi].
     *
     * @param lo the lower end, finite
     * @param hi the upper end, finite and above lo
     * @param n  the number of cells, at least 1
     * @return the grid
     * @throws IllegalArgumentException naming the bad bound or count
     */
    public static Grid of(double lo, double hi, int n) {
        return box(new double[] {lo}, new double[] {hi}, new int[] {n});
    }

    /**
     * A two-dimensional grid of n0 × n1 cells over [lo0, hi0] × [lo1, hi1].
     *
     * @param lo0 lower end of axis 0
     * @param hi0 upper end of axis 0
     * @param n0  cells along axis 0
     * @param lo1 lower end of axis 1
     * @param hi1 upper end of axis 1
     * @param n1  cells along axis 1
     * @return the grid
     * @throws IllegalArgumentException naming the bad bound or count
     */
    public static Grid of(double lo0, double hi0, int n0, double lo1, double hi1, int n1) {
        return box(new double[] {lo0, lo1}, new double[] {hi0, hi1}, new int[] {n0, n1});
    }

    /**
     * A grid over a box of any dimension.
     *
     * @param lo lower ends, one per axis
     * @param hi upper ends, one per axis
     * @param n  cells per axis
     * @return the grid
     * @throws IllegalArgumentException naming the axis with a bad bound or count, for
     *         arrays of different lengths or no axis, or more than 2^31 − 1 points
     */
    public static Grid box(double[] lo, double[] hi, int[] n) {
        if (lo == null || hi == null || n == null || lo.length == 0 || lo.length != hi.length || lo.length != n.length) {
            throw new IllegalArgumentException("a grid needs lo, hi and n of one length, at least 1");
        }
        long points = 1;
        for (int d = 0; d < lo.length; d++) {
            if (!Double.isFinite(lo[d]) || !Double.isFinite(hi[d]) || !(hi[d] > lo[d])) {
                throw new IllegalArgumentException("grid axis " + d + ": need finite lo < hi, not [" + lo[d]
                        + ", " + hi[d] + "]");
            }
            if (n[d] < 1) {
                throw new IllegalArgumentException("grid axis " + d + ": " + n[d] + " cells; need at least 1");
            }
            points *= n[d];
            if (points > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("grid of " + Arrays.toString(n) + " cells has too many points");
            }
        }
        return new Grid(lo.clone(), hi.clone(), n.clone());
    }

    /**
     * Number of axes.
     *
     * @return the dimension of each point
     */
    public int dimension() {
        return n.length;
    }

    /**
     * Number of points.
     *
     * @return the product of the cell counts
     */
    public int size() {
        int s = 1;
        for (int c : n) {
            s *= c;
        }
        return s;
    }

    /**
     * The volume of one cell: the weight of each point in the midpoint rule.
     *
     * @return the product of the cell widths
     */
    public double cellVolume() {
        double v = 1;
        for (int d = 0; d < n.length; d++) {
            v *= (hi[d] - lo[d]) / n[d];
        }
        return v;
    }

    /**
     * The points, one row of {@link #dimension()} numbers each, last axis fastest.
     *
     * @return a new array of {@code size() * dimension()} numbers
     */
    public double[] points() {
        int dim = n.length;
        double[] out = new double[size() * dim];
        int[] index = new int[dim];
        for (int p = 0; p < size(); p++) {
            for (int d = 0; d < dim; d++) {
                out[p * dim + d] = lo[d] + (index[d] + 0.5) * (hi[d] - lo[d]) / n[d];
            }
            for (int d = dim - 1; d >= 0 && ++index[d] == n[d]; d--) {
                index[d] = 0;
            }
        }
        return out;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("Grid");
        for (int d = 0; d < n.length; d++) {
            b.append(d == 0 ? "[" : " x [").append(lo[d]).append(", ").append(hi[d]).append("] / ").append(n[d]);
        }
        return b.toString();
    }
}
