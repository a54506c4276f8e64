package org.joule.runtime.gibbs;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.joule.runtime.Batch;
import org.joule.runtime.Checks;
import org.joule.runtime.EnergyFunction;
import org.joule.runtime.Numerics;
import org.joule.runtime.Role;

/**
 * The Gibbs distribution P(y | W) = exp(−β E(y; W)) / Z(W) of an energy over a grid of
 * outputs y, with maximum-likelihood training (LeCun et al., "A tutorial on energy-based
 * learning", 2006, section 2.2).
 *
 * <p>The output y is the energy's {@link Role#DATA} coordinates (or those of the roles given),
 * in layout order, one grid axis each; every other coordinate (the parameters W) comes from
 * the input array {@code x}. Z is the midpoint-rule integral
 * Z ≈ {@link Grid#cellVolume()} · Σ_g exp(−β E(y_g)), computed as a max-shifted log-sum-exp,
 * so log Z is finite for any β and any finite energies. The probabilities and samples are
 * those of the grid points (mass P_g = exp(−β E_g) / Σ exp(−β E)).
 *
 * <p>Determinism: energies are computed point by point and summed in grid order, gradients
 * through {@link Batch}; every result is the same bits for any thread count, and sampling
 * with a seed gives the same rows. An energy that is not finite at a grid point or a data row
 * is an {@link IllegalStateException} naming the point, never a NaN result. Instances are
 * immutable and thread-safe.
 */
public final class GibbsDistribution {
    private final EnergyFunction f;
    private final Grid grid;
    private final double beta;
    private final Batch batch;
    private final double[] points;

    private GibbsDistribution(EnergyFunction f, Grid grid, double beta, Batch batch) {
        this.f = f;
        this.grid = grid;
        this.beta = beta;
        this.batch = batch;
        this.points = grid.points();
    }

    /**
     * The Gibbs distribution of {@code f} over {@code grid} at inverse temperature β.
     *
     * @param f          the energy; its gradient coordinates (wrt) are what likelihood
     *                   gradients are taken with respect to, usually the parameters
     * @param grid       the grid of outputs, one axis per output coordinate
     * @param beta       inverse temperature, finite and positive
     * @param outputRoles the roles of the output variables; none means {@link Role#DATA}
     * @return the distribution
     * @throws IllegalArgumentException naming the culprit: a null energy or grid, β not finite
     *         and positive, or a grid whose dimension is not the number of output coordinates
     */
    public static GibbsDistribution of(EnergyFunction f, Grid grid, double beta, Role... outputRoles) {
        if (f == null || grid == null) {
            throw new IllegalArgumentException(f == null ? "energy function is null" : "grid is null");
        }
        if (!(beta > 0) || !Double.isFinite(beta)) {
            throw new IllegalArgumentException("beta must be finite and positive, not " + beta);
        }
        Batch batch = Batch.of(f, outputRoles);
        if (batch.rowLength() != grid.dimension()) {
            throw new IllegalArgumentException("the output has " + batch.rowLength() + " coordinates but the "
                    + grid + " has " + grid.dimension() + " axes");
        }
        return new GibbsDistribution(f, grid, beta, batch);
    }

    /**
     * The grid.
     *
     * @return the grid of outputs
     */
    public Grid grid() {
        return grid;
    }

    /**
     * The inverse temperature.
     *
     * @return β
     */
    public double beta() {
        return beta;
    }

    /**
     * log Z(W) = log (cellVolume · Σ_g exp(−β E(y_g; W))).
     *
     * @param x       the inputs (output coordinates in it are ignored)
     * @param threads at most this many threads; the result does not depend on it
     * @return the log partition function
     * @throws IllegalStateException naming the grid point where the energy is not finite
     */
    public double logPartition(double[] x, int threads) {
        return logPartition(logits(x, threads));
    }

    /**
     * The probability mass of each grid point, P_g = exp(−β E_g) / Σ_h exp(−β E_h).
     *
     * @param x       the inputs (output coordinates in it are ignored)
     * @param threads at most this many threads; the result does not depend on it
     * @return one probability per grid point, in {@link Grid#points()} order; they sum to 1
     *         within rounding
     * @throws IllegalStateException naming the grid point where the energy is not finite
     */
    public double[] probabilities(double[] x, int threads) {
        return normalised(logits(x, threads));
    }

