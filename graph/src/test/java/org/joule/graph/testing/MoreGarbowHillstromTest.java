package org.joule.graph.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.joule.graph.Graph;
import org.joule.graph.Node;
import org.joule.runtime.EnergyFunction;
import org.joule.runtime.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The MGH catalogue: 35 problems numbered as in the paper, their starting points, their
 * values against a second transcription ({@link MghReference}), and their published optima.
 *
 * <p>Tolerances. Values: the DSL and the reference evaluate the same formula in a different
 * order, each with a relative error of a few ulps per operation on every residual; at and near
 * x0, f is far from its minimum, so f(x) is a sum of positive squares whose relative error is
 * at most the worst residual's, a few hundred ulps at most in residuals of tens of operations
 * (1e-12 relative leaves a factor of ten above that). Optima: at a closed-form x* every
 * residual is 0 up to the rounding of its terms, of order 1e-15 times their size, so f(x*) -
 * f* is of order 1e-28 for f* = 0, and a few ulps of f* otherwise; 1e-12 absolute holds both.
 */
class MoreGarbowHillstromTest {
    private static final double VALUE_TOLERANCE = 1e-12;
    private static final double OPTIMUM_TOLERANCE = 1e-12;

    static Stream<MghProblem> instances() {
        return MghCases.instances().stream();
    }

    @Test
    void theCatalogueHoldsExactly35ProblemsNumberedOneTo35WithUniqueNames() {
        List<MghProblem> all = MoreGarbowHillstrom.all();
        assertEquals(35, all.size());
        Set<String> names = new HashSet<>();
        for (int k = 0; k < all.size(); k++) {
            MghProblem p = all.get(k);
            assertEquals(k + 1, p.number());
            assertTrue(names.add(p.name()), "duplicate name " + p.name());
            assertEquals(p.n(), p.startingPoint().length, p.toString());
            assertTrue(p.m() >= p.n(), p + ": m >= n");
            assertEquals(p.n(), MoreGarbowHillstrom.problem(k + 1).n());
        }
    }

