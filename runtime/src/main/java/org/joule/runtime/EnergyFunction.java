package org.joule.runtime;

/**
 * A scalar energy E over a flat input array, with its gradient and Hessian-vector product
 * with respect to a chosen subset of the coordinates. This is the one interface that both
 * the reference interpreter and compiled classes implement, so they are interchangeable.
 *
 * <p>Contracts, for every implementation:
 * <ul>
 *   <li>{@code x} has length {@code layout().size()}; coordinates are laid out as
 *       {@link Layout} says.</li>
 *   <li>Gradients and Hessian-vector products have length {@code wrtLength()}; entry
 *       {@code k} is the derivative with respect to coordinate {@code wrt(k)}, and the
 *       vector {@code v} of a Hessian-vector product is indexed the same way.</li>
 *   <li>A wrong length or a null array is an {@link IllegalArgumentException} naming the
 *       argument, thrown before any computation; arrays are never retained.</li>
 *   <li>NaN inputs propagate to NaN outputs; they never turn into wrong finite numbers.
 *       Precisely: let coordinate i of x be NaN, and x' be x with a finite value there. If
 *       dE/dx_i is not 0 at x', the energy at x is NaN; if d2E/dx_k dx_i is not 0 at x',
 *       gradient entry k is NaN; if d3E/dx_k dx_l dx_i is not 0 at x', Hessian entry
 *       (k, l) and the entries of Hessian-vector products that use it are NaN. A NaN that
 *       decides a branch (relu, abs, min, max, select, step) gives NaN, never one branch's
 *       value: relu'(NaN) is NaN, not 0. Entries that do not depend on x_i are computed as
 *       usual and may be finite: d(x y)/dx = y at x = NaN. (Entries that do not depend on it
 *       may also be NaN where they share a NaN intermediate, such as max' when a NaN argument
 *       is not the maximum; and a function that is constant in x_i, such as x^0 = 1 or
 *       select(c, x, y) with c &lt;= 0, does not depend on it at all.)</li>
 *   <li>Implementations are thread-safe: one instance may be called from many threads.</li>
 * </ul>
 */
public interface EnergyFunction {

    /**
     * The layout of the input array.
     *
     * @return the layout, never null
     */
    Layout layout();

    /**
     * Number of coordinates the gradient is taken with respect to.
     *
     * @return the length of gradients and Hessian-vector products, 0 or more
     */
    int wrtLength();

    /**
     * The flat input index of gradient entry {@code k}.
     *
     * @param k a gradient entry, 0 &lt;= k &lt; {@link #wrtLength()}
     * @return its index in the flat input array
     */
    int wrt(int k);

    /**
     * The energy at {@code x}.
     *
     * @param x the inputs, length {@code layout().size()}
     * @return the energy, NaN when an input is NaN
     */
    double value(double[] x);

    /**
     * The energy at {@code x}; writes its gradient with respect to the chosen coordinates
     * into {@code gradient} (length {@link #wrtLength()}), overwriting it.
     *
     * @param x        the inputs, length {@code layout().size()}
     * @param gradient the output, length {@link #wrtLength()}
     * @return the energy, the same as {@link #value(double[])} gives
     */
    double valueAndGradient(double[] x, double[] gradient);

    /**
     * Writes H v into {@code out}, where H is the Hessian of the energy at {@code x} with
     * respect to the chosen coordinates and {@code v} has length {@link #wrtLength()}.
     *
     * @param x   the inputs, length {@code layout().size()}
     * @param v   the direction, length {@link #wrtLength()}
     * @param out the output H v, length {@link #wrtLength()}, overwritten
     */
    void hessianVectorProduct(double[] x, double[] v, double[] out);

    /**
     * The gradient at {@code x} in a new array.
     *
     * @param x the inputs, length {@code layout().size()}
     * @return the gradient, length {@link #wrtLength()}
     */
    default double[] gradient(double[] x) {
        double[] g = new double[wrtLength()];
        valueAndGradient(x, g);
        return g;
    }

    /**
     * The full Hessian with respect to the chosen coordinates, as {@code wrtLength()}
     * Hessian-vector products with unit vectors (row {@code i} is H e_i).
     *
     * @param x the inputs, length {@code layout().size()}
     * @return the Hessian, {@code wrtLength()} rows of {@code wrtLength()} entries
     */
    default double[][] hessian(double[] x) {
        int n = wrtLength();
        double[][] h = new double[n][n];
        double[] e = new double[n];
        for (int i = 0; i < n; i++) {
            e[i] = 1;
            hessianVectorProduct(x, e, h[i]);
            e[i] = 0;
        }
        return h;
    }
}
