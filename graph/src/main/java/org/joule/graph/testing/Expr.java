package org.joule.graph.testing;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.joule.graph.Graph;
import org.joule.graph.Node;
import org.joule.graph.Op;
import org.joule.runtime.Role;

/**
 * A recipe for an expression, independent of any graph: what {@link GraphArbitraries}
 * generates and jqwik shrinks. {@link #build(Graph)} materialises it in a graph whose scalar
 * variables {@code x0, x1, ...} are declared on demand, so one recipe can be built in a
 * simplifying and an unsimplified graph and the two compared.
 *
 * @param op        the operation ({@link Op#VAR} and {@link Op#CONST} for leaves)
 * @param parameter constant value, variable index, or the op's parameter
 * @param args      sub-recipes
 */
public record Expr(Op op, double parameter, List<Expr> args) {

    /**
     * Copies {@code args} into an unmodifiable list.
     *
     * @param op        the operation
     * @param parameter constant value, variable index, or the op's parameter
     * @param args      sub-recipes, copied
     */
    public Expr {
        args = List.copyOf(args);
    }

    /**
     * Variable x_i.
     *
     * @param i the variable's index, 0 or more
     * @return the leaf x_i
     */
    public static Expr variable(int i) {
        return new Expr(Op.VAR, i, List.of());
    }

    /**
     * A constant.
     *
     * @param v the value
     * @return the constant leaf
     */
    public static Expr constant(double v) {
        return new Expr(Op.CONST, v, List.of());
    }

    /**
     * op(args) with parameter.
     *
     * @param op        the op
     * @param parameter its parameter
     * @param args      its arguments
     * @return the recipe
     */
    public static Expr of(Op op, double parameter, Expr... args) {
        return new Expr(op, parameter, List.of(args));
    }

    /**
     * op(args).
     *
     * @param op   the op
     * @param args its arguments
     * @return the recipe
     */
    public static Expr of(Op op, Expr... args) {
        return new Expr(op, 0, List.of(args));
    }

    /**
     * The largest variable index used, plus one.
     *
     * @return 0 when no variable is used
     */
    public int variableCount() {
        int n = 0;
        Deque<Expr> stack = new ArrayDeque<>();
        stack.push(this);
        while (!stack.isEmpty()) {
            Expr e = stack.pop();
            if (e.op == Op.VAR) {
                n = Math.max(n, (int) e.parameter + 1);
            }
            e.args.forEach(stack::push);
        }
        return n;
    }

    /**
     * Declares x0 .. x(n-1) as scalar data variables in {@code g} where missing.
     *
     * @param g the graph
     * @param n the number of variables
     */
    public static void declare(Graph g, int n) {
        for (int i = 0; i < n; i++) {
            if (!g.hasVariable("x" + i)) {
                g.scalar("x" + i, Role.DATA);
            }
        }
    }

    /**
     * Builds this recipe in {@code g} (iteratively), declaring variables x0.. as needed.
     *
     * @param g the graph to build in
     * @return the node of this recipe
     */
    public Node build(Graph g) {
        declare(g, variableCount());
        Map<Expr, Node> built = new IdentityHashMap<>();
        Deque<Expr> stack = new ArrayDeque<>();
        stack.push(this);
        while (!stack.isEmpty()) {
            Expr e = stack.peek();
            if (built.containsKey(e)) {
                stack.pop();
                continue;
            }
            boolean ready = true;
            for (Expr a : e.args) {
                if (!built.containsKey(a)) {
                    stack.push(a);
                    ready = false;
                }
            }
            if (!ready) {
                continue;
            }
            stack.pop();
            Node n = switch (e.op) {
                case VAR -> g.tensor("x" + (int) e.parameter).scalar();
                case CONST -> g.constant(e.parameter);
                default -> {
                    List<Node> in = new ArrayList<>();
                    for (Expr a : e.args) {
                        in.add(built.get(a));
                    }
                    yield g.node(e.op, e.parameter, in.toArray(new Node[0]));
                }
            };
            built.put(e, n);
        }
        return built.get(this);
    }

    /**
     * Builds this recipe in {@code g} for a jqwik property, declaring x0 .. x(variables-1);
     * a recipe whose constant part folds to a non-finite number (exp of a large constant, say)
     * is discarded with {@code Assume}, as the graph rejects such constants.
     *
     * @param g         the graph to build in
     * @param variables how many variables x0.. to declare, at least {@link #variableCount()}
     * @return the node of this recipe
     */
    public Node buildOrDiscard(Graph g, int variables) {
        declare(g, variables);
        try {
            return build(g);
        } catch (ArithmeticException undefinedConstant) {
            net.jqwik.api.Assume.that(false);
            throw undefinedConstant;
        }
    }

    @Override
    public String toString() {
        if (op == Op.VAR) {
            return "x" + (int) parameter;
        }
        if (op == Op.CONST) {
            return Double.toString(parameter);
        }
        StringBuilder b = new StringBuilder(op.textName()).append('(');
        for (int i = 0; i < args.size(); i++) {
            b.append(i > 0 ? ", " : "").append(args.get(i));
        }
        if (op.parameterised()) {
            b.append(", ").append(parameter);
        }
        return b.append(')').toString();
    }
}
