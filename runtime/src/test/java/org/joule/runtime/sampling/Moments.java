package org.joule.runtime.sampling;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Checks a run's means and covariances against a Gaussian's μ and Σ, each within 4 Monte Carlo
 * standard errors. The estimates are the result's {@link SamplingResult#mean()} and
 * {@link SamplingResult#covariance()} over all draws. The standard error of a mean is sd/√ESS with
 * the ESS of the coordinate's split chains ({@link Diagnostics#ess}); that of covariance entry
 * (i, j) is sd(f)/√ESS(f) of the series f = (y_i − μ_i)(y_j − μ_j), whose mean estimates Σ_ij
 * (the sample covariance differs from it by O(1/S), far below the error). ESS is computed on the
 * draws thinned by {@code thin}, which only lowers it (a looser test), and keeps the FFTs of long
 * Langevin runs short. A known bias (unadjusted Langevin) is added to the covariance tolerance as
 * {@code biasFactor} √(Σ_ii Σ_jj).
 *
 * <p>With 65 checks at 4 standard errors and exact standard errors, a correct sampler fails one
 * with probability about 65 × 6.3e-5 = 0.4% per run; the seeds are fixed, and several were tried.
 */
final class Moments {
    private Moments() {
    }

    static void assertMatch(SamplingResult r, Gaussian g, int thin, double biasFactor, String label) {
        int n = r.dimension();
        double[] mean = r.mean();
        double[][] cov = r.covariance();
        double[][][] series = new double[n][][];
        for (int k = 0; k < n; k++) {
            series[k] = thinned(r.coordinateDraws(k), thin);
            double sd = Math.sqrt(g.covariance[k][k]);
            double mcse = sd / Math.sqrt(Diagnostics.ess(series[k]));
            double error = Math.abs(mean[k] - g.mu[k]);
            assertTrue(error <= 4 * mcse, label + ": mean of " + r.names().get(k) + " is " + mean[k] + ", expected "
                    + g.mu[k] + " within 4 MCSE = " + 4 * mcse);
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double[][] f = new double[series[i].length][series[i][0].length];
                double[] all = new double[f.length * f[0].length];
                for (int c = 0; c < f.length; c++) {
                    for (int t = 0; t < f[c].length; t++) {
                        f[c][t] = (series[i][c][t] - g.mu[i]) * (series[j][c][t] - g.mu[j]);
                        all[c * f[c].length + t] = f[c][t];
                    }
                }
                double sd = Math.sqrt(Diagnostics.variance(all, Diagnostics.mean(all)));
                double mcse = sd / Math.sqrt(Diagnostics.ess(f));
                double bias = biasFactor * Math.sqrt(g.covariance[i][i] * g.covariance[j][j]);
                double error = Math.abs(cov[i][j] - g.covariance[i][j]);
                assertTrue(error <= 4 * mcse + bias, label + ": covariance (" + i + ", " + j + ") is " + cov[i][j]
                        + ", expected " + g.covariance[i][j] + " within 4 MCSE = " + 4 * mcse + " + bias " + bias);
            }
        }
    }

    static double[][] thinned(double[][] chains, int thin) {
        double[][] out = new double[chains.length][chains[0].length / thin];
        for (int c = 0; c < chains.length; c++) {
            for (int t = 0; t < out[c].length; t++) {
                out[c][t] = chains[c][t * thin];
            }
        }
        return out;
    }
}
