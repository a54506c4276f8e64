package org.joule.graph;

import java.util.ArrayList;
import java.util.List;

/**
 * The max-shifted pieces of log-sum-exp(a_1..a_n): m = stop(max a), e_i = expshift(a_i, m)
 * = exp(a_i - m), s = sum e_i (pairwise), so that logsumexp = m + log s and its gradient is
 * e_i / s. Built through the graph, so building them twice for the same arguments gives the
 * same nodes: the derivative rule and {@link Lowering} share the n exponentials.
 *
 * @param shift the maximum, with derivative 0
 * @param terms e_i
 * @param sum   s
 */
record LogSumExpParts(Node shift, Node[] terms, Node sum) {

    static LogSumExpParts of(Graph g, Node[] args) {
        Node m = g.node(Op.STOP, g.node(Op.MAX, args));
        Node[] e = new Node[args.length];
        List<Node> list = new ArrayList<>(args.length);
        for (int i = 0; i < args.length; i++) {
            e[i] = g.node(Op.EXPSHIFT, args[i], m);
            list.add(e[i]);
        }
        return new LogSumExpParts(m, e, Joule.sum(list));
    }

    /** m + log s: the value of the log-sum-exp. */
    Node value() {
        return shift.plus(sum.log());
    }
}
