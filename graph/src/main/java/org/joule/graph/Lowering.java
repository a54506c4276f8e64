package org.joule.graph;

import java.util.List;

/**
 * How flattening computes what has a cheaper, lower form: each log-sum-exp node as m + log s
 * from its {@link LogSumExpParts}, and each softmax entry that the parts built for a
 * derivative as e_i * (1/s). The value then shares its n exponentials with the softmax of
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
            case SHARE -> cheaperForm(n);
            default -> n;
        };
    }

    /** e_i * (1/s) for a softmax entry that log-sum-exp parts built, else n (see LogSumExpParts#softmax). */
    private static Node cheaperForm(Node n) {
        Node cheaper = n.graph().derivedIfBuilt(n, Lowering.class);
        return cheaper != null ? cheaper : n;
    }
}
