package org.joule.graph;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The documented form of an expression: the same function written with only the ops a user
 * reads about, so that a printed derivative shows no helper that derivatives are made of.
 * The copy is built in an unsimplified graph with the same inputs, so it keeps the shape of
 * the original; every other op is copied as it is.
 *
 * <pre>
 *   stop(x)                               -&gt; x                  (the same value; stop only changes derivatives)
 *   expshift(a, m)                        -&gt; exp(a - m)
 *   g / s * expshift(a_i, stop(max(a)))   -&gt; g * exp(a_i - logsumexp(a))   (the softmax; s = sum_k expshift(a_k, ...))
 *   share(expshift(a_i, stop(max(a))), o) -&gt; exp(a_i - logsumexp(a))        (the softmax as log-sum-exp's rule builds it)
 *   share(e, o), any other                -&gt; e / (e + o)
 *   pick(argmax(a_1..a_n), g; j)          -&gt; select(first_j, g, 0), or first_j when g is 1
 *       first_j = prod_{k&lt;j} less(a_k, a_j) * prod_{k&gt;j} (1 - less(a_j, a_k)):
 *       1 when a_j is the first maximal argument, else 0 (argmin: comparisons reversed)
 *   pick(i, g; j), another selector       -&gt; select((1 - less(i, j)) * (1 - less(j, i)), g, 0)
 *   argmax(a) on its own                  -&gt; sum_j j * first_j
 * </pre>
 *
 * <p>Values agree with the original at every input, NaN included (a NaN argument makes
 * every {@code less} NaN, as argmax is), with two exceptions of the exponential forms:
 * {@code exp(a - m)} is NaN where a = m = ±∞ (expshift gives 1 there), and the softmax
 * {@code exp(a_i - logsumexp(a))} rounds differently from e_i / s (a relative difference of
 * a few ulps times |a_i - logsumexp(a)|) and is NaN where every argument is −∞ (Joule's
 * derivative is 1/n there).
 */
final class DocumentedForm {
    private final Graph target;
    private final Map<Node, Node> done = new HashMap<>();
    /** For a sum of max-shifted exponentials, the arguments of the log-sum-exp it belongs to, or null. */
    private final Map<Node, List<Node>> softmaxSums = new HashMap<>();

    private DocumentedForm(Graph target) {
        this.target = target;
    }

    /** {@code n} in documented ops, in a new unsimplified graph with the same inputs as n's graph. */
    static Node of(Node n) {
        DocumentedForm form = new DocumentedForm(n.graph().withSameInputs(false));
        for (Node m : n.graph().reachable(List.of(n))) {
            form.done.put(m, form.rewrite(m));
        }
        return form.done.get(n);
    }

    private Node in(Node original) {
        return done.get(original);
    }

    private Node rewrite(Node m) {
        return switch (m.op()) {
            case VAR -> target.coordinate((int) m.parameter());
            case CONST -> target.constant(m.parameter());
            case TANGENT -> target.tangent((int) m.parameter());
            case STOP -> in(m.input(0));
            case EXPSHIFT -> target.node(Op.EXP, target.node(Op.SUB, in(m.input(0)), in(m.input(1))));
            case PICK -> pick(m);
            case ARGMAX, ARGMIN -> index(m);
            case SHARE -> share(m);
            case MUL -> {
                Node softmax = softmax(m);
                yield softmax != null ? softmax : copy(m);
            }
            default -> copy(m);
        };
    }

    private Node copy(Node m) {
        Node[] inputs = new Node[m.arity()];
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = in(m.input(i));
        }
        return target.node(m.op(), m.parameter(), inputs);
    }

    // ---------------------------------------------------------------- min and max

    /** pick(selector, g; j): g where the selector is j, else 0. */
    private Node pick(Node m) {
        Node selector = m.input(0);
        Node g = in(m.input(1));
        int j = (int) m.parameter();
        Node indicator;
        if ((selector.op() == Op.ARGMAX || selector.op() == Op.ARGMIN) && j < selector.arity()) {
            indicator = first(selector, j);
        } else {
            Node i = in(selector);
            Node jc = target.constant(j);
            indicator = target.node(Op.MUL, not(target.node(Op.LESS, i, jc)), not(target.node(Op.LESS, jc, i)));
        }
        if (m.input(1).isConstant(1)) {
            return indicator;
        }
        return target.node(Op.SELECT, indicator, g, target.constant(0));
    }

    /** argmax(a) alone: sum_j j * first_j. */
    private Node index(Node m) {
        Node sum = null;
        for (int j = 1; j < m.arity(); j++) {
            Node term = target.node(Op.MUL, target.constant(j), first(m, j));
            sum = sum == null ? term : target.node(Op.ADD, sum, term);
        }
        return sum == null ? target.constant(0) : sum;
    }

    /** 1 when argument j of the argmax (argmin) {@code selector} is its first maximal (minimal) one, else 0. */
    private Node first(Node selector, int j) {
        boolean max = selector.op() == Op.ARGMAX;
        Node aj = in(selector.input(j));
        Node product = null;
        for (int k = 0; k < selector.arity(); k++) {
            if (k == j) {
                continue;
            }
            Node ak = in(selector.input(k));
            Node factor;
            if (k < j) { // strictly better than every earlier argument
                factor = max ? target.node(Op.LESS, ak, aj) : target.node(Op.LESS, aj, ak);
            } else { // no later argument strictly better
                factor = not(max ? target.node(Op.LESS, aj, ak) : target.node(Op.LESS, ak, aj));
            }
            product = product == null ? factor : target.node(Op.MUL, product, factor);
        }
        return product == null ? target.constant(1) : product;
    }

    private Node not(Node indicator) {
        return target.node(Op.SUB, target.constant(1), indicator);
    }

    // ---------------------------------------------------------------- softmax

    /** g / s * expshift(a_i, stop(max(a))) as g * exp(a_i - logsumexp(a)), or null if m is not that. */
    private Node softmax(Node m) {
        for (int side = 0; side < 2; side++) {
            Node term = m.input(side);
            Node quotient = m.input(1 - side);
            if (term.op() != Op.EXPSHIFT || quotient.op() != Op.DIV) {
                continue;
            }
            List<Node> args = softmaxArguments(quotient.input(1), term.input(1));
            if (args == null) {
                continue;
            }
            Node[] lse = new Node[args.size()];
            for (int k = 0; k < lse.length; k++) {
                lse[k] = in(args.get(k));
            }
            Node e = target.node(Op.EXP, target.node(Op.SUB, in(term.input(0)), target.node(Op.LOGSUMEXP, lse)));
            Node g = quotient.input(0);
            return g.isConstant(1) ? e : target.node(Op.MUL, in(g), e);
        }
        return null;
    }

    /**
     * share(e, o) = e / (e + o); the softmax entry exp(a_i - logsumexp(a)) when it is one that
     * {@link LogSumExpParts} built (e = expshift(a_i, stop(max(a))), o the other terms).
     */
    private Node share(Node m) {
        Node e = m.input(0);
        Node shift = e.op() == Op.EXPSHIFT ? e.input(1) : null;
        boolean softmax = shift != null && shift.op() == Op.STOP && shift.input(0).op() == Op.MAX
                && m.graph().derivedIfBuilt(m, Lowering.class) != null;
        if (!softmax) {
            return target.node(Op.DIV, in(e), target.node(Op.ADD, in(e), in(m.input(1))));
        }
        List<Node> args = shift.input(0).inputs();
        Node[] lse = new Node[args.size()];
        for (int k = 0; k < lse.length; k++) {
            lse[k] = in(args.get(k));
        }
        return target.node(Op.EXP, target.node(Op.SUB, in(e.input(0)), target.node(Op.LOGSUMEXP, lse)));
    }

    /**
     * The arguments a of the log-sum-exp when {@code sum} adds expshift(a_k, shift) once for
     * every argument a_k of {@code shift} = stop(max(a)); else null.
     */
    private List<Node> softmaxArguments(Node sum, Node shift) {
        if (shift.op() != Op.STOP || shift.input(0).op() != Op.MAX) {
            return null;
        }
        List<Node> args = shift.input(0).inputs();
        if (!softmaxSums.containsKey(sum)) {
            softmaxSums.put(sum, sumsExponentialsOf(sum, shift) ? args : null);
        }
        return softmaxSums.get(sum);
    }

    private static boolean sumsExponentialsOf(Node sum, Node shift) {
        Map<Node, Integer> expected = new HashMap<>();
        for (Node a : shift.input(0).inputs()) {
            expected.merge(a, 1, Integer::sum);
        }
        Deque<Node> stack = new ArrayDeque<>();
        stack.push(sum);
        while (!stack.isEmpty()) {
            Node t = stack.pop();
            if (t.op() == Op.ADD) {
                stack.push(t.input(0));
                stack.push(t.input(1));
                continue;
            }
            if (t.op() != Op.EXPSHIFT || t.input(1) != shift) {
                return false;
            }
            Integer left = expected.get(t.input(0));
            if (left == null) {
                return false;
            }
            if (left == 1) {
                expected.remove(t.input(0));
            } else {
                expected.put(t.input(0), left - 1);
            }
        }
        return expected.isEmpty();
    }
}
