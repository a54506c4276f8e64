package org.joule.runtime.optimize;

import java.util.Arrays;

/**
 * The line search of Nocedal &amp; Wright, Numerical Optimization, 2nd ed., Alg. 3.5 (bracket)
 * and Alg. 3.6 (zoom), for phi(a) = f(x + a d) with phi'(0) &lt; 0: it finds a step with
 * sufficient decrease phi(a) &lt;= phi(0) + c1 a phi'(0) and the strong curvature condition
 * |phi'(a)| &lt;= c2 |phi'(0)|. The bracketing phase doubles the step; zoom takes the minimiser
 * of the cubic interpolating phi and phi' at both ends of the bracket (N&amp;W eq. 3.59), or
 * the midpoint when that falls outside the middle 80% of the bracket, so that on a quadratic
 * the first zoom step is exact.
 *
 * <p>When the budget of trials runs out, or the bracket shrinks until trial points no longer
 * differ (rounding), the best point found so far is accepted if it decreases f sufficiently;
 * otherwise the search fails with {@link StopReason#LINE_SEARCH_FAILED}.
 */
final class StrongWolfe {
    /** A point on the line: step, phi, phi' and the point's coordinates and gradient. */
    private static final class Trial {
        final double[] u;
        final double[] g;
        double step;
        double phi;
        double slope;

        Trial(double[] u, double[] g) {
            this.u = u;
            this.g = g;
        }
    }

    private final double c1;
    private final double c2;
    private final int maxTrials;
    private final Trial buffer0;
    private final Trial buffer1;
    private int trials;

    StrongWolfe(double c1, double c2, int maxTrials, int n) {
        this.c1 = c1;
        this.c2 = c2;
        this.maxTrials = maxTrials;
        this.buffer0 = new Trial(new double[n], new double[n]);
        this.buffer1 = new Trial(new double[n], new double[n]);
    }

    /**
     * Searches along {@code d} from the iterate, first trying {@code initialStep}; moves the
     * iterate to the accepted point.
     *
     * @throws Stop when no acceptable step is found
     */
    void search(Iterate it, double[] d, double initialStep, Objective f) {
        Trial start = new Trial(it.u, it.gradient);
        start.phi = it.energy;
        start.slope = Vectors.dot(it.gradient, d);
        trials = 0;
        Trial previous = start;
        double step = initialStep;
        while (true) {
            Trial current = evaluate(free(previous), it.u, d, step, f);
            if (current == null) {
                accept(it, previous == start ? null : previous);
                return;
            }
            if (!sufficientDecrease(start, current) || (previous != start && current.phi >= previous.phi)) {
                accept(it, zoom(start, previous, current, it.u, d, f));
                return;
            }
            if (curvature(start, current)) {
                accept(it, current);
                return;
            }
            if (current.slope >= 0) {
                accept(it, zoom(start, current, previous, it.u, d, f));
                return;
            }
            previous = current;
            step *= 2;
        }
    }

    /** N&amp;W Alg. 3.6: lo has sufficient decrease and the lowest phi so far; hi brackets a step with both conditions. */
    private Trial zoom(Trial start, Trial lo, Trial hi, double[] u, double[] d, Objective f) {
        double hiStep = hi.step;
        double hiPhi = hi.phi;
        double hiSlope = hi.slope;
        while (true) {
            double step = cubicMinimiser(lo.step, lo.phi, lo.slope, hiStep, hiPhi, hiSlope);
            Trial trial = evaluate(free(lo), u, d, step, f);
            if (trial == null || (lo != start && Arrays.equals(trial.u, lo.u))) {
                return lo == start ? null : lo;
            }
            if (!sufficientDecrease(start, trial) || trial.phi >= lo.phi) {
                hiStep = trial.step;
                hiPhi = trial.phi;
                hiSlope = trial.slope;
            } else {
                if (curvature(start, trial)) {
                    return trial;
                }
                if (trial.slope * (hiStep - lo.step) >= 0) {
                    hiStep = lo.step;
                    hiPhi = lo.phi;
                    hiSlope = lo.slope;
                }
                lo = trial;
            }
        }
    }

    /** Evaluates phi at {@code step} into {@code t}; null when the budget is spent or the point equals u. */
    private Trial evaluate(Trial t, double[] u, double[] d, double step, Objective f) {
        if (trials >= maxTrials) {
            return null;
        }
        Vectors.sum(u, step, d, t.u);
        if (Arrays.equals(t.u, u)) {
            return null;
        }
        trials++;
        t.step = step;
        t.phi = f.trial(t.u, t.g); // +infinity where not finite: the search then shortens the step
        t.slope = Vectors.dot(t.g, d);
        return t;
    }

    private boolean sufficientDecrease(Trial start, Trial t) {
        return t.phi <= start.phi + c1 * t.step * start.slope;
    }

    private boolean curvature(Trial start, Trial t) {
        return Math.abs(t.slope) <= -c2 * start.slope;
    }

    /** A buffer other than {@code keep}'s. */
    private Trial free(Trial keep) {
        return keep == buffer0 ? buffer1 : buffer0;
    }

    private void accept(Iterate it, Trial t) {
        if (t == null) {
            throw new Stop(StopReason.LINE_SEARCH_FAILED, "strong Wolfe line search found no step with sufficient"
                    + " decrease in " + trials + " trials");
        }
        it.set(t.u, t.phi, t.g);
    }

    /**
     * The minimiser of the cubic with values and slopes (pa, da) at a and (pb, db) at b
     * (N&amp;W eq. 3.59); the midpoint when it is undefined or outside the middle 80% of [a, b].
     */
    static double cubicMinimiser(double a, double pa, double da, double b, double pb, double db) {
        double d1 = da + db - 3 * (pa - pb) / (a - b);
        double d2 = Math.signum(b - a) * Math.sqrt(d1 * d1 - da * db);
        double x = b - (b - a) * (db + d2 - d1) / (db - da + 2 * d2);
        double lo = Math.min(a, b);
        double width = Math.abs(b - a);
        if (!(x >= lo + 0.1 * width && x <= lo + 0.9 * width)) {
            return lo + 0.5 * width;
        }
        return x;
    }
}
