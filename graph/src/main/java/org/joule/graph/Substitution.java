package org.joule.graph;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Simultaneous substitution in an expression graph, the engine of {@link Graph#substitute}:
 * every occurrence of a key node below the roots is replaced by its value, and every node
 * that depends on a replaced node is rebuilt through the graph's factory (so a simplifying
 * graph folds constants and rewrites as it rebuilds). Nodes that depend on no key are kept
 * as they are, so a root that uses no key comes back unchanged (the same node).
 *
 * <p>Simultaneous means a replacement is not itself searched for keys: substituting
 * {x -&gt; y, y -&gt; x} in x - y gives y - x. The walk stops at keys, never descends into
 * replacements, and is iterative (an explicit stack), so graphs of any depth are fine; the
 * rebuild visits nodes in increasing id order, a topological order. Cost: O(n log n) for
 * the n nodes reachable from the roots without passing through a key.
 */
final class Substitution {
    private Substitution() {
    }

    /** The roots with {@code replacements} applied, in the order of {@code roots}. */
    static List<Node> apply(Graph g, List<Node> roots, Map<Node, Node> replacements) {
        check(g, roots, replacements);
        Map<Node, Node> image = new HashMap<>(replacements);
        for (Node n : below(g, roots, replacements)) {
            if (image.containsKey(n) || n.arity() == 0) {
                continue;
            }
            Node[] in = null;
            for (int i = 0; i < n.arity(); i++) {
                Node mapped = image.get(n.input(i));
                if (mapped != null && mapped != n.input(i)) {
                    if (in == null) {
                        in = n.inputArray().clone();
                    }
                    in[i] = mapped;
                }
            }
            if (in != null) {
                image.put(n, g.node(n.op(), n.parameter(), in));
            }
        }
        List<Node> out = new ArrayList<>(roots.size());
        for (Node r : roots) {
            out.add(image.getOrDefault(r, r));
        }
        return out;
    }

    /** target_i -&gt; replacement_i, for tensors of one shape with distinct target elements. */
    static Map<Node, Node> pairs(Tensor target, Tensor replacement) {
        if (target == null || replacement == null) {
            throw new IllegalArgumentException("substitute: " + (target == null ? "target" : "replacement")
                    + " tensor is null");
        }
        if (target.rank() != replacement.rank() || target.rows() != replacement.rows()
                || target.cols() != replacement.cols()) {
            throw new IllegalArgumentException("substitute: target of shape " + target.shapeText()
                    + " and replacement of shape " + replacement.shapeText() + " differ");
        }
        Map<Node, Node> map = new HashMap<>();
        for (int i = 0; i < target.size(); i++) {
            Node key = target.get(i);
            if (map.put(key, replacement.get(i)) != null) {
                throw new IllegalArgumentException("substitute: target element " + i + ", "
                        + describe(key.graph(), key) + ", appears twice");
            }
        }
        return map;
    }

    /** The nodes reachable from the roots without passing through a key, in increasing id order. */
    private static List<Node> below(Graph g, List<Node> roots, Map<Node, Node> keys) {
        BitSet seen = new BitSet(g.size());
        List<Node> found = new ArrayList<>();
        List<Node> stack = new ArrayList<>(roots);
        while (!stack.isEmpty()) {
            Node n = stack.remove(stack.size() - 1);
            if (seen.get(n.id())) {
                continue;
            }
            seen.set(n.id());
            found.add(n);
            if (!keys.containsKey(n)) {
                for (int i = 0; i < n.arity(); i++) {
                    if (!seen.get(n.input(i).id())) {
                        stack.add(n.input(i));
                    }
                }
            }
        }
        found.sort(Comparator.comparingInt(Node::id));
        return found;
    }

    private static void check(Graph g, List<Node> roots, Map<Node, Node> replacements) {
        if (roots == null || replacements == null) {
            throw new IllegalArgumentException("substitute: " + (roots == null ? "roots" : "replacements")
                    + " are null");
        }
        for (int i = 0; i < roots.size(); i++) {
            Node r = roots.get(i);
            if (r == null || r.graph() != g) {
                throw new IllegalArgumentException("substitute: root " + i + (r == null ? " is null"
                        : " (" + r.op().textName() + ") belongs to another graph"));
            }
        }
        for (Map.Entry<Node, Node> e : replacements.entrySet()) {
            Node key = e.getKey();
            Node value = e.getValue();
            if (key == null || value == null) {
                throw new IllegalArgumentException("substitute: null " + (key == null ? "node to replace"
                        : "replacement for " + describe(g, key)));
            }
            if (key.graph() != g) {
                throw new IllegalArgumentException("substitute: the node to replace, " + key.op().textName()
                        + ", belongs to another graph");
            }
            if (value.graph() != g) {
                throw new IllegalArgumentException("substitute: the replacement for " + describe(g, key)
                        + " belongs to another graph");
            }
        }
    }

    /** A VAR by its coordinate name, any other node by its text form. */
    static String describe(Graph g, Node n) {
        if (n.op() == Op.VAR) {
            return "'" + g.layout().coordinateName((int) n.parameter()) + "'";
        }
        String text = n.toString();
        return text.length() > 60 ? n.op().textName() + " node #" + n.id() : text;
    }
}
