package org.joule.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.joule.graph.RoundingBound.Bounded;
import org.joule.graph.testing.Expr;
import org.joule.graph.testing.RawRecipes;
import org.joule.runtime.Role;
import org.junit.jupiter.api.Test;

/**
 * Rewrites never change a value: raw (unsimplified) graphs and their simplified forms agree
 * at every input in the whole double range, NaN, infinities, signed zeros and huge
 * magnitudes included.
 *
 * <p>What "agree" allows, at a point x, with r and s the raw and simplified values and e_r,
 * e_s their running error bounds ({@link RoundingBound}: the distance to the value exact
 * arithmetic would give, the same for both since every rule keeps the real function):
 * <ul>
 *   <li>both bounds 0 (nothing was rounded on either side): r and s are the same double,
 *       NaN, infinities and the sign of zero included;</li>
 *   <li>otherwise both are NaN, or both the same infinity, or both finite with
 *       |r - s| &lt;= 2 (e_r + e_s): they differ only by rounding, which stability rewrites
 *       legitimately reduce (log(1+exp x) and softplus, log(1+x) and log1p, a nested and a
 *       flat log-sum-exp); the factor 2 covers the rounding of the bounds themselves;</li>
 *   <li>no verdict where a bound is unknown: where the raw graph overflows in an
 *       intermediate step (log(1+exp(800)) is infinite, softplus(800) is 800), or rounding
 *       error reaches a singularity, a domain edge or a branch (log(1+x) at x = -1e-20 is
 *       log(1) = 0, log1p(x) is -1e-20, and 1/that is +infinity or -1e20). These points are
 *       counted as "no verdict" in the statistics; every exact special point (NaN, +-infinity,
 *       +-0, 0/0, log(-1)) gets a verdict.</li>
 * </ul>
 * A recipe whose constant part folds to NaN or infinity (exp(1000), log(-1)) cannot be built
 * in a simplifying graph, which says so with an ArithmeticException; only that exception is
 * a reason to skip.
 */
class SimplificationSoundnessTest {
    static final int VARS = 2;
    static final int POINTS = 8;

    // ---------------------------------------------------------------- the examples of issue 6

    @Test
    void expOfLogIsNaNAtMinusOne() {
        assertNaNLikeRaw(g -> x(g).log().exp(), -1, 0);
    }

    @Test
    void squaredSquareRootIsNaNAtMinusFour() {
        assertNaNLikeRaw(g -> x(g).sqrt().pow(2), -4, 0);
        assertNaNLikeRaw(g -> g.node(Op.POWI, 2, x(g).sqrt()), -4, 0);
    }

    @Test
    void quotientByItselfIsNaNAtZeroInfinityAndNaN() {
        for (double x : new double[] {0, -0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN}) {
            assertNaNLikeRaw(g -> x(g).div(x(g)), x, 0);
        }
    }

    @Test
    void differencePlusZeroTimesIsNaNAtNaNAndInfinity() {
        Function<Graph, Node> f = g -> x(g).minus(x(g)).plus(g.constant(0).times(y(g)));
        assertNaNLikeRaw(f, Double.NaN, 1);
        assertNaNLikeRaw(f, 1, Double.NaN);
        assertNaNLikeRaw(f, Double.POSITIVE_INFINITY, 1);
        assertNaNLikeRaw(f, 1, Double.NEGATIVE_INFINITY);
    }

    // ---------------------------------------------------------------- more rules that dropped a NaN

    @Test
    void zeroOverXIsNaNAtZeroAndNaN() {
        assertNaNLikeRaw(g -> g.constant(0).div(x(g)), 0, 0);
        assertNaNLikeRaw(g -> g.constant(0).div(x(g)), Double.NaN, 0);
        assertNaNLikeRaw(g -> x(g).times(g.constant(0)), Double.POSITIVE_INFINITY, 0);
    }

    @Test
    void selectOfOneBranchTwiceIsNaNForANaNCondition() {
        assertNaNLikeRaw(g -> g.select(x(g), y(g), y(g)), Double.NaN, 2);
    }

    // ---------------------------------------------------------------- signed zeros: 1/v shows the sign of v

