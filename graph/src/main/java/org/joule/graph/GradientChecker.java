package org.joule.graph;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.joule.runtime.EnergyFunction;

/**
 * Checks any energy function's gradient against finite differences at many random points in
 * a box, and reports the worst relative error with the point and coordinate where it
 * occurred. Works on every {@link EnergyFunction}: the interpreter, compiled classes, or a
 * hand-written implementation.
 *
 * <p>Each partial derivative is estimated by central differences with Richardson
 * extrapolation, D(h) = (f(x+h e_i) - f(x-h e_i)) / 2h and R(h) = (4 D(h/2) - D(h)) / 3,
 * with a step h = {@code relativeStep * max(1, |x_i|)} chosen per point and coordinate. Two
 * estimates, R(h) and R(h/2), are compared: when they disagree the difference quotient is
 * not to be trusted (a kink such as |x| at 0 lies within the step, or rounding dominates), and
 * the coordinate is counted as skipped instead of reported as an error. Points where the
 * energy is not finite are skipped too.
 *
 * <p>The relative error of an entry is max(0, |analytic - numeric| - noise) /
 * max(|analytic|, |numeric|, floor): noise = 64 ulp(max |E|) / h is the rounding error the
 * difference quotients can carry, and floor = {@code absoluteFloor * max(1, |E(x)|)} keeps
 * entries near zero from dividing by it.
 *
 * <pre>{@code
 * GradientChecker.Report r = GradientChecker.of(f).box(-2, 2).points(500).seed(1).check();
 * assert r.worstRelativeError() < 1e-6 : r;
 * }</pre>
 */
public final class GradientChecker {
    private final EnergyFunction f;
    private double[] lower;
    private double[] upper;
    private int points = 100;
    private long seed = 42;
    private double relativeStep = 1e-3;
    private double absoluteFloor = 1e-6;
    private double agreement = 1e-5;
    private int entriesPerPoint = Integer.MAX_VALUE;
    private double maxAbs;
    private static final double NOISE_FACTOR = 64;

    private GradientChecker(EnergyFunction f) {
        this.f = f;
        int n = f.layout().size();
        lower = new double[n];
        upper = new double[n];
        Arrays.fill(lower, -1);
        Arrays.fill(upper, 1);
    }

    /**
     * A checker for {@code f}; defaults: box [-1, 1]^n, 100 points, seed 42.
     *
     * @param f any energy function, not null
     * @return a new checker
     */
    public static GradientChecker of(EnergyFunction f) {
        if (f == null) {
            throw new IllegalArgumentException("energy function is null");
        }
        return new GradientChecker(f);
    }

    /**
     * Samples every coordinate uniformly from [lo, hi].
     *
     * @param lo the lower bound, finite
     * @param hi the upper bound, finite and at least lo
     * @return this checker
     */
    public GradientChecker box(double lo, double hi) {
        Arrays.fill(lower, lo);
        Arrays.fill(upper, hi);
        return checkBox();
    }

    /**
     * Samples coordinate i uniformly from [lo[i], hi[i]] (arrays of the layout's size).
     *
     * @param lo the lower bound of each coordinate, finite
     * @param hi the upper bound of each coordinate, finite and at least its lower bound
     * @return this checker
     */
    public GradientChecker box(double[] lo, double[] hi) {
        if (lo.length != lower.length || hi.length != upper.length) {
            throw new IllegalArgumentException("box bounds have lengths " + lo.length + " and " + hi.length
                    + "; the layout has " + lower.length + " coordinates");
        }
        lower = lo.clone();
        upper = hi.clone();
        return checkBox();
    }

    private GradientChecker checkBox() {
        for (int i = 0; i < lower.length; i++) {
            if (!(lower[i] <= upper[i]) || !Double.isFinite(lower[i]) || !Double.isFinite(upper[i])) {
                throw new IllegalArgumentException("box for coordinate '" + f.layout().coordinateName(i)
                        + "' is [" + lower[i] + ", " + upper[i] + "]: need finite lo <= hi");
            }
        }
        return this;
    }

