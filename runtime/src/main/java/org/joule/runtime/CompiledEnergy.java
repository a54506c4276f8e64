package org.joule.runtime;

/**
 * The base class of every compiled energy: it holds the layout, the gradient coordinates and
 * a per-thread work array, checks arguments, and delegates to the generated kernels. A
 * generated class needs only this module at run time.
 *
 * <p>Contracts are those of {@link EnergyFunction}; in addition the gradient and
 * Hessian-vector output arrays must not be the input arrays themselves.
 */
public abstract class CompiledEnergy implements EnergyFunction {
    private final Layout layout;
    private final int[] wrt;
    private final int workSize;
    private final ThreadLocal<double[]> work;

    /**
     * @param layoutSpec pieces of {@link Layout#toSpec()}, concatenated
     * @param wrtSpec    pieces of the gradient coordinates as ranges, e.g. {@code 0-15,18}
     * @param workSize   length of the work array the kernels need (0 for none)
     */
    protected CompiledEnergy(String[] layoutSpec, String[] wrtSpec, int workSize) {
        this.layout = Layout.fromSpec(String.join("", layoutSpec));
        this.wrt = Ranges.parse(String.join("", wrtSpec));
        this.workSize = workSize;
        this.work = workSize == 0 ? null : ThreadLocal.withInitial(() -> new double[workSize]);
    }

    @Override
    public final Layout layout() {
        return layout;
    }

    @Override
    public final int wrtLength() {
        return wrt.length;
    }

    @Override
    public final int wrt(int k) {
        return wrt[k];
    }

    /**
     * Length of the work array; 0 when the kernels keep everything in local variables.
     *
     * @return the number of slots in each thread's work array, 0 or more
     */
    public final int workSize() {
        return workSize;
    }

    final double[] work() {
        return work == null ? null : work.get();
    }

    @Override
    public final double value(double[] x) {
        Checks.length(x, layout.size(), "x");
        return value0(x, work());
    }

    @Override
    public final double valueAndGradient(double[] x, double[] gradient) {
        Checks.length(x, layout.size(), "x");
        Checks.length(gradient, wrt.length, "gradient");
        if (gradient == x) {
            throw new IllegalArgumentException("gradient must not be the same array as x");
        }
        return gradient0(x, gradient, work());
    }

    @Override
    public final void hessianVectorProduct(double[] x, double[] v, double[] out) {
        Checks.length(x, layout.size(), "x");
        Checks.length(v, wrt.length, "v");
        Checks.length(out, wrt.length, "out");
        if (out == x || out == v) {
            throw new IllegalArgumentException("out must not be the same array as x or v");
        }
        hvp0(x, v, out, work());
    }

    /**
     * The generated value kernel.
     *
     * @param x the inputs, already checked
     * @param w this thread's work array, or null when {@link #workSize()} is 0
     * @return the energy at {@code x}
     */
    protected abstract double value0(double[] x, double[] w);

    /**
     * The generated value-and-gradient kernel.
     *
     * @param x        the inputs, already checked
     * @param gradient the output, length {@code wrtLength()}, already checked
     * @param w        this thread's work array, or null when {@link #workSize()} is 0
     * @return the energy at {@code x}
     */
    protected abstract double gradient0(double[] x, double[] gradient, double[] w);

    /**
     * The generated Hessian-vector-product kernel.
     *
     * @param x   the inputs, already checked
     * @param v   the direction, length {@code wrtLength()}, already checked
     * @param out the output H v, length {@code wrtLength()}, already checked
     * @param w   this thread's work array, or null when {@link #workSize()} is 0
     */
    protected abstract void hvp0(double[] x, double[] v, double[] out, double[] w);

    /**
     * The generated loop over data rows: for each row r in [from, to) it copies
     * {@code rows[r * len .. r * len + len)} into x at {@code rowCoordinates} (len is their
     * count), runs the gradient kernel and adds the gradient into {@code acc[0 .. m)}; it
     * returns the sum of the values, added in row order. A loop in each generated class
     * keeps the kernel call monomorphic, so the JIT can inline it.
     *
     * @param x              the shared inputs; the row coordinates are overwritten row by row
     * @param rows           the rows one after another, len numbers each
     * @param from           the first row, inclusive
     * @param to             the last row, exclusive
     * @param rowCoordinates the flat input indices that a row's numbers go to, in order
     * @param acc            the accumulated gradient, added to
     * @param gradient       scratch for one row's gradient, length {@code wrtLength()}
     * @param w              this thread's work array, or null when {@link #workSize()} is 0
     * @return the sum of the values of rows {@code from .. to-1}
     */
    protected abstract double gradientRows(double[] x, double[] rows, int from, int to, int[] rowCoordinates,
                                           double[] acc, double[] gradient, double[] w);

    final double gradientRowsUnchecked(double[] x, double[] rows, int from, int to, int[] rowCoordinates,
                                       double[] acc, double[] gradient) {
        return gradientRows(x, rows, from, to, rowCoordinates, acc, gradient, work());
    }
}