    @Test
    void rewritesKeepTheSignOfZero() {
        double nz = -0.0;
        double inf = Double.POSITIVE_INFINITY;
        assertLikeRaw(g -> reciprocal(x(g).plus(0)), nz, inf); // x + 0 is +0 at -0
        assertLikeRaw(g -> reciprocal(x(g).exp().minus(1)), nz, inf); // expm1(-0) is -0
        assertLikeRaw(g -> reciprocal(g.constant(1).plus(x(g)).log()), nz, inf); // log1p(-0) is -0
        assertLikeRaw(g -> reciprocal(x(g).exp().log()), nz, inf); // log(exp(-0)) is +0
        assertLikeRaw(g -> reciprocal(Joule.logSumExp(x(g))), nz, inf); // -0 + log(1) is +0
        assertLikeRaw(g -> reciprocal(g.node(Op.POW, x(g), g.constant(0.5))), nz, inf); // sqrt(-0) is -0
        assertLikeRaw(g -> reciprocal(x(g).log().exp()), nz, inf); // exp(log(-0)) is +0
        assertLikeRaw(g -> reciprocal(x(g).sqrt().square()), nz, inf); // sqrt(-0)^2 is +0
        assertLikeRaw(g -> reciprocal(x(g).sigmoid().log()), inf, inf); // log(sigmoid(inf)) is log(1) = +0
        assertLikeRaw(g -> reciprocal(x(g).minus(y(g)).neg()), 1, Double.NEGATIVE_INFINITY); // -(1 - 1) is -0
        assertLikeRaw(g -> g.node(Op.POW, x(g), g.constant(0.5)), Double.NEGATIVE_INFINITY, inf); // sqrt(-inf) is NaN
    }

    @Test
    void rulesStillFireWhereTheDomainAllows() {
        Graph g = new Graph();
        Node x = g.scalar("x", Role.DATA);
        assertSame(x.exp(), x.exp().log().exp(), "exp(log(exp x)) -> exp x");
        assertSame(x.softplus(), x.softplus().log().exp(), "exp(log(softplus x)) -> softplus x");
        assertSame(x.sigmoid(), x.sigmoid().sqrt().square(), "sqrt(sigmoid x)^2 -> sigmoid x");
        assertSame(x.abs(), x.abs().relu(), "relu(|x|) -> |x|");
        assertSame(x.relu(), x.relu().abs(), "|relu x| -> relu x");
        assertSame(x, x.plus(-0.0), "x + (-0) -> x");
        assertSame(x.exp(), x.exp().plus(0), "exp(x) + 0 -> exp(x), never -0");
        assertSame(x.sqrt(), x.sqrt().minus(g.constant(0)), "x - 0 -> x");
        assertEquals(Op.ADD, x.sqrt().log().exp().op(), "exp(log(sqrt x)) -> sqrt(x) + 0, as sqrt(-0) is -0");
        assertTrue(g.constant(3).minus(g.constant(3)).isConstant(0), "constants fold");
        assertSame(x, g.select(g.constant(1), x, x.exp()), "select(1, a, b) -> a");
    }

    private static Node x(Graph g) {
        return g.tensor("x").scalar();
    }

    private static Node y(Graph g) {
        return g.tensor("y").scalar();
    }

    private static Node reciprocal(Node n) {
        return n.graph().constant(1).div(n);
    }

    private static void assertNaNLikeRaw(Function<Graph, Node> f, double x, double y) {
        double[] values = rawAndSimplified(f, x, y);
        assertTrue(Double.isNaN(values[0]), "raw graph at " + x + ", " + y + " is " + values[0]);
        assertTrue(Double.isNaN(values[1]), "simplified graph at " + x + ", " + y + " is " + values[1]
                + ", the raw one NaN");
    }

    /** At (x, x), the raw graph gives {@code expected} and the simplified one the same double. */
    private static void assertLikeRaw(Function<Graph, Node> f, double x, double expected) {
        double[] values = rawAndSimplified(f, x, x);
        assertEquals(expected, values[0], "raw graph at " + x);
        assertEquals(Double.doubleToLongBits(values[0]), Double.doubleToLongBits(values[1]),
                () -> "simplified graph at " + x + " is " + values[1] + ", the raw one " + values[0]);
    }

    /** The value of f built in an unsimplified and in a simplifying graph over x, y, at (x, y). */
    private static double[] rawAndSimplified(Function<Graph, Node> f, double x, double y) {
        Graph raw = Graph.unsimplified();
        raw.scalar("x", Role.DATA);
        raw.scalar("y", Role.DATA);
        Graph simple = raw.withSameInputs(true);
        double[] at = {x, y};
        return new double[] {valueOf(f.apply(raw), at), valueOf(f.apply(simple), at)};
    }