    /** The paper's dimensions for problems 1 to 19, and this catalogue's defaults for 20 to 35. */
    @Test
    void defaultDimensionsAreThePapers() {
        int[][] nm = {
            {2, 2}, {2, 2}, {2, 2}, {2, 3}, {2, 3}, {2, 10}, {3, 3}, {3, 15}, {3, 15}, {3, 16}, {3, 99}, {3, 10},
            {4, 4}, {4, 6}, {4, 11}, {4, 20}, {5, 33}, {6, 13}, {11, 65},
            {6, 31}, {10, 10}, {12, 12}, {10, 11}, {10, 20}, {10, 12}, {10, 10}, {10, 10}, {10, 10}, {10, 10},
            {10, 10}, {10, 10}, {10, 20}, {10, 20}, {10, 20}, {10, 10},
        };
        for (int k = 1; k <= 35; k++) {
            MghProblem p = MoreGarbowHillstrom.problem(k);
            assertEquals(nm[k - 1][0], p.n(), p.toString());
            assertEquals(nm[k - 1][1], p.m(), p.toString());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("instances")
    void startingPointIsThePapers(MghProblem p) {
        assertArrayEquals(MghReference.start(p.number(), p.n()), p.startingPoint(), p.toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("instances")
    void energyHasOneParameterVectorXAndMResiduals(MghProblem p) {
        Graph g = new Graph();
        Node f = p.build(g);
        assertEquals(1, g.layout().variables().size());
        assertEquals(Role.PARAMETER, g.layout().variable("x").role());
        assertEquals(p.n(), g.layout().size());
        assertEquals(p.m(), p.residuals(g.tensor("x")).size());
        assertEquals(p.n(), p.energy().interpreter().wrtLength());
        assertTrue(Double.isFinite(p.energy().interpreter().value(p.startingPoint())), p.toString());
        assertTrue(f.graph() == g);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("instances")
    void valueAtTheStartMatchesTheSecondTranscription(MghProblem p) {
        assertValueMatchesReference(p, p.startingPoint());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("instances")
    void valueNearTheStartMatchesTheSecondTranscription(MghProblem p) {
        SplittableRandom random = new SplittableRandom(p.number() * 31L + p.n() * 7L + p.m());
        for (int k = 0; k < 20; k++) {
            assertValueMatchesReference(p, MghCases.near(p.startingPoint(), 0.1, random));
        }
    }

    private static void assertValueMatchesReference(MghProblem p, double[] x) {
        double expected = MghReference.value(p.number(), p.n(), p.m(), x);
        double actual = p.energy().interpreter().value(x);
        assertTrue(Double.isFinite(expected), p + ": f is finite at the point");
        assertEquals(expected, actual, VALUE_TOLERANCE * expected, () -> p + " at " + java.util.Arrays.toString(x));
    }

    /** The problems whose minimiser the paper gives in closed form (or a family of them). */
    private static final Set<Integer> CLOSED_FORM = Set.of(1, 2, 4, 5, 7, 11, 12, 13, 14, 18, 21, 22, 25, 27, 32,
            33, 34);

    @Test
    void closedFormMinimisersAreGivenForExactlyTheProblemsThatHaveThem() {
        Set<Integer> given = new TreeSet<>();
        for (MghProblem p : MoreGarbowHillstrom.all()) {
            if (p.minimiser().isPresent()) {
                given.add(p.number());
                assertTrue(p.optimalValue().isPresent(), p + " has x* but no f*");
            }
        }
        assertEquals(new TreeSet<>(CLOSED_FORM), given);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("instances")
    void valueAtTheClosedFormMinimiserIsThePublishedOptimum(MghProblem p) {
        if (p.minimiser().isEmpty()) {
            return;
        }
        double[] xStar = p.minimiser().get();
        double fStar = p.optimalValue().getAsDouble();
        EnergyFunction f = p.energy().interpreter();
        assertEquals(fStar, f.value(xStar), OPTIMUM_TOLERANCE, p.toString());
        assertEquals(fStar, MghReference.value(p.number(), p.n(), p.m(), xStar), OPTIMUM_TOLERANCE, p.toString());
    }

    /** f* as the paper prints it, typed again: problem -> f* at the default dimensions. */
    @Test
    void publishedOptimaAtTheDefaultDimensions() {
        Map<Integer, Double> printed = Map.ofEntries(
                Map.entry(1, 0.0), Map.entry(2, 0.0), Map.entry(3, 0.0), Map.entry(4, 0.0), Map.entry(5, 0.0),
                Map.entry(6, 124.362), Map.entry(7, 0.0), Map.entry(8, 8.21487e-3), Map.entry(9, 1.12793e-8),
                Map.entry(10, 87.9458), Map.entry(11, 0.0), Map.entry(12, 0.0), Map.entry(13, 0.0),
                Map.entry(14, 0.0), Map.entry(15, 3.07505e-4), Map.entry(16, 85822.2), Map.entry(17, 5.46489e-5),
                Map.entry(18, 0.0), Map.entry(19, 4.01377e-2), Map.entry(20, 2.28767e-3), Map.entry(21, 0.0),
                Map.entry(22, 0.0), Map.entry(23, 7.08765e-5), Map.entry(24, 2.93660e-4), Map.entry(25, 0.0),
                Map.entry(26, 0.0), Map.entry(27, 0.0), Map.entry(28, 0.0), Map.entry(29, 0.0), Map.entry(30, 0.0),
                Map.entry(31, 0.0), Map.entry(32, 10.0), Map.entry(33, 20 * 19 / (2.0 * 41)),
                Map.entry(34, (400 + 60 - 6) / (2.0 * 37)), Map.entry(35, 6.50395e-3));
        for (MghProblem p : MoreGarbowHillstrom.all()) {
            assertEquals(OptionalDouble.of(printed.get(p.number())), p.optimalValue(), p.toString());
        }
    }

    @Test
    void publishedOptimaAtOtherDimensions() {
        assertEquals(OptionalDouble.of(1.39976e-6), MoreGarbowHillstrom.problem(20, 9).optimalValue());
        assertEquals(OptionalDouble.of(4.72238e-10), MoreGarbowHillstrom.problem(20, 12).optimalValue());
        assertEquals(OptionalDouble.empty(), MoreGarbowHillstrom.problem(20, 7).optimalValue());
        assertEquals(OptionalDouble.of(2.24997e-5), MoreGarbowHillstrom.problem(23, 4).optimalValue());
        assertEquals(OptionalDouble.of(9.37629e-6), MoreGarbowHillstrom.problem(24, 4).optimalValue());
        assertEquals(OptionalDouble.of(3.51687e-3), MoreGarbowHillstrom.problem(35, 8).optimalValue());
        assertEquals(OptionalDouble.of(0), MoreGarbowHillstrom.problem(35, 9).optimalValue());
        assertEquals(OptionalDouble.empty(), MoreGarbowHillstrom.problem(35, 4, 6).optimalValue());
        assertEquals(OptionalDouble.empty(), MoreGarbowHillstrom.problem(6, 2, 11).optimalValue());
        assertEquals(OptionalDouble.empty(), MoreGarbowHillstrom.problem(16, 4, 21).optimalValue());
        assertEquals(OptionalDouble.of(2), MoreGarbowHillstrom.problem(32, 5, 7).optimalValue());
        assertFalse(MoreGarbowHillstrom.problem(18).remark().isEmpty(), "Biggs EXP6 names its local minimum");
    }

    /**
     * The paper's x* = (1.098...e-5, 9.106...) of Powell's badly scaled function is not in
     * closed form: solve f1 = 0 for x1 = 10^-4 / x2 and f2 = 0 for x2 by bisection (f2 falls
     * monotonically in x2 on [1, 20] along f1 = 0), then f(x*) must be 0 and x* must have the
     * paper's leading digits.
     */
    @Test
    void powellBadlyScaledVanishesAtThePapersMinimiser() {
        double lo = 1;
        double hi = 20;
        for (int k = 0; k < 200 && hi - lo > Math.ulp(hi); k++) {
            double mid = (lo + hi) / 2;
            double f2 = Math.exp(-1e-4 / mid) + Math.exp(-mid) - 1.0001;
            if (f2 > 0) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double[] xStar = {1e-4 / lo, lo};
        assertEquals(1.098e-5, xStar[0], 0.001e-5);
        assertEquals(9.106, xStar[1], 0.001);
        assertEquals(0, MoreGarbowHillstrom.problem(3).energy().interpreter().value(xStar), OPTIMUM_TOLERANCE);
    }

    @Test
    void startingPointsAreCopiesAndScale() {
        MghProblem p = MoreGarbowHillstrom.problem(1);
        p.startingPoint()[0] = 99;
        assertArrayEquals(new double[] {-1.2, 1}, p.startingPoint());
        assertArrayEquals(new double[] {-12, 10}, p.startingPoint(10));
        p.minimiser().get()[0] = 99;
        assertArrayEquals(new double[] {1, 1}, p.minimiser().get());
    }

    @Test
    void dimensionsAProblemDoesNotAllowNameTheProblemAndItsRule() {
        assertMessage("MGH problem 21 (extended Rosenbrock) needs an even n >= 2, not n = 7",
                () -> MoreGarbowHillstrom.problem(21, 7));
        assertMessage("MGH problem 22 (extended Powell singular) needs n a multiple of 4 >= 4, not n = 6",
                () -> MoreGarbowHillstrom.problem(22, 6));
        assertMessage("MGH problem 20 (Watson) needs n in [2, 31], not n = 32", () -> MoreGarbowHillstrom.problem(20, 32));
        assertMessage("MGH problem 1 (Rosenbrock) needs n = 2, not n = 3", () -> MoreGarbowHillstrom.problem(1, 3));
        assertMessage("MGH problem 1 (Rosenbrock) needs m = 2 for n = 2, not m = 3",
                () -> MoreGarbowHillstrom.problem(1, 2, 3));
        assertMessage("MGH problem 11 (Gulf research and development) needs m in [n, 100] = [3, 100], not m = 101",
                () -> MoreGarbowHillstrom.problem(11, 3, 101));
        assertMessage("MGH problem 32 (linear function - full rank) needs m >= n = 5, not m = 4",
                () -> MoreGarbowHillstrom.problem(32, 5, 4));
        assertMessage("Moré, Garbow and Hillstrom number problems 1 to 35, not 36", () -> MoreGarbowHillstrom.problem(36));
        assertMessage("Moré, Garbow and Hillstrom number problems 1 to 35, not 0", () -> MoreGarbowHillstrom.problem(0));
        Graph g = new Graph();
        MghProblem p = MoreGarbowHillstrom.problem(5);
        assertMessage("MGH 5 Beale (n = 2, m = 3) needs a vector of length 2, not [3]",
                () -> p.residuals(g.vector("y", 3, Role.PARAMETER)));
        assertMessage("MGH 5 Beale (n = 2, m = 3): starting-point factor NaN is not finite",
                () -> p.startingPoint(Double.NaN));
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, call).getMessage());
    }
}
