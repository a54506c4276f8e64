package org.joule.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.commons.math3.analysis.differentiation.DerivativeStructure;
import org.joule.graph.testing.Expr;
import org.joule.graph.testing.GraphArbitraries;
import org.joule.runtime.EnergyFunction;
import org.joule.runtime.Role;

/** Properties over random expression graphs. */
class GraphPropertiesTest {
    static final int VARS = 3;

    @Provide
    Arbitrary<Expr> exprs() {
        return GraphArbitraries.expressions(VARS, 4);
    }

    @Provide
    Arbitrary<double[]> points() {
        return GraphArbitraries.points(VARS, -1.5, 1.5);
    }

    static Node build(Expr e, Graph g) {
        return e.buildOrDiscard(g, VARS);
    }

    static boolean finite(double... v) {
        for (double d : v) {
            if (!Double.isFinite(d) || Math.abs(d) > 1e8) {
                return false;
            }
        }
        return true;
    }

    static double relativeError(double a, double b) {
        double scale = Math.max(1, Math.max(Math.abs(a), Math.abs(b)));
        return Math.abs(a - b) / scale;
    }

    @Property(tries = 1000)
    void gradientMatchesForwardModeOracle(@ForAll("exprs") Expr e, @ForAll("points") double[] x) {
        Graph g = new Graph();
        Energy energy = Energy.of(build(e, g)).wrt(Role.DATA);
        Interpreter f = (Interpreter) energy.interpreter();
        double[] grad = new double[VARS];
        double v = f.valueAndGradient(x, grad);
        Assume.that(finite(v) && finite(grad));
        Program p = f.valueProgram();
        DerivativeStructure ds = ForwardOracle.evaluate(p, 0, x, energy.wrtIndices(), 1);
        assertEquals(v, ds.getValue(), 1e-12 * Math.max(1, Math.abs(v)), "value of " + e);
        for (int i = 0; i < VARS; i++) {
            int[] orders = new int[VARS];
            orders[i] = 1;
            double expected = ds.getPartialDerivative(orders);
            assertTrue(relativeError(grad[i], expected) <= 1e-12,
                    () -> "d/dx" + Arrays.toString(orders) + " of " + e + ": " + Arrays.toString(grad)
                            + " vs oracle " + expected);
        }
    }

    @Property(tries = 500)
    void gradientMatchesFiniteDifferences(@ForAll("exprs") Expr e, @ForAll long seed) {
        Graph g = new Graph();
        EnergyFunction f = Energy.of(build(e, g)).interpreter();
        GradientChecker.Report r = GradientChecker.of(f).box(-1.5, 1.5).points(3).seed(seed).check();
        Assume.that(r.worstPoint() != null && finite(r.analytic(), r.numeric()));
        assertTrue(r.worstRelativeError() <= 1e-6, () -> e + ": " + r);
    }

    @Property(tries = 500)
    void hessianIsSymmetricAndMatchesOracle(@ForAll("exprs") Expr e, @ForAll("points") double[] x) {
        Graph g = new Graph();
        Energy energy = Energy.of(build(e, g)).wrt(Role.DATA);
        Interpreter f = (Interpreter) energy.interpreter();
        double[][] h = f.hessian(x);
        Assume.that(finite(f.value(x)) && Arrays.stream(h).allMatch(GraphPropertiesTest::finite));
        DerivativeStructure ds = ForwardOracle.evaluate(f.valueProgram(), 0, x, energy.wrtIndices(), 2);
        for (int i = 0; i < VARS; i++) {
            for (int j = 0; j < VARS; j++) {
                assertTrue(relativeError(h[i][j], h[j][i]) <= 1e-10, "asymmetric Hessian of " + e);
                int[] orders = new int[VARS];
                orders[i]++;
                orders[j]++;
                double expected = ds.getPartialDerivative(orders);
                int ii = i;
                int jj = j;
                assertTrue(relativeError(h[i][j], expected) <= 1e-9,
                        () -> "H[" + ii + "][" + jj + "] of " + e + " = " + h[ii][jj] + " vs oracle " + expected);
            }
        }
    }

