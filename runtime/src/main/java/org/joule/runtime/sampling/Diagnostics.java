package org.joule.runtime.sampling;

import java.util.Arrays;
import org.apache.commons.math3.special.Erf;

/**
 * Convergence diagnostics of Markov chains as Stan and the R package posterior compute them
 * (Vehtari, Gelman, Simpson, Carpenter &amp; Bürkner 2021, "Rank-normalization, folding, and
 * localization: an improved R-hat for assessing convergence of MCMC", Bayesian Analysis 16(2)).
 * Every method takes the draws of one scalar as {@code chains[c][i]}, chain c and iteration i,
 * all chains of the same length.
 *
 * <ul>
 *   <li>Split: each chain is cut into its first and second half (the middle draw of an odd
 *       length dropped), so a trend within a chain shows up as a difference between chains.</li>
 *   <li>Rank normalisation: the pooled draws are replaced by Φ⁻¹((r − 3/8)/(S + 1/4)), r the
 *       rank (ties averaged) among all S draws; folding replaces a draw by its distance to the
 *       pooled median, so the folded R-hat sees differences in scale (the tails).</li>
 *   <li>R-hat of M chains of N draws: √(((N − 1)/N W + B/N) / W), W the mean within-chain
 *       variance and B/N the variance of the chain means (Gelman et al., BDA3, §11.4).</li>
 *   <li>ESS = M N / τ, τ = −1 + 2 Σ ρ̂_t, the autocorrelations ρ̂_t = 1 − (W − mean_c acov_c(t)) /
 *       var⁺ summed over Geyer's initial positive sequence of pairs, made monotone (Geyer 1992,
 *       "Practical Markov chain Monte Carlo", Statistical Science 7(4)), and τ at least
 *       1/log10(M N). Autocovariances are computed by FFT.</li>
 * </ul>
 * A result is NaN when the split chains have fewer than 3 draws or all draws are equal, as in
 * posterior.
 */
public final class Diagnostics {
    private Diagnostics() {
    }

    /**
     * The rank-normalised split R-hat: the larger of the bulk R-hat (of the rank-normalised
     * split chains) and the tail R-hat (of the rank-normalised folded split chains). Below 1.01
     * is Vehtari et al.'s threshold for chains that agree.
     *
     * @param chains the draws, {@code chains[c][i]}
     * @return R-hat, NaN when undefined
     */
    public static double rhat(double[][] chains) {
        double[][] split = split(check(chains));
        double bulk = plainRhat(rankNormalize(split));
        double tail = plainRhat(rankNormalize(fold(split)));
        return Math.max(bulk, tail);
    }

    /**
     * The classic split R-hat (Gelman et al., BDA3, §11.4), not rank-normalised.
     *
     * @param chains the draws, {@code chains[c][i]}
     * @return R-hat, NaN when undefined
     */
    public static double splitRhat(double[][] chains) {
        return plainRhat(split(check(chains)));
    }

    /**
     * The bulk effective sample size: the ESS of the rank-normalised split chains.
     *
     * @param chains the draws, {@code chains[c][i]}
     * @return the bulk ESS, NaN when undefined
     */
    public static double essBulk(double[][] chains) {
        return plainEss(rankNormalize(split(check(chains))));
    }

    /**
     * The effective sample size of the mean: the ESS of the split chains (posterior's
     * {@code ess_basic}); the Monte Carlo standard error of the mean is sd / √ESS.
     *
     * @param chains the draws, {@code chains[c][i]}
     * @return the ESS, NaN when undefined
     */
    public static double ess(double[][] chains) {
        return plainEss(split(check(chains)));
    }

    /**
     * The p-quantile of some numbers, interpolating linearly between order statistics (R's
     * default, type 7): with x sorted, h = (n − 1) p, x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋ + 1] − x[⌊h⌋]).
     *
     * @param values the numbers, not modified; at least one
     * @param p      0 &lt;= p &lt;= 1
     * @return the quantile
     */
    public static double quantile(double[] values, double p) {
        if (values == null || values.length == 0) {
            throw new IllegalArgumentException("values is empty; expected at least one number");
        }
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("p is " + p + "; expected 0 <= p <= 1");
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sortedQuantile(sorted, p);
    }

