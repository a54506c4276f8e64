package org.joule.graph.testing;

import java.util.List;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.joule.graph.Op;

/**
 * jqwik arbitraries for testing that simplification keeps values: random expressions with no
 * domain guards, biased toward the patterns that rewrite rules match, and random points over
 * the whole double range. Requires jqwik on the test class path.
 *
 * <p>Unlike {@link GraphArbitraries}, these expressions are not defined everywhere: log of a
 * negative number, 0/0 and infinity minus infinity happen on purpose, because a rewrite must
 * keep a NaN as much as a number. About half of the nodes are patterns of rules, such as
 * {@code x - x}, {@code x / x}, {@code 0 * x}, {@code exp(log x)}, {@code sqrt(x)^2},
 * {@code log(1 + exp x)} or nested min and log-sum-exp, over random sub-expressions; a
 * reciprocal {@code 1 / e} exposes the sign of a zero.
 *
 * <pre>{@code
 * @Property
 * void keepsValues(@ForAll("raw") Expr e, @ForAll("anywhere") double[] x) { ... }
 * @Provide Arbitrary<Expr> raw() { return RawRecipes.expressions(2, 4); }
 * @Provide Arbitrary<double[]> anywhere() { return RawRecipes.points(2); }
 * }</pre>
 */
public final class RawRecipes {
    private RawRecipes() {
    }

    private static final List<Op> UNARY = List.of(Op.NEG, Op.SQUARE, Op.SQRT, Op.EXP, Op.LOG, Op.LOG1P,
            Op.EXPM1, Op.SIN, Op.COS, Op.TANH, Op.SIGMOID, Op.SOFTPLUS, Op.ABS, Op.RELU, Op.SIGN, Op.STEP, Op.POWI);
    private static final List<Op> BINARY = List.of(Op.ADD, Op.SUB, Op.MUL, Op.DIV, Op.POW, Op.LESS);
    private static final List<Op> VARIADIC = List.of(Op.MIN, Op.MAX, Op.LOGSUMEXP);

    /** Constants that rules look for, besides random ones. */
    private static final double[] SPECIAL_CONSTANTS = {0.0, -0.0, 1, -1, 2, 0.5, -0.5, 3};

    /** Special coordinates: every class of double, and the edges of overflow and underflow. */
    private static final double[] SPECIAL_POINTS = {Double.NaN, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, 0.0, -0.0, 1, -1, -4, 0.5, Double.MIN_VALUE, -Double.MIN_VALUE,
        Double.MIN_NORMAL, -Double.MIN_NORMAL, Double.MAX_VALUE, -Double.MAX_VALUE, 1e-300, 1e-160,
        1.4e154, 1e300, 40, -40, 700, 710, -745, -750};

    /**
     * Random expressions over scalar variables x0 .. x(variables-1), nested at most
     * {@code maxDepth} deep (a rule pattern counts as one level).
     *
     * @param variables the number of variables, at least 1
     * @param maxDepth  the largest nesting depth, 0 or more
     * @return an arbitrary of expression recipes, unguarded and biased toward rule patterns
     * @throws IllegalArgumentException unless variables &gt;= 1 and maxDepth &gt;= 0
     */
    public static Arbitrary<Expr> expressions(int variables, int maxDepth) {
        if (variables < 1 || maxDepth < 0) {
            throw new IllegalArgumentException("need at least one variable and a depth >= 0");
        }
        return expression(variables, maxDepth);
    }

