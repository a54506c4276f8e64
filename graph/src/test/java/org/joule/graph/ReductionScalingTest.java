package org.joule.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.BinaryOperator;
import org.joule.runtime.Role;
import org.junit.jupiter.api.Test;

/**
 * Building nested min, max and log-sum-exp is linear in the number of terms: flattening
 * builds nodes of at most {@link Rewrites#FLAT_WIDTH} arguments, not one k-argument node per
 * level. The measure is the number of node inputs built, which is what the quadratic version
 * spent its time and memory on (the 20,000-term loop took 9.9 s, 50,000 nested
 * log-sum-exps ran out of a 4 GB heap): it grows 4 times for 4 times the terms when linear,
 * 16 times when quadratic. No timing, so nothing to flake.
 */
class ReductionScalingTest {
    static final int N = 2_000;

    /** The inputs of the nodes built by acc = step(acc, term i) over n terms, and the last acc. */
    record Built(long inputs, Node result, Graph graph) {
    }

    static Built accumulate(int n, boolean sameTerm, BinaryOperator<Node> step) {
        Graph g = new Graph();
        Tensor x = g.vector("x", sameTerm ? 2 : n, Role.DATA);
        Node acc = x.get(sameTerm ? 1 : 0);
        long inputs = 0;
        for (int i = 1; i < n; i++) {
            acc = step.apply(acc, x.get(sameTerm ? 0 : i));
            inputs += acc.arity();
        }
        return new Built(inputs, acc, g);
    }

    private static double valueOf(Node n, double[] x) {
        Program p = Lowering.program(List.of(n));
        return Interpreter.run(p, x, null)[p.output(0)];
    }

    static Node max(Node acc, Node term) {
        return Joule.max(acc, term);
    }

    static Node logSumExp(Node acc, Node term) {
        return Joule.logSumExp(term, acc);
    }

    static void assertLinear(boolean sameTerm, BinaryOperator<Node> step, String what) {
        long small = accumulate(N, sameTerm, step).inputs();
        long large = accumulate(4 * N, sameTerm, step).inputs();
        assertTrue(large <= 5 * small, () -> what + ": " + small + " inputs built for " + N + " terms, " + large
                + " for " + 4 * N + " (linear is 4 times as many, quadratic 16)");
    }

    @Test
    void accumulatingMaxIsLinear() {
        assertLinear(false, ReductionScalingTest::max, "acc = max(acc, x_i)");
        assertLinear(false, (acc, t) -> Joule.min(t, acc), "acc = min(x_i, acc)");
    }

    @Test
    void nestedLogSumExpIsLinear() {
        assertLinear(true, ReductionScalingTest::logSumExp, "logsumexp(x, logsumexp(x, ... y))");
        assertLinear(false, ReductionScalingTest::logSumExp, "logsumexp(x_i, logsumexp(x_i-1, ...))");
    }

    @Test
    void fiftyThousandNestedLogSumExpsBuildBoundedNodesAndEvaluate() {
        int n = 50_000;
        Built b = accumulate(n, true, ReductionScalingTest::logSumExp);
        for (Node m : b.graph().reachable(List.of(b.result()))) {
            assertTrue(m.arity() <= Rewrites.FLAT_WIDTH, () -> m.op() + " has " + m.arity() + " arguments");
        }
        // logsumexp of n - 1 copies of x and one y: log((n - 1) e^x + e^y); every nested level
        // adds a few ulps of a value near 11 (see RoundingBound), n / 63 levels: well below 1e-9
        double[] at = {0.25, -1.5};
        double expected = Math.log((n - 1) * Math.exp(at[0]) + Math.exp(at[1]));
        assertEquals(expected, valueOf(b.result(), at), 1e-9);
    }

    @Test
    void flatteningKeepsTheArgumentsInOrderAndMaxExact() {
        int n = 1_000;
        Built b = accumulate(n, false, ReductionScalingTest::max);
        double[] at = new double[n];
        double best = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            at[i] = Math.sin(i * 0.7) * i;
            best = Math.max(best, at[i]);
        }
        assertEquals(best, valueOf(b.result(), at));
        Graph g = new Graph();
        Node u = g.scalar("u", Role.DATA);
        Node v = g.scalar("v", Role.DATA);
        Node w = g.scalar("w", Role.DATA);
        assertEquals(List.of(u, v, w), Joule.min(u, Joule.min(v, w)).inputs(), "min(u, min(v, w)) -> min(u, v, w)");
        assertEquals(List.of(u, v, w), Joule.max(Joule.max(u, v), w).inputs(), "max(max(u, v), w) -> max(u, v, w)");
        assertEquals(List.of(u, v), Joule.max(u, Joule.max(v, u)).inputs(), "max(u, v, u) -> max(u, v)");
    }
}
