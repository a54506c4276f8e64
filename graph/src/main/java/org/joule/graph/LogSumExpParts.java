package org.joule.graph;

import java.util.ArrayList;
import java.util.List;

/**
 * The max-shifted pieces of log-sum-exp(a_1..a_n): m = stop(max a), e_i = expshift(a_i, m)
 * = exp(a_i - m) and s = sum e_i (pairwise), so that logsumexp = m + log s; and, built when
 * the derivative first asks, the softmax p_i = share(e_i, o_i) = e_i / (e_i + o_i), where
 * o_i is the sum of the terms other than e_i, added up directly rather than as s - e_i.
 *
 * <p>Why o_i: the Hessian of log-sum-exp is p_i (δ_ij - p_j). Its diagonal p_i (1 - p_i) is
 * tiny when p_i is near 1 (the largest of widely spread arguments), where 1 - p_i formed by
 * a subtraction is 0 or noise: logsumexp(40, 0) has d2/da0^2 = 4.25e-18. The derivative of
 * share forms 1 - p_i as share(o_i, e_i), to full relative accuracy; and since o_i does not
 * contain e_i, the reverse sweep sends the off-diagonal terms -p_i p_j through the o's to
 * j != i only, so no entry is the difference of two nearly equal contributions either.
 *
 * <p>The leave-one-out sums o_i share the subtrees of the pairwise sum s: what lies outside
 * a subtree is what lies outside its parent plus its sibling, so all n of them take about 2n
 * additions, in a tree of depth O(log n).
 *
 * <p>Value and gradient share the n exponentials: {@link Lowering} evaluates p_i as
 * e_i * (1/s), the same n exponentials and one division as hand-written code, while
 * derivatives of p_i see the accurate share. Everything is built through the graph, so
 * building the parts twice gives the same nodes; {@link #of(Node)} builds them once per
 * log-sum-exp node, so differentiating an n-argument log-sum-exp is O(n).
 */
final class LogSumExpParts {
    private final Graph graph;
    private final Node shift;
    /** The pairwise sum, level by level: levels[0] holds the terms, the last level the sum. */
    private final Node[][] levels;
    private final Node[] softmax;
    private Node[] others;
    private Node reciprocal;

    private LogSumExpParts(Graph graph, Node shift, Node[][] levels) {
        this.graph = graph;
        this.shift = shift;
        this.levels = levels;
        this.softmax = new Node[levels[0].length];
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
        // the same pairs as Joule.sum, kept level by level for the leave-one-out sums
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
        return new LogSumExpParts(g, m, levels.toArray(new Node[0][]));
    }

    /** m + log s: the value of the log-sum-exp. */
    Node value() {
        return shift.plus(sum().log());
    }

    /** s, the sum of the terms. */
    Node sum() {
        return levels[levels.length - 1][0];
    }

    /**
     * p_i = share(e_i, o_i), the derivative of the log-sum-exp with respect to argument i;
     * {@link Lowering} evaluates it as e_i * (1/s).
     */
    Node softmax(int i) {
        if (softmax[i] == null) {
            Node p = graph.node(Op.SHARE, levels[0][i], others()[i]);
            if (p.op() == Op.SHARE) {
                Node term = levels[0][i];
                graph.derived(p, Lowering.class, n -> term.times(reciprocal()));
            }
            softmax[i] = p;
        }
        return softmax[i];
    }

    private Node reciprocal() {
        if (reciprocal == null) {
            reciprocal = graph.constant(1).div(sum());
        }
        return reciprocal;
    }

    /** o_i = the sum of the terms other than e_i (0 when there is one term), for every i. */
    private Node[] others() {
        if (others == null) {
            Node[] outside = new Node[1]; // nothing lies outside the whole sum (null: an empty sum)
            for (int l = levels.length - 2; l >= 0; l--) {
                Node[] level = levels[l];
                Node[] out = new Node[level.length];
                for (int k = 0; k < level.length; k++) {
                    Node parent = outside[k / 2];
                    int sibling = k ^ 1;
                    if (sibling >= level.length) {
                        out[k] = parent; // carried up to the next level alone
                    } else {
                        out[k] = parent == null ? level[sibling] : parent.plus(level[sibling]);
                    }
                }
                outside = out;
            }
            for (int i = 0; i < outside.length; i++) {
                if (outside[i] == null) {
                    outside[i] = graph.constant(0);
                }
            }
            others = outside;
        }
        return others;
    }
}
