package org.joule.graph;

import java.util.ArrayList;
import java.util.List;

/**
 * Static helpers of the DSL for what an energy-based-model author writes most: sums,
 * reductions and the soft minimum that turns energies into a free energy. Import them
 * statically: {@code import static org.joule.graph.Joule.*;}.
 *
 * <p>All arguments must belong to one graph; lists must not be empty.
 */
public final class Joule {
    private Joule() {
    }

    private static Graph graphOf(List<Node> nodes, String what) {
        if (nodes == null || nodes.isEmpty()) {
            throw new IllegalArgumentException(what + " needs at least one argument");
        }
        return nodes.get(0).graph();
    }

    /**
     * n_1 + n_2 + ... + n_k, added pairwise: a balanced tree of additions, so the sum has
     * depth log2(k) rather than k. That keeps long sums from becoming one long chain of
     * dependent additions (slow on a pipelined processor) and bounds the rounding error by
     * O(log k) rather than O(k) ulps. Iterative.
     *
     * @param nodes the terms, one or more, of one graph
     * @return the sum node
     */
    public static Node sum(List<Node> nodes) {
        graphOf(nodes, "sum");
        List<Node> level = new ArrayList<>(nodes);
        while (level.size() > 1) {
            List<Node> next = new ArrayList<>((level.size() + 1) / 2);
            for (int i = 0; i + 1 < level.size(); i += 2) {
                next.add(level.get(i).plus(level.get(i + 1)));
            }
            if (level.size() % 2 == 1) {
                next.add(level.get(level.size() - 1));
            }
            level = next;
        }
        return level.get(0);
    }

    /**
     * n_1 + ... + n_k, added pairwise.
     *
     * @param nodes the terms, one or more, of one graph
     * @return the sum node
     */
    public static Node sum(Node... nodes) {
        return sum(List.of(nodes));
    }

    /**
     * min(n_1, ..., n_k); its derivative goes to the first minimal argument.
     *
     * @param nodes the arguments, one or more, of one graph
     * @return the minimum node
     */
    public static Node min(List<Node> nodes) {
        return graphOf(nodes, "min").node(Op.MIN, nodes.toArray(new Node[0]));
    }

    /**
     * min(n_1, ..., n_k).
     *
     * @param nodes the arguments, one or more, of one graph
     * @return the minimum node
     */
    public static Node min(Node... nodes) {
        return min(List.of(nodes));
    }

    /**
     * max(n_1, ..., n_k); its derivative goes to the first maximal argument.
     *
     * @param nodes the arguments, one or more, of one graph
     * @return the maximum node
     */
    public static Node max(List<Node> nodes) {
        return graphOf(nodes, "max").node(Op.MAX, nodes.toArray(new Node[0]));
    }

    /**
     * max(n_1, ..., n_k).
     *
     * @param nodes the arguments, one or more, of one graph
     * @return the maximum node
     */
    public static Node max(Node... nodes) {
        return max(List.of(nodes));
    }

    /**
     * log(sum_k exp(a_k)), evaluated with a max shift; its gradient is the softmax.
     *
     * @param nodes the arguments a_k, one or more, of one graph
     * @return the log-sum-exp node
     */
    public static Node logSumExp(List<Node> nodes) {
        return graphOf(nodes, "logsumexp").node(Op.LOGSUMEXP, nodes.toArray(new Node[0]));
    }

    /**
     * log(sum_k exp(a_k)).
     *
     * @param nodes the arguments a_k, one or more, of one graph
     * @return the log-sum-exp node
     */
    public static Node logSumExp(Node... nodes) {
        return logSumExp(List.of(nodes));
    }

    /**
     * The soft minimum at inverse temperature beta: -(1/beta) log sum_k exp(-beta e_k).
     * This is the free energy F_beta of a latent-variable EBM whose latent takes k values
     * with energies e_k; it tends to min_k e_k as beta grows.
     *
     * @param beta     the inverse temperature, finite and positive
     * @param energies the energies e_k, one or more, of one graph
     * @return the free energy node
     * @throws IllegalArgumentException unless beta is finite and positive
     */
    public static Node softMin(double beta, List<Node> energies) {
        if (!(beta > 0) || Double.isInfinite(beta)) {
            throw new IllegalArgumentException("softMin: beta must be finite and positive, not " + beta);
        }
        Graph g = graphOf(energies, "softMin");
        List<Node> scaled = new ArrayList<>(energies.size());
        for (Node e : energies) {
            scaled.add(e.times(-beta));
        }
        return logSumExp(scaled).times(g.constant(-1.0 / beta));
    }

    /**
     * Soft minimum of the given energies.
     *
     * @param beta     the inverse temperature, finite and positive
     * @param energies the energies e_k, one or more, of one graph
     * @return the free energy node
     */
    public static Node softMin(double beta, Node... energies) {
        return softMin(beta, List.of(energies));
    }

    /**
     * select(c, a, b) = a where c &gt; 0, else b.
     *
     * @param condition  the condition c, for example {@link Node#less}
     * @param ifPositive the value a where c &gt; 0
     * @param otherwise  the value b elsewhere
     * @return the select node
     */
    public static Node select(Node condition, Node ifPositive, Node otherwise) {
        return condition.graph().select(condition, ifPositive, otherwise);
    }
}
