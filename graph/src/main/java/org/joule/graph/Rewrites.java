package org.joule.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Simplification rules as data: for each op, a list of rewrites tried in order when a
 * simplifying {@link Graph} builds a node. Each rule returns the replacement node, or null
 * when its pattern does not match. Constant folding and canonical input order for
 * commutative ops happen before these rules.
 *
 * <p><b>Rewrites never change a value.</b> The contract is over the whole double range,
 * NaN, infinities, signed zeros, subnormals and huge magnitudes included. Two kinds of rules
 * keep it:
 * <ul>
 *   <li><em>Exact</em> rules ({@code x * 1 -> x}, {@code -(-x) -> x}, {@code x + (-y) -> x - y},
 *       min/max flattening) give the identical double at every input: the same bits, NaN
 *       where the original is NaN, and the same sign of zero. The sign of a zero counts because
 *       it is observable downstream: 1/(x + 0) at x = -0 is +infinity, 1/x is -infinity. So
 *       {@code x + 0 -> x} fires only where x cannot be -0 ({@code x + (-0) -> x} always does),
 *       and a replacement that could be -0 where the original is +0 gets a {@code + 0}.</li>
 *   <li><em>Rounding</em> rules compute the same real function more accurately: the stability
 *       rewrites (log(1+exp x) by softplus, log(sum exp) by log-sum-exp, 1/(1+exp(-x)) by
 *       sigmoid, exp(x)-1 by expm1, log(1+x) by log1p), cancellations of inverse functions
 *       (exp(log x) -&gt; x), and reassociations (c1 (c2 x) -&gt; (c1 c2) x, nested log-sum-exp
 *       flattened). They differ from the original only by rounding error, including where the
 *       original overflows, underflows or cancels in an intermediate step (log(1+exp(800)) is
 *       infinite, softplus(800) is 800); at NaN, infinite and zero inputs, where nothing is
 *       rounded, they give the original's value, sign of zero included.</li>
 * </ul>
 * A rule whose identity holds only on part of the domain fires only where the sign analysis
 * of {@link Domain} proves that its argument stays there: exp(log x) -&gt; x needs x &gt;= +0
 * (or NaN), as for x = exp(..), square, abs, relu, sigmoid or softplus; x - x -&gt; 0,
 * 0 * x -&gt; 0 and x / x -&gt; 1 need a finite (nonzero) x, which for a variable is never known,
 * since every input may be NaN or infinite. SimplificationSoundnessTest checks all of this
 * on random unsimplified graphs at random points that include every special value.
 *
 * <p>Variadic reductions are flattened only up to {@link #FLAT_WIDTH} arguments, so that
 * building {@code acc = max(acc, x_i)} over n terms costs O(n), not O(n^2): the result is a
 * tree of nodes at most that wide.
 */
final class Rewrites {
    private Rewrites() {
    }

    /** The widest node that flattening nested min, max or log-sum-exp may build. */
    static final int FLAT_WIDTH = 64;

    /** One rewrite: the replacement for op(in; parameter), or null. */
    @FunctionalInterface
    interface Rule {
        Node apply(Graph g, Node[] in, double parameter);
    }

    static final Map<Op, List<Rule>> RULES = new EnumMap<>(Op.class);
    /** {@link #RULES} as arrays by op ordinal: the per-node lookup allocates nothing. */
    private static final Rule[][] BY_ORDINAL = new Rule[Op.values().length][];

    private static void rules(Op op, Rule... rules) {
        RULES.put(op, List.of(rules));
        BY_ORDINAL[op.ordinal()] = rules.clone();
    }

    static Node apply(Graph g, Op op, double parameter, Node[] in) {
        for (Rule r : BY_ORDINAL[op.ordinal()]) {
            Node n = r.apply(g, in, parameter);
            if (n != null) {
                return n;
            }
        }
        return null;
    }

    private static boolean is(Node n, Op op) {
        return n.op() == op;
    }

    private static boolean isInteger(Node n) {
        return n.isConstant() && Graph.isIntegerExponent(n.constantValue());
    }

    /** Whether n can evaluate to a value of one of the {@link Domain} classes. */
    private static boolean mayBe(Node n, int classes) {
        return Domain.mayBe(n.domain(), classes);
    }

    /** Whether every value of n is in the {@link Domain} classes. */
    private static boolean within(Node n, int classes) {
        return Domain.within(n.domain(), classes);
    }

    /** n, or n + 0 when n may be -0: the same value with a -0 turned into +0. */
    private static Node plusZero(Graph g, Node n) {
        return mayBe(n, Domain.NEG_ZERO) ? g.node(Op.ADD, n, g.constant(0.0)) : n;
    }

    /** The zero c * x or c / x is, when x's sign is known and c * x cannot be NaN; else null. */
    private static Node signedZero(Graph g, Node c, Node x, int nonNaN) {
        boolean negativeC = Double.doubleToRawLongBits(c.constantValue()) < 0;
        if (within(x, nonNaN & (Domain.NEG_INF | Domain.NEG | Domain.NEG_ZERO))) {
            return g.constant(negativeC ? 0.0 : -0.0);
        }
        if (within(x, nonNaN & (Domain.POS_INF | Domain.POS | Domain.POS_ZERO))) {
            return g.constant(negativeC ? -0.0 : 0.0);
        }
        return null;
    }

    private static boolean isZero(Node n) {
        return n.isConstant() && n.constantValue() == 0;
    }

    static {
        rules(Op.CONST);
        rules(Op.VAR);
        rules(Op.TANGENT);
        rules(Op.ADD,
                (g, in, p) -> in[0].isConstant(-0.0) ? in[1] : null, // -0 + x -> x
                (g, in, p) -> in[1].isConstant(-0.0) ? in[0] : null, // x + -0 -> x
                (g, in, p) -> isZero(in[0]) && !mayBe(in[1], Domain.NEG_ZERO) ? in[1] : null, // 0 + x -> x (x never -0)
                (g, in, p) -> isZero(in[1]) && !mayBe(in[0], Domain.NEG_ZERO) ? in[0] : null, // x + 0 -> x (x never -0)
                (g, in, p) -> is(in[1], Op.NEG) ? g.node(Op.SUB, in[0], in[1].input(0)) : null, // x + (-y) -> x - y
                (g, in, p) -> is(in[0], Op.NEG) ? g.node(Op.SUB, in[1], in[0].input(0)) : null, // (-x) + y -> y - x
                (g, in, p) -> in[0] == in[1] ? g.node(Op.MUL, g.constant(2), in[0]) : null); // x + x -> 2 * x
        rules(Op.SUB,
                (g, in, p) -> in[1].isConstant(0.0) ? in[0] : null, // x - 0 -> x
                (g, in, p) -> in[1].isConstant(-0.0) && !mayBe(in[0], Domain.NEG_ZERO) ? in[0] : null, // x - (-0) -> x (x never -0)
                (g, in, p) -> in[0].isConstant(-0.0) ? g.node(Op.NEG, in[1]) : null, // -0 - x -> -x
                (g, in, p) -> in[0].isConstant(0.0) && !mayBe(in[1], Domain.POS_ZERO) ? g.node(Op.NEG, in[1]) : null, // 0 - x -> -x (x never +0)
                (g, in, p) -> in[0] == in[1] && within(in[0], Domain.FINITE) ? g.constant(0.0) : null, // x - x -> 0 (x finite)
                (g, in, p) -> is(in[1], Op.NEG) ? g.node(Op.ADD, in[0], in[1].input(0)) : null, // x - (-y) -> x + y
                (g, in, p) -> is(in[0], Op.EXP) && in[1].isConstant(1) // exp(x) - 1 -> expm1(x)
                        ? plusZero(g, g.node(Op.EXPM1, in[0].input(0))) : null);
        rules(Op.MUL,
                (g, in, p) -> isZero(in[0]) ? signedZero(g, in[0], in[1], Domain.FINITE) : null, // 0 * x -> 0 (x finite, sign known)
                (g, in, p) -> isZero(in[1]) ? signedZero(g, in[1], in[0], Domain.FINITE) : null, // x * 0 -> 0 (x finite, sign known)
                (g, in, p) -> in[0].isConstant(1) ? in[1] : null, // 1 * x -> x
                (g, in, p) -> in[1].isConstant(1) ? in[0] : null, // x * 1 -> x
                (g, in, p) -> in[0].isConstant(-1) ? g.node(Op.NEG, in[1]) : null, // -1 * x -> -x
                (g, in, p) -> in[1].isConstant(-1) ? g.node(Op.NEG, in[0]) : null, // x * -1 -> -x
                (g, in, p) -> in[0] == in[1] ? g.node(Op.SQUARE, in[0]) : null, // x * x -> square(x)
                Rewrites::constantProduct, // c1 * (c2 * x) -> (c1 c2) * x (rounding)
                (g, in, p) -> is(in[0], Op.NEG) ? g.node(Op.NEG, g.node(Op.MUL, in[0].input(0), in[1])) : null, // (-x) * y -> -(x * y)
                (g, in, p) -> is(in[1], Op.NEG) ? g.node(Op.NEG, g.node(Op.MUL, in[0], in[1].input(0))) : null); // x * (-y) -> -(x * y)
        rules(Op.DIV,
                (g, in, p) -> in[1].isConstant(1) ? in[0] : null, // x / 1 -> x
                (g, in, p) -> isZero(in[0]) // 0 / x -> 0 (x nonzero, sign known)
                        ? signedZero(g, in[0], in[1], Domain.NEG_INF | Domain.NEG | Domain.POS | Domain.POS_INF) : null,
                (g, in, p) -> in[0] == in[1] && within(in[0], Domain.NEG | Domain.POS) ? g.constant(1) : null, // x / x -> 1 (x finite nonzero)
                Rewrites::sigmoidOfQuotient, // 1 / (1 + exp(-x)) -> sigmoid(x) (rounding)
                (g, in, p) -> is(in[0], Op.NEG) ? g.node(Op.NEG, g.node(Op.DIV, in[0].input(0), in[1])) : null, // (-x) / y -> -(x / y)
                (g, in, p) -> is(in[1], Op.NEG) ? g.node(Op.NEG, g.node(Op.DIV, in[0], in[1].input(0))) : null); // x / (-y) -> -(x / y)
        rules(Op.NEG,
                (g, in, p) -> is(in[0], Op.NEG) ? in[0].input(0) : null, // -(-x) -> x
                (g, in, p) -> is(in[0], Op.SUB) && !mayBe(in[0], Domain.POS_ZERO) // -(a - b) -> b - a (a - b never +0)
                        ? g.node(Op.SUB, in[0].input(1), in[0].input(0)) : null);
        rules(Op.POWI,
                (g, in, p) -> p == 0 ? g.constant(1) : null, // x^0 -> 1 (Math.pow(NaN, 0) is 1 too)
                (g, in, p) -> p == 1 ? in[0] : null, // x^1 -> x
                (g, in, p) -> p == 2 ? g.node(Op.SQUARE, in[0]) : null, // x^2 -> square(x) (rounding)
                (g, in, p) -> p == -1 ? g.node(Op.DIV, g.constant(1), in[0]) : null); // x^-1 -> 1 / x (rounding)
        rules(Op.POW,
                (g, in, p) -> isInteger(in[1]) ? g.pow(in[0], in[1]) : null, // pow(x, n) -> x^n (integer power)
                (g, in, p) -> in[1].isConstant(0.5) && !mayBe(in[0], Domain.NEG_INF) // pow(x, 0.5) -> sqrt(x) (x never -inf)
                        ? plusZero(g, g.node(Op.SQRT, in[0])) : null);
        rules(Op.SQUARE,
                unsignedZero(Op.SQUARE), // square(x + 0) -> square(x)
                (g, in, p) -> is(in[0], Op.NEG) || is(in[0], Op.ABS) ? g.node(Op.SQUARE, in[0].input(0)) : null, // square(-x), square(|x|) -> square(x)
                (g, in, p) -> is(in[0], Op.SQRT) && withinSqrtDomain(in[0].input(0)) // square(sqrt(x)) -> x (x >= -0)
                        ? plusZero(g, in[0].input(0)) : null);
        rules(Op.SQRT,
                (g, in, p) -> is(in[0], Op.SQUARE) ? g.node(Op.ABS, in[0].input(0)) : null); // sqrt(square(x)) -> |x| (rounding)
        rules(Op.EXP,
                unsignedZero(Op.EXP), // exp(x + 0) -> exp(x)
                (g, in, p) -> is(in[0], Op.LOG) && withinSqrtDomain(in[0].input(0)) // exp(log(x)) -> x (x >= -0)
                        ? plusZero(g, in[0].input(0)) : null);
        rules(Op.LOG,
                unsignedZero(Op.LOG), // log(x + 0) -> log(x)
                (g, in, p) -> is(in[0], Op.EXP) ? plusZero(g, in[0].input(0)) : null, // log(exp(x)) -> x
                Rewrites::softplusOfLog, // log(1 + exp(x)) -> softplus(x)
                Rewrites::logSumExpOfLog, // log(exp(a) + exp(b) + ...) -> logsumexp(a, b, ...)
                (g, in, p) -> is(in[0], Op.ADD) && in[0].input(0).isConstant(1) // log(1 + x) -> log1p(x)
                        ? plusZero(g, g.node(Op.LOG1P, in[0].input(1))) : null,
                (g, in, p) -> is(in[0], Op.ADD) && in[0].input(1).isConstant(1) // log(x + 1) -> log1p(x)
                        ? plusZero(g, g.node(Op.LOG1P, in[0].input(0))) : null,
                (g, in, p) -> is(in[0], Op.SIGMOID) // log(sigmoid(x)) -> 0 - softplus(-x) (+0 at x = +inf, as log(1))
                        ? g.node(Op.SUB, g.constant(0.0), g.node(Op.SOFTPLUS, g.node(Op.NEG, in[0].input(0)))) : null);
        rules(Op.LOG1P,
                (g, in, p) -> is(in[0], Op.EXP) ? g.node(Op.SOFTPLUS, in[0].input(0)) : null, // log1p(exp(x)) -> softplus(x)
                (g, in, p) -> is(in[0], Op.EXPM1) ? in[0].input(0) : null); // log1p(expm1(x)) -> x
        rules(Op.EXPM1);
        rules(Op.SIN);
        rules(Op.COS, unsignedZero(Op.COS)); // cos(x + 0) -> cos(x)
        rules(Op.TANH);
        rules(Op.SECH2, unsignedZero(Op.SECH2)); // sech2(x + 0) -> sech2(x)
        rules(Op.SIGMOID, unsignedZero(Op.SIGMOID)); // sigmoid(x + 0) -> sigmoid(x)
        rules(Op.SOFTPLUS, unsignedZero(Op.SOFTPLUS)); // softplus(x + 0) -> softplus(x)
        rules(Op.ABS,
                unsignedZero(Op.ABS), // |x + 0| -> |x|
                (g, in, p) -> within(in[0], Domain.NONNEGATIVE) ? in[0] : null, // |x| -> x (x >= +0: |x|, x^2, exp x, ...)
                (g, in, p) -> is(in[0], Op.NEG) ? g.node(Op.ABS, in[0].input(0)) : null); // |-x| -> |x|
        rules(Op.RELU,
                unsignedZero(Op.RELU), // relu(x + 0) -> relu(x)
                (g, in, p) -> within(in[0], Domain.NONNEGATIVE) ? in[0] : null); // relu(x) -> x (x >= +0: relu(relu x), ...)
        rules(Op.SIGN);
        rules(Op.STEP, unsignedZero(Op.STEP)); // step(x + 0) -> step(x)
        rules(Op.LESS);
        rules(Op.SELECT,
                (g, in, p) -> within(in[0], Domain.POSITIVE) ? in[1] : null, // select(c > 0, a, b) -> a
                (g, in, p) -> within(in[0], Domain.NOT_POSITIVE) ? in[2] : null, // select(c <= 0, a, b) -> b
                (g, in, p) -> in[1] == in[2] && !mayBe(in[0], Domain.NAN) ? in[1] : null); // select(c, a, a) -> a (c never NaN)
        rules(Op.MIN, single(), flatten(Op.MIN), distinct(Op.MIN)); // min(x) -> x; min(a, min(b, c)) -> min(a, b, c); min(a, b, a) -> min(a, b)
        rules(Op.MAX, single(), flatten(Op.MAX), distinct(Op.MAX)); // max(x) -> x; max(a, max(b, c)) -> max(a, b, c); max(a, b, a) -> max(a, b)
        rules(Op.LOGSUMEXP, // logsumexp(x) -> x (as x + log(1), so -0 gives +0); nested -> flat (rounding)
                (g, in, p) -> in.length == 1 ? plusZero(g, in[0]) : null, flatten(Op.LOGSUMEXP));
        rules(Op.ARGMIN);
        rules(Op.ARGMAX);
        rules(Op.PICK);
        rules(Op.EXPSHIFT);
        rules(Op.SHARE);
        rules(Op.STOP,
                (g, in, p) -> is(in[0], Op.STOP) ? in[0] : null); // stop(stop(x)) -> stop(x)
    }

    /**
     * f(x + 0) -> f(x) for an op with f(-0) = f(+0): x + 0 differs from x only in turning -0
     * into +0 (the + 0 that {@link #plusZero} adds, say after log(exp x) -> x).
     */
    private static Rule unsignedZero(Op op) {
        return (g, in, p) -> is(in[0], Op.ADD) && in[0].input(1).isConstant(0.0)
                ? g.node(op, in[0].input(0))
                : is(in[0], Op.ADD) && in[0].input(0).isConstant(0.0) ? g.node(op, in[0].input(1)) : null;
    }

    /** Whether x is -0, +0, positive, +infinity or NaN: where sqrt(x)^2 and exp(log x) give x back. */
    private static boolean withinSqrtDomain(Node x) {
        return within(x, Domain.NONNEGATIVE | Domain.NEG_ZERO);
    }

    private static Rule single() {
        return (g, in, p) -> in.length == 1 ? in[0] : null;
    }

    /** op(a, b, a) -> op(a, b), for idempotent ops (min, max). */
    private static Rule distinct(Op op) {
        return (g, in, p) -> {
            java.util.LinkedHashSet<Node> unique = new java.util.LinkedHashSet<>(List.of(in));
            return unique.size() == in.length ? null : g.node(op, unique.toArray(new Node[0]));
        };
    }

    /**
     * op(a, op(b, c)) -> op(a, b, c), one level deep, when the result has at most
     * {@link #FLAT_WIDTH} arguments; the order of the arguments is kept, so the first minimal
     * (maximal) argument that receives min's (max's) derivative stays the same.
     */
    private static Rule flatten(Op op) {
        return (g, in, p) -> {
            int width = 0;
            boolean nested = false;
            for (Node n : in) {
                boolean same = n.op() == op;
                nested |= same;
                width += same ? n.arity() : 1;
            }
            if (!nested || width > FLAT_WIDTH) {
                return null;
            }
            List<Node> flat = new ArrayList<>(width);
            for (Node n : in) {
                if (n.op() == op) {
                    flat.addAll(n.inputs());
                } else {
                    flat.add(n);
                }
            }
            return g.node(op, flat.toArray(new Node[0]));
        };
    }

    private static Node constantProduct(Graph g, Node[] in, double p) {
        for (int i = 0; i < 2; i++) {
            Node c = in[i];
            Node other = in[1 - i];
            if (c.isConstant() && is(other, Op.MUL)) {
                for (int j = 0; j < 2; j++) {
                    if (other.input(j).isConstant()) {
                        double product = c.constantValue() * other.input(j).constantValue();
                        if (Double.isFinite(product) && product != 0) {
                            return g.node(Op.MUL, g.constant(product), other.input(1 - j));
                        }
                    }
                }
            }
        }
        return null;
    }

    private static boolean isOnePlusExp(Node n) {
        return is(n, Op.ADD) && n.input(0).isConstant(1) && is(n.input(1), Op.EXP)
                || is(n, Op.ADD) && n.input(1).isConstant(1) && is(n.input(0), Op.EXP);
    }

    private static Node expArgument(Node onePlusExp) {
        return is(onePlusExp.input(0), Op.EXP) ? onePlusExp.input(0).input(0) : onePlusExp.input(1).input(0);
    }

    private static Node softplusOfLog(Graph g, Node[] in, double p) {
        return isOnePlusExp(in[0]) ? g.node(Op.SOFTPLUS, expArgument(in[0])) : null;
    }

    private static Node sigmoidOfQuotient(Graph g, Node[] in, double p) {
        if (!in[0].isConstant(1) || !isOnePlusExp(in[1])) {
            return null;
        }
        Node a = expArgument(in[1]);
        return g.node(Op.SIGMOID, g.node(Op.NEG, a));
    }

    /** Collects the leaves of a tree of additions; null unless every leaf is exp(something). */
    private static Node logSumExpOfLog(Graph g, Node[] in, double p) {
        if (!is(in[0], Op.ADD)) {
            return null;
        }
        List<Node> args = new ArrayList<>();
        Deque<Node> stack = new ArrayDeque<>();
        stack.push(in[0]);
        while (!stack.isEmpty()) {
            Node n = stack.pop();
            if (is(n, Op.ADD)) {
                stack.push(n.input(1));
                stack.push(n.input(0));
            } else if (is(n, Op.EXP)) {
                args.add(n.input(0));
            } else {
                return null;
            }
        }
        return g.node(Op.LOGSUMEXP, args.toArray(new Node[0]));
    }
}
