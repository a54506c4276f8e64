package org.joule.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.joule.runtime.Role;
import org.junit.jupiter.api.Test;

/** Precedence, associativity and the printed forms. */
class ParserTest {

    private static double eval(String text, double... x) {
        Graph g = new Graph();
        for (int i = 0; i < x.length; i++) {
            g.scalar("x" + i, Role.DATA);
        }
        return Energy.of(Parser.parse(text, g, false)).interpreter().value(x);
    }

    @Test
    void precedenceAndAssociativity() {
        assertEquals(7, eval("1 + 2 * 3"));
        assertEquals(-9, eval("-3^2"));
        assertEquals(2, eval("8 / 2 / 2"));
        assertEquals(512, eval("2^3^2"));
        assertEquals(-1, eval("1 - 2"));
        assertEquals(2, eval("1 - (2 - 3)"));
        assertEquals(0.25, eval("2^-2"));
        assertEquals(6, eval("x0 * -x1", 2, -3));
        assertEquals(1.5e-3, eval("1.5e-3"));
        assertEquals(Math.log(Math.exp(1) + Math.exp(2)), eval("logsumexp(x0, x1)", 1, 2), 1e-15);
        assertEquals(3, eval("max(x0, x1, 3)", 1, 2));
        assertEquals(0.5, eval("pow(x0, 0.5)", 0.25));
        assertEquals(8, eval("powi(x0, 3)", 2));
    }

    @Test
    void printsReadableInfix() {
        Graph g = new Graph();
        Node x = g.scalar("x", Role.DATA);
        Node y = g.scalar("y", Role.DATA);
        assertEquals("x * (y + 1)", x.times(y.plus(1)).toString());
        assertEquals("x - (y - 1)", x.minus(y.minus(1)).toString());
        assertEquals("(-x)^3", x.neg().pow(3).toString());
        assertEquals("-x^3", x.pow(3).neg().toString());
        assertEquals("exp(x) / 2", x.exp().div(2).toString());
        assertEquals("softplus(x) * -2", x.softplus().times(-2).toString());
    }

    @Test
    void printsLatex() {
        Graph g = new Graph();
        Node x = g.scalar("x", Role.DATA);
        Tensor w = g.matrix("W", 2, 2, Role.PARAMETER);
        assertEquals("\\frac{\\exp\\left(x\\right)}{W_{1,0}}", Printer.latex(x.exp().div(w.get(1, 0))));
        assertEquals("\\sqrt{x^{2} + 1}", Printer.latex(x.square().plus(1).sqrt()));
    }

    @Test
    void transposeAndMatrixFactory() {
        Graph g = new Graph();
        Tensor w = g.matrix("W", 2, 3, Role.PARAMETER);
        Tensor t = w.transpose();
        assertEquals("[3,2]", t.shapeText());
        assertSame(w.get(1, 2), t.get(2, 1));
        Tensor m = Tensor.matrix(3, 2, t.elements());
        assertSame(t.get(2, 0), m.get(2, 0));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Tensor.matrix(2, 2, t.elements()));
    }

    @Test
    void coordinatesOfVectorsAndMatricesRoundTrip() {
        Graph g = new Graph();
        Tensor y = g.vector("y", 3, Role.DATA);
        Tensor w = g.matrix("W", 2, 3, Role.PARAMETER);
        Node e = w.matVec(y).squaredNorm();
        assertSame(e, Parser.parse(e.toString(), g, false));
        assertSame(w.get(1, 2), Parser.parse("W[1, 2]", g, false));
    }
}
