package org.joule.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.joule.runtime.EnergyFunction;
import org.joule.runtime.Role;
import org.junit.jupiter.api.Test;

/**
 * {@link Printer#readable}: derivatives written with documented ops only, as text that parses
 * back to a function with the same values.
 */
class ReadablePrinterTest {
    private static final List<String> INTERNAL = List.of("expshift", "stop", "pick", "argmax", "argmin", "tangent");

    /** Expressions of three scalars x0, x1, x2 whose derivatives use internal helpers. */
    private static final List<Function<Node[], Node>> CASES = List.of(
            x -> Joule.logSumExp(x[0], x[1].times(2), x[2]),
            x -> Joule.logSumExp(x[0], x[1]).times(3).plus(x[2]),
            x -> Joule.max(x[0], x[1], x[2]),
            x -> Joule.min(x[0], x[1].square(), x[2]).times(x[0]),
            x -> Joule.max(x[0], x[1]).plus(Joule.min(x[1], x[2])),
            x -> Joule.softMin(2.0, x[0].square(), x[1].minus(1).square(), x[2].plus(x[0]).square()),
            x -> x[0].abs().plus(x[1].relu()).times(x[2]),
            x -> Joule.logSumExp(x[0].times(x[1]), x[2]).square());

    private static Node[] variables(Graph g) {
        return new Node[] {g.scalar("x0", Role.DATA), g.scalar("x1", Role.DATA), g.scalar("x2", Role.DATA)};
    }

    private static List<Node> derivatives(Graph g, Function<Node[], Node> f) {
        Energy e = Energy.of(f.apply(variables(g))).wrt("x0", "x1", "x2");
        List<Node> out = new ArrayList<>(List.of(e.gradient()));
        for (Node[] row : e.hessian()) {
            out.addAll(List.of(row));
        }
        return out;
    }

    private static String ops(Node n) {
        StringBuilder b = new StringBuilder();
        for (Node m : n.graph().reachable(List.of(n))) {
            b.append(m.op().textName()).append(' ');
        }
        return b.toString();
    }

    @Test
    void derivativesOfLogSumExpMaxAndMinUseOnlyDocumentedOps() {
        boolean internalSeen = false;
        for (Function<Node[], Node> f : CASES) {
            for (Node d : derivatives(new Graph(), f)) {
                internalSeen |= INTERNAL.stream().anyMatch(ops(d)::contains);
                for (Printer.Style style : Printer.Style.values()) {
                    String text = Printer.readable(d, style);
                    for (String op : INTERNAL) {
                        assertFalse(text.contains(op), op + " in " + text);
                    }
                }
            }
        }
        assertTrue(internalSeen, "the cases exercise the internal helpers");
    }

    @Test
    void softmaxAndMaxDerivativesReadAsDocumented() {
        Graph g = new Graph();
        Node[] x = variables(g);
        Node[] grad = Energy.of(Joule.logSumExp(x[0], x[1], x[2])).wrt("x0", "x1", "x2").gradient();
        assertEquals("exp(x1 - logsumexp(x0, x1, x2))", Printer.readable(grad[1], Printer.Style.INFIX));
        Node[] max = Energy.of(Joule.max(x[0], x[1])).wrt("x0", "x1").gradient();
        assertEquals("1 - less(x0, x1)", Printer.readable(max[0], Printer.Style.INFIX));
        assertEquals("less(x0, x1)", Printer.readable(max[1], Printer.Style.INFIX));
    }

