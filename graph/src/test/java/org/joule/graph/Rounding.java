package org.joule.graph;

/**
 * A first-order rounding-error analysis of one run of a {@link Program}: the tolerances of
 * properties that compare two computations of the same number come from here, not from luck.
 *
 * <p>Write w_k for the value of instruction k. If every computed instruction commits a
 * relative error e_k (|e_k| &lt;= c u, with u = 2^-53 the unit roundoff and c the op's error in
 * units of u), then to first order the error of instruction m is sum_k (dw_m/dw_k) w_k e_k,
 * so {@code |error_m| <= c u kappa_m} with
 * <pre>
 *     kappa_m = sum over computed k &lt;= m of |dw_m/dw_k| |w_k|
 * </pre>
 * the componentwise condition number of the computation (the "sum of the magnitudes of the
 * terms": for a sum it is the sum of |terms|, for a product the product itself, and it grows
 * with every cancellation and every ill-conditioned function on the way; Higham, <i>Accuracy
 * and Stability of Numerical Algorithms</i>, 2nd ed., sections 3.1 and 3.3). Inputs are exact:
 * both sides see the same numbers. Constants count as computed, since a simplified graph folds
 * computed values into them.
 *
 * <p>kappa is measured, not derived: each computed instruction in turn is perturbed by a
 * relative {@link #DELTA} and the instructions after it are run again, so kappa_m is
 * sum_k |w_m(perturbed at k) - w_m| / DELTA, exact to first order. Ops that do not round (max,
 * step, negation) are not perturbed. Ops that round internal terms much larger than their
 * result are perturbed on that scale ({@link #errorScale}): log-sum-exp adds back its shift m
 * (|error| ~ u max|a|), and expshift rounds a - m before the exponential (relative error
 * ~ u |a - m|). Every perturbation is repeated {@link #SMALLER} times smaller: where the two
 * responses are not proportional, the point is too ill-conditioned for a first-order bound
 * (sin of 10^10, where any error is as large as the value) and kappa is infinite, so the
 * properties reject the point rather than trust a bound that means nothing.
 */
final class Rounding {
    /** Relative perturbation: large against rounding (2^-53), small enough to stay linear. */
    static final double DELTA = 0x1p-24;
    /** The unit roundoff of double. */
    static final double U = 0x1p-53;

    private Rounding() {
    }

    /**
     * kappa_k for every instruction of {@code p} run at x (tangent v, or null); infinite where
     * the first-order analysis does not hold at this point (see {@link #linear}).
     */
    static double[] kappa(Program p, double[] x, double[] v) {
        double[] w = Interpreter.run(p, x, v);
        int n = p.size();
        double[] kappa = new double[n];
        double[] large = new double[n];
        double[] small = new double[n];
        for (int k = 0; k < n; k++) {
            double scale = exact(p.op(k)) ? 0 : errorScale(p, k, w);
            if (scale == 0 || !Double.isFinite(scale)) {
                continue; // an overflowed value is not a rounding error
            }
            rerun(p, w, k, DELTA * scale, large);
            rerun(p, w, k, DELTA / SMALLER * scale, small);
            for (int m = k; m < n; m++) {
                double d = Math.abs(large[m] - w[m]);
                double dSmall = SMALLER * Math.abs(small[m] - w[m]);
                if (large[m] != w[m] || small[m] != w[m]) {
                    kappa[m] += linear(d, dSmall, w[m]) ? Math.max(d, dSmall) / DELTA : Double.POSITIVE_INFINITY;
                }
            }
        }
        return kappa;
    }

    /** The ratio of the second, smaller perturbation that checks the response is linear. */
    static final double SMALLER = 16;

    /**
     * Whether the changes d (from DELTA) and dSmall (from DELTA / SMALLER, scaled back up)
     * agree, as they do where the response is linear: within a quarter, plus the rounding of
     * the scaled-up small change. They do not where the perturbation already moves a value
     * by more than its curvature allows (sin of 10^10: any error is as large as the value),
     * and there kappa, and any bound built from it, means nothing.
     */
    static boolean linear(double d, double dSmall, double value) {
        return !Double.isNaN(d) && !Double.isNaN(dSmall) && Double.isFinite(d)
                && Math.abs(d - dSmall) <= 0.25 * Math.max(d, dSmall) + 2 * SMALLER * Math.ulp(value);
    }

    /**
     * Copies w into {@code out} with instruction k moved by {@code change} and every
     * instruction after it that depends on k run again.
     */
    private static void rerun(Program p, double[] w, int k, double change, double[] out) {
        int n = p.size();
        System.arraycopy(w, 0, out, 0, n);
        out[k] = w[k] + change;
        double[] args = new double[Math.max(1, p.maxArity())];
        for (int m = k + 1; m < n; m++) {
            int arity = p.arity(m);
            boolean dirty = false;
            for (int i = 0; i < arity; i++) {
                int in = p.input(m, i);
                dirty |= out[in] != w[in]; // NaN counts as changed: run again, harmlessly
                args[i] = out[in];
            }
            if (dirty) {
                out[m] = Evaluator.apply(p.op(m), p.parameter(m), args, arity);
            }
        }
    }

    /**
     * Whether op computes its result without rounding: inputs, negation, and the piecewise
     * ops, which return one of their arguments (or its negation) or an exact small integer.
     * Constants are not exact: a simplified graph folds computed values into them.
     */
    static boolean exact(Op op) {
        return switch (op) {
            case VAR, TANGENT, NEG, ABS, RELU, SIGN, STEP, LESS, SELECT, MIN, MAX, ARGMIN, ARGMAX, PICK,
                    STOP -> true;
            default -> false;
        };
    }

    /** The magnitude on which instruction k's own rounding acts. */
    static double errorScale(Program p, int k, double[] w) {
        double r = Math.abs(w[k]);
        return switch (p.op(k)) {
            case LOGSUMEXP -> {
                double shift = 0;
                for (int i = 0; i < p.arity(k); i++) {
                    shift = Math.max(shift, Math.abs(w[p.input(k, i)]));
                }
                yield r + shift;
            }
            case EXPSHIFT -> r * (1 + Math.abs(w[p.input(k, 0)] - w[p.input(k, 1)]));
            default -> r;
        };
    }
}
