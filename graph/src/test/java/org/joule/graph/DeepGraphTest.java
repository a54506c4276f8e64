package org.joule.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.joule.runtime.EnergyFunction;
import org.joule.runtime.Role;
import org.junit.jupiter.api.Test;

/** Chains of 100,000 nodes: no traversal may recurse on the Java stack. */
class DeepGraphTest {
    static final int DEPTH = 100_000;

    @Test
    void deepChainIsBuiltDifferentiatedPrintedParsedAndEvaluated() {
        Graph g = new Graph();
        Node x = g.scalar("x", Role.DATA);
        Node e = x;
        for (int i = 0; i < DEPTH; i++) {
            e = e.sin().plus(x.times(1e-6));
        }
        Energy energy = Energy.of(e);
        EnergyFunction f = energy.interpreter();
        double[] at = {0.5};
        double[] grad = new double[1];
        double v = f.valueAndGradient(at, grad);
        // forward mode by hand: f' and f'' of f_{k+1} = sin(f_k) + 1e-6 x, and f'' with every
        // term taken in absolute value (the sum of the magnitudes of its terms)
        double expectedValue = 0.5;
        double expectedGrad = 1;
        double expectedSecond = 0;
        double secondMagnitude = 0;
        for (int i = 0; i < DEPTH; i++) {
            double s = Math.sin(expectedValue);
            double c = Math.cos(expectedValue);
            expectedSecond = -s * expectedGrad * expectedGrad + c * expectedSecond;
            secondMagnitude = Math.abs(s) * expectedGrad * expectedGrad + Math.abs(c) * secondMagnitude;
            expectedGrad = c * expectedGrad + 1e-6;
            expectedValue = s + 0.5 * 1e-6;
        }
        assertEquals(expectedValue, v, 1e-12);
        assertEquals(expectedGrad, grad[0], 1e-9);
        String text = Printer.infix(e);
        assertSame(e, Parser.parse(text, g, false));
        String latex = Printer.latex(e);
        assertEquals(DEPTH, occurrences(latex, "\\sin\\left("), "sines in the LaTeX form");
        assertEquals(DEPTH + 1, occurrences(latex, "x"), "occurrences of x in the LaTeX form");
        double[] hv = new double[1];
        f.hessianVectorProduct(at, new double[] {1}, hv);
        // both sides sum the same products over paths of about 4 ops per level, each op within
        // 1 ulp (2u), no factor above 1 in absolute value (|cos| < 1): the difference is at most
        // 2 * 4 * DEPTH * u times the sum of the magnitudes of the terms
        double tolerance = 8 * DEPTH * 0x1p-53 * secondMagnitude;
        assertEquals(expectedSecond, hv[0], tolerance, "f'' by the Hessian-vector product");
        assertTrue(Math.abs(expectedSecond) > 1e3 * tolerance, "the second derivative is resolved: " + expectedSecond);
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            count++;
        }
        return count;
    }

    @Test
    void deeplyNestedParenthesesParse() {
        Graph g = new Graph();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < DEPTH; i++) {
            b.append("exp(");
        }
        b.append("x");
        for (int i = 0; i < DEPTH; i++) {
            b.append(")");
        }
        Node n = Parser.parse(b.toString(), g);
        int depth = 0;
        while (n.op() == Op.EXP) {
            n = n.input(0);
            depth++;
        }
        assertEquals(DEPTH, depth);
    }
}
