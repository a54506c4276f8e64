package org.joule.graph.testing;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;
import org.joule.graph.Op;

/**
 * jqwik arbitraries for property tests of energies: random expressions that are defined
 * everywhere in a box, and random points in it. Requires jqwik on the test class path.
 *
 * <p>Expressions use every op a user can write. Arguments of ops with a restricted domain
 * are guarded so the expression is defined at every point: log, sqrt, real powers and
 * divisors take {@code square(e) + c} with c in [0.25, 2], so they stay away from their
 * singularities. Values can still be large (exp of exp); properties should discard points
 * where an expression is not finite.
 *
 * <pre>{@code
 * @Property
 * void gradientMatches(@ForAll("exprs") Expr e) { ... }
 * @Provide Arbitrary<Expr> exprs() { return GraphArbitraries.expressions(3, 4); }
 * }</pre>
 */
public final class GraphArbitraries {
    private GraphArbitraries() {
    }

    private static final List<Op> UNARY = List.of(Op.NEG, Op.SQUARE, Op.SQRT, Op.EXP, Op.LOG, Op.LOG1P,
            Op.EXPM1, Op.SIN, Op.COS, Op.TANH, Op.SECH2, Op.SIGMOID, Op.SOFTPLUS, Op.ABS, Op.RELU, Op.POWI);
    private static final List<Op> BINARY = List.of(Op.ADD, Op.SUB, Op.MUL, Op.DIV, Op.POW);
    private static final List<Op> VARIADIC = List.of(Op.MIN, Op.MAX, Op.LOGSUMEXP);
    /** Decimal places of a point's coordinates: about full double precision in a box of size 1-10. */
    private static final int POINT_DECIMALS = 15;

    /**
     * Random expressions over scalar variables x0 .. x(variables-1), nested at most
     * {@code maxDepth} deep.
     *
     * @param variables the number of variables, at least 1
     * @param maxDepth  the largest nesting depth, 0 or more
     * @return an arbitrary of expression recipes
     */
    public static Arbitrary<Expr> expressions(int variables, int maxDepth) {
        if (variables < 1 || maxDepth < 0) {
            throw new IllegalArgumentException("need at least one variable and a depth >= 0");
        }
        return expression(variables, maxDepth);
    }

    /**
     * Random points in the open box (lo, hi)^n, as arrays of length n: coordinates drawn
     * uniformly with 15 decimal places, so no value is more likely than its neighbours. jqwik's
     * default of two decimals would put a point exactly on a kink of abs, relu, min or max
     * (x = 0, x0 = x1) once in a few hundred draws, and shrinking walks straight to such
     * points; edge cases (0, the bounds) are not mixed in.
     *
     * <p>A random point can still sit arbitrarily close to a kink of a composite expression
     * (|x0 - x1| at x0 near x1, relu(sin(x)) near pi), and shrinking moves towards 0. A
     * property that compares derivatives across a kink, or finite differences over a step,
     * must therefore reject points where a piecewise op changes branch within its tolerance
     * or step; these points only make that rejection rare.
     *
     * @param n  the number of coordinates of each point, 0 or more
     * @param lo the lower bound of every coordinate, finite and excluded
     * @param hi the upper bound of every coordinate, finite, above lo and excluded
     * @return an arbitrary of arrays of length {@code n} without edge cases
     */
    public static Arbitrary<double[]> points(int n, double lo, double hi) {
        if (n < 0 || !(lo < hi) || !Double.isFinite(lo) || !Double.isFinite(hi)) {
            throw new IllegalArgumentException("need n >= 0 and finite lo < hi, not n = " + n + ", [" + lo + ", "
                    + hi + "]");
        }
        return Arbitraries.doubles().between(lo, false, hi, false).ofScale(POINT_DECIMALS)
                .withDistribution(RandomDistribution.uniform())
                .array(double[].class).ofSize(n).withoutEdgeCases();
    }

    private static Arbitrary<Expr> leaf(int variables) {
        Arbitrary<Expr> vars = Arbitraries.integers().between(0, variables - 1).map(Expr::variable);
        Arbitrary<Expr> consts = Arbitraries.doubles().between(-3, 3).ofScale(2).map(Expr::constant);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, vars),
                net.jqwik.api.Tuple.of(1, consts));
    }

    private static Arbitrary<Expr> expression(int variables, int depth) {
        if (depth == 0) {
            return leaf(variables);
        }
        Arbitrary<Expr> sub = Arbitraries.lazy(() -> expression(variables, depth - 1));
        Arbitrary<Expr> unary = Combinators.combine(Arbitraries.of(UNARY), sub,
                Arbitraries.integers().between(-3, 4)).as(GraphArbitraries::unary);
        Arbitrary<Expr> binary = Combinators.combine(Arbitraries.of(BINARY), sub, sub)
                .as(GraphArbitraries::binary);
        Arbitrary<Expr> variadic = Combinators.combine(Arbitraries.of(VARIADIC), sub.list().ofMinSize(1).ofMaxSize(4))
                .as((op, args) -> new Expr(op, 0, args));
        Arbitrary<Expr> select = Combinators.combine(sub, sub, sub, sub)
                .as((a, b, c, d) -> Expr.of(Op.SELECT, Expr.of(Op.LESS, a, b), c, d));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(2, leaf(variables)),
                net.jqwik.api.Tuple.of(4, unary),
                net.jqwik.api.Tuple.of(4, binary),
                net.jqwik.api.Tuple.of(1, variadic),
                net.jqwik.api.Tuple.of(1, select));
    }

    /**
     * square(e) + c: positive everywhere, at least c.
     *
     * @param e any recipe
     * @param c a positive constant
     * @return the recipe square(e) + c
     */
    public static Expr positive(Expr e, double c) {
        return Expr.of(Op.ADD, Expr.of(Op.SQUARE, e), Expr.constant(c));
    }

    private static Expr unary(Op op, Expr a, int k) {
        double c = 0.25 + (Math.abs(k) % 4) * 0.5;
        return switch (op) {
            case SQRT, LOG, LOG1P -> Expr.of(op, positive(a, c));
            case POWI -> k < 0 ? Expr.of(op, k, positive(a, c)) : Expr.of(op, k, a);
            default -> Expr.of(op, a);
        };
    }

    private static Expr binary(Op op, Expr a, Expr b) {
        return switch (op) {
            case DIV -> Expr.of(op, a, positive(b, 0.5));
            case POW -> Expr.of(op, positive(a, 0.5), b);
            default -> Expr.of(op, a, b);
        };
    }
}
