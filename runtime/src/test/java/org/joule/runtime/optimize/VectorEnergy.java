package org.joule.runtime.optimize;

import java.util.List;
import org.joule.runtime.EnergyFunction;
import org.joule.runtime.Layout;
import org.joule.runtime.Role;
import org.joule.runtime.Variable;

/**
 * A hand-coded test energy over the layout [a (scalar), x (vector of n), c (scalar)],
 * differentiated with respect to x only: E = f(x) + a * c, so the fixed coordinates a and c
 * enter the value but must never move. Counts its calls.
 */
abstract class VectorEnergy implements EnergyFunction {
    private final Layout layout;
    private final int n;
    int valueAndGradientCalls;
    int valueCalls;
    int hessianVectorCalls;

    VectorEnergy(int n) {
        this.n = n;
        this.layout = new Layout(List.of(new Variable("a", Role.DATA, 1, 1, 0, 0),
                new Variable("x", Role.LATENT, n, 1, 1, 1), new Variable("c", Role.DATA, 1, 1, 0, n + 1)));
    }

    /** f at x (length n); its gradient into g when g is not null. */
    abstract double f(double[] x, double[] g);

    /** The Hessian of f at x times v into out. */
    abstract void hv(double[] x, double[] v, double[] out);

    /** A full layout array with a, x and c. */
    double[] point(double a, double[] x, double c) {
        double[] full = new double[n + 2];
        full[0] = a;
        System.arraycopy(x, 0, full, 1, n);
        full[n + 1] = c;
        return full;
    }

    /** The x part of a full layout array. */
    double[] xOf(double[] full) {
        double[] x = new double[n];
        System.arraycopy(full, 1, x, 0, n);
        return x;
    }

    @Override
    public Layout layout() {
        return layout;
    }

    @Override
    public int wrtLength() {
        return n;
    }

    @Override
    public int wrt(int k) {
        return 1 + k;
    }

    @Override
    public double value(double[] full) {
        valueCalls++;
        return f(xOf(full), null) + full[0] * full[n + 1];
    }

    @Override
    public double valueAndGradient(double[] full, double[] gradient) {
        valueAndGradientCalls++;
        return f(xOf(full), gradient) + full[0] * full[n + 1];
    }

    @Override
    public void hessianVectorProduct(double[] full, double[] v, double[] out) {
        hessianVectorCalls++;
        hv(xOf(full), v, out);
    }

    /** f = x'Ax/2 - b'x. */
    static final class Quadratic extends VectorEnergy {
        final double[][] a;
        final double[] b;

        Quadratic(double[][] a, double[] b) {
            super(b.length);
            this.a = a;
            this.b = b;
        }

        @Override
        double f(double[] x, double[] g) {
            double[] ax = new double[x.length];
            hv(x, x, ax);
            double value = 0;
            for (int i = 0; i < x.length; i++) {
                value += 0.5 * x[i] * ax[i] - b[i] * x[i];
                if (g != null) {
                    g[i] = ax[i] - b[i];
                }
            }
            return value;
        }

        @Override
        void hv(double[] x, double[] v, double[] out) {
            for (int i = 0; i < v.length; i++) {
                double s = 0;
                for (int j = 0; j < v.length; j++) {
                    s += a[i][j] * v[j];
                }
                out[i] = s;
            }
        }
    }

    /** f = 100 (x1 - x0^2)^2 + (1 - x0)^2, minimum 0 at (1, 1). */
    static final class Rosenbrock extends VectorEnergy {
        Rosenbrock() {
            super(2);
        }

        @Override
        double f(double[] x, double[] g) {
            double r = x[1] - x[0] * x[0];
            double s = 1 - x[0];
            if (g != null) {
                g[0] = -400 * x[0] * r - 2 * s;
                g[1] = 200 * r;
            }
            return 100 * r * r + s * s;
        }

        @Override
        void hv(double[] x, double[] v, double[] out) {
            double h00 = 1200 * x[0] * x[0] - 400 * x[1] + 2;
            double h01 = -400 * x[0];
            out[0] = h00 * v[0] + h01 * v[1];
            out[1] = h01 * v[0] + 200 * v[1];
        }
    }

    /** f = ||D x - b||^2 / 2 for a design matrix D (rows of length n). */
    static final class LeastSquares extends VectorEnergy {
        final double[][] design;
        final double[] b;

        LeastSquares(double[][] design, double[] b) {
            super(design[0].length);
            this.design = design;
            this.b = b;
        }

        @Override
        double f(double[] x, double[] g) {
            double[] r = residual(x);
            if (g != null) {
                transposeTimes(r, g);
            }
            double value = 0;
            for (double ri : r) {
                value += 0.5 * ri * ri;
            }
            return value;
        }

        @Override
        void hv(double[] x, double[] v, double[] out) {
            double[] dv = new double[b.length];
            for (int i = 0; i < b.length; i++) {
                for (int j = 0; j < v.length; j++) {
                    dv[i] += design[i][j] * v[j];
                }
            }
            transposeTimes(dv, out);
        }

        private double[] residual(double[] x) {
            double[] r = new double[b.length];
            for (int i = 0; i < b.length; i++) {
                double s = -b[i];
                for (int j = 0; j < x.length; j++) {
                    s += design[i][j] * x[j];
                }
                r[i] = s;
            }
            return r;
        }

        private void transposeTimes(double[] r, double[] out) {
            for (int j = 0; j < out.length; j++) {
                double s = 0;
                for (int i = 0; i < r.length; i++) {
                    s += design[i][j] * r[i];
                }
                out[j] = s;
            }
        }
    }
}
