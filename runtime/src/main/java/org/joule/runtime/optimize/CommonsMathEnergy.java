package org.joule.runtime.optimize;

import java.util.List;
import org.apache.commons.math3.analysis.MultivariateFunction;
import org.apache.commons.math3.analysis.MultivariateVectorFunction;
import org.joule.runtime.Checks;
import org.joule.runtime.EnergyFunction;
import org.joule.runtime.Layout;
import org.joule.runtime.Role;
import org.joule.runtime.Variable;

/**
 * A Commons Math function and gradient as an {@link EnergyFunction} over one vector variable
 * {@code x}, differentiated with respect to all of it. See
 * {@link CommonsMath#energy(int, MultivariateFunction, MultivariateVectorFunction)}.
 */
final class CommonsMathEnergy implements EnergyFunction {
    /** eps^(1/3): balances the O(h^2) truncation and O(eps/h) rounding errors of a central difference. */
    private static final double STEP = Math.cbrt(Math.ulp(1.0));

    private final Layout layout;
    private final MultivariateFunction function;
    private final MultivariateVectorFunction gradient;

    CommonsMathEnergy(int dimension, MultivariateFunction function, MultivariateVectorFunction gradient) {
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension is " + dimension + "; expected 1 or more");
        }
        if (function == null) {
            throw new IllegalArgumentException("function is null");
        }
        if (gradient == null) {
            throw new IllegalArgumentException("gradient is null");
        }
        this.layout = new Layout(List.of(new Variable("x", Role.PARAMETER, dimension, 1, 1, 0)));
        this.function = function;
        this.gradient = gradient;
    }

    @Override
    public Layout layout() {
        return layout;
    }

    @Override
    public int wrtLength() {
        return layout.size();
    }

    @Override
    public int wrt(int k) {
        return k;
    }

    @Override
    public double value(double[] x) {
        Checks.length(x, layout.size(), "x");
        return function.value(x.clone());
    }

    @Override
    public double valueAndGradient(double[] x, double[] out) {
        Checks.length(x, layout.size(), "x");
        Checks.length(out, layout.size(), "gradient");
        gradientInto(x.clone(), out);
        return function.value(x.clone());
    }

    /**
     * H v by a central difference of the gradient, (g(x + h v) - g(x - h v)) / (2h) with
     * h = eps^(1/3) max(1, ||x||_inf) / ||v||_inf: approximate, with a relative error of about
     * eps^(2/3) = 4e-11 where the third derivatives are of the size of the gradient.
     */
    @Override
    public void hessianVectorProduct(double[] x, double[] v, double[] out) {
        int n = layout.size();
        Checks.length(x, n, "x");
        Checks.length(v, n, "v");
        Checks.length(out, n, "out");
        double vNorm = Vectors.normInf(v);
        if (vNorm == 0) {
            java.util.Arrays.fill(out, 0);
            return;
        }
        double h = STEP * Math.max(1, Vectors.normInf(x)) / vNorm;
        double[] plus = new double[n];
        double[] minus = new double[n];
        double[] point = new double[n];
        Vectors.sum(x, h, v, point);
        gradientInto(point, plus);
        Vectors.sum(x, -h, v, point);
        gradientInto(point, minus);
        for (int i = 0; i < n; i++) {
            out[i] = (plus[i] - minus[i]) / (2 * h);
        }
    }

    private void gradientInto(double[] x, double[] out) {
        double[] g = gradient.value(x);
        if (g == null || g.length != out.length) {
            throw new IllegalStateException("the Commons Math gradient returned "
                    + (g == null ? "null" : "an array of length " + g.length) + "; expected length " + out.length);
        }
        System.arraycopy(g, 0, out, 0, out.length);
    }
}
