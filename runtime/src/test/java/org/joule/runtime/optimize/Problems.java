package org.joule.runtime.optimize;

import java.util.Random;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/** Test problems with answers computed independently by Commons Math linear algebra. */
final class Problems {
    private Problems() {
    }

    /** An n x k matrix with orthonormal columns, from the QR decomposition of a seeded random matrix. */
    static RealMatrix orthonormalColumns(int n, int k, long seed) {
        Random random = new Random(seed);
        double[][] m = new double[n][n];
        for (double[] row : m) {
            for (int j = 0; j < n; j++) {
                row[j] = random.nextGaussian();
            }
        }
        return new QRDecomposition(new Array2DRowRealMatrix(m)).getQ().getSubMatrix(0, n - 1, 0, k - 1);
    }

    /** A = Q diag(eigenvalues) Q' with a random orthogonal Q. */
    static double[][] symmetric(double[] eigenvalues, long seed) {
        int n = eigenvalues.length;
        RealMatrix q = orthonormalColumns(n, n, seed);
        return q.multiply(MatrixUtils.createRealDiagonalMatrix(eigenvalues)).multiply(q.transpose()).getData();
    }

    /** A seeded vector with entries in [-2, 2]. */
    static double[] vector(int n, long seed) {
        Random random = new Random(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = 4 * random.nextDouble() - 2;
        }
        return v;
    }

    /** The quadratic x'Ax/2 - b'x with eigenvalues 1 .. 10 in 5 dimensions. */
    static VectorEnergy.Quadratic quadratic() {
        return new VectorEnergy.Quadratic(symmetric(new double[] {1, 2.5, 4, 7, 10}, 11), vector(5, 12));
    }

    /** The minimiser A^-1 b by LU decomposition. */
    static double[] minimiser(VectorEnergy.Quadratic q) {
        return new LUDecomposition(new Array2DRowRealMatrix(q.a)).getSolver().solve(new ArrayRealVector(q.b))
                .toArray();
    }
}