    @Property(tries = 300)
    void hessianMatchesFiniteDifferencesOfGradient(@ForAll("exprs") Expr e, @ForAll("points") double[] x) {
        Graph g = new Graph();
        EnergyFunction f = Energy.of(build(e, g)).wrt(Role.DATA).interpreter();
        double[][] h = f.hessian(x);
        Assume.that(finite(f.value(x)) && Arrays.stream(h).allMatch(GraphPropertiesTest::finite));
        for (int j = 0; j < VARS; j++) {
            double step = 1e-5 * Math.max(1, Math.abs(x[j]));
            double[] xp = x.clone();
            double[] xm = x.clone();
            xp[j] += step;
            xm[j] -= step;
            double[] gp = f.gradient(xp);
            double[] gm = f.gradient(xm);
            double[] g2p = f.gradient(plus(x, j, step / 2));
            double[] g2m = f.gradient(plus(x, j, -step / 2));
            for (int i = 0; i < VARS; i++) {
                double d1 = (gp[i] - gm[i]) / (2 * step);
                double d2 = (g2p[i] - g2m[i]) / step;
                double rich = (4 * d2 - d1) / 3;
                Assume.that(finite(rich) && relativeError(d1, d2) < 1e-4); // no kink within the step
                int ii = i;
                int jj = j;
                assertTrue(relativeError(h[i][j], rich) <= 1e-5,
                        () -> "H[" + ii + "][" + jj + "] of " + e + " = " + h[ii][jj] + " vs differences " + rich);
            }
        }
    }

    private static double[] plus(double[] x, int j, double d) {
        double[] y = x.clone();
        y[j] += d;
        return y;
    }

    @Property(tries = 1000)
    void simplificationPreservesValues(@ForAll("exprs") Expr e, @ForAll("points") double[] x) {
        Graph raw = Graph.unsimplified();
        Node r = build(e, raw);
        double expected = Energy.of(r).interpreter().value(x);
        Assume.that(finite(expected));
        Graph simple = raw.withSameInputs(true);
        Node s;
        try {
            s = simple.copy(r);
        } catch (ArithmeticException undefinedConstant) {
            Assume.that(false);
            return;
        }
        double actual = Energy.of(s).interpreter().value(x);
        assertTrue(relativeError(expected, actual) <= 1e-9, () -> e + ": raw " + expected + ", simplified " + actual
                + " (" + s + ")");
    }

    @Property(tries = 1000)
    void printParseRoundTripGivesTheSameNode(@ForAll("exprs") Expr e) {
        for (Graph g : List.of(new Graph(), Graph.unsimplified())) {
            Node n;
            try {
                n = build(e, g);
            } catch (ArithmeticException undefinedConstant) {
                continue;
            }
            String text = Printer.infix(n);
            assertSame(n, Parser.parse(text, g, false), () -> "round trip of " + text);
        }
    }

    @Property(tries = 500)
    void interningMakesEqualStructuresIdentical(@ForAll("exprs") Expr e) {
        Graph g = Graph.unsimplified();
        Node a = build(e, g);
        int size = g.size();
        Node b = build(e, g);
        assertSame(a, b);
        assertEquals(size, g.size(), "building again created nodes");
    }

    @Property(tries = 500)
    void hessianVectorProductEqualsHessianTimesVector(@ForAll("exprs") Expr e, @ForAll("points") double[] x,
                                                      @ForAll("points") double[] v) {
        Graph g = new Graph();
        EnergyFunction f = Energy.of(build(e, g)).wrt(Role.DATA).interpreter();
        double[][] h = f.hessian(x);
        double[] hv = new double[VARS];
        f.hessianVectorProduct(x, v, hv);
        Assume.that(Arrays.stream(h).allMatch(GraphPropertiesTest::finite) && finite(hv));
        for (int i = 0; i < VARS; i++) {
            double s = 0;
            for (int j = 0; j < VARS; j++) {
                s += h[j][i] * v[j];
            }
            assertTrue(relativeError(s, hv[i]) <= 1e-9, "Hv of " + e);
        }
    }

    @Property(tries = 1000)
    void gradientCostsAtMostFourTimesTheValue(@ForAll("exprs") Expr e) {
        Graph g = new Graph();
        Node f = build(e, g);
        Interpreter interp = (Interpreter) Energy.of(f).interpreter();
        double value = interp.valueProgram().cost();
        double gradient = interp.gradientProgram().cost();
        assertTrue(gradient <= 4 * Math.max(1, value), () -> e + ": value costs " + value + ", gradient " + gradient);
    }
}
