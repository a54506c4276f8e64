package org.joule.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    void everyOpPrintsInBothStyles() {
        assertTrue(Printer.complete());
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
