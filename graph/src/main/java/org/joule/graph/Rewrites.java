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
 * <p>Two kinds of rules live here: algebraic identities, and stability rewrites that replace
 * a formula which overflows or cancels by the stable op computing the same function
 * (log(1+exp x) by softplus, log(sum exp) by log-sum-exp, 1/(1+exp(-x)) by sigmoid). No rule
 * changes a value beyond rounding wherever the original expression is defined.
 */
final class Rewrites {
    private Rewrites() {
    }

    /** One rewrite: the replacement for op(in; parameter), or null. */
    @FunctionalInterface
    interface Rule {
        Node apply(Graph g, Node[] in, double parameter);
    }

    static final Map<Op, List<Rule>> RULES = new EnumMap<>(Op.class);

    private static void rules(Op op, Rule... rules) {
        RULES.put(op, List.of(rules));
    }

    static Node apply(Graph g, Op op, double parameter, Node[] in) {
        for (Rule r : RULES.get(op)) {
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

    static {
        rules(Op.CONST);
        rules(Op.VAR);
        rules(Op.TANGENT);
        rules(Op.ADD,
                (g, in, p) -> in[0].isConstant() && in[0].constantValue() == 0 ? in[1] : null, // 0 + x -> x
                (g, in, p) -> in[1].isConstant() && in[1].constantValue() == 0 ? in[0] : null, // x + 0 -> x
                (g, in, p) -> is(in[1], Op.NEG) ? g.node(Op.SUB, in[0], in[1].input(0)) : null, // x + (-y) -> x - y
                (g, in, p) -> is(in[0], Op.NEG) ? g.node(Op.SUB, in[1], in[0].input(0)) : null, // (-x) + y -> y - x
                (g, in, p) -> in[0] == in[1] ? g.node(Op.MUL, g.constant(2), in[0]) : null); // x + x -> 2 * x
        rules(Op.SUB,
                (g, in, p) -> in[1].isConstant() && in[1].constantValue() == 0 ? in[0] : null, // x - 0 -> x
                (g, in, p) -> in[0].isConstant() && in[0].constantValue() == 0 ? g.node(Op.NEG, in[1]) : null, // 0 - x -> -x
                (g, in, p) -> in[0] == in[1] ? g.constant(0) : null, // x - x -> 0
                (g, in, p) -> is(in[1], Op.NEG) ? g.node(Op.ADD, in[0], in[1].input(0)) : null, // x - (-y) -> x + y
                (g, in, p) -> is(in[0], Op.EXP) && in[1].isConstant(1) ? g.node(Op.EXPM1, in[0].input(0)) : null); // exp(x) - 1 -> expm1(x)
        rules(Op.MUL,
                (g, in, p) -> in[0].isConstant() && in[0].constantValue() == 0 ? in[0] : null, // 0 * x -> 0
                (g, in, p) -> in[1].isConstant() && in[1].constantValue() == 0 ? in[1] : null, // x * 0 -> 0
                (g, in, p) -> in[0].isConstant(1) ? in[1] : null, // 1 * x -> x
                (g, in, p) -> in[1].isConstant(1) ? in[0] : null, // x * 1 -> x
                (g, in, p) -> in[0].isConstant(-1) ? g.node(Op.NEG, in[1]) : null, // -1 * x -> -x
                (g, in, p) -> in[1].isConstant(-1) ? g.node(Op.NEG, in[0]) : null, // x * -1 -> -x
                (g, in, p) -> in[0] == in[1] ? g.node(Op.SQUARE, in[0]) : null, // x * x -> square(x)
                Rewrites::constantProduct, // c1 * (c2 * x) -> (c1 c2) * x
                (g, in, p) -> is(in[0], Op.NEG) ? g.node(Op.NEG, g.node(Op.MUL, in[0].input(0), in[1])) : null, // (-x) * y -> -(x * y)
                (g, in, p) -> is(in[1], Op.NEG) ? g.node(Op.NEG, g.node(Op.MUL, in[0], in[1].input(0))) : null); // x * (-y) -> -(x * y)
        rules(Op.DIV,
                (g, in, p) -> in[1].isConstant(1) ? in[0] : null, // x / 1 -> x
                (g, in, p) -> in[0].isConstant() && in[0].constantValue() == 0 ? in[0] : null, // 0 / x -> 0
                (g, in, p) -> in[0] == in[1] ? g.constant(1) : null, // x / x -> 1
                Rewrites::sigmoidOfQuotient, // 1 / (1 + exp(-x)) -> sigmoid(x)
                (g, in, p) -> is(in[0], Op.NEG) ? g.node(Op.NEG, g.node(Op.DIV, in[0].input(0), in[1])) : null, // (-x) / y -> -(x / y)
                (g, in, p) -> is(in[1], Op.NEG) ? g.node(Op.NEG, g.node(Op.DIV, in[0], in[1].input(0))) : null); // x / (-y) -> -(x / y)
        rules(Op.NEG,
                (g, in, p) -> is(in[0], Op.NEG) ? in[0].input(0) : null, // -(-x) -> x
                (g, in, p) -> is(in[0], Op.SUB) ? g.node(Op.SUB, in[0].input(1), in[0].input(0)) : null); // -(a - b) -> b - a
        rules(Op.POWI,
                (g, in, p) -> p == 0 ? g.constant(1) : null, // x^0 -> 1
                (g, in, p) -> p == 1 ? in[0] : null, // x^1 -> x
                (g, in, p) -> p == 2 ? g.node(Op.SQUARE, in[0]) : null, // x^2 -> square(x)
                (g, in, p) -> p == -1 ? g.node(Op.DIV, g.constant(1), in[0]) : null); // x^-1 -> 1 / x
        rules(Op.POW,
                (g, in, p) -> isInteger(in[1]) ? g.pow(in[0], in[1]) : null, // pow(x, n) -> x^n (integer power)
                (g, in, p) -> in[1].isConstant(0.5) ? g.node(Op.SQRT, in[0]) : null); // pow(x, 0.5) -> sqrt(x)
        rules(Op.SQUARE,
                (g, in, p) -> is(in[0], Op.NEG) || is(in[0], Op.ABS) ? g.node(Op.SQUARE, in[0].input(0)) : null, // square(-x), square(|x|) -> square(x)
                (g, in, p) -> is(in[0], Op.SQRT) ? in[0].input(0) : null); // square(sqrt(x)) -> x
        rules(Op.SQRT,
                (g, in, p) -> is(in[0], Op.SQUARE) ? g.node(Op.ABS, in[0].input(0)) : null); // sqrt(square(x)) -> |x|
        rules(Op.EXP,
                (g, in, p) -> is(in[0], Op.LOG) ? in[0].input(0) : null); // exp(log(x)) -> x
        rules(Op.LOG,
                (g, in, p) -> is(in[0], Op.EXP) ? in[0].input(0) : null, // log(exp(x)) -> x
                Rewrites::softplusOfLog, // log(1 + exp(x)) -> softplus(x)
                Rewrites::logSumExpOfLog, // log(exp(a) + exp(b) + ...) -> logsumexp(a, b, ...)
                (g, in, p) -> is(in[0], Op.ADD) && in[0].input(0).isConstant(1) // log(1 + x) -> log1p(x)
                        ? g.node(Op.LOG1P, in[0].input(1)) : null,
                (g, in, p) -> is(in[0], Op.ADD) && in[0].input(1).isConstant(1) // log(x + 1) -> log1p(x)
                        ? g.node(Op.LOG1P, in[0].input(0)) : null,
                (g, in, p) -> is(in[0], Op.SIGMOID) // log(sigmoid(x)) -> -softplus(-x)
                        ? g.node(Op.NEG, g.node(Op.SOFTPLUS, g.node(Op.NEG, in[0].input(0)))) : null);
        rules(Op.LOG1P,
                (g, in, p) -> is(in[0], Op.EXP) ? g.node(Op.SOFTPLUS, in[0].input(0)) : null, // log1p(exp(x)) -> softplus(x)
                (g, in, p) -> is(in[0], Op.EXPM1) ? in[0].input(0) : null); // log1p(expm1(x)) -> x
        rules(Op.EXPM1);
        rules(Op.SIN);
        rules(Op.COS);
        rules(Op.TANH);
        rules(Op.SIGMOID);
        rules(Op.SOFTPLUS);
        rules(Op.ABS,
                (g, in, p) -> is(in[0], Op.ABS) || is(in[0], Op.SQUARE) || is(in[0], Op.EXP) ? in[0] : null, // |(|x|)|, |x^2|, |exp x| -> itself
                (g, in, p) -> is(in[0], Op.NEG) ? g.node(Op.ABS, in[0].input(0)) : null); // |-x| -> |x|
        rules(Op.RELU,
                (g, in, p) -> is(in[0], Op.RELU) ? in[0] : null); // relu(relu(x)) -> relu(x)
        rules(Op.SIGN);
        rules(Op.STEP);
        rules(Op.LESS);
        rules(Op.SELECT,
                (g, in, p) -> in[1] == in[2] ? in[1] : null); // select(c, a, a) -> a
        rules(Op.MIN, single(), flatten(Op.MIN), distinct(Op.MIN)); // min(x) -> x; min(a, min(b, c)) -> min(a, b, c); min(a, b, a) -> min(a, b)
        rules(Op.MAX, single(), flatten(Op.MAX), distinct(Op.MAX)); // max(x) -> x; max(a, max(b, c)) -> max(a, b, c); max(a, b, a) -> max(a, b)
        rules(Op.LOGSUMEXP, single(), flatten(Op.LOGSUMEXP)); // logsumexp(x) -> x; nested -> flat
        rules(Op.ARGMIN);
        rules(Op.ARGMAX);
        rules(Op.PICK);
        rules(Op.EXPSHIFT);
        rules(Op.SHARE);
        rules(Op.STOP,
                (g, in, p) -> is(in[0], Op.STOP) ? in[0] : null); // stop(stop(x)) -> stop(x)
    }

    private static Rule single() {
        return (g, in, p) -> in.length == 1 ? in[0] : null;
    }

    private static Rule distinct(Op op) {
        return (g, in, p) -> {
            java.util.LinkedHashSet<Node> unique = new java.util.LinkedHashSet<>(List.of(in));
            return unique.size() == in.length ? null : g.node(op, unique.toArray(new Node[0]));
        };
    }

    private static Rule flatten(Op op) {
        return (g, in, p) -> {
            boolean nested = false;
            for (Node n : in) {
                nested |= n.op() == op;
            }
            if (!nested) {
                return null;
            }
            List<Node> flat = new ArrayList<>();
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
