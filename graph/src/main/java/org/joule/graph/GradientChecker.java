package org.joule.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.joule.runtime.EnergyFunction;
import org.joule.runtime.Layout;
import org.joule.runtime.Variable;

/**
 * Checks any energy function's gradient against finite differences at many random points in
 * a box (or at points you give), and reports the worst relative error with the point and
 * coordinate where it occurred. Works on every {@link EnergyFunction}: the interpreter,
 * compiled classes, or a hand-written implementation.
 *
 * <p>Each partial derivative is estimated by central differences with Richardson
 * extrapolation, D(h) = (f(x+h e_i) - f(x-h e_i)) / 2h and R(h) = (4 D(h/2) - D(h)) / 3,
 * with a step h = {@code relativeStep * max(1, |x_i|)} chosen per point and coordinate. Two
 * estimates, R(h) and R(h/2), are compared: when they disagree the difference quotient is
 * not to be trusted (a kink such as |x| at 0 lies within the step, the function varies faster
 * than the step can resolve, or rounding dominates), and the entry is counted as unreliable
 * instead of compared. Points where the energy is not finite are skipped too. A check in
 * which no entry could be compared fails: it has shown nothing.
 *
 * <p>The relative error of a compared entry is |analytic - numeric| / scale, with scale =
 * max(|analytic|, |numeric|, floor) and floor = {@code absoluteFloor * max(1, |E(x)|)}
 * keeping entries near zero from dividing by it. The entry passes a tolerance tol when its
 * error is at most tol plus its allowance, (noise + |R(h) - R(h/2)|) / scale: noise =
 * 64 ulp(max |E|) / h is the rounding error the difference quotients can carry, and
 * |R(h) - R(h/2)| estimates the error left in the extrapolation (as in Ridders' method).
 * The report gives the real error and the allowance separately.
 *
 * <pre>{@code
 * GradientChecker.Report r = GradientChecker.of(f).box(-2, 2).box("sigma", 0.1, 3).points(500).seed(1).check();
 * if (!r.passes(1e-6)) throw new AssertionError(r);
 * }</pre>
 * {@link org.joule.graph.testing.GradientAssertions} does the last line for JUnit tests.
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
    private final List<double[]> fixedPoints = new ArrayList<>();
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
     * A checker for {@code f}; defaults: box [-1, 1]^n, 100 random points, seed 42.
     *
     * @param f the energy function whose gradient to check
     * @return a new checker with the default settings
     * @throws IllegalArgumentException if {@code f} is null
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

    /**
     * Samples every coordinate of the variable called {@code variable} (a scalar, or all
     * entries of a vector or matrix) uniformly from [lo, hi]; other coordinates keep their
     * box. For a variable that must stay positive, say a scale: {@code box("sigma", 0.1, 3)}.
     *
     * @param variable the name of a variable of the function's layout
     * @param lo       the lower bound for its coordinates, finite
     * @param hi       the upper bound for its coordinates, finite and at least lo
     * @return this checker
     * @throws IllegalArgumentException for an unknown variable or a box that is not finite lo &lt;= hi
     */
    public GradientChecker box(String variable, double lo, double hi) {
        Variable v = f.layout().variable(variable);
        double[] oldLower = lower.clone();
        double[] oldUpper = upper.clone();
        Arrays.fill(lower, v.offset(), v.offset() + v.size(), lo);
        Arrays.fill(upper, v.offset(), v.offset() + v.size(), hi);
        try {
            return checkBox();
        } catch (IllegalArgumentException bad) {
            lower = oldLower;
            upper = oldUpper;
            throw bad;
        }
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
     * Checks at {@code x} (a point of the layout's size, copied) instead of at random points;
     * call again to add more points. Once a point is given, {@link #points(int)}, the box and
     * the seed no longer choose points (the seed still picks entries under
     * {@link #entriesPerPoint(int)}).
     *
     * @param x a point with one finite number per coordinate of the layout
     * @return this checker
     * @throws IllegalArgumentException for a wrong length or a coordinate that is not finite
     */
    public GradientChecker at(double[] x) {
        if (x == null || x.length != lower.length) {
            throw new IllegalArgumentException("point has " + (x == null ? "no array" : x.length + " coordinates")
                    + "; the layout has " + lower.length);
        }
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i])) {
                throw new IllegalArgumentException("point coordinate '" + f.layout().coordinateName(i) + "' is "
                        + x[i] + ": need a finite number");
            }
        }
        fixedPoints.add(x.clone());
        return this;
    }

    /**
     * Number of random points (at least 1); default 100. Ignored once a point is given with
     * {@link #at(double[])}.
     *
     * @param n the number of random points, at least 1
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
     * Evaluates the gradient at the given points, or at {@code points} random points, and compares.
     *
     * @return the worst compared entry with its point and coordinate, and how many points and
     *         entries were checked and skipped
     */
    public Report check() {
        SplittableRandom random = new SplittableRandom(seed);
        int n = lower.length;
        int m = f.wrtLength();
        int count = fixedPoints.isEmpty() ? points : fixedPoints.size();
        double[] g = new double[m];
        Worst worst = null;
        int checked = 0;
        int skippedPoints = 0;
        long compared = 0;
        long skippedEntries = 0;
        for (int p = 0; p < count; p++) {
            double[] x = fixedPoints.isEmpty() ? randomPoint(random, n) : fixedPoints.get(p).clone();
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
                compared++;
                double scale = Math.max(Math.max(Math.abs(g[k]), Math.abs(r2)), floor);
                Worst entry = new Worst(Math.abs(g[k] - r2) / scale, (noise + Math.abs(r1 - r2)) / scale, x, k, g[k],
                        r2);
                if (entry.isWorseThan(worst)) {
                    worst = entry.withOwnPoint();
                }
            }
        }
        if (worst == null) {
            return new Report(0, 0, null, -1, null, 0, 0, checked, skippedPoints, compared, skippedEntries,
                    f.layout());
        }
        return new Report(worst.error, worst.allowance, worst.point, worst.entry,
                f.layout().coordinateName(f.wrt(worst.entry)), worst.analytic, worst.numeric, checked, skippedPoints,
                compared, skippedEntries, f.layout());
    }

    private double[] randomPoint(SplittableRandom random, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = lower[i] + (upper[i] - lower[i]) * random.nextDouble();
        }
        return x;
    }

    /** One compared entry: its error, its allowance, and where it was. */
    private record Worst(double error, double allowance, double[] point, int entry, double analytic,
                         double numeric) {
        /** A NaN error is the worst there is, and stays worst; otherwise the larger excess over the allowance. */
        boolean isWorseThan(Worst other) {
            if (other == null) {
                return true;
            }
            if (Double.isNaN(other.error)) {
                return false;
            }
            return Double.isNaN(error) || error - allowance > other.error - other.allowance;
        }

        Worst withOwnPoint() {
            return new Worst(error, allowance, point.clone(), entry, analytic, numeric);
        }
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
     * @param worstRelativeError the real relative error |analytic - numeric| / scale of the worst entry (the one
     *                           furthest above its allowance), NaN if an analytic entry was NaN, 0 if nothing
     *                           was compared
     * @param allowance          that entry's allowance for the error of the finite differences, relative to the
     *                           same scale
     * @param worstPoint         the point where it occurred, or null if nothing was compared
     * @param worstEntry         its gradient entry, or -1
     * @param worstCoordinate    the name of that entry's coordinate, or null
     * @param analytic           the gradient entry there
     * @param numeric            the finite-difference estimate there
     * @param pointsChecked      points where the energy was finite
     * @param pointsSkipped      points where it was not
     * @param entriesCompared    gradient entries compared with a reliable finite difference
     * @param entriesSkipped     entries whose difference quotient was unreliable (near a kink, or varying
     *                           faster than the step)
     * @param layout             the layout of the points, to name their coordinates (null: by index)
     */
    public record Report(double worstRelativeError, double allowance, double[] worstPoint, int worstEntry,
                         String worstCoordinate, double analytic, double numeric, int pointsChecked,
                         int pointsSkipped, long entriesCompared, long entriesSkipped, Layout layout) {
        /** Coordinates of the worst point that {@link #toString()} writes out. */
        static final int SHOWN_COORDINATES = 6;

        /**
         * Whether some entry was compared, no analytic entry was NaN, and every compared entry's
         * relative error was within {@code tolerance} plus its allowance. A check that compared
         * nothing (every point not finite, or every difference quotient unreliable) fails.
         *
         * @param tolerance the largest relative error accepted beyond an entry's allowance
         * @return true if the check compared at least one entry and the worst was within
         *         {@code tolerance} plus its allowance
         */
        public boolean passes(double tolerance) {
            return entriesCompared > 0 && worstRelativeError - allowance <= tolerance;
        }

        @Override
        public String toString() {
            String counts = entriesCompared + " entries compared at " + pointsChecked + " points, "
                    + entriesSkipped + " entries unreliable, " + pointsSkipped + " points not finite";
            if (worstPoint == null) {
                return "no gradient entry compared, so nothing is shown (" + counts + "): "
                        + (pointsChecked == 0 ? "the energy was not finite at any point; choose a box where it is"
                        : "the finite differences disagreed with themselves everywhere (a function that varies"
                        + " faster than the step, or a kink at every point); try a smaller relativeStep");
            }
            return String.format(Locale.ROOT, "worst relative error %.3g (finite-difference allowance %.3g) in d/d%s: analytic %s,"
                            + " finite differences %s, at %s (%s)", worstRelativeError, allowance, worstCoordinate,
                    analytic, numeric, describe(worstPoint), counts);
        }

        /** The first few coordinates by name, the worst entry's coordinate, and the point's size. */
        private String describe(double[] x) {
            int focus = layout == null ? -1 : layout.indexOf(worstCoordinate);
            StringBuilder b = new StringBuilder();
            int shown = Math.min(x.length, SHOWN_COORDINATES);
            for (int i = 0; i < shown; i++) {
                b.append(i > 0 ? ", " : "").append(coordinate(x, i));
            }
            if (focus >= shown) {
                b.append(focus > shown ? ", ..., " : ", ").append(coordinate(x, focus));
            }
            if (x.length > Math.max(shown, focus + 1)) {
                b.append(", ... (").append(x.length).append(" coordinates)");
            }
            return b.toString();
        }

        private String coordinate(double[] x, int i) {
            String name = layout != null && i < layout.size() ? layout.coordinateName(i) : "x#" + i;
            return name + "=" + String.format(Locale.ROOT, "%.6g", x[i]);
        }
    }
}