    private static double[] normalised(double[] logits) {
        double lse = Numerics.logSumExp(logits, 0, logits.length);
        double[] p = new double[logits.length];
        for (int g = 0; g < p.length; g++) {
            p[g] = Math.exp(logits[g] - lse);
        }
        return p;
    }

    /**
     * Draws grid points from the distribution by inverting its cumulative sum.
     *
     * @param x     the inputs (output coordinates in it are ignored)
     * @param count number of samples, 0 or more
     * @param seed  the seed: the same seed gives the same rows
     * @return {@code count} rows of {@link Grid#dimension()} numbers
     * @throws IllegalArgumentException for a negative count
     */
    public double[] sample(double[] x, int count, long seed) {
        if (count < 0) {
            throw new IllegalArgumentException("sample count " + count + " is negative");
        }
        double[] p = probabilities(x, 1);
        double[] cumulative = new double[p.length];
        double total = 0;
        for (int g = 0; g < p.length; g++) {
            total += p[g];
            cumulative[g] = total;
        }
        int dim = grid.dimension();
        double[] out = new double[count * dim];
        SplittableRandom random = new SplittableRandom(seed);
        for (int s = 0; s < count; s++) {
            int g = Arrays.binarySearch(cumulative, random.nextDouble() * total);
            g = Math.min(g >= 0 ? g + 1 : -g - 1, p.length - 1);
            while (p[g] == 0) { // a point of mass 0 is never drawn, whatever the rounding of the sums
                g--;
            }
            System.arraycopy(points, g * dim, out, s * dim, dim);
        }
        return out;
    }

    /**
     * The mean negative log-likelihood of data rows, scaled by 1/β,
     * L(W) = (1/N) Σ_r E(Y_r; W) + (1/β) log Z(W), and its gradient
     * (1/N) Σ_r ∂E(Y_r)/∂W − Σ_g P_g ∂E(y_g)/∂W with respect to the energy's wrt coordinates.
     *
     * @param x        the inputs (output coordinates in it are ignored)
     * @param data     data rows, {@link Grid#dimension()} numbers each, at least one row
     * @param gradient output, length {@code wrtLength()}
     * @param threads  at most this many threads; the result does not depend on it
     * @return the loss
     * @throws IllegalArgumentException for no data rows or wrong lengths
     * @throws IllegalStateException naming the grid point or data row where the energy is not finite
     */
    public double negativeLogLikelihood(double[] x, double[] data, double[] gradient, int threads) {
        Checks.length(gradient, f.wrtLength(), "gradient");
        int n = batch.rowCount(data);
        if (n == 0) {
            throw new IllegalArgumentException("the likelihood needs at least one data row");
        }
        double[] logits = logits(x, threads);
        double[] p = normalised(logits);
        double[] negative = new double[gradient.length];
        batch.weightedValueAndGradientSum(x, points, p, negative, threads);
        double dataEnergy = batch.valueAndGradientSum(x, data, gradient, threads);
        if (!Double.isFinite(dataEnergy)) {
            double[] e = batch.values(x, data, threads);
            for (int r = 0; r < n; r++) {
                if (!Double.isFinite(e[r])) {
                    throw new IllegalStateException("the energy is " + e[r] + " at data row " + r + " "
                            + Arrays.toString(Arrays.copyOfRange(data, r * grid.dimension(), (r + 1) * grid.dimension())));
                }
            }
        }
        for (int j = 0; j < gradient.length; j++) {
            gradient[j] = gradient[j] / n - negative[j];
        }
        return dataEnergy / n + logPartition(logits) / beta;
    }

    private double logPartition(double[] logits) {
        return Math.log(grid.cellVolume()) + Numerics.logSumExp(logits, 0, logits.length);
    }

    /** −β E(y_g) at every grid point, each checked to be finite. */
    private double[] logits(double[] x, int threads) {
        double[] e = batch.values(x, points, threads);
        int dim = grid.dimension();
        for (int g = 0; g < e.length; g++) {
            if (!Double.isFinite(e[g])) {
                throw new IllegalStateException("the energy is " + e[g] + " at grid point " + g + " "
                        + Arrays.toString(Arrays.copyOfRange(points, g * dim, (g + 1) * dim)));
            }
            double energy = e[g];
            e[g] = -beta * energy;
            if (Double.isInfinite(e[g])) {
                throw new IllegalStateException("beta * energy overflows at grid point " + g + ": beta " + beta
                        + ", energy " + energy);
            }
        }
        return e;
    }
}
