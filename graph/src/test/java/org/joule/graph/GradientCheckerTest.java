package org.joule.graph;

import static org.joule.graph.testing.GradientAssertions.assertGradientMatches;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.ToDoubleFunction;
import org.joule.runtime.EnergyFunction;
import org.joule.runtime.Layout;
import org.joule.runtime.Role;
import org.joule.runtime.Variable;
import org.junit.jupiter.api.Test;

/** The gradient checker cannot pass a wrong gradient, and says what it compared. */
class GradientCheckerTest {

    /** A hand-written energy: the value and a gradient that may be wrong on purpose. */
    record HandWritten(Layout layout, ToDoubleFunction<double[]> energy, BiConsumer<double[], double[]> grad)
            implements EnergyFunction {
        static HandWritten scalar(ToDoubleFunction<double[]> energy, BiConsumer<double[], double[]> grad) {
            return new HandWritten(new Layout(List.of(new Variable("x", Role.DATA, 1, 1, 0, 0))), energy, grad);
        }

        @Override
        public int wrtLength() {
            return layout.size();
        }

        @Override
        public int wrt(int k) {
            return k;
        }

        @Override
        public double value(double[] x) {
            return energy.applyAsDouble(x);
        }

        @Override
        public double valueAndGradient(double[] x, double[] gradient) {
            grad.accept(x, gradient);
            return value(x);
        }

        @Override
        public void hessianVectorProduct(double[] x, double[] v, double[] out) {
            throw new UnsupportedOperationException("not needed by the checker");
        }
    }

    private static final HandWritten FAST_SINE_WITH_ZERO_GRADIENT =
            HandWritten.scalar(x -> Math.sin(1e7 * x[0]), (x, g) -> g[0] = 0);

    @Test
    void aZeroGradientOfAFastSineIsNotPassedWhenNothingCouldBeCompared() {
        GradientChecker.Report r = GradientChecker.of(FAST_SINE_WITH_ZERO_GRADIENT).check();
        assertEquals(0, r.entriesCompared(), "the default step cannot resolve sin(1e7 x)");
        assertEquals(100, r.entriesSkipped());
        assertFalse(r.passes(1e-6), r.toString());
        assertFalse(r.passes(Double.MAX_VALUE), "nothing compared passes no tolerance");
        assertTrue(r.toString().contains("no gradient entry compared"), r.toString());
        AssertionError e = assertThrows(AssertionError.class, () -> assertGradientMatches(FAST_SINE_WITH_ZERO_GRADIENT));
        assertTrue(e.getMessage().contains("0 entries compared"), e.getMessage());
    }

    @Test
    void aStepThatResolvesTheFastSineCatchesTheZeroGradient() {
        GradientChecker checker = GradientChecker.of(FAST_SINE_WITH_ZERO_GRADIENT).relativeStep(1e-10).points(20);
        GradientChecker.Report r = checker.check();
        assertEquals(20, r.entriesCompared(), r.toString());
        assertEquals(1, r.worstRelativeError(), 1e-6, "analytic 0 against a derivative of order 1e7");
        assertFalse(r.passes(1e-6));
        assertThrows(AssertionError.class, () -> assertGradientMatches(checker, 1e-6));
        HandWritten right = HandWritten.scalar(FAST_SINE_WITH_ZERO_GRADIENT.energy(),
                (x, g) -> g[0] = 1e7 * Math.cos(1e7 * x[0]));
        assertGradientMatches(GradientChecker.of(right).relativeStep(1e-10).points(20), 1e-6);
    }

    @Test
    void aWrongGradientIsCaughtWithItsCoordinateAndPoint() {
        Graph g = new Graph();
        Node x = g.scalar("x", Role.DATA);
        Node y = g.scalar("y", Role.DATA);
        EnergyFunction right = Energy.of(x.times(y).plus(y.sin())).interpreter();
        HandWritten wrong = new HandWritten(right.layout(), right::value, (p, grad) -> {
            right.valueAndGradient(p, grad);
            grad[1] *= 1.001; // d/dy off by 0.1 %
        });
        GradientChecker.Report r = GradientChecker.of(wrong).points(10).check();
        assertFalse(r.passes(1e-6), r.toString());
        assertEquals("y", r.worstCoordinate());
        assertEquals(1e-3, r.worstRelativeError(), 1e-5, r.toString());
        assertEquals(20, r.entriesCompared());
        assertTrue(r.toString().contains("in d/dy") && r.toString().contains("x=") && r.toString().contains("y="),
                r.toString());
        AssertionError e = assertThrows(AssertionError.class, () -> assertGradientMatches(wrong));
        assertTrue(e.getMessage().contains("d/dy"), e.getMessage());
        assertTrue(assertGradientMatches(right).passes(1e-6));
    }

    @Test
    void aNaNGradientFails() {
        HandWritten nan = HandWritten.scalar(x -> x[0] * x[0], (x, g) -> g[0] = x[0] > 0.9 ? Double.NaN : 2 * x[0]);
        GradientChecker.Report r = GradientChecker.of(nan).check();
        assertTrue(Double.isNaN(r.worstRelativeError()), r.toString());
        assertFalse(r.passes(1e-6));
    }

    @Test
    void theReportGivesTheRealErrorBelowTheRoundingAllowance() {
        // an error of 1e-12 relative is far below what differences of 1e6 x with a step of
        // 1e-3 can resolve: the allowance covers it, the error is still reported as it is
        HandWritten almost = HandWritten.scalar(x -> 1e6 * x[0], (x, g) -> g[0] = 1e6 * (1 + 1e-12));
        GradientChecker.Report r = GradientChecker.of(almost).at(new double[] {0.5}).check();
        assertEquals(1e-12, r.worstRelativeError(), 5e-13, r.toString());
        assertTrue(r.allowance() > r.worstRelativeError(), r.toString());
        assertTrue(r.passes(0), r.toString());
    }

