package org.joule.graph;

import java.util.EnumMap;
import java.util.Map;

/**
 * Local differentiation rules, one per op: given a node y = op(x_0, ..., x_n), the adjoint
 * a = dE/dy and an input index i, the contribution a * dy/dx_i as a new node, or null for a
 * symbolic zero. The reverse sweep that accumulates these contributions exists once, in
 * {@link Differentiator}.
 *
 * <p>The rules of the one-argument functions keep full relative accuracy wherever the true
 * derivative is a normal double, at orders 1 and 2: none subtracts nearly equal values.
 * tanh' is sech^2 (an op of its own,
 * {@link Op#SECH2}), not 1 - tanh^2; sigmoid' is sech^2(x/2) / 4, not s (1 - s); expm1' is
 * exp, not expm1 + 1; and the derivatives of these are products again.
 *
 * <p>At kinks the rules give documented subgradients: abs'(0) = 0, relu'(0) = 0; min and max
 * send the whole adjoint to their first minimal (maximal) argument; select sends it to the
 * chosen branch only; sign, step, less, argmin and argmax are piecewise constant and
 * have derivative 0. The derivative of log-sum-exp is the softmax share(e_i, o_i) =
 * e_i / (e_i + o_i) with e_i = exp(a_i - m), o_i the sum of the other terms and m the maximum
 * held constant (see {@link LogSumExpParts}); it is 1/n for every argument when all
 * arguments are -infinity.
 *
 * <p>A rule runs once per input of a node: what it shares between the inputs of a k-input
 * node is built once ({@link Graph#derived}), so differentiating the node costs O(k).
 */
final class Derivatives {
    private Derivatives() {
    }

    /** The contribution of node y to the adjoint of its input i, given y's adjoint a. */
    @FunctionalInterface
    interface Vjp {
        Node apply(Graph g, Node y, int i, Node a);
    }

    static final Map<Op, Vjp> RULES = new EnumMap<>(Op.class);

    private static final Vjp ZERO = (g, y, i, a) -> null;

    private static Vjp zero() {
        return ZERO;
    }

    /**
     * Whether op's derivative is 0 with respect to every input (piecewise-constant ops and
     * stop): adjoints that would only flow into such a node are never built.
     */
    static boolean hasZeroDerivative(Op op) {
        return RULES.get(op) == ZERO;
    }

    private static Vjp leaf() {
        return (g, y, i, a) -> {
            throw new IllegalStateException(y.op().textName() + " has no inputs to differentiate");
        };
    }

