package org.joule.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.joule.graph.Energy;
import org.joule.graph.Graph;
import org.joule.graph.Node;
import org.joule.graph.Parser;
import org.joule.runtime.EnergyFunction;
import org.joule.runtime.Role;
import org.junit.jupiter.api.Test;

/** {@code joule diff}: derivatives in documented ops, that parse back to the same numbers. */
class DiffCommandTest {
    private static final List<String> EXPRESSIONS = List.of(
            "logsumexp(x, y, 2)", "max(x, y)", "min(x, y, 3 * x)", "logsumexp(x * y, -y) * 3",
            "-logsumexp(-(x - 1)^2, -(y + 1)^2) / 2", "abs(x) + relu(y) * max(x, 0.5)", "log(1 + exp(x * y))");

    private static List<String> diff(String... args) {
        Cli.Result r = Cli.run(args);
        assertEquals(0, r.status(), r.err());
        return List.of(r.out().split("\n"));
    }

    @Test
    void printsOnlyDocumentedOps() {
        assertEquals(List.of("d/dx = exp(x - logsumexp(x, y, 2))", "d/dy = exp(y - logsumexp(x, y, 2))"),
                diff("diff", "logsumexp(x, y, 2)"));
        assertEquals(List.of("d/dx = 1 - less(x, y)", "d/dy = less(x, y)"), diff("diff", "max(x, y)"));
        for (String e : EXPRESSIONS) {
            for (String style : List.of("--wrt=x,y", "--latex")) {
                for (String line : diff("diff", e, style)) {
                    for (String internal : List.of("expshift", "stop", "pick", "argmax", "argmin")) {
                        assertFalse(line.contains(internal), internal + " in " + line);
                    }
                }
            }
        }
    }

    /**
     * Each printed derivative parses back and evaluates to the derivative Joule computes.
     * Exactly, but for the softmax, where exp(a - logsumexp) and Joule's e_i / s differ by
     * rounding: a few operations of relative error 2^-53 each, and the absolute error
     * (|a| + |logsumexp|) 2^-53 of the subtraction, which exp makes relative. Arguments here
     * stay below 30 in magnitude (points in [-3, 3]), so the two agree to about
     * 8 * 30 * 2^-53 ~ 3e-14 relative; we allow 1e-12.
     */
    @Test
    void printedDerivativesParseBackToTheSameNumbers() {
        Random r = new Random(3);
        for (String e : EXPRESSIONS) {
            Graph g = new Graph();
            g.scalar("x", Role.DATA);
            g.scalar("y", Role.DATA);
            EnergyFunction f = Energy.of(Parser.parse(e, g)).wrt("x", "y").interpreter();
            List<String> lines = diff("diff", e, "--wrt", "x,y");
            for (int j = 0; j < 2; j++) {
                String prefix = "d/d" + (j == 0 ? "x" : "y") + " = ";
                assertTrue(lines.get(j).startsWith(prefix), lines.get(j));
                Graph h = new Graph();
                h.scalar("x", Role.DATA);
                h.scalar("y", Role.DATA);
                Node back = Parser.parse(lines.get(j).substring(prefix.length()), h, false);
                EnergyFunction printed = Energy.of(back).wrt("x", "y").interpreter();
                for (int k = 0; k < 100; k++) {
                    double[] p = {r.nextDouble() * 6 - 3, r.nextDouble() * 6 - 3};
                    double want = f.gradient(p)[j];
                    assertEquals(want, printed.value(p), 1e-12 * Math.abs(want) + 1e-300, lines.get(j));
                }
            }
        }
    }

    @Test
    void aVariableTheExpressionDoesNotUseHasDerivativeZero() {
        assertEquals(List.of("d/dx = 2", "d/dq = 0"), diff("diff", "2 * x", "--wrt", "x,q"));
    }

    @Test
    void aConstantExpressionIsSaidToBeOne() {
        Cli.Result r = Cli.run("diff", "2 * 3");
        assertEquals(0, r.status());
        assertEquals("", r.out());
        assertTrue(r.err().contains("no variables; it is the constant 6"), r.err());
    }

    @Test
    void leadingMinusAndIndexedNames() {
        assertEquals(List.of("d/dx = -(x * 2)"), diff("diff", "-x^2"));
        assertEquals(List.of("d/dW[1,0] = y[3]", "d/dy[3] = W[1,0]"), diff("diff", "W[1,0] * y[3]"));
    }
}
