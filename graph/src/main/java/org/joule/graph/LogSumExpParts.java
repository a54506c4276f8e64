package org.joule.graph;

import java.util.ArrayList;
import java.util.List;

/**
 * The max-shifted pieces of log-sum-exp(a_1..a_n): m = stop(max a), e_i = expshift(a_i, m)
 * = exp(a_i - m), s = sum e_i (pairwise), so that logsumexp = m + log s and its gradient is
 * e_i / s. Built through the graph, so building them twice for the same arguments gives the
 * same nodes: the derivative rule and {@link Lowering} share the n exponentials.
 * {@link #of(Node)} builds them once per log-sum-exp node, so differentiating an
 * n-argument log-sum-exp is O(n), not O(n^2).
 */
final class LogSumExpParts {
    private final Node shift;
    /** The pairwise sum, level by level: levels[0] holds the terms, the last level the sum. */
    private final Node[][] levels;

    private LogSumExpParts(Node shift, Node[][] levels) {
        this.shift = shift;
        this.levels = levels;
    }

    /** The parts of the log-sum-exp node {@code y}, built once per graph. */
    static LogSumExpParts of(Node y) {
        if (y.op() != Op.LOGSUMEXP) {
            throw new IllegalArgumentException(y.op().textName() + " node is not a log-sum-exp");
        }
        return y.graph().derived(y, LogSumExpParts.class, n -> of(n.graph(), n.inputArray()));
    }

    /** The parts of log-sum-exp(args), built now. */
    static LogSumExpParts of(Graph g, Node[] args) {
        Node m = g.node(Op.STOP, g.node(Op.MAX, args));
        Node[] e = new Node[args.length];
        for (int i = 0; i < args.length; i++) {
            e[i] = g.node(Op.EXPSHIFT, args[i], m);
        }
        // the same pairs as Joule.sum, kept level by level
        List<Node[]> levels = new ArrayList<>();
        levels.add(e);
        for (Node[] level = e; level.length > 1; ) {
            Node[] next = new Node[(level.length + 1) / 2];
            for (int k = 0; k + 1 < level.length; k += 2) {
                next[k / 2] = level[k].plus(level[k + 1]);
            }
            if (level.length % 2 == 1) {
                next[next.length - 1] = level[level.length - 1];
            }
            levels.add(next);
            level = next;
        }
        return new LogSumExpParts(m, levels.toArray(new Node[0][]));
    }

    /** m + log s: the value of the log-sum-exp. */
    Node value() {
        return shift.plus(sum().log());
    }

    /** s, the sum of the terms. */
    Node sum() {
        return levels[levels.length - 1][0];
    }

    /** e_i. */
    Node term(int i) {
        return levels[0][i];
    }
}