    static {
        RULES.put(Op.CONST, leaf());
        RULES.put(Op.VAR, leaf());
        RULES.put(Op.TANGENT, leaf());
        RULES.put(Op.ADD, (g, y, i, a) -> a);
        RULES.put(Op.SUB, (g, y, i, a) -> i == 0 ? a : a.neg());
        RULES.put(Op.MUL, (g, y, i, a) -> a.times(y.input(1 - i)));
        // t = a / d is built once (interned) and shared: x gets t, d gets -(t * q)
        RULES.put(Op.DIV, (g, y, i, a) -> i == 0 ? a.div(y.input(1)) : a.div(y.input(1)).times(y).neg());
        RULES.put(Op.NEG, (g, y, i, a) -> a.neg());
        RULES.put(Op.POWI, (g, y, i, a) -> a.times(g.node(Op.POWI, y.parameter() - 1, y.input(0)).times(y.parameter())));
        RULES.put(Op.POW, (g, y, i, a) -> i == 0
                ? a.times(y.input(1).times(g.pow(y.input(0), y.input(1).minus(1))))
                : a.times(y.input(0).log().times(y)));
        RULES.put(Op.SQUARE, (g, y, i, a) -> a.times(y.input(0).times(2)));
        RULES.put(Op.SQRT, (g, y, i, a) -> a.times(0.5).div(y));
        RULES.put(Op.EXP, (g, y, i, a) -> a.times(y));
        RULES.put(Op.LOG, (g, y, i, a) -> a.div(y.input(0)));
        RULES.put(Op.LOG1P, (g, y, i, a) -> a.div(y.input(0).plus(1)));
        // expm1' = exp, not expm1 + 1, which loses e^x in the rounding of -1 + e^x (0 for x < -37.4)
        RULES.put(Op.EXPM1, (g, y, i, a) -> a.times(y.input(0).exp()));
        RULES.put(Op.SIN, (g, y, i, a) -> a.times(y.input(0).cos()));
        RULES.put(Op.COS, (g, y, i, a) -> a.times(y.input(0).sin()).neg());
        // tanh' = sech^2, not 1 - tanh^2, which cancels as |x| grows (to 0 for |x| > 19.1)
        RULES.put(Op.TANH, (g, y, i, a) -> a.times(y.input(0).sech2()));
        // sech2' = -2 sech2 tanh: a product, so tanh'' keeps its relative accuracy too
        RULES.put(Op.SECH2, (g, y, i, a) -> a.times(y.times(y.input(0).tanh())).times(-2));
        // sigmoid' = s(x) s(-x) = sech^2(x/2) / 4, not s (1 - s), which cancels as x grows (to 0 for x > 37.4)
        RULES.put(Op.SIGMOID, (g, y, i, a) -> a.times(sigmoidDerivative(y.input(0))));
        RULES.put(Op.SOFTPLUS, (g, y, i, a) -> a.times(y.input(0).sigmoid()));
        RULES.put(Op.ABS, (g, y, i, a) -> a.times(g.node(Op.SIGN, y.input(0))));
        RULES.put(Op.RELU, (g, y, i, a) -> a.times(g.node(Op.STEP, y.input(0))));
        RULES.put(Op.SIGN, zero());
        RULES.put(Op.STEP, zero());
        RULES.put(Op.LESS, zero());
        RULES.put(Op.SELECT, (g, y, i, a) -> i == 0 ? null
                : i == 1 ? g.select(y.input(0), a, g.constant(0)) : g.select(y.input(0), g.constant(0), a));
        RULES.put(Op.MIN, (g, y, i, a) -> selectorRule(g, y, i, a, Op.ARGMIN));
        RULES.put(Op.MAX, (g, y, i, a) -> selectorRule(g, y, i, a, Op.ARGMAX));
        // the softmax from the max-shifted terms, shared with the lowered value (see LogSumExpParts)
        RULES.put(Op.LOGSUMEXP, (g, y, i, a) -> a.times(LogSumExpParts.of(y).softmax(i)));
        RULES.put(Op.ARGMIN, zero());
        RULES.put(Op.ARGMAX, zero());
        RULES.put(Op.PICK, (g, y, i, a) -> i == 0 ? null : g.node(Op.PICK, y.parameter(), y.input(0), a));
        // e = exp(a - m): de/da = e, de/dm = -e (at a == m, where e is the constant 1, the same one-sided limits)
        RULES.put(Op.EXPSHIFT, (g, y, i, a) -> i == 0 ? a.times(y) : a.times(y).neg());
        RULES.put(Op.STOP, zero());
        // p = e / (e + o): dp/de = o / (e + o)^2 = share(o, e) / (e + o), where share(o, e) is 1 - p
        // without cancellation; dp/do = -p / (e + o)
        RULES.put(Op.SHARE, (g, y, i, a) -> i == 0
                ? a.times(g.node(Op.SHARE, y.input(1), y.input(0))).div(y.input(0).plus(y.input(1)))
                : a.times(y).div(y.input(0).plus(y.input(1))).neg());
    }

    /**
     * sigmoid'(x) = sigmoid(x) sigmoid(-x) = sech^2(x/2) / 4: full relative accuracy in both
     * tails, and its own derivative -sech^2(x/2) tanh(x/2) / 4 is a product, so sigmoid'' and
     * softplus'' keep it too (halving and quartering are exact in the normal range).
     */
    private static Node sigmoidDerivative(Node x) {
        return x.times(0.5).sech2().times(0.25);
    }

    private static Node selectorRule(Graph g, Node y, int i, Node a, Op selector) {
        if (y.arity() == 1) {
            return a;
        }
        Node index = g.derived(y, selector, n -> g.node(selector, n.inputArray()));
        return g.node(Op.PICK, i, index, a);
    }
}