    /**
     * Random points of length n over the whole double range: each coordinate is a special
     * value (NaN, +-infinity, +-0, +-1, subnormal, the largest double, the edges where exp
     * and squares overflow or underflow), a value of random sign and magnitude between
     * 1e-320 and 1e308, an ordinary value in [-5, 5], or a small integer.
     *
     * @param n the number of coordinates of each point
     * @return an arbitrary of arrays of length {@code n}
     */
    public static Arbitrary<double[]> points(int n) {
        Arbitrary<Double> special = Arbitraries.of(box(SPECIAL_POINTS));
        Arbitrary<Double> magnitude = Combinators.combine(Arbitraries.of(1.0, -1.0),
                Arbitraries.doubles().between(-320, 308)).as((s, e) -> s * Math.pow(10, e));
        Arbitrary<Double> ordinary = Arbitraries.doubles().between(-5, 5);
        Arbitrary<Double> integer = Arbitraries.integers().between(-4, 4).map(i -> (double) i);
        Arbitrary<Double> coordinate = Arbitraries.frequencyOf(Tuple.of(3, special), Tuple.of(2, magnitude),
                Tuple.of(3, ordinary), Tuple.of(1, integer));
        return coordinate.list().ofSize(n).map(l -> l.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static Double[] box(double[] values) {
        Double[] b = new Double[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = values[i];
        }
        return b;
    }

    private static Arbitrary<Expr> leaf(int variables) {
        Arbitrary<Expr> vars = Arbitraries.integers().between(0, variables - 1).map(Expr::variable);
        Arbitrary<Expr> special = Arbitraries.of(box(SPECIAL_CONSTANTS)).map(Expr::constant);
        Arbitrary<Expr> random = Arbitraries.doubles().between(-3, 3).ofScale(2).map(Expr::constant);
        return Arbitraries.frequencyOf(Tuple.of(6, vars), Tuple.of(1, special), Tuple.of(1, random));
    }

    private static Arbitrary<Expr> expression(int variables, int depth) {
        if (depth == 0) {
            return leaf(variables);
        }
        Arbitrary<Expr> sub = Arbitraries.lazy(() -> expression(variables, depth - 1));
        Arbitrary<Expr> unary = Combinators.combine(Arbitraries.of(UNARY), sub, Arbitraries.integers().between(-3, 4))
                .as((op, a, k) -> op == Op.POWI ? Expr.of(op, k, a) : Expr.of(op, a));
        Arbitrary<Expr> binary = Combinators.combine(Arbitraries.of(BINARY), sub, sub)
                .as((op, a, b) -> Expr.of(op, a, b));
        Arbitrary<Expr> variadic = Combinators.combine(Arbitraries.of(VARIADIC), sub.list().ofMinSize(1).ofMaxSize(4))
                .as((op, args) -> new Expr(op, 0, args));
        Arbitrary<Expr> select = Combinators.combine(sub, sub, sub).as((c, a, b) -> Expr.of(Op.SELECT, c, a, b));
        Arbitrary<Expr> pattern = Combinators.combine(Arbitraries.of(PATTERNS), sub, sub, sub)
                .as((p, a, b, c) -> p.apply(new Expr[] {a, b, c}));
        Arbitrary<Expr> reciprocal = sub.map(a -> Expr.of(Op.DIV, Expr.constant(1), a));
        return Arbitraries.frequencyOf(
                Tuple.of(2, leaf(variables)),
                Tuple.of(3, unary),
                Tuple.of(3, binary),
                Tuple.of(1, variadic),
                Tuple.of(1, select),
                Tuple.of(1, reciprocal),
                Tuple.of(8, pattern));
    }

    private static Expr c(double v) {
        return Expr.constant(v);
    }

    private static Expr of(Op op, Expr... args) {
        return Expr.of(op, args);
    }

    /** The patterns of the rules in Rewrites (and near misses), over sub-expressions a, b, c. */
    private static final List<Function<Expr[], Expr>> PATTERNS = List.of(
            e -> of(Op.SUB, e[0], e[0]), // x - x
            e -> of(Op.DIV, e[0], e[0]), // x / x
            e -> of(Op.MUL, c(0), e[0]), // 0 * x
            e -> of(Op.MUL, e[0], c(-0.0)), // x * -0
            e -> of(Op.DIV, c(0), e[0]), // 0 / x
            e -> of(Op.DIV, c(-0.0), e[0]), // -0 / x
            e -> of(Op.EXP, of(Op.LOG, e[0])), // exp(log x)
            e -> of(Op.SQUARE, of(Op.SQRT, e[0])), // sqrt(x)^2
            e -> Expr.of(Op.POWI, 2, of(Op.SQRT, e[0])), // sqrt(x)^2 as an integer power
            e -> of(Op.ADD, of(Op.SUB, e[0], e[0]), of(Op.MUL, c(0), e[1])), // x - x + 0 * y
            e -> of(Op.ADD, e[0], c(0)), // x + 0
            e -> of(Op.ADD, c(-0.0), e[0]), // -0 + x
            e -> of(Op.SUB, e[0], c(0)), // x - 0
            e -> of(Op.SUB, e[0], c(-0.0)), // x - (-0)
            e -> of(Op.SUB, c(0), e[0]), // 0 - x
            e -> of(Op.SUB, c(-0.0), e[0]), // -0 - x
            e -> of(Op.MUL, c(1), e[0]), // 1 * x
            e -> of(Op.MUL, e[0], c(-1)), // x * -1
            e -> of(Op.MUL, e[0], e[0]), // x * x
            e -> of(Op.ADD, e[0], e[0]), // x + x
            e -> of(Op.MUL, c(3), of(Op.MUL, c(0.1), e[0])), // c1 * (c2 * x)
            e -> of(Op.MUL, of(Op.NEG, e[0]), e[1]), // (-x) * y
            e -> of(Op.DIV, e[0], of(Op.NEG, e[1])), // x / (-y)
            e -> of(Op.ADD, e[0], of(Op.NEG, e[1])), // x + (-y)
            e -> of(Op.SUB, e[0], of(Op.NEG, e[1])), // x - (-y)
            e -> of(Op.DIV, e[0], c(1)), // x / 1
            e -> of(Op.DIV, c(1), of(Op.ADD, c(1), of(Op.EXP, of(Op.NEG, e[0])))), // 1 / (1 + exp(-x))
            e -> of(Op.NEG, of(Op.NEG, e[0])), // -(-x)
            e -> of(Op.NEG, of(Op.SUB, e[0], e[1])), // -(x - y)
            e -> Expr.of(Op.POWI, -1, e[0]), // x^-1
            e -> Expr.of(Op.POWI, 0, e[0]), // x^0
            e -> of(Op.POW, e[0], c(0.5)), // pow(x, 0.5)
            e -> of(Op.POW, e[0], c(3)), // pow(x, 3)
            e -> of(Op.SQUARE, of(Op.NEG, e[0])), // square(-x)
            e -> of(Op.SQUARE, of(Op.ABS, e[0])), // square(|x|)
            e -> of(Op.SQRT, of(Op.SQUARE, e[0])), // sqrt(x^2)
            e -> of(Op.LOG, of(Op.EXP, e[0])), // log(exp x)
            e -> of(Op.LOG, of(Op.ADD, c(1), of(Op.EXP, e[0]))), // log(1 + exp x)
            e -> of(Op.LOG, of(Op.ADD, of(Op.EXP, e[0]), of(Op.EXP, e[1]))), // log(exp a + exp b)
            e -> of(Op.LOG, of(Op.ADD, c(1), e[0])), // log(1 + x)
            e -> of(Op.LOG, of(Op.ADD, e[0], c(1))), // log(x + 1)
            e -> of(Op.LOG, of(Op.SIGMOID, e[0])), // log(sigmoid x)
            e -> of(Op.LOG1P, of(Op.EXP, e[0])), // log1p(exp x)
            e -> of(Op.LOG1P, of(Op.EXPM1, e[0])), // log1p(expm1 x)
            e -> of(Op.SUB, of(Op.EXP, e[0]), c(1)), // exp(x) - 1
            e -> of(Op.ABS, of(Op.ABS, e[0])), // |(|x|)|
            e -> of(Op.ABS, of(Op.EXP, e[0])), // |exp x|
            e -> of(Op.ABS, of(Op.NEG, e[0])), // |-x|
            e -> of(Op.RELU, of(Op.RELU, e[0])), // relu(relu x)
            e -> of(Op.RELU, of(Op.SQRT, e[0])), // relu(sqrt x), which may be -0
            e -> of(Op.SELECT, e[0], e[1], e[1]), // select(c, a, a)
            e -> of(Op.SELECT, c(1), e[0], e[1]), // select(1, a, b)
            e -> of(Op.SELECT, c(0), e[0], e[1]), // select(0, a, b)
            e -> of(Op.MIN, e[0], of(Op.MIN, e[1], e[2])), // min(a, min(b, c))
            e -> of(Op.MAX, of(Op.MAX, e[0], e[1]), e[0]), // max(max(a, b), a)
            e -> of(Op.LOGSUMEXP, e[0]), // logsumexp(x)
            e -> of(Op.LOGSUMEXP, e[0], of(Op.LOGSUMEXP, e[1], e[2])), // logsumexp(a, logsumexp(b, c))
            e -> of(Op.LOGSUMEXP, of(Op.LOGSUMEXP, e[0]), e[0])); // logsumexp(logsumexp(a), a)
}
