package org.joule.runtime.gibbs;

import java.util.List;
import org.joule.runtime.EnergyFunction;
import org.joule.runtime.Layout;
import org.joule.runtime.Role;
import org.joule.runtime.Variable;

/**
 * A hand-written test energy over an output y in R^d with parameters theta = (mu_1..mu_d, a, c):
 * E(y; theta) = a/2 |y - mu|^2 + c sum_i y_i^4, differentiated with respect to theta. With
 * c = 0 its Gibbs distribution is a Gaussian of mean mu and variance 1/(beta a) per axis.
 */
final class Wells implements EnergyFunction {
    private final int d;
    private final Layout layout;

    Wells(int d) {
        this.d = d;
        this.layout = new Layout(List.of(new Variable("y", Role.DATA, d, 1, 1, 0),
                new Variable("theta", Role.PARAMETER, d + 2, 1, 1, d)));
    }

    /** The input array for output y = 0 and the given parameters. */
    double[] at(double[] mu, double a, double c) {
        double[] x = new double[2 * d + 2];
        System.arraycopy(mu, 0, x, d, d);
        x[2 * d] = a;
        x[2 * d + 1] = c;
        return x;
    }

    @Override
    public Layout layout() {
        return layout;
    }

    @Override
    public int wrtLength() {
        return d + 2;
    }

    @Override
    public int wrt(int k) {
        return d + k;
    }

    @Override
    public double value(double[] x) {
        return valueAndGradient(x, new double[d + 2]);
    }

    @Override
    public double valueAndGradient(double[] x, double[] gradient) {
        double a = x[2 * d];
        double c = x[2 * d + 1];
        double sq = 0;
        double quartic = 0;
        for (int i = 0; i < d; i++) {
            double r = x[i] - x[d + i];
            sq += r * r;
            quartic += x[i] * x[i] * x[i] * x[i];
            gradient[i] = -a * r;
        }
        gradient[d] = sq / 2;
        gradient[d + 1] = quartic;
        return a / 2 * sq + c * quartic;
    }

    @Override
    public void hessianVectorProduct(double[] x, double[] v, double[] out) {
        throw new UnsupportedOperationException("not needed by the Gibbs tests");
    }
}
