package org.joule.graph.testing;

import org.joule.graph.GradientChecker;
import org.joule.runtime.EnergyFunction;

/**
 * Assertions for unit tests of energy functions: a gradient that does not match finite
 * differences, or a check that could not compare anything, throws a plain
 * {@link AssertionError} carrying the checker's report (the worst entry, its point, how many
 * entries were compared), so any test framework shows it as a failure. Needs nothing beyond
 * Joule on the class path.
 *
 * <pre>{@code
 * @Test
 * void myEnergyHasTheRightGradient() {
 *     assertGradientMatches(myEnergy);
 *     assertGradientMatches(GradientChecker.of(myEnergy).box("sigma", 0.1, 3).points(500), 1e-7);
 * }
 * }</pre>
 */
public final class GradientAssertions {
    /** The tolerance of {@link #assertGradientMatches(EnergyFunction)}: relative error 1e-6. */
    public static final double DEFAULT_TOLERANCE = 1e-6;

    private GradientAssertions() {
    }

    /**
     * Asserts that {@code f}'s gradient matches finite differences within
     * {@link #DEFAULT_TOLERANCE} at the checker's default points (100 random points in
     * [-1, 1]^n, seed 42).
     *
     * @param f the energy function whose gradient to check
     * @return the report, for tests that look further
     * @throws AssertionError with the report when the gradient does not match or nothing could be compared
     */
    public static GradientChecker.Report assertGradientMatches(EnergyFunction f) {
        return assertGradientMatches(GradientChecker.of(f), DEFAULT_TOLERANCE);
    }

    /**
     * Runs {@code checker} and asserts that the gradient matches within {@code tolerance}
     * (see {@link GradientChecker.Report#passes(double)}).
     *
     * @param checker   the configured checker to run (box, points, seed and so on)
     * @param tolerance the largest relative error accepted beyond each entry's allowance,
     *                  0 or more
     * @return the report, for tests that look further
     * @throws AssertionError with the report when the gradient does not match or nothing could be compared
     * @throws IllegalArgumentException for a null checker or a tolerance that is not a non-negative number
     */
    public static GradientChecker.Report assertGradientMatches(GradientChecker checker, double tolerance) {
        if (checker == null) {
            throw new IllegalArgumentException("checker is null");
        }
        if (!(tolerance >= 0)) {
            throw new IllegalArgumentException("tolerance must be a non-negative number, not " + tolerance);
        }
        GradientChecker.Report report = checker.check();
        if (!report.passes(tolerance)) {
            throw new AssertionError("gradient does not match finite differences within relative error "
                    + tolerance + ": " + report);
        }
        return report;
    }
}
