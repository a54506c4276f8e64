package org.joule.bench;

import org.apache.commons.math3.analysis.differentiation.DerivativeStructure;

/**
 * The benchmark workloads in forward mode with Commons Math DerivativeStructure: one
 * derivative structure per input, as a user of that library would write them. The gradient
 * of n inputs costs about n times the value: the contrast with reverse mode.
 */
final class Forward {
    private Forward() {
    }

    static DerivativeStructure[] variables(double[] x) {
        DerivativeStructure[] v = new DerivativeStructure[x.length];
        for (int i = 0; i < x.length; i++) {
            v[i] = new DerivativeStructure(x.length, 1, i, x[i]);
        }
        return v;
    }

    static double gradient(DerivativeStructure f, double[] g) {
        int[] orders = new int[g.length];
        for (int i = 0; i < g.length; i++) {
            orders[i] = 1;
            g[i] = f.getPartialDerivative(orders);
            orders[i] = 0;
        }
        return f.getValue();
    }

    static double kmeans(double[] x, double[] g, int k, int d, double beta) {
        DerivativeStructure[] v = variables(x);
        DerivativeStructure[] a = new DerivativeStructure[k];
        double m = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < k; j++) {
            DerivativeStructure s = new DerivativeStructure(x.length, 1, 0);
            for (int i = 0; i < d; i++) {
                DerivativeStructure diff = v[i].subtract(v[d + j * d + i]);
                s = s.add(diff.multiply(diff));
            }
            a[j] = s.multiply(-beta);
            m = Math.max(m, a[j].getValue());
        }
        DerivativeStructure sum = new DerivativeStructure(x.length, 1, 0);
        for (int j = 0; j < k; j++) {
            sum = sum.add(a[j].subtract(m).exp());
        }
        return gradient(sum.log().add(m).divide(-beta), g);
    }

    static double mlp(double[] x, double[] g, int d, int h) {
        DerivativeStructure[] v = variables(x);
        int b0 = d + h * d;
        int v0 = b0 + h;
        DerivativeStructure e = new DerivativeStructure(x.length, 1, 0);
        for (int i = 0; i < h; i++) {
            DerivativeStructure s = v[b0 + i];
            for (int j = 0; j < d; j++) {
                s = s.add(v[d + i * d + j].multiply(v[j]));
            }
            e = e.add(v[v0 + i].multiply(s.tanh()));
        }
        return gradient(e, g);
    }

    static double rosenbrock(double[] x, double[] g) {
        DerivativeStructure[] v = variables(x);
        DerivativeStructure f = new DerivativeStructure(x.length, 1, 0);
        for (int i = 0; i + 1 < x.length; i++) {
            DerivativeStructure a = v[i + 1].subtract(v[i].multiply(v[i]));
            DerivativeStructure b = v[i].negate().add(1);
            f = f.add(a.multiply(a).multiply(100)).add(b.multiply(b));
        }
        return gradient(f, g);
    }
}
