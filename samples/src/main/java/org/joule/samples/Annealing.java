package org.joule.samples;

import java.util.ArrayList;
import java.util.List;

/**
 * A deterministic-annealing schedule for soft K-means: inverse temperatures
 * β_0 = {@code betaStart}, β_(t+1) = {@code factor} · β_t, up to and including
 * {@code betaEnd} (the last step is cut short to end exactly there).
 *
 * <p>Why this shape (K. Rose, "Deterministic annealing for clustering, compression,
 * classification, regression, and related optimization problems", Proc. IEEE 86(11),
 * 1998): for the squared distance, at β below the critical value β_c = 1/(2 λ_max), λ_max
 * the largest eigenvalue of the data covariance, the free energy Σ_i F_β(y_i; W) has a single
 * minimum, every prototype at the data mean; as β grows past successive critical values the
 * prototypes split (phase transitions), and as β → ∞ F_β tends to the K-means energy
 * min_j ||y − w_j||². Rose cools geometrically (T ← α T, α in about 0.8–0.95); a factor of
 * 1/α on β is the same. {@link #scaledTo} places the schedule relative to the data's spread.
 *
 * @param betaStart the first β, finite and positive
 * @param betaEnd   the last β, finite, at least betaStart
 * @param factor    the growth per stage, greater than 1
 */
public record Annealing(double betaStart, double betaEnd, double factor) {
    /** The most stages a schedule may have: each compiles the free energy at its β. */
    public static final int MAX_STAGES = 1000;

    /**
     * Checks the schedule.
     *
     * @param betaStart the first β
     * @param betaEnd   the last β
     * @param factor    the growth per stage
     * @throws IllegalArgumentException naming β or the factor when out of range, or when the
     *         schedule would have more than {@link #MAX_STAGES} stages
     */
    public Annealing {
        KMeansEnergy.checkBeta(betaStart);
        KMeansEnergy.checkBeta(betaEnd);
        if (!(betaEnd >= betaStart)) {
            throw new IllegalArgumentException("annealing: betaEnd = " + betaEnd + " is below betaStart = " + betaStart);
        }
        if (!(factor > 1) || !Double.isFinite(factor)) {
            throw new IllegalArgumentException("annealing: factor = " + factor + ": need a finite factor > 1");
        }
        if (Math.log(betaEnd / betaStart) / Math.log(factor) > MAX_STAGES - 1) {
            throw new IllegalArgumentException("annealing from beta = " + betaStart + " to " + betaEnd + " by "
                    + factor + " takes more than " + MAX_STAGES + " stages");
        }
    }

    /**
     * The default schedule for data of mean squared distance s² to their mean (the trace of
     * the covariance, at least λ_max): β from 25/s² to 2000/s² by a factor 1.5 per stage
     * (12 stages). At the end, a point whose squared distances to two prototypes differ by
     * s²/100 gives the nearer one e^20 (about 5·10^8) times the posterior of the other, so
     * soft and hard assignments differ only for points very near a boundary.
     *
     * <p>Why not from below Rose's critical β_c = 1/(2 λ_max) (about 1/s² in 2-D)? There all
     * prototypes merge at the data mean, so the result no longer depends on the seed, and the
     * path of phase transitions is not guaranteed to end at the global minimum: on the
     * 600-point spiral of {@link SpiralKMeans} with k = 12, annealing from 0.5/s² (factors
     * 1.05 to 1.25) ends at a WCSS 14% above the best known, for every seed. Starting at 25/s²,
     * where the k-means++ prototypes of the seed already shape the clusters, keeps the
     * annealing's smoothing at the scale of neighbouring clusters and lets restarts explore.
     *
     * @param data the points
     * @return the schedule
     * @throws IllegalArgumentException naming the culprit for bad data, or when all points coincide
     */
    public static Annealing scaledTo(double[][] data) {
        double s2 = spread(KMeansEnergy.rows(data, 0), data[0].length);
        if (!(s2 > 0)) {
            throw new IllegalArgumentException("annealing: all " + data.length
                    + " points coincide, so the data have no scale to anneal over; give a schedule");
        }
        return new Annealing(25 / s2, 2000 / s2, 1.5);
    }

    /** The mean squared distance of the rows to their mean. */
    static double spread(double[] rows, int d) {
        int n = rows.length / d;
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < d; c++) {
                mean[c] += rows[i * d + c];
            }
        }
        for (int c = 0; c < d; c++) {
            mean[c] /= n;
        }
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += KMeansPlusPlus.squaredDistance(rows, i, d, mean);
        }
        return s / n;
    }

    /**
     * The inverse temperatures of the schedule, in order.
     *
     * @return β_0 &lt; β_1 &lt; ... &lt; betaEnd
     */
    public List<Double> betas() {
        List<Double> b = new ArrayList<>();
        for (double beta = betaStart; beta < betaEnd; beta *= factor) {
            b.add(beta);
        }
        b.add(betaEnd);
        return b;
    }
}