    /**
     * Number of random points (at least 1).
     *
     * @param n the number of points
     * @return this checker
     */
    public GradientChecker points(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("points must be at least 1, not " + n);
        }
        points = n;
        return this;
    }

    /**
     * Checks at most {@code n} gradient entries per point, drawn at random, instead of all:
     * for models with thousands of parameters, where every entry costs four evaluations.
     *
     * @param n the number of entries per point, at least 1
     * @return this checker
     */
    public GradientChecker entriesPerPoint(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("entries per point must be at least 1, not " + n);
        }
        entriesPerPoint = n;
        return this;
    }

    /**
     * Seed of the random points; the same seed gives the same points.
     *
     * @param s any seed
     * @return this checker
     */
    public GradientChecker seed(long s) {
        seed = s;
        return this;
    }

    /**
     * Step relative to max(1, |x_i|); default 1e-3.
     *
     * @param h the relative step, in (0, 0.1]
     * @return this checker
     */
    public GradientChecker relativeStep(double h) {
        if (!(h > 0) || h > 0.1) {
            throw new IllegalArgumentException("relative step must be in (0, 0.1], not " + h);
        }
        relativeStep = h;
        return this;
    }

    /**
     * Absolute floor of the relative-error denominator, scaled by max(1, |E|); default 1e-6.
     *
     * @param floor the floor, positive
     * @return this checker
     */
    public GradientChecker absoluteFloor(double floor) {
        if (!(floor > 0)) {
            throw new IllegalArgumentException("floor must be positive, not " + floor);
        }
        absoluteFloor = floor;
        return this;
    }

    /**
     * Evaluates the gradient at {@code points} random points and compares.
     *
     * @return the worst relative error and where it occurred, with counts of what was skipped
     */
    public Report check() {
        SplittableRandom random = new SplittableRandom(seed);
        int n = lower.length;
        int m = f.wrtLength();
        double[] x = new double[n];
        double[] g = new double[m];
        Report worst = new Report(0, null, -1, null, 0, 0, 0, 0, 0);
        int checked = 0;
        int skippedPoints = 0;
        long skippedEntries = 0;
        for (int p = 0; p < points; p++) {
            for (int i = 0; i < n; i++) {
                x[i] = lower[i] + (upper[i] - lower[i]) * random.nextDouble();
            }
            double e = f.valueAndGradient(x, g);
            if (!Double.isFinite(e)) {
                skippedPoints++;
                continue;
            }
            checked++;
            double floor = absoluteFloor * Math.max(1, Math.abs(e));
            int entries = Math.min(m, entriesPerPoint);
            for (int t = 0; t < entries; t++) {
                int k = entries == m ? t : random.nextInt(m);
                int i = f.wrt(k);
                double h = relativeStep * Math.max(1, Math.abs(x[i]));
                maxAbs = Math.abs(e);
                double r1 = richardson(x, i, h);
                double r2 = richardson(x, i, h / 2);
                // rounding in f(x +- h/4) divided by h/4, amplified by the extrapolation
                double noise = NOISE_FACTOR * Math.ulp(maxAbs) / h;
                if (!Double.isFinite(r1) || !Double.isFinite(r2)
                        || Math.abs(r1 - r2) > agreement * Math.max(Math.max(Math.abs(r1), Math.abs(r2)), floor)) {
                    skippedEntries++;
                    continue;
                }
                double err = Math.max(0, Math.abs(g[k] - r2) - noise)
                        / Math.max(Math.max(Math.abs(g[k]), Math.abs(r2)), floor);
                boolean nanSeen = Double.isNaN(worst.worstRelativeError);
                if (!nanSeen && (Double.isNaN(err) || err > worst.worstRelativeError || worst.worstPoint == null)) {
                    worst = new Report(err, x.clone(), k, f.layout().coordinateName(i), g[k], r2, 0, 0, 0);
                }
            }
        }
        return new Report(worst.worstRelativeError, worst.worstPoint, worst.worstEntry, worst.worstCoordinate,
                worst.analytic, worst.numeric, checked, skippedPoints, skippedEntries);
    }

    private double central(double[] x, int i, double h) {
        double xi = x[i];
        x[i] = xi + h;
        double fp = f.value(x);
        x[i] = xi - h;
        double fm = f.value(x);
        x[i] = xi;
        maxAbs = Math.max(maxAbs, Math.max(Math.abs(fp), Math.abs(fm)));
        return (fp - fm) / (2 * h);
    }

    private double richardson(double[] x, int i, double h) {
        return (4 * central(x, i, h / 2) - central(x, i, h)) / 3;
    }

    /**
     * The outcome of a check.
     *
     * @param worstRelativeError the largest relative error seen (NaN if an analytic entry was NaN)
     * @param worstPoint         the point where it occurred, or null if nothing was compared
     * @param worstEntry         its gradient entry
     * @param worstCoordinate    the name of that entry's coordinate
     * @param analytic           the symbolic gradient entry there
     * @param numeric            the finite-difference estimate there
     * @param pointsChecked      points where the energy was finite
     * @param pointsSkipped      points where it was not
     * @param entriesSkipped     entries whose difference quotient was unreliable (near a kink)
     */
    public record Report(double worstRelativeError, double[] worstPoint, int worstEntry, String worstCoordinate,
                         double analytic, double numeric, int pointsChecked, int pointsSkipped,
                         long entriesSkipped) {
        /**
         * Whether some entry was compared and every one was within {@code tolerance}.
         *
         * @param tolerance the largest acceptable relative error
         * @return true when the check passed
         */
        public boolean passes(double tolerance) {
            return pointsChecked > 0 && worstRelativeError <= tolerance;
        }

        @Override
        public String toString() {
            if (worstPoint == null) {
                return "no gradient entry compared (" + pointsChecked + " points checked, " + pointsSkipped
                        + " not finite, " + entriesSkipped + " entries unreliable)";
            }
            return String.format("worst relative error %.3g in d/d%s: analytic %s, finite differences %s, at %s"
                            + " (%d points checked, %d not finite, %d entries unreliable)",
                    worstRelativeError, worstCoordinate, analytic, numeric, Arrays.toString(worstPoint),
                    pointsChecked, pointsSkipped, entriesSkipped);
        }
    }
}