    static double sortedQuantile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    private static double[][] check(double[][] chains) {
        if (chains == null || chains.length == 0) {
            throw new IllegalArgumentException("chains is empty; expected at least one chain");
        }
        for (int c = 0; c < chains.length; c++) {
            if (chains[c] == null || chains[c].length != chains[0].length) {
                throw new IllegalArgumentException("chain " + c + " has " + (chains[c] == null ? "no" : chains[c].length)
                        + " draws; expected " + chains[0].length + " as chain 0");
            }
            for (int i = 0; i < chains[c].length; i++) {
                if (!Double.isFinite(chains[c][i])) {
                    throw new IllegalArgumentException("draw " + i + " of chain " + c + " is " + chains[c][i]);
                }
            }
        }
        return chains;
    }

    /** Each chain's two halves as two chains; the middle draw of an odd length is dropped. */
    static double[][] split(double[][] chains) {
        int n = chains[0].length;
        if (n < 2) {
            return chains;
        }
        int half = n / 2;
        double[][] out = new double[2 * chains.length][];
        for (int c = 0; c < chains.length; c++) {
            out[2 * c] = Arrays.copyOfRange(chains[c], 0, half);
            out[2 * c + 1] = Arrays.copyOfRange(chains[c], n - half, n);
        }
        return out;
    }

    /** |x − median| over all draws. */
    private static double[][] fold(double[][] chains) {
        double median = quantile(pool(chains), 0.5);
        double[][] out = new double[chains.length][];
        for (int c = 0; c < chains.length; c++) {
            out[c] = new double[chains[c].length];
            for (int i = 0; i < out[c].length; i++) {
                out[c][i] = Math.abs(chains[c][i] - median);
            }
        }
        return out;
    }

    private static double[] pool(double[][] chains) {
        int n = chains[0].length;
        double[] all = new double[chains.length * n];
        for (int c = 0; c < chains.length; c++) {
            System.arraycopy(chains[c], 0, all, c * n, n);
        }
        return all;
    }

    /** Φ⁻¹((r − 3/8)/(S + 1/4)) of the pooled ranks r, ties given their average rank. */
    static double[][] rankNormalize(double[][] chains) {
        double[] sorted = pool(chains);
        Arrays.sort(sorted);
        int s = sorted.length;
        double[][] out = new double[chains.length][];
        for (int c = 0; c < chains.length; c++) {
            out[c] = new double[chains[c].length];
            for (int i = 0; i < out[c].length; i++) {
                double v = chains[c][i];
                // 1-based ranks of the first and last copy of v, averaged
                double rank = (firstAbove(sorted, v, false) + firstAbove(sorted, v, true) + 1) / 2.0;
                double u = (rank - 0.375) / (s + 0.25);
                out[c][i] = Math.sqrt(2) * Erf.erfInv(2 * u - 1);
            }
        }
        return out;
    }

    /** The number of entries of {@code sorted} below v, or at most v when {@code orEqual}. */
    private static int firstAbove(double[] sorted, double v, boolean orEqual) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < v || (orEqual && sorted[mid] == v)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** R-hat of the chains as given (no split). */
    static double plainRhat(double[][] chains) {
        int m = chains.length;
        int n = chains[0].length;
        if (n < 3 || allEqual(chains)) {
            return Double.NaN;
        }
        double[] means = new double[m];
        double within = 0;
        for (int c = 0; c < m; c++) {
            means[c] = mean(chains[c]);
            within += variance(chains[c], means[c]);
        }
        within /= m;
        double betweenOverN = m > 1 ? variance(means, mean(means)) : 0;
        return Math.sqrt(((n - 1.0) / n * within + betweenOverN) / within);
    }

