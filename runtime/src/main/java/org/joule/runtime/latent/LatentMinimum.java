package org.joule.runtime.latent;

import java.util.List;
import java.util.Objects;
import org.joule.runtime.optimize.OptimizationResult;

/**
 * The outcome of the inner minimisation min_z E(y, z; W) at one point: one optimiser run per
 * start, the best of them, and whether every run converged. The best run is the converged run
 * of lowest energy (ties to the earlier start); when some run did not converge, the best is
 * still chosen among the converged ones for inspection, but {@link #converged()} is false and
 * {@link #failure()} names the first run that failed, because a start that did not converge
 * might have led to a lower minimum.
 *
 * @param point the caller's input array, copied; its latent coordinates are as passed in
 * @param runs  the optimiser's results, one per start, in start order
 * @param best  the index in {@code runs} of the best run, or -1 when no run converged
 */
public record LatentMinimum(double[] point, List<OptimizationResult> runs, int best) {

    /**
     * Checks and copies the components.
     *
     * @param point the input array; copied
     * @param runs  one result per start, at least one; copied
     * @param best  an index into {@code runs}, or -1 when no run converged
     */
    public LatentMinimum {
        point = Objects.requireNonNull(point, "point").clone();
        runs = List.copyOf(runs);
        if (runs.isEmpty() || best < -1 || best >= runs.size()) {
            throw new IllegalArgumentException("best run " + best + " of " + runs.size());
        }
    }

    /**
     * The caller's input array.
     *
     * @return a copy
     */
    @Override
    public double[] point() {
        return point.clone();
    }

    /**
     * Whether every start converged, so that {@link #value()} is min_z E to the inner tolerance
     * (up to local minima that no start reached).
     *
     * @return true when every run stopped for a converged reason
     */
    public boolean converged() {
        return failure() == null;
    }

    /**
     * The first run that did not converge.
     *
     * @return that run's result, or null when all converged
     */
    public OptimizationResult failure() {
        for (OptimizationResult r : runs) {
            if (!r.converged()) {
                return r;
            }
        }
        return null;
    }

    /**
     * The best run.
     *
     * @return the converged run of lowest energy
     * @throws IllegalStateException when no run converged
     */
    public OptimizationResult bestRun() {
        if (best < 0) {
            throw new IllegalStateException("no inner run converged: " + failure().message());
        }
        return runs.get(best);
    }

    /**
     * The free energy F = E(y, z*; W) of the best run. Check {@link #converged()} first: this is
     * min_z E only when every run converged.
     *
     * @return the best run's energy
     * @throws IllegalStateException when no run converged
     */
    public double value() {
        return bestRun().value();
    }

    /**
     * The full layout array at the best z*: the input with its latent coordinates replaced.
     *
     * @return a new array
     * @throws IllegalStateException when no run converged
     */
    public double[] x() {
        return bestRun().x();
    }

    /**
     * The inner gradient's infinity norm at the best z*, which bounds the error of the envelope
     * gradient (see {@link MinimizedLatent}).
     *
     * @return ‖∇_z E‖_∞ at z*
     * @throws IllegalStateException when no run converged
     */
    public double gradientNorm() {
        return bestRun().gradientNorm();
    }

    /**
     * Iterations of all runs together: the cost a warm start saves.
     *
     * @return the sum of the runs' iterations
     */
    public int iterations() {
        return runs.stream().mapToInt(OptimizationResult::iterations).sum();
    }

    /**
     * Value-and-gradient calls of the inner energy over all runs.
     *
     * @return the sum of the runs' evaluations
     */
    public int evaluations() {
        return runs.stream().mapToInt(OptimizationResult::evaluations).sum();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LatentMinimum m && java.util.Arrays.equals(point, m.point) && runs.equals(m.runs)
                && best == m.best;
    }

    @Override
    public int hashCode() {
        return Objects.hash(java.util.Arrays.hashCode(point), runs, best);
    }

    @Override
    public String toString() {
        return "LatentMinimum[" + (converged() ? "converged" : "NOT converged") + ", best run " + best + " of "
                + runs.size() + ", " + iterations() + " iterations: " + runs + "]";
    }
}
