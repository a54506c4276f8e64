package org.joule.graph;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Reverse-mode symbolic differentiation: the reverse sweep, written once.
 *
 * <p>The nodes reachable from the output are visited in decreasing id order (reverse
 * topological order). Each node's adjoint is multiplied into its inputs' adjoints by the
 * local rule of its op ({@link Derivatives}); contributions to one input are summed. Only
 * inputs that depend on a variable of interest receive contributions (through ops whose
 * derivative is not identically 0), and a zero contribution is never built. Linear in the
 * size of the graph, whatever the arity of its nodes. The result is built in the same graph, so it shares the
 * forward computation and can be differentiated again. Iterative: any depth is fine.
 */
public final class Differentiator {
    private Differentiator() {
    }

    /**
     * The gradient of {@code f} with respect to each of {@code wrt} (VAR nodes of f's graph):
     * entry j is dE/d wrt[j], the constant 0 where f does not depend on it.
     *
     * @param f   the output node
     * @param wrt VAR nodes of f's graph, in gradient order
     * @return one node per entry of {@code wrt}
     */
    public static Node[] gradient(Node f, List<Node> wrt) {
        Graph g = f.graph();
        BitSet targets = new BitSet();
        for (Node w : wrt) {
            if (w.graph() != g) {
                throw new IllegalArgumentException("cannot differentiate with respect to a node of another graph");
            }
            if (w.op() != Op.VAR) {
                throw new IllegalArgumentException("can only differentiate with respect to inputs, not a "
                        + w.op().textName() + " node");
            }
            targets.set(w.id());
        }
        List<Node> order = g.reachable(List.of(f));
        int n = order.size();
        int[] position = new int[g.size()];
        boolean[] depends = new boolean[n];
        for (int k = 0; k < n; k++) {
            Node node = order.get(k);
            position[node.id()] = k;
            boolean d = targets.get(node.id());
            if (!Derivatives.hasZeroDerivative(node.op())) {
                for (int i = 0; i < node.arity(); i++) {
                    d |= depends[position[node.input(i).id()]];
                }
            }
            depends[k] = d;
        }
        // contributions to a node's adjoint are collected and summed pairwise once all have
        // arrived (every consumer has a larger id, so when the sweep reaches a node it is complete);
        // most nodes have one consumer, so the first contribution needs no list
        Node[] first = new Node[n];
        List<List<Node>> more = new ArrayList<>(java.util.Collections.nCopies(n, (List<Node>) null));
        first[n - 1] = g.constant(1);
        Node[] adjoint = new Node[n];
        for (int k = n - 1; k >= 0; k--) {
            Node node = order.get(k);
            if (first[k] == null) {
                continue;
            }
            Node a = more.get(k) == null ? first[k] : Joule.sum(more.get(k));
            first[k] = null; // done with it: the sweep runs in O(live) memory
            more.set(k, null);
            if (node.op().isLeaf()) {
                adjoint[k] = a;
                continue;
            }
            Derivatives.Vjp rule = Derivatives.RULES.get(node.op());
            for (int i = 0; i < node.arity(); i++) {
                int p = position[node.input(i).id()];
                if (!depends[p]) {
                    continue;
                }
                Node c = rule.apply(g, node, i, a);
                if (c == null) {
                    continue;
                }
                if (first[p] == null) {
                    first[p] = c;
                } else {
                    if (more.get(p) == null) {
                        more.set(p, new ArrayList<>(List.of(first[p])));
                    }
                    more.get(p).add(c);
                }
            }
        }
        Node[] result = new Node[wrt.size()];
        for (int j = 0; j < result.length; j++) {
            Node w = wrt.get(j);
            Node a = null;
            if (w.id() < position.length && position[w.id()] < n && order.get(position[w.id()]) == w) {
                a = adjoint[position[w.id()]];
            }
            result[j] = a == null ? g.constant(0) : a;
        }
        return result;
    }

    /**
     * The sum of the contributions, pairwise; a negated contribution is subtracted (the
     * rewrite x + (-y) -> x - y), so the sum costs one operation per contribution.
     */
    /**
     * The Hessian of f with respect to {@code wrt}: the gradient of each gradient entry.
     *
     * @param f   the output node
     * @param wrt VAR nodes of f's graph
     * @return the wrt.size() x wrt.size() matrix of second derivatives
     */
    public static Node[][] hessian(Node f, List<Node> wrt) {
        Node[] grad = gradient(f, wrt);
        Node[][] h = new Node[wrt.size()][];
        for (int i = 0; i < grad.length; i++) {
            h[i] = gradient(grad[i], wrt);
        }
        return h;
    }

    /**
     * The Hessian-vector product H v of f with respect to {@code wrt}, where v_j is the node
     * {@code graph.tangent(j)}: the gradient of (grad f) . v, one more reverse sweep.
     *
     * @param f   the output node
     * @param wrt VAR nodes of f's graph
     * @return one node per entry of {@code wrt}, reading v through TANGENT leaves
     */
    public static Node[] hessianVectorProduct(Node f, List<Node> wrt) {
        return hessianVectorProduct(gradient(f, wrt), wrt);
    }

    /**
     * H v from an already computed gradient of f with respect to {@code wrt}.
     *
     * @param gradient the gradient of f, as {@link #gradient} returns it for {@code wrt}
     * @param wrt      the same VAR nodes
     * @return one node per entry of {@code wrt}, reading v through TANGENT leaves
     */
    public static Node[] hessianVectorProduct(Node[] gradient, List<Node> wrt) {
        Graph g = wrt.isEmpty() ? null : wrt.get(0).graph();
        if (g == null) {
            return new Node[0];
        }
        List<Node> products = new ArrayList<>(gradient.length);
        for (int j = 0; j < gradient.length; j++) {
            products.add(gradient[j].times(g.tangent(j)));
        }
        return gradient(Joule.sum(products), wrt);
    }
}
