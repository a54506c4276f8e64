package org.joule.graph;

import java.util.List;

/**
 * How flattening computes what has a lower form: each log-sum-exp node as m + log s from its
 * {@link LogSumExpParts}. The value then shares its n exponentials with the softmax of
 * the gradient, so value and gradient together take n exponentials, as hand-written code
 * does, not 2n. The substitution happens as {@link Program#of(List, java.util.function.UnaryOperator)}
 * schedules, so no node that uses a log-sum-exp is rebuilt: lowering adds only the parts,
 * and costs time linear in the size of the graph.
 */
final class Lowering {
    private Lowering() {
    }

    /** The flattened program of {@code outputs}, log-sum-exp lowered. */
    static Program program(List<Node> outputs) {
        return Program.of(outputs, Lowering::substitute);
    }

    /** What flattening computes in place of {@code n}: its lower form, or n itself. */
    static Node substitute(Node n) {
        return switch (n.op()) {
            case LOGSUMEXP -> LogSumExpParts.of(n).value();
            default -> n;
        };
    }
}
