package org.joule.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    /** Parses {@code text} over scalars x, z and a vector y[3], expecting a ParseException at {@code position}. */
    private static ParseException parseError(String text, int position) {
        Graph g = new Graph();
        g.scalar("x", Role.DATA);
        g.scalar("z", Role.DATA);
        g.vector("y", 3, Role.DATA);
        ParseException e = assertThrows(ParseException.class, () -> Parser.parse(text, g, true), text);
        assertEquals(position, e.position(), () -> text + ": " + e.getMessage());
        assertTrue(e.getMessage().contains("^"), e::getMessage);
        return e;
    }

    @Test
    void digitsOfOtherScriptsAreNotNumbers() {
        // Character.isDigit accepts them, Double.parseDouble refuses them: was a NumberFormatException
        ParseException three = parseError("\u0663", 0); // Arabic-Indic three
        assertTrue(three.getMessage().contains("digits 0-9"), three::getMessage);
        parseError("\uff11", 0); // fullwidth one
        parseError("\u0966 * x", 0); // Devanagari zero
        parseError("x + \u0663", 4);
        parseError("-\u0663", 1);
        parseError("y[\u0663]", 2); // Integer.parseInt accepted it as y[3]
    }

    @Test
    void numbersNeedADigit() {
        parseError(".e5", 0); // was a NumberFormatException
        parseError("x * .e5", 4);
        parseError("-.e5", 1);
        parseError(".", 0);
        parseError("1e", 1);
        parseError("1.5e+", 3);
        assertEquals(0.5, eval(".5"));
        assertEquals(5, eval("5."));
        assertEquals(1000, eval("1.e3"));
    }

    @Test
    void nodesTheGraphRefusesArePositionedErrorsWithTheirCause() {
        parseError("tangent(-1)", 0); // was a plain IllegalArgumentException
        parseError("x + tangent(2147483648)", 4);
        parseError("tangent(0.5)", 0);
        assertInstanceOf(ArithmeticException.class, parseError("1 + log(-1)", 4).getCause());
        assertInstanceOf(ArithmeticException.class, parseError("x + 1 / 0", 6).getCause());
        assertInstanceOf(ArithmeticException.class, parseError("sqrt(-4)", 0).getCause());
        assertInstanceOf(IllegalArgumentException.class, parseError("x * powi(x, 0.5)", 4).getCause());
        assertInstanceOf(IllegalArgumentException.class, parseError("pick(x, z, -1)", 0).getCause());
        parseError("sin(x, z)", 0);
        parseError("x + const(1)", 4);
        parseError("var(x)", 0);
    }

    @Test
    void piAndEAreConstants() {
        Graph g = new Graph();
        Node x = g.scalar("x", Role.DATA);
        assertSame(g.constant(Math.PI), Parser.parse("pi", g));
        assertSame(g.constant(Math.E), Parser.parse("e", g));
        assertSame(x.times(Math.PI).plus(Math.E), Parser.parse("x * pi + e", g));
        assertEquals(1, g.layout().size(), "pi and e are not declared as variables");
        assertEquals(Math.exp(2), eval("e^2"), 4 * Math.ulp(Math.exp(2)));
        assertEquals(-1, eval("cos(pi)"));
        Node n = Parser.parse("sin(pi * x) / (2 * e)", g);
        assertSame(n, Parser.parse(Printer.infix(n), g), "print and parse give the identical node");
        parseError("pi[0]", 2);
        parseError("pi(x)", 0);
    }

    @Test
    void infinityAndNanAreErrorsNotVariables() {
        for (String word : new String[] {"inf", "nan", "NaN", "Infinity", "INF"}) {
            ParseException e = parseError("x * " + word, 4);
            assertTrue(e.getMessage().contains("pass non-finite values as inputs"), e::getMessage);
            parseError("-" + word, 1);
        }
    }

    @Test
    void reservedWordsCannotBeDeclared() {
        for (String word : new String[] {"pi", "e", "inf", "nan", "NaN", "Infinity", "tangent"}) {
            Graph g = new Graph();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> g.scalar(word, Role.DATA), word);
            assertTrue(e.getMessage().contains("'" + word + "'"), e::getMessage);
            assertThrows(IllegalArgumentException.class, () -> g.vector(word, 2, Role.DATA), word);
            assertEquals(0, g.layout().size());
        }
        Graph g = new Graph();
        g.matrix("E", 2, 2, Role.PARAMETER); // names differ from the reserved words by case
        g.scalar("pi2", Role.DATA);
        g.scalar("e_", Role.DATA);
        assertNull(Parser.reservedName("E"));
        assertEquals(6, g.layout().size());
    }
}