    /**
     * The printed first and second derivatives parse back and give the numbers of the
     * originals. Exactly, except for the softmax: exp(a_i - logsumexp(a)) against
     * e_i / s with e_i = exp(a_i - m). Each side has a few roundings of relative size
     * 2^-53 (the exp, the log of s, the division, the sums of at most 3 terms), and the
     * subtraction a_i - logsumexp(a) carries an absolute error of about
     * (|a_i| + |logsumexp|) * 2^-53, which exp turns into a relative error of the same size.
     * Arguments here stay below 80 in magnitude (points in [-3, 3]; softMin's 2 (x2 + x0)^2
     * is the largest), so a first derivative agrees to 8 * 80 * 2^-53 ~ 7e-14 relative: we
     * allow 1e-12. A second derivative adds and subtracts products of such terms, each at
     * most C = 100 in size here (probabilities at most 1 times arguments and values at most
     * 80), so its absolute error is below C * 1e-12: we allow 1e-10 * max(1, |value|).
     * Points are drawn away from ties, where min and max switch argument: at a tie both
     * forms agree too (checked in {@link #tiesAndNaNsMatchTheInternalHelpersExactly}).
     */
    @Test
    void printedDerivativesParseBackToTheSameValues() {
        Random r = new Random(11);
        for (Function<Node[], Node> f : CASES) {
            Graph g = new Graph();
            Energy e = Energy.of(f.apply(variables(g))).wrt("x0", "x1", "x2");
            for (Node d : e.gradient()) {
                assertParsesBack(d, r, 1e-12, 0);
            }
            for (Node[] row : e.hessian()) {
                for (Node d : row) {
                    assertParsesBack(d, r, 0, 1e-10);
                }
            }
        }
    }

    private static void assertParsesBack(Node d, Random r, double relative, double scaled) {
        String text = Printer.readable(d, Printer.Style.INFIX);
        Graph h = new Graph();
        variables(h);
        Node back = Parser.parse(text, h, false);
        EnergyFunction original = Energy.of(d).wrt(Role.DATA).interpreter();
        EnergyFunction printed = Energy.of(back).wrt(Role.DATA).interpreter();
        for (int k = 0; k < 50; k++) {
            double[] p = {r.nextDouble() * 6 - 3, r.nextDouble() * 6 - 3, r.nextDouble() * 6 - 3};
            double want = original.value(p);
            double got = printed.value(p);
            double tolerance = relative * Math.abs(want) + scaled * Math.max(1, Math.abs(want)) + 1e-300;
            assertEquals(want, got, tolerance, text + " at " + java.util.Arrays.toString(p));
        }
    }

    /** At ties, NaN and infinite arguments the less-products route the derivative as pick(argmax) does. */
    @Test
    void tiesAndNaNsMatchTheInternalHelpersExactly() {
        Graph g = new Graph();
        Node[] x = variables(g);
        double[] specials = {0, 1, -1, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        List<Node> ds = new ArrayList<>();
        ds.addAll(List.of(Energy.of(Joule.max(x[0], x[1], x[2])).wrt("x0", "x1", "x2").gradient()));
        ds.addAll(List.of(Energy.of(Joule.min(x[0], x[1], x[2])).wrt("x0", "x1", "x2").gradient()));
        ds.addAll(List.of(Energy.of(Joule.max(x[0], x[1]).times(x[2])).wrt("x0", "x1", "x2").gradient()));
        ds.add(g.node(Op.ARGMAX, x[0], x[1], x[2]));
        ds.add(g.node(Op.ARGMIN, x[0], x[1], x[2]));
        ds.add(g.node(Op.PICK, 1, x[0], x[1])); // a selector that is not argmax: pick where x0 == 1
        for (Node d : ds) {
            String text = Printer.readable(d, Printer.Style.INFIX);
            Graph h = new Graph();
            variables(h);
            EnergyFunction original = Energy.of(d).wrt(Role.DATA).interpreter();
            EnergyFunction printed = Energy.of(Parser.parse(text, h, false)).wrt(Role.DATA).interpreter();
            for (double a : specials) {
                for (double b : specials) {
                    for (double c : specials) {
                        double[] p = {a, b, c};
                        assertEquals(original.value(p), printed.value(p), 0.0,
                                text + " at " + java.util.Arrays.toString(p));
                    }
                }
            }
        }
    }
}
