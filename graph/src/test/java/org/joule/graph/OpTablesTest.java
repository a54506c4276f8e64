package org.joule.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every op has a rule in every table. */
class OpTablesTest {

    @Test
    void everyOpHasADerivativeRule() {
        for (Op op : Op.values()) {
            assertNotNull(Derivatives.RULES.get(op), "no derivative rule for " + op);
        }
    }

    @Test
    void everyOpHasARewriteEntry() {
        for (Op op : Op.values()) {
            assertNotNull(Rewrites.RULES.get(op), "no rewrite entry for " + op);
        }
    }

    @Test
    void everyOpHasAForwardOracleRule() {
        for (Op op : Op.values()) {
            assertNotNull(ForwardOracle.RULES.get(op), "no forward-oracle rule for " + op);
        }
    }

    @Test
    void everyOpHasAPrinterRowInBothStyles() {
        for (Printer.Style style : Printer.Style.values()) {
            assertEquals(Set.of(), Printer.missingRows(style), "ops without a printer row in the style " + style);
        }
    }

    /** Every op, printed alone, reads back as the same node, and has a LaTeX form naming its arguments. */
    @Test
    void everyOpPrintsInBothStylesAndReadsBack() {
        for (Op op : Op.values()) {
            Graph raw = Graph.unsimplified();
            Node n = sample(raw, op);
            String text = Printer.infix(n);
            assertSame(n, Parser.parse(text, raw, false), () -> op + " printed as " + text);
            String latex = Printer.latex(n);
            for (int i = 0; i < n.arity(); i++) {
                String argument = Printer.latex(n.input(i));
                assertTrue(latex.contains(argument), () -> op + " in LaTeX, " + latex + ", lacks its argument "
                        + argument);
            }
            assertTrue(!latex.isEmpty() && !latex.contains("null"), () -> op + " in LaTeX: " + latex);
        }
    }

    /** A node of {@code op} over distinct variables (three for a reduction). */
    private static Node sample(Graph g, Op op) {
        return switch (op) {
            case CONST -> g.constant(1.5);
            case VAR -> g.scalar("x", org.joule.runtime.Role.DATA);
            case TANGENT -> g.tangent(2);
            default -> {
                int n = op.arity() == Op.VARIADIC ? 3 : op.arity();
                Node[] args = new Node[n];
                for (int i = 0; i < n; i++) {
                    args[i] = g.scalar("x" + i, org.joule.runtime.Role.DATA);
                }
                double parameter = op == Op.POWI ? 3 : op == Op.PICK ? 1 : 0;
                yield g.node(op, parameter, args);
            }
        };
    }

    @Test
    void everyNonLeafOpEvaluatesAndParsesByName() {
        for (Op op : Op.values()) {
            if (op.isLeaf()) {
                continue;
            }
            double[] args = {0.5, 0.25, 0.75};
            int n = op.arity() == Op.VARIADIC ? 3 : op.arity();
            double p = op == Op.POWI ? 3 : op == Op.PICK ? 0.5 : 0;
            double v = Evaluator.apply(op, p, args, n);
            assertTrue(!Double.isNaN(v), op + " evaluates to NaN at ordinary arguments");
            StringBuilder text = new StringBuilder(op.textName()).append('(');
            for (int i = 0; i < n; i++) {
                text.append(i > 0 ? ", " : "").append("x");
            }
            if (op.parameterised()) {
                text.append(", ").append((int) p);
            }
            Graph raw = Graph.unsimplified();
            raw.scalar("x", org.joule.runtime.Role.DATA);
            Node parsed = Parser.parse(text.append(')').toString(), raw, false);
            assertEquals(op, parsed.op(), "parsing " + text);
        }
    }
}
