package org.joule.runtime.latent;

import java.util.List;
import org.joule.runtime.EnergyFunction;
import org.joule.runtime.Layout;
import org.joule.runtime.Role;
import org.joule.runtime.Variable;

/**
 * A hand-written energy over the layout [y (data), z (latent, 2), w (parameter)]:
 * E = Σ_k (z_k − w y)² + y² + offset, so z* = (w y, w y), F = y² + offset, ∂F/∂y = 2y and
 * ∂F/∂w = 0. Differentiated with respect to the flat indices given; the energy is NaN where
 * z[0] exceeds {@code nanAbove}.
 */
final class Bowl implements EnergyFunction {
    static final Layout LAYOUT = new Layout(List.of(new Variable("y", Role.DATA, 1, 1, 0, 0),
            new Variable("z", Role.LATENT, 2, 1, 1, 1), new Variable("w", Role.PARAMETER, 1, 1, 0, 3)));

    private final Layout layout;
    private final int[] wrt;
    private final double offset;
    private final double nanAbove;

    private Bowl(Layout layout, int[] wrt, double offset, double nanAbove) {
        this.layout = layout;
        this.wrt = wrt;
        this.offset = offset;
        this.nanAbove = nanAbove;
    }

    /** The bowl differentiated with respect to flat indices {@code wrt}. */
    static Bowl over(int... wrt) {
        return new Bowl(LAYOUT, wrt, 0, Double.POSITIVE_INFINITY);
    }

    /** The latent view: wrt z[0], z[1]. */
    static Bowl inner() {
        return over(1, 2);
    }

    /** The outer view: wrt y, w. */
    static Bowl outer() {
        return over(0, 3);
    }

    /** This bowl plus a constant: another energy. */
    Bowl plus(double c) {
        return new Bowl(layout, wrt, offset + c, nanAbove);
    }

    /** This bowl, NaN where z[0] &gt; limit. */
    Bowl nanAbove(double limit) {
        return new Bowl(layout, wrt, offset, limit);
    }

    /** This bowl over another layout of the same size. */
    Bowl in(Layout other) {
        return new Bowl(other, wrt, offset, nanAbove);
    }

    /** A full layout array. */
    static double[] point(double y, double z0, double z1, double w) {
        return new double[] {y, z0, z1, w};
    }

    @Override
    public Layout layout() {
        return layout;
    }

    @Override
    public int wrtLength() {
        return wrt.length;
    }

    @Override
    public int wrt(int k) {
        return wrt[k];
    }

    @Override
    public double value(double[] x) {
        double r0 = x[1] - x[3] * x[0];
        double r1 = x[2] - x[3] * x[0];
        return x[1] > nanAbove ? Double.NaN : r0 * r0 + r1 * r1 + x[0] * x[0] + offset;
    }

    @Override
    public double valueAndGradient(double[] x, double[] gradient) {
        double r0 = x[1] - x[3] * x[0];
        double r1 = x[2] - x[3] * x[0];
        double[] full = {-2 * x[3] * (r0 + r1) + 2 * x[0], 2 * r0, 2 * r1, -2 * x[0] * (r0 + r1)};
        for (int k = 0; k < wrt.length; k++) {
            gradient[k] = full[wrt[k]];
        }
        return value(x);
    }

    @Override
    public void hessianVectorProduct(double[] x, double[] v, double[] out) {
        double y = x[0];
        double w = x[3];
        double s = x[1] + x[2] - 2 * w * y;
        double[][] h = {
            {4 * w * w + 2, -2 * w, -2 * w, -2 * s + 4 * w * y},
            {-2 * w, 2, 0, -2 * y},
            {-2 * w, 0, 2, -2 * y},
            {-2 * s + 4 * w * y, -2 * y, -2 * y, 4 * y * y}};
        for (int a = 0; a < wrt.length; a++) {
            double sum = 0;
            for (int b = 0; b < wrt.length; b++) {
                sum += h[wrt[a]][wrt[b]] * v[b];
            }
            out[a] = sum;
        }
    }
}
