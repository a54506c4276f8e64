package org.joule.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

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
        double expectedValue = 0.5;
        double expectedGrad = 1;
        for (int i = 0; i < DEPTH; i++) {
            expectedGrad = Math.cos(expectedValue) * expectedGrad + 1e-6;
            expectedValue = Math.sin(expectedValue) + 0.5 * 1e-6;
        }
        assertEquals(expectedValue, v, 1e-12);
        assertEquals(expectedGrad, grad[0], 1e-9);
        String text = Printer.infix(e);
        assertSame(e, Parser.parse(text, g, false));
        Printer.latex(e);
        double[] hv = new double[1];
        f.hessianVectorProduct(at, new double[] {1}, hv);
        assertEquals(f.hessian(at)[0][0], hv[0]);
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
