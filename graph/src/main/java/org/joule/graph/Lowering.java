package org.joule.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rewrites outputs before they are flattened: each log-sum-exp node becomes m + log s from
 * its {@link LogSumExpParts}. The value then shares its n exponentials with the softmax of
 * the gradient, which the derivative rule builds from the same parts, so value and gradient
 * together take n exponentials, as hand-written code does, not 2n. Iterative.
 */
final class Lowering {
    private Lowering() {
    }

    static List<Node> lower(List<Node> outputs) {
        if (outputs.isEmpty()) {
            return outputs;
        }
        Graph g = outputs.get(0).graph();
        Map<Node, Node> map = new HashMap<>();
        for (Node n : g.reachable(outputs)) {
            Node[] in = n.inputArray();
            Node[] mapped = null;
            for (int i = 0; i < in.length; i++) {
                Node m = map.get(in[i]);
                if (m != null && m != in[i]) {
                    if (mapped == null) {
                        mapped = in.clone();
                    }
                    mapped[i] = m;
                }
            }
            Node[] args = mapped == null ? in : mapped;
            Node result;
            if (n.op() == Op.LOGSUMEXP) {
                result = LogSumExpParts.of(g, args).value();
            } else if (mapped != null) {
                result = g.node(n.op(), n.parameter(), mapped);
            } else {
                result = n;
            }
            if (result != n) {
                map.put(n, result);
            }
        }
        List<Node> out = new ArrayList<>(outputs.size());
        for (Node o : outputs) {
            out.add(map.getOrDefault(o, o));
        }
        return out;
    }
}