    @Test
    void checksAtGivenPoints() {
        // the gradient of |x| given as 1 everywhere: wrong only for x < 0
        HandWritten abs = HandWritten.scalar(x -> Math.abs(x[0]), (x, g) -> g[0] = 1);
        GradientChecker.Report right = GradientChecker.of(abs).at(new double[] {0.5}).at(new double[] {2}).check();
        assertTrue(right.passes(1e-9), right.toString());
        assertEquals(2, right.pointsChecked());
        assertEquals(2, right.entriesCompared());
        GradientChecker.Report wrong = GradientChecker.of(abs).at(new double[] {0.5}).at(new double[] {-0.25}).check();
        assertFalse(wrong.passes(1e-6));
        assertArrayEquals(new double[] {-0.25}, wrong.worstPoint());
        assertFalse(GradientChecker.of(abs).check().passes(1e-6), "random points in [-1, 1] find it too");
    }

    @Test
    void aGivenPointMustFitTheLayout() {
        GradientChecker c = GradientChecker.of(FAST_SINE_WITH_ZERO_GRADIENT);
        IllegalArgumentException length = assertThrows(IllegalArgumentException.class, () -> c.at(new double[2]));
        assertTrue(length.getMessage().contains("2 coordinates"), length.getMessage());
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> c.at(new double[] {Double.NaN}));
        assertTrue(nan.getMessage().contains("'x'"), nan.getMessage());
    }

    @Test
    void boxPerVariable() {
        Graph g = new Graph();
        Node x = g.scalar("x", Role.DATA);
        Node sigma = g.scalar("sigma", Role.PARAMETER);
        EnergyFunction f = Energy.of(sigma.log().plus(x.square().div(sigma))).interpreter();
        GradientChecker.Report everywhere = GradientChecker.of(f).points(50).check();
        assertTrue(everywhere.pointsSkipped() > 0, "log(sigma) is not finite for sigma < 0: " + everywhere);
        GradientChecker checker = GradientChecker.of(f).points(50).box("sigma", 0.1, 3);
        GradientChecker.Report positive = checker.check();
        assertEquals(0, positive.pointsSkipped(), positive.toString());
        assertEquals(100, positive.entriesCompared());
        assertTrue(positive.passes(1e-6), positive.toString());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> checker.box("tau", 0, 1));
        assertTrue(unknown.getMessage().contains("'tau'"), unknown.getMessage());
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> checker.box("sigma", 3, 0.1));
        assertTrue(empty.getMessage().contains("'sigma'"), empty.getMessage());
        assertEquals(0, checker.check().pointsSkipped(), "a rejected box leaves the previous one");
    }

    @Test
    void aBoxCoversEveryCoordinateOfAVectorVariable() {
        Graph g = new Graph();
        Tensor w = g.vector("w", 4, Role.PARAMETER);
        Node x = g.scalar("x", Role.DATA);
        EnergyFunction f = Energy.of(Joule.sum(w.map(Node::log).elements()).plus(x)).interpreter();
        GradientChecker.Report r = GradientChecker.of(f).box(-5, 5).box("w", 0.5, 2).points(20).check();
        assertEquals(0, r.pointsSkipped(), r.toString());
        assertTrue(r.passes(1e-6), r.toString());
    }

    @Test
    void theReportShowsAShortPointOfALargeLayout() {
        int n = 100_000;
        Layout layout = new Layout(List.of(new Variable("w", Role.PARAMETER, n, 1, 1, 0)));
        HandWritten wrong = new HandWritten(layout, p -> {
            double s = 0;
            for (double v : p) {
                s += v * v;
            }
            return s;
        }, (p, grad) -> {
            for (int i = 0; i < p.length; i++) {
                grad[i] = 3 * p[i];
            }
        });
        GradientChecker.Report r = GradientChecker.of(wrong).points(1).entriesPerPoint(3).check();
        String text = r.toString();
        assertFalse(r.passes(1e-6));
        assertTrue(text.length() < 600, text);
        assertTrue(text.contains("w[0]=") && text.contains("(100000 coordinates)"), text);
        assertTrue(text.contains(r.worstCoordinate() + "="), "the coordinate of the worst entry is shown: " + text);
        assertTrue(text.contains("3 entries compared at 1 points"), text);
    }

    @Test
    void aCheckWhereTheEnergyIsNeverFiniteFails() {
        HandWritten log = HandWritten.scalar(x -> Math.log(x[0]), (x, g) -> g[0] = 1 / x[0]);
        GradientChecker.Report r = GradientChecker.of(log).box(-2, -1).points(5).check();
        assertEquals(5, r.pointsSkipped());
        assertNull(r.worstPoint());
        assertFalse(r.passes(1e-6));
        assertTrue(r.toString().contains("not finite at any point"), r.toString());
    }

    @Test
    void assertionHelperRejectsABadTolerance() {
        GradientChecker c = GradientChecker.of(FAST_SINE_WITH_ZERO_GRADIENT);
        assertThrows(IllegalArgumentException.class, () -> assertGradientMatches(c, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> assertGradientMatches(c, -1));
        assertThrows(IllegalArgumentException.class, () -> assertGradientMatches(null, 1e-6));
    }
}
