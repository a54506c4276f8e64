package org.joule.runtime.sampling;

import java.util.List;
import java.util.Random;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.joule.runtime.EnergyFunction;
import org.joule.runtime.Layout;
import org.joule.runtime.Role;
import org.joule.runtime.Variable;

/**
 * The Gaussian energy E = ½ (y − μ)ᵀ P (y − μ) + a c, hand-coded with its gradient and
 * Hessian-vector product, over the layout [a (scalar), y (vector of n), c (scalar)] and
 * differentiated with respect to y only: the samplers must leave a and c alone (they shift the
 * energy by a constant, which does not change p(y)). Under β = 1, y ~ N(μ, P⁻¹).
 */
final class Gaussian implements EnergyFunction {
    final double[] mu;
    final double[][] precision;
    final double[][] covariance;
    private final Layout layout;
    private final int n;

    Gaussian(double[] mu, double[][] covariance) {
        this.n = mu.length;
        this.mu = mu.clone();
        this.covariance = covariance;
        this.precision = MatrixUtils.inverse(new Array2DRowRealMatrix(covariance)).getData();
        this.layout = new Layout(List.of(new Variable("a", Role.DATA, 1, 1, 0, 0),
                new Variable("y", Role.LATENT, n, 1, 1, 1), new Variable("c", Role.DATA, 1, 1, 0, n + 1)));
    }

    /** The standard normal in n dimensions. */
    static Gaussian standard(int n) {
        double[][] cov = new double[n][n];
        for (int i = 0; i < n; i++) {
            cov[i][i] = 1;
        }
        return new Gaussian(new double[n], cov);
    }

    /** Ten dimensions, means −4.5 .. 4.5, covariance 0.5^|i−j| (eigenvalues 1/3 .. 3, κ ≈ 8). */
    static Gaussian correlated() {
        int n = 10;
        double[] mu = new double[n];
        double[][] cov = new double[n][n];
        for (int i = 0; i < n; i++) {
            mu[i] = i - 4.5;
            for (int j = 0; j < n; j++) {
                cov[i][j] = Math.pow(0.5, Math.abs(i - j));
            }
        }
        return new Gaussian(mu, cov);
    }

    /**
     * Ten dimensions, covariance Q diag(λ) Qᵀ with λ log-spaced from 10⁻² to 10² (condition
     * number 10⁴, standard deviations 0.1 .. 10) and Q a fixed random rotation, so a diagonal
     * mass matrix cannot undo the conditioning; means 1 .. 10.
     */
    static Gaussian illConditioned() {
        int n = 10;
        Random random = new Random(20240611);
        double[][] g = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                g[i][j] = random.nextGaussian();
            }
        }
        RealMatrix q = new QRDecomposition(new Array2DRowRealMatrix(g)).getQ();
        double[] lambda = new double[n];
        for (int k = 0; k < n; k++) {
            lambda[k] = Math.pow(10, -2 + 4.0 * k / (n - 1));
        }
        RealMatrix cov = q.multiply(MatrixUtils.createRealDiagonalMatrix(lambda)).multiply(q.transpose());
        double[][] c = cov.getData();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                c[i][j] = c[j][i]; // exactly symmetric
            }
        }
        double[] mu = new double[n];
        for (int i = 0; i < n; i++) {
            mu[i] = i + 1;
        }
        return new Gaussian(mu, c);
    }

    /** A full layout array with a = 2, y and c = 3. */
    double[] point(double[] y) {
        double[] x = new double[n + 2];
        x[0] = 2;
        System.arraycopy(y, 0, x, 1, n);
        x[n + 1] = 3;
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
    public double value(double[] x) {
        return valueAndGradient(x, null);
    }

    @Override
    public double valueAndGradient(double[] x, double[] gradient) {
        double e = 0;
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < n; j++) {
                s += precision[i][j] * (x[1 + j] - mu[j]);
            }
            if (gradient != null) {
                gradient[i] = s;
            }
            e += 0.5 * (x[1 + i] - mu[i]) * s;
        }
        return e + x[0] * x[n + 1];
    }

    @Override
    public void hessianVectorProduct(double[] x, double[] v, double[] out) {
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < n; j++) {
                s += precision[i][j] * v[j];
            }
            out[i] = s;
        }
    }
}
