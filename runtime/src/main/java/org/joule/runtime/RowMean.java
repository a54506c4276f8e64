package org.joule.runtime;

import java.util.Arrays;
import java.util.Set;

/**
 * The mean of an energy over fixed rows, L(W) = (1/N) Σ_r E(row_r; W), as an
 * {@link EnergyFunction} of the same layout, so that any optimiser of
 * {@code org.joule.runtime.optimize} minimises an empirical risk: the mean over data of a
 * per-example objective such as a score-matching objective (Hyvärinen 2005; Song et al. 2019;
 * Vincent 2011) or a loss of LeCun et al. 2006. The row coordinates of an input array are
 * ignored; the others are shared by every row. Value and gradient are summed by {@link Batch}
 * on up to {@code threads} threads, the same bits for any thread count, then divided by N; the
 * Hessian-vector product is summed row by row on the calling thread. Immutable and
 * thread-safe; the rows are copied.
 *
 * <pre>{@code
 * EnergyFunction loss = RowMean.of(Compiler.compile(objective), rows, 4, Role.DATA);
 * OptimizationResult r = new Lbfgs().minimize(loss, start);
 * }</pre>
 */
public final class RowMean implements EnergyFunction {
    private final EnergyFunction f;
    private final Batch batch;
    private final double[] rows;
    private final int count;
    private final int threads;
    private final int[] rowCoordinates;

    private RowMean(EnergyFunction f, Batch batch, int[] rowCoordinates, double[] rows, int threads) {
        if (rows == null || rows.length == 0) {
            throw new IllegalArgumentException("row mean: the rows are " + (rows == null ? "null" : "empty")
                    + "; a mean needs at least one row");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("row mean: threads must be at least 1, not " + threads);
        }
        this.count = batch.rowCount(rows);
        for (int i = 0; i < rows.length; i++) {
            if (!Double.isFinite(rows[i])) {
                throw new IllegalArgumentException("row mean: row " + i / rowCoordinates.length + ", coordinate '"
                        + f.layout().coordinateName(rowCoordinates[i % rowCoordinates.length]) + "' is " + rows[i]);
            }
        }
        this.f = f;
        this.batch = batch;
        this.rows = rows.clone();
        this.threads = threads;
        this.rowCoordinates = rowCoordinates;
    }

    /**
     * The mean of {@code f} over {@code rows}, each row holding the coordinates of the variables
     * with the given roles, in layout order.
     *
     * @param f        the energy of one row
     * @param rows     rows one after another, finite, at least one row
     * @param threads  the threads {@link Batch} may use, 1 or more; the result does not depend on it
     * @param rowRoles the roles whose variables a row holds; none means {@link Role#DATA}
     * @return the mean
     * @throws IllegalArgumentException naming the culprit: a null energy, no variable with those
     *     roles, no rows or not a whole number of rows, a non-finite entry (with its row and
     *     coordinate), threads below 1
     */
    public static RowMean of(EnergyFunction f, double[] rows, int threads, Role... rowRoles) {
        Batch batch = Batch.of(f, rowRoles);
        Set<Role> roles = rowRoles.length == 0 ? Set.of(Role.DATA) : Set.of(rowRoles);
        return new RowMean(f, batch, coordinates(f, v -> roles.contains(v.role())), rows, threads);
    }

    /**
     * The mean of {@code f} over {@code rows}, each row holding the coordinates of the named
     * variables, in layout order.
     *
     * @param f            the energy of one row
     * @param rows         rows one after another, finite, at least one row
     * @param threads      the threads {@link Batch} may use, 1 or more
     * @param rowVariables the variables a row holds
     * @return the mean
     * @throws IllegalArgumentException as {@link #of}, and naming an unknown variable
     */
    public static RowMean byVariables(EnergyFunction f, double[] rows, int threads, String... rowVariables) {
        Batch batch = Batch.byVariables(f, rowVariables);
        Set<String> names = Set.of(rowVariables);
        return new RowMean(f, batch, coordinates(f, v -> names.contains(v.name())), rows, threads);
    }

    private static int[] coordinates(EnergyFunction f, java.util.function.Predicate<Variable> chosen) {
        return f.layout().variables().stream().filter(chosen)
                .flatMapToInt(v -> java.util.stream.IntStream.range(v.offset(), v.offset() + v.size()))
                .toArray();
    }

    /**
     * The number of rows averaged.
     *
     * @return N, 1 or more
     */
    public int rowCount() {
        return count;
    }

    @Override
    public Layout layout() {
        return f.layout();
    }

    @Override
    public int wrtLength() {
        return f.wrtLength();
    }

    @Override
    public int wrt(int k) {
        return f.wrt(k);
    }

    @Override
    public double value(double[] x) {
        return valueAndGradient(x, new double[f.wrtLength()]);
    }

    @Override
    public double valueAndGradient(double[] x, double[] gradient) {
        double sum = batch.valueAndGradientSum(x, rows, gradient, threads);
        for (int j = 0; j < gradient.length; j++) {
            gradient[j] /= count;
        }
        return sum / count;
    }

    @Override
    public void hessianVectorProduct(double[] x, double[] v, double[] out) {
        Checks.length(x, f.layout().size(), "x");
        Checks.length(out, f.wrtLength(), "out");
        double[] xl = x.clone();
        double[] h = new double[out.length];
        Arrays.fill(out, 0);
        int len = rowCoordinates.length;
        for (int r = 0; r < count; r++) {
            for (int i = 0; i < len; i++) {
                xl[rowCoordinates[i]] = rows[r * len + i];
            }
            f.hessianVectorProduct(xl, v, h);
            for (int j = 0; j < out.length; j++) {
                out[j] += h[j];
            }
        }
        for (int j = 0; j < out.length; j++) {
            out[j] /= count;
        }
    }
}
