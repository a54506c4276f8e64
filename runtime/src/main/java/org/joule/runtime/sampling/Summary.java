package org.joule.runtime.sampling;

/**
 * Posterior summary of one coordinate over a set of chains, with Stan's convergence
 * diagnostics (Vehtari, Gelman, Simpson, Carpenter &amp; Bürkner 2021, "Rank-normalization,
 * folding, and localization: an improved R-hat for assessing convergence of MCMC", Bayesian
 * Analysis 16(2)). {@link Diagnostics} computes each number; NaN where it is undefined (fewer
 * than 6 draws per chain, or all draws equal).
 *
 * @param name     the coordinate's name in the layout, such as {@code y[2]}
 * @param mean     the mean of the draws
 * @param sd       their standard deviation (divisor S − 1 over all S draws)
 * @param q05      the 5% quantile (linear interpolation, R's type 7)
 * @param q50      the median
 * @param q95      the 95% quantile
 * @param essBulk  the bulk effective sample size: ESS of the rank-normalised split chains
 * @param rhat     the rank-normalised split R-hat: the larger of the bulk and the folded (tail) one
 * @param essMean  the ESS of the mean: ESS of the split chains, not rank-normalised
 * @param mcseMean the Monte Carlo standard error of the mean, sd / √essMean
 */
public record Summary(String name, double mean, double sd, double q05, double q50, double q95, double essBulk,
        double rhat, double essMean, double mcseMean) {
}
