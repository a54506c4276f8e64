package org.joule.samples;

import java.util.Arrays;

/**
 * The result of a K-means run: prototypes, the cluster of every point, the within-cluster sum
 * of squares and the history of coordinate descent.
 *
 * @param centres     the k prototypes, one row of d numbers each; a copy
 * @param assignments the cluster of each point, the index of its nearest prototype (the
 *                    compiled argmin over the latent z); a copy
 * @param wcss        the within-cluster sum of squares Σ_i ||y_i − w_(a_i)||², which is
 *                    Σ_i F_∞(y_i; W), the data free energy at zero temperature
 * @param iterations  the re-centring steps of coordinate descent done
 * @param converged   whether the last assignment step changed no assignment (false when
 *                    the iteration limit stopped the run)
 * @param wcssHistory the WCSS after each assignment step, the first at the starting
 *                    prototypes and the last equal to {@code wcss}; coordinate descent makes
 *                    it non-increasing; a copy
 */
public record Clustering(double[][] centres, int[] assignments, double wcss, int iterations, boolean converged,
        double[] wcssHistory) {

    /**
     * Copies the arrays.
     *
     * @param centres     the prototypes
     * @param assignments the clusters
     * @param wcss        the within-cluster sum of squares
     * @param iterations  re-centring steps
     * @param converged   whether assignments stopped changing
     * @param wcssHistory WCSS after each assignment step
     */
    public Clustering {
        centres = deepCopy(centres);
        assignments = assignments.clone();
        wcssHistory = wcssHistory.clone();
    }

    /**
     * The prototypes.
     *
     * @return a copy, k rows of d numbers
     */
    @Override
    public double[][] centres() {
        return deepCopy(centres);
    }

    /**
     * The cluster of each point.
     *
     * @return a copy
     */
    @Override
    public int[] assignments() {
        return assignments.clone();
    }

    /**
     * The WCSS after each assignment step.
     *
     * @return a copy
     */
    @Override
    public double[] wcssHistory() {
        return wcssHistory.clone();
    }

    private static double[][] deepCopy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Clustering c && Arrays.deepEquals(centres, c.centres)
                && Arrays.equals(assignments, c.assignments) && Double.compare(wcss, c.wcss) == 0
                && iterations == c.iterations && converged == c.converged && Arrays.equals(wcssHistory, c.wcssHistory);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(centres) * 31 + Arrays.hashCode(assignments) * 17 + Double.hashCode(wcss);
    }

    @Override
    public String toString() {
        return "Clustering[k=" + centres.length + ", wcss=" + wcss + ", iterations=" + iterations
                + (converged ? "" : ", not converged") + "]";
    }
}