    /** ESS of the chains as given (no split), as posterior's {@code .ess}. */
    static double plainEss(double[][] chains) {
        int m = chains.length;
        int n = chains[0].length;
        if (n < 3 || allEqual(chains)) {
            return Double.NaN;
        }
        double[] meanAcov = new double[n];
        double[] means = new double[m];
        for (int c = 0; c < m; c++) {
            means[c] = mean(chains[c]);
            double[] acov = autocovariance(chains[c], means[c]);
            for (int t = 0; t < n; t++) {
                meanAcov[t] += acov[t] * n / (n - 1.0) / m;
            }
        }
        double meanVar = meanAcov[0];
        double varPlus = meanVar * (n - 1.0) / n + (m > 1 ? variance(means, mean(means)) : 0);
        double[] rho = new double[n];
        rho[0] = 1;
        double rhoEven = 1;
        double rhoOdd = 1 - (meanVar - meanAcov[1]) / varPlus;
        rho[1] = rhoOdd;
        int t = 0;
        while (t < n - 5 && !Double.isNaN(rhoEven + rhoOdd) && rhoEven + rhoOdd > 0) {
            t += 2;
            rhoEven = 1 - (meanVar - meanAcov[t]) / varPlus;
            rhoOdd = 1 - (meanVar - meanAcov[t + 1]) / varPlus;
            if (rhoEven + rhoOdd >= 0) {
                rho[t] = rhoEven;
                rho[t + 1] = rhoOdd;
            }
        }
        int maxT = t;
        if (rhoEven > 0) {
            rho[maxT] = rhoEven;
        }
        // Geyer's initial monotone sequence
        t = 0;
        while (t <= maxT - 4) {
            t += 2;
            if (rho[t] + rho[t + 1] > rho[t - 2] + rho[t - 1]) {
                rho[t] = (rho[t - 2] + rho[t - 1]) / 2;
                rho[t + 1] = rho[t];
            }
        }
        double sum = 0;
        for (int i = 0; i < maxT; i++) {
            sum += rho[i];
        }
        double draws = (double) m * n;
        double tau = Math.max(-1 + 2 * sum + rho[maxT], 1 / Math.log10(draws));
        return draws / tau;
    }

    /**
     * The biased autocovariances (1/N) Σ_i (x_i − m)(x_(i+t) − m), t = 0 .. N − 1, by a radix-2
     * FFT of the centred series padded with zeros to a power of two of at least 2N.
     */
    static double[] autocovariance(double[] x, double mean) {
        int n = x.length;
        int size = Integer.highestOneBit(Math.max(1, 2 * n - 1)) << 1;
        double[] re = new double[size];
        double[] im = new double[size];
        for (int i = 0; i < n; i++) {
            re[i] = x[i] - mean;
        }
        fft(re, im);
        for (int i = 0; i < size; i++) {
            re[i] = re[i] * re[i] + im[i] * im[i];
            im[i] = 0;
        }
        fft(re, im); // the power spectrum is real and even, so the forward transform inverts it up to 1/size
        double[] acov = new double[n];
        for (int t = 0; t < n; t++) {
            acov[t] = re[t] / size / n;
        }
        return acov;
    }

    /** In-place iterative radix-2 Cooley–Tukey FFT; the length must be a power of two. */
    private static void fft(double[] re, double[] im) {
        int n = re.length;
        for (int i = 1, j = 0; i < n; i++) {
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) {
                j ^= bit;
            }
            j ^= bit;
            if (i < j) {
                double t = re[i];
                re[i] = re[j];
                re[j] = t;
                t = im[i];
                im[i] = im[j];
                im[j] = t;
            }
        }
        double[] cos = new double[n / 2];
        double[] sin = new double[n / 2];
        for (int k = 0; k < n / 2; k++) {
            cos[k] = Math.cos(-2 * Math.PI * k / n);
            sin[k] = Math.sin(-2 * Math.PI * k / n);
        }
        for (int len = 2; len <= n; len <<= 1) {
            int half = len / 2;
            int stride = n / len;
            for (int i = 0; i < n; i += len) {
                for (int k = 0; k < half; k++) {
                    double wr = cos[k * stride];
                    double wi = sin[k * stride];
                    int a = i + k;
                    int b = a + half;
                    double xr = re[b] * wr - im[b] * wi;
                    double xi = re[b] * wi + im[b] * wr;
                    re[b] = re[a] - xr;
                    im[b] = im[a] - xi;
                    re[a] += xr;
                    im[a] += xi;
                }
            }
        }
    }

    private static boolean allEqual(double[][] chains) {
        double first = chains[0][0];
        for (double[] chain : chains) {
            for (double v : chain) {
                if (v != first) {
                    return false;
                }
            }
        }
        return true;
    }

    static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    /** Variance with divisor n − 1. */
    static double variance(double[] x, double mean) {
        double s = 0;
        for (double v : x) {
            s += (v - mean) * (v - mean);
        }
        return s / (x.length - 1);
    }
}
