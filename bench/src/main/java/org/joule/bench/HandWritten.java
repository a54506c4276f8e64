package org.joule.bench;

/**
 * Hand-written value-and-gradient code for the benchmark workloads: plain loops, the way a
 * careful Java programmer would write them. The speed limit the compiled code is measured
 * against. Input layouts match the graphs' (declaration order, row-major).
 */
final class HandWritten {
    private HandWritten() {
    }

    /**
     * W1: F = -(1/beta) logsumexp_k(-beta ||y - w_k||^2); x = [y (d), W (k x d)]; gradient
     * over all of x. Work arrays e, p of length k.
     */
    static double kmeans(double[] x, double[] g, int k, int d, double beta, double[] e) {
        double m = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < k; j++) {
            double s = 0;
            int row = d + j * d;
            for (int i = 0; i < d; i++) {
                double diff = x[i] - x[row + i];
                s += diff * diff;
            }
            e[j] = -beta * s;
            m = Math.max(m, e[j]);
        }
        double sum = 0;
        for (int j = 0; j < k; j++) {
            e[j] = Math.exp(e[j] - m);
            sum += e[j];
        }
        double f = -(m + Math.log(sum)) / beta;
        for (int i = 0; i < d; i++) {
            g[i] = 0;
        }
        for (int j = 0; j < k; j++) {
            double p = e[j] / sum;
            int row = d + j * d;
            for (int i = 0; i < d; i++) {
                double t = 2 * p * (x[i] - x[row + i]);
                g[i] += t;
                g[row + i] = -t;
            }
        }
        return f;
    }

    /** W4's kernel: the W1 (d = 2) gradient with respect to W only, added into acc (length 2k). */
    static double kmeansW(double y0, double y1, double[] w, double[] acc, int k, double beta, double[] e) {
        double m = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < k; j++) {
            double a = y0 - w[2 * j];
            double b = y1 - w[2 * j + 1];
            e[j] = -beta * (a * a + b * b);
            m = Math.max(m, e[j]);
        }
        double sum = 0;
        for (int j = 0; j < k; j++) {
            e[j] = Math.exp(e[j] - m);
            sum += e[j];
        }
        for (int j = 0; j < k; j++) {
            double p = 2 * e[j] / sum;
            acc[2 * j] -= p * (y0 - w[2 * j]);
            acc[2 * j + 1] -= p * (y1 - w[2 * j + 1]);
        }
        return -(m + Math.log(sum)) / beta;
    }

    /**
     * W2: E = v . tanh(A y + b); x = [y (d), A (h x d), b (h), v (h)]; gradient over all of x.
     * Work array t of length h.
     */
    static double mlp(double[] x, double[] g, int d, int h, double[] t) {
        int a0 = d;
        int b0 = d + h * d;
        int v0 = b0 + h;
        double e = 0;
        for (int i = 0; i < h; i++) {
            double s = x[b0 + i];
            int row = a0 + i * d;
            for (int j = 0; j < d; j++) {
                s += x[row + j] * x[j];
            }
            t[i] = Math.tanh(s);
            e += x[v0 + i] * t[i];
        }
        for (int j = 0; j < d; j++) {
            g[j] = 0;
        }
        for (int i = 0; i < h; i++) {
            double dh = x[v0 + i] * (1 - t[i] * t[i]);
            g[v0 + i] = t[i];
            g[b0 + i] = dh;
            int row = a0 + i * d;
            for (int j = 0; j < d; j++) {
                g[row + j] = dh * x[j];
                g[j] += dh * x[row + j];
            }
        }
        return e;
    }

    /** W3: extended Rosenbrock sum_i 100 (x_{i+1} - x_i^2)^2 + (1 - x_i)^2, with gradient. */
    static double rosenbrock(double[] x, double[] g) {
        int n = x.length;
        double f = 0;
        for (int i = 0; i < n; i++) {
            g[i] = 0;
        }
        for (int i = 0; i + 1 < n; i++) {
            double a = x[i + 1] - x[i] * x[i];
            double b = 1 - x[i];
            f += 100 * a * a + b * b;
            g[i] += -400 * a * x[i] - 2 * b;
            g[i + 1] += 200 * a;
        }
        return f;
    }
}
