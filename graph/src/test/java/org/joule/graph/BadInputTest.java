package org.joule.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.joule.runtime.EnergyFunction;
import org.joule.runtime.Role;
import org.junit.jupiter.api.Test;

/** Bad input gets a clear exception that names the culprit. */
class BadInputTest {

    private static void assertMessage(Throwable t, String... parts) {
        for (String p : parts) {
            assertTrue(t.getMessage().contains(p), "message '" + t.getMessage() + "' lacks '" + p + "'");
        }
    }

    @Test
    void unknownVariable() {
        Graph g = new Graph();
        g.scalar("x", Role.DATA);
        assertMessage(assertThrows(ParseException.class, () -> Parser.parse("x + q", g, false)), "position 4", "'q'");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> g.tensor("W")), "'W'");
        Energy e = Energy.of(g.tensor("x").scalar().square());
        assertMessage(assertThrows(IllegalArgumentException.class, () -> e.wrt("nope")), "'nope'");
    }

    @Test
    void inputIndexOutOfRange() {
        Graph g = new Graph();
        Node x = g.scalar("x", Role.DATA);
        Node y = g.scalar("y", Role.DATA);
        Node sum = x.plus(y);
        Node wide = Joule.max(java.util.List.of(x, y, x.times(y)));
        assertEquals(2, sum.arity());
        assertEquals(3, wide.arity());
        assertMessage(assertThrows(IndexOutOfBoundsException.class, () -> sum.input(2)), "input 2", "add", "2 inputs");
        assertMessage(assertThrows(IndexOutOfBoundsException.class, () -> x.exp().input(1)), "input 1", "1 inputs");
        assertThrows(IndexOutOfBoundsException.class, () -> wide.input(3));
        assertEquals(java.util.List.of(x, y), sum.inputs());
    }

    @Test
    void shapeMismatch() {
        Graph g = new Graph();
        Tensor a = g.vector("a", 3, Role.DATA);
        Tensor b = g.vector("b", 2, Role.DATA);
        Tensor w = g.matrix("W", 2, 2, Role.PARAMETER);
        assertMessage(assertThrows(IllegalArgumentException.class, () -> a.plus(b)), "[3]", "[2]");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> w.matVec(a)), "[2,2]", "[3]");
        assertMessage(assertThrows(ParseException.class, () -> Parser.parse("a + 1", g, false)), "shape [3]", "a[0]");
        assertMessage(assertThrows(ParseException.class, () -> Parser.parse("W[1]", g, false)), "shape [2,2]");
    }

    @Test
    void indexOutOfRange() {
        Graph g = new Graph();
        Tensor a = g.vector("a", 3, Role.DATA);
        Tensor w = g.matrix("W", 2, 2, Role.PARAMETER);
        assertMessage(assertThrows(IndexOutOfBoundsException.class, () -> a.get(3)), "index 3", "[3]");
        assertMessage(assertThrows(IndexOutOfBoundsException.class, () -> w.get(2, 0)), "[2,0]", "[2,2]");
        assertMessage(assertThrows(ParseException.class, () -> Parser.parse("a[7]", g, false)), "index 7");
    }

    @Test
    void wrongArrayLengthAtEvaluation() {
        Graph g = new Graph();
        Tensor a = g.vector("a", 3, Role.DATA);
        EnergyFunction f = Energy.of(a.squaredNorm()).interpreter();
        assertMessage(assertThrows(IllegalArgumentException.class, () -> f.value(new double[2])), "x", "length 2", "3");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> f.value(null)), "x is null");
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> f.valueAndGradient(new double[3], new double[1])), "gradient", "length 1");
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> f.hessianVectorProduct(new double[3], new double[2], new double[3])), "v", "length 2");
    }

    @Test
    void nonFiniteConstants() {
        Graph g = new Graph();
        Node x = g.scalar("x", Role.DATA);
        assertMessage(assertThrows(IllegalArgumentException.class, () -> g.constant(Double.NaN)), "NaN");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> x.plus(Double.POSITIVE_INFINITY)), "Infinity");
        assertMessage(assertThrows(ArithmeticException.class, () -> g.constant(-1).log()), "log(-1.0)", "NaN");
        assertMessage(assertThrows(ArithmeticException.class, () -> g.constant(1).div(0)), "div(1.0, 0.0)", "Infinity");
        assertMessage(assertThrows(ParseException.class, () -> Parser.parse("x + log(0)", g)), "position 4", "log(0.0)");
        assertMessage(assertThrows(ParseException.class, () -> Parser.parse("1e999", g)), "out of the range");
    }

    @Test
    void wrongArity() {
        Graph g = new Graph();
        Node x = g.scalar("x", Role.DATA);
        assertMessage(assertThrows(IllegalArgumentException.class, () -> g.node(Op.EXP, x, x)), "exp", "1", "not 2");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> g.node(Op.MIN)), "min", "one or more");
        assertMessage(assertThrows(ParseException.class, () -> Parser.parse("exp(x, x)", g)), "position 0", "exp takes 1");
        assertMessage(assertThrows(ParseException.class, () -> Parser.parse("powi(x, x)", g)), "powi", "parameter");
    }

    @Test
    void nodesOfAnotherGraph() {
        Graph g = new Graph();
        Graph h = new Graph();
        Node x = g.scalar("x", Role.DATA);
        Node y = h.scalar("y", Role.DATA);
        assertMessage(assertThrows(IllegalArgumentException.class, () -> x.plus(y)), "add", "another graph");
    }

    @Test
    void duplicateOrBadVariableNames() {
        Graph g = new Graph();
        g.scalar("x", Role.DATA);
        assertMessage(assertThrows(IllegalArgumentException.class, () -> g.vector("x", 2, Role.DATA)), "'x'", "already");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> g.scalar("exp", Role.DATA)), "'exp'", "function");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> g.scalar("2x", Role.DATA)), "'2x'", "identifier");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> g.vector("v", 0, Role.DATA)), "'v'", "0x1");
    }

    @Test
    void programValidationNamesTheBrokenInstruction() {
        Graph g = new Graph();
        Node x = g.scalar("x", Role.DATA);
        Program p = Program.of(java.util.List.of(x.exp().plus(1)));
        p.validate(1, 0);
        assertMessage(assertThrows(IllegalStateException.class, () -> p.validate(0, 0)), "instruction 0", "var");
    }

    @Test
    void parseErrorsNamePositionAndExpectation() {
        Graph g = new Graph();
        ParseException e = assertThrows(ParseException.class, () -> Parser.parse("x + * y", g));
        assertEquals(4, e.position());
        assertMessage(e, "expected a number, a variable");
        assertMessage(assertThrows(ParseException.class, () -> Parser.parse("(x + 1", g)), "position 0", "never closed");
        assertMessage(assertThrows(ParseException.class, () -> Parser.parse("x + 1)", g)), "position 5", "without a matching");
        assertMessage(assertThrows(ParseException.class, () -> Parser.parse("x y", g)), "position 2", "expected an operator");
        assertMessage(assertThrows(ParseException.class, () -> Parser.parse("foo(x)", g)), "unknown function 'foo'");
        assertMessage(assertThrows(ParseException.class, () -> Parser.parse("x +", g)), "position 3", "the end of the text");
        assertMessage(assertThrows(ParseException.class, () -> Parser.parse("exp", g)), "expected '('");
        assertMessage(assertThrows(ParseException.class, () -> Parser.parse("1, 2", g)), "outside the arguments");
        assertMessage(assertThrows(ParseException.class, () -> Parser.parse("x $ 2", g)), "position 2");
        assertMessage(assertThrows(ParseException.class, () -> Parser.parse("", g)), "position 0");
    }
}
