package org.joule.runtime.optimize;

import org.joule.runtime.EnergyFunction;

/**
 * An energy seen over its wrt coordinates only: u of length {@code wrtLength()} is written
 * into a private copy of the start's full layout array, so coordinates outside wrt keep their
 * start values and the caller's array is never touched. Counts calls, enforces the evaluation
 * limit and turns a non-finite number into a {@link Stop}: the one place where these are done.
 */
final class Objective {
    private final EnergyFunction energy;
    private final double[] work;
    private final int[] wrt;
    private final int maxEvaluations;
    private int evaluations;
    private int hessianVectorProducts;

    Objective(EnergyFunction energy, double[] start, int maxEvaluations) {
        this.energy = energy;
        this.work = start.clone();
        this.wrt = new int[energy.wrtLength()];
        for (int k = 0; k < wrt.length; k++) {
            wrt[k] = energy.wrt(k);
        }
        this.maxEvaluations = maxEvaluations;
    }

    int dimension() {
        return wrt.length;
    }

    int evaluations() {
        return evaluations;
    }

    int hessianVectorProducts() {
        return hessianVectorProducts;
    }

    /** The wrt coordinates of a full layout array. */
    double[] gather(double[] x) {
        double[] u = new double[wrt.length];
        for (int k = 0; k < wrt.length; k++) {
            u[k] = x[wrt[k]];
        }
        return u;
    }

    /** The full layout array with u in the wrt coordinates, written into {@code out}. */
    double[] full(double[] u, double[] out) {
        System.arraycopy(work, 0, out, 0, work.length);
        for (int k = 0; k < wrt.length; k++) {
            out[wrt[k]] = u[k];
        }
        return out;
    }

    /** A new full layout array with u in the wrt coordinates. */
    double[] full(double[] u) {
        return full(u, new double[work.length]);
    }

    /** The energy at u; its gradient into {@code gradient}. */
    double valueAndGradient(double[] u, double[] gradient) {
        if (evaluations >= maxEvaluations) {
            throw new Stop(StopReason.MAX_EVALUATIONS, "evaluation limit " + maxEvaluations + " reached");
        }
        evaluations++;
        double value = energy.valueAndGradient(scatter(u), gradient);
        if (!Double.isFinite(value)) {
            throw new Stop(StopReason.NON_FINITE, "energy is " + value);
        }
        requireFinite(gradient, "gradient");
        return value;
    }

    /** The Hessian at u times v, into {@code out}. */
    /**
     * The value and gradient at a trial point of a line search or trust region: like
     * {@link #valueAndGradient}, but NaN or +infinity in the value or the gradient gives
     * +infinity, so that the search steps back (a barrier such as -log x is left on the
     * wrong side) instead of stopping the run. An energy of -infinity still stops it: the
     * energy is unbounded below there.
     */
    double trial(double[] u, double[] gradient) {
        if (evaluations >= maxEvaluations) {
            throw new Stop(StopReason.MAX_EVALUATIONS, "evaluation limit " + maxEvaluations + " reached");
        }
        evaluations++;
        double value = energy.valueAndGradient(scatter(u), gradient);
        if (value == Double.NEGATIVE_INFINITY) {
            throw new Stop(StopReason.NON_FINITE, "energy is -Infinity: unbounded below");
        }
        if (!Double.isFinite(value)) {
            return Double.POSITIVE_INFINITY;
        }
        for (double g : gradient) {
            if (!Double.isFinite(g)) {
                return Double.POSITIVE_INFINITY;
            }
        }
        return value;
    }

    void hessianVectorProduct(double[] u, double[] v, double[] out) {
        hessianVectorProducts++;
        energy.hessianVectorProduct(scatter(u), v, out);
        requireFinite(out, "Hessian-vector product");
    }

    /** The name of wrt coordinate k in the layout, such as {@code W[1,0]}. */
    String coordinateName(int k) {
        return energy.layout().coordinateName(wrt[k]);
    }

    private double[] scatter(double[] u) {
        for (int k = 0; k < wrt.length; k++) {
            work[wrt[k]] = u[k];
        }
        return work;
    }

    private void requireFinite(double[] vector, String what) {
        for (int k = 0; k < vector.length; k++) {
            if (!Double.isFinite(vector[k])) {
                throw new Stop(StopReason.NON_FINITE, what + " entry for '" + coordinateName(k) + "' is " + vector[k]);
            }
        }
    }
}
