package org.joule.samples;

import org.joule.runtime.Batch;
import org.joule.runtime.EnergyFunction;
import org.joule.runtime.Layout;
import org.joule.runtime.Variable;

/**
 * The sum of an energy over fixed data rows, L(W) = Σ_r E(y_r; W), as an
 * {@link EnergyFunction} of the remaining coordinates, so that any optimiser of
 * {@code org.joule.runtime.optimize} minimises a data loss. Value and gradient are summed by
 * {@link Batch} on up to {@code threads} threads, the same bits for any thread count; the
 * row coordinates of an input array are ignored. The Hessian-vector product is summed over
 * the rows in row order on the calling thread. Immutable and thread-safe; the rows are
 * copied.
 *
 * <p>This is the loss of LeCun et al. 2006 ("A tutorial on energy-based learning", section
 * on the energy loss and latent variables): the free energy of each training sample, summed.
 */
public final class DataSum implements EnergyFunction {
    private final EnergyFunction f;
    private final Batch batch;
    private final double[] rows;
    private final int threads;
    private final int[] rowCoordinates;

    /**
     * The sum of {@code f} over {@code rows}, whose entries fill the coordinates of the named
     * variables.
     *
     * @param f            the energy of one row
     * @param rows         rows one after another, each holding the named variables' coordinates
     * @param threads      the threads Batch may use, 1 or more
     * @param rowVariables the variables each row holds, in layout order
     * @throws IllegalArgumentException naming the culprit: a null energy, an unknown variable,
     *         rows that are not a whole number of rows, a thread count below 1
     */
    public DataSum(EnergyFunction f, double[] rows, int threads, String... rowVariables) {
        this.batch = Batch.byVariables(f, rowVariables);
        batch.rowCount(rows);
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, not " + threads);
        }
        this.f = f;
        this.rows = rows.clone();
        this.threads = threads;
        this.rowCoordinates = new int[batch.rowLength()];
        java.util.Set<String> names = java.util.Set.of(rowVariables);
        int c = 0;
        for (Variable v : f.layout().variables()) {
            if (names.contains(v.name())) {
                for (int i = 0; i < v.size(); i++) {
                    rowCoordinates[c++] = v.offset() + i;
                }
            }
        }
    }

    /**
     * The number of rows summed.
     *
     * @return the row count
     */
    public int rowCount() {
        return batch.rowCount(rows);
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
        return batch.valueAndGradientSum(x, rows, new double[f.wrtLength()], threads);
    }

    @Override
    public double valueAndGradient(double[] x, double[] gradient) {
        return batch.valueAndGradientSum(x, rows, gradient, threads);
    }

    @Override
    public void hessianVectorProduct(double[] x, double[] v, double[] out) {
        org.joule.runtime.Checks.length(out, f.wrtLength(), "out");
        double[] xl = x.clone();
        double[] h = new double[f.wrtLength()];
        java.util.Arrays.fill(out, 0);
        int len = rowCoordinates.length;
        for (int r = 0; r < rows.length / len; r++) {
            for (int i = 0; i < len; i++) {
                xl[rowCoordinates[i]] = rows[r * len + i];
            }
            f.hessianVectorProduct(xl, v, h);
            for (int j = 0; j < h.length; j++) {
                out[j] += h[j];
            }
        }
    }
}
