package org.joule.runtime.sampling;

import java.util.Arrays;

/**
 * What one chain did, as Stan's sampler diagnostics define it.
 *
 * @param chain                     the chain's index
 * @param acceptanceRate            mean acceptance statistic over the kept draws (for NUTS the
 *                                  mean Metropolis probability over each trajectory; for unadjusted
 *                                  Langevin the probability MALA would have given the step)
 * @param divergences               divergent transitions among the kept draws
 * @param warmupDivergences         divergent transitions during warm-up
 * @param gradientEvaluations       value-and-gradient calls while drawing the kept draws
 * @param warmupGradientEvaluations value-and-gradient calls before, the start's and the step-size
 *                                  search's included
 * @param stepSize                  the step size of the kept draws
 * @param inverseMetric             the diagonal of M⁻¹ of the kept draws (all 1 without adaptation)
 * @param treeDepthSaturations      kept NUTS transitions that stopped at the maximum depth (0 for
 *                                  other samplers)
 */
public record ChainStatistics(int chain, double acceptanceRate, int divergences, int warmupDivergences,
        long gradientEvaluations, long warmupGradientEvaluations, double stepSize, double[] inverseMetric,
        int treeDepthSaturations) {

    /**
     * Copies the metric.
     *
     * @param chain                     the chain's index
     * @param acceptanceRate            mean acceptance statistic over the kept draws
     * @param divergences               divergent kept transitions
     * @param warmupDivergences         divergent warm-up transitions
     * @param gradientEvaluations       value-and-gradient calls for the kept draws
     * @param warmupGradientEvaluations value-and-gradient calls before them
     * @param stepSize                  the final step size
     * @param inverseMetric             the final diagonal of M⁻¹; copied
     * @param treeDepthSaturations      NUTS transitions at the maximum depth
     */
    public ChainStatistics {
        inverseMetric = inverseMetric.clone();
    }

    /**
     * The diagonal of the inverse mass matrix.
     *
     * @return a copy
     */
    @Override
    public double[] inverseMetric() {
        return inverseMetric.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChainStatistics s && chain == s.chain
                && Double.compare(acceptanceRate, s.acceptanceRate) == 0 && divergences == s.divergences
                && warmupDivergences == s.warmupDivergences && gradientEvaluations == s.gradientEvaluations
                && warmupGradientEvaluations == s.warmupGradientEvaluations
                && Double.compare(stepSize, s.stepSize) == 0 && Arrays.equals(inverseMetric, s.inverseMetric)
                && treeDepthSaturations == s.treeDepthSaturations;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(new double[] {chain, acceptanceRate, divergences, warmupDivergences,
            gradientEvaluations, warmupGradientEvaluations, stepSize, treeDepthSaturations})
                * 31 + Arrays.hashCode(inverseMetric);
    }

    @Override
    public String toString() {
        return "ChainStatistics[chain " + chain + ": acceptance " + acceptanceRate + ", divergences " + divergences
                + " (warm-up " + warmupDivergences + "), gradient evaluations " + gradientEvaluations + " (warm-up "
                + warmupGradientEvaluations + "), step size " + stepSize + ", inverse metric "
                + Arrays.toString(inverseMetric) + ", tree-depth saturations " + treeDepthSaturations + "]";
    }
}