    private static double valueOf(Node n, double[] x) {
        Program p = valueProgram(n);
        return Interpreter.run(p, x, null)[p.output(0)];
    }

    static Program valueProgram(Node n) {
        return Lowering.program(List.of(n));
    }

    // ---------------------------------------------------------------- the property

    @Provide
    Arbitrary<Expr> raw() {
        return RawRecipes.expressions(VARS, 4);
    }

    @Provide
    Arbitrary<List<double[]>> anywhere() {
        return RawRecipes.points(VARS).list().ofSize(POINTS);
    }

    /** The verdict at one point. */
    enum Verdict { IDENTICAL, WITHIN_ROUNDING, NO_VERDICT, DISAGREE }

    @Property(tries = 3000)
    void simplifiedGraphsKeepTheValuesOfRawOnes(@ForAll("raw") Expr e, @ForAll("anywhere") List<double[]> points) {
        Graph raw = Graph.unsimplified();
        Expr.declare(raw, VARS);
        Node r = e.build(raw);
        Node s = simplifiedOrSkip(r);
        Program rp = valueProgram(r);
        Program sp = valueProgram(s);
        Statistics.label("graph").collect(Printer.infix(r).equals(Printer.infix(s)) ? "unchanged" : "rewritten");
        for (double[] x : points) {
            double rv = Interpreter.run(rp, x, null)[rp.output(0)];
            double sv = Interpreter.run(sp, x, null)[sp.output(0)];
            Bounded rb = consistent(RoundingBound.of(r, x), rv, r);
            Bounded sb = consistent(RoundingBound.of(s, x), sv, s);
            Verdict v = verdict(rv, rb, sv, sb);
            Statistics.label("point").collect(v);
            if (v == Verdict.DISAGREE) {
                fail("at " + Arrays.toString(x) + ": raw " + r + " = " + rv + " (error <= " + rb.error()
                        + "), simplified " + s + " = " + sv + " (error <= " + sb.error() + ")");
            }
        }
    }

    /** The simplified copy of r; skips the recipe (only) when a constant folds to NaN or infinity. */
    static Node simplifiedOrSkip(Node r) {
        Graph simple = r.graph().withSameInputs(true);
        try {
            return simple.copy(r);
        } catch (ArithmeticException undefinedConstant) {
            assertTrue(undefinedConstant.getMessage().startsWith("constant "), undefinedConstant::getMessage);
            Statistics.label("graph").collect("constant folds to NaN or infinity");
            Assume.that(false);
            throw undefinedConstant;
        }
    }

    /** The bound's own value agrees with the interpreter's (they differ only in how log-sum-exp is lowered). */
    private static Bounded consistent(Bounded b, double interpreted, Node n) {
        if (b.exact()) {
            assertEquals(Double.doubleToLongBits(b.value()), Double.doubleToLongBits(interpreted),
                    () -> "bound of " + n + " claims " + b.value() + " exactly, interpreter gives " + interpreted);
        } else if (b.known()) {
            assertTrue(Math.abs(b.value() - interpreted) <= 2 * b.error(),
                    () -> "bound of " + n + ": " + b + ", interpreter gives " + interpreted);
        }
        return b;
    }

    static Verdict verdict(double r, Bounded rb, double s, Bounded sb) {
        if (!rb.known() || !sb.known()) {
            return Verdict.NO_VERDICT;
        }
        if (rb.exact() && sb.exact()) {
            return Double.doubleToLongBits(r) == Double.doubleToLongBits(s) ? Verdict.IDENTICAL : Verdict.DISAGREE;
        }
        if (Double.isNaN(r) || Double.isNaN(s)) {
            return Double.isNaN(r) && Double.isNaN(s) ? Verdict.WITHIN_ROUNDING : Verdict.DISAGREE;
        }
        if (Double.isInfinite(r) || Double.isInfinite(s)) {
            return r == s ? Verdict.WITHIN_ROUNDING : Verdict.DISAGREE;
        }
        return Math.abs(r - s) <= 2 * (rb.error() + sb.error()) ? Verdict.WITHIN_ROUNDING : Verdict.DISAGREE;
    }
}
