package org.joule.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoublePredicate;
import java.util.function.Function;
import org.joule.runtime.EnergyFunction;
import org.joule.runtime.Numerics;
import org.joule.runtime.Role;
import org.junit.jupiter.api.Test;

/**
 * First and second derivatives of every op (the one-argument ops directly, the others as
 * functions of one argument, and the log-sigmoid form -softplus(-x) that the rewrites
 * produce) at extreme and moderate arguments, as Joule computes them (the interpreter's
 * gradient and Hessian-vector programs), against closed forms evaluated in {@link BigDecimal}
 * with 60 significant digits. The table is printed, one line per op, point and order.
 *
 * <p>Error analysis: each derivative is a product of at most about six factors, each a
 * correctly rounded arithmetic operation (0.5 ulp) or a library function within 1 ulp
 * ({@code Math.exp, log, log1p, sin, cos, pow}) or 2.5 ulps ({@code Math.tanh}), and
 * {@link Numerics#sech2} is within 3.5 ulps; at these points no rule and no sum of
 * contributions subtracts nearly equal numbers. So the
 * relative error is below about 20 ulps = 4.4e-15 wherever the true value is a normal double,
 * and 1e-12 leaves a margin of 200. Where the true value is subnormal, the last rounding
 * to a subnormal is absolute: the bound there is 4 subnormal ulps (4 * {@link Double#MIN_VALUE}),
 * which also covers a true value that underflows to 0. Where the true value overflows, the
 * result must be the infinity of its sign. A true 0 must come out as 0.
 */
class DerivativeTailsTest {
    private static final MathContext MC = new MathContext(60);
    private static final BigDecimal TWO = BigDecimal.valueOf(2);
    private static final BigDecimal HALF = new BigDecimal("0.5");
    private static final BigDecimal LN2 = ln2();
    private static final BigDecimal PI = pi();
    private static final double RELATIVE = 1e-12;
    private static final BigDecimal SUBNORMAL_SLACK = new BigDecimal(Double.MIN_VALUE).multiply(BigDecimal.valueOf(4));

    private static final double[] POINTS = {20, -20, 40, -40, 700, -700, 745, -745, 0.5, -0.5, 1e-8, -1e-8};

    /** One function of x: how to build it, where it is defined, and its exact first and second derivatives. */
    private record Case(String name, Function<Node, Node> build, DoublePredicate domain,
            Function<BigDecimal, BigDecimal[]> derivatives) {
    }

    private static final DoublePredicate ALL = v -> true;
    private static final DoublePredicate POSITIVE = v -> v > 0;

    private static List<Case> cases() {
        List<Case> c = new ArrayList<>();
        c.add(new Case("neg", Node::neg, ALL, x -> d(BigDecimal.ONE.negate(), BigDecimal.ZERO)));
        c.add(new Case("square", Node::square, ALL, x -> d(x.multiply(TWO), TWO)));
        c.add(new Case("powi 3", x -> x.pow(3), ALL, x -> d(x.pow(2).multiply(BigDecimal.valueOf(3)),
                x.multiply(BigDecimal.valueOf(6)))));
        c.add(new Case("powi -2", x -> x.pow(-2), ALL, x -> d(TWO.negate().divide(x.pow(3), MC),
                BigDecimal.valueOf(6).divide(x.pow(4), MC))));
        c.add(new Case("pow x^2.5", x -> x.pow(2.5), POSITIVE, x -> {
            BigDecimal r = x.sqrt(MC);
            return d(new BigDecimal("2.5").multiply(x).multiply(r), new BigDecimal("3.75").multiply(r));
        }));
        c.add(new Case("pow 0.5^x", x -> x.graph().constant(0.5).pow(x), ALL, x -> {
            BigDecimal y = exp(x.multiply(LN2).negate());
            return d(y.multiply(LN2).negate(), y.multiply(LN2).multiply(LN2));
        }));
        c.add(new Case("1/x", x -> x.graph().constant(1).div(x), ALL,
                x -> d(BigDecimal.ONE.negate().divide(x.pow(2), MC), TWO.divide(x.pow(3), MC))));
        c.add(new Case("sqrt", Node::sqrt, POSITIVE, x -> {
            BigDecimal r = x.sqrt(MC);
            return d(HALF.divide(r, MC), new BigDecimal("-0.25").divide(x.multiply(r), MC));
        }));
        c.add(new Case("exp", Node::exp, ALL, x -> d(exp(x), exp(x))));
        c.add(new Case("log", Node::log, POSITIVE, x -> d(BigDecimal.ONE.divide(x, MC),
                BigDecimal.ONE.negate().divide(x.pow(2), MC))));
        c.add(new Case("log1p", Node::log1p, v -> v > -1, x -> {
            BigDecimal p = BigDecimal.ONE.add(x);
            return d(BigDecimal.ONE.divide(p, MC), BigDecimal.ONE.negate().divide(p.pow(2), MC));
        }));
        c.add(new Case("expm1", Node::expm1, ALL, x -> d(exp(x), exp(x))));
        c.add(new Case("sin", Node::sin, ALL, x -> d(cos(x), sin(x).negate())));
        c.add(new Case("cos", Node::cos, ALL, x -> d(sin(x).negate(), cos(x).negate())));
        c.add(new Case("tanh", Node::tanh, ALL, x -> d(sech2(x), sech2(x).multiply(tanh(x)).multiply(TWO).negate())));
        c.add(new Case("sech2", Node::sech2, ALL, x -> {
            BigDecimal s = sech2(x);
            BigDecimal t = tanh(x);
            // -2 s t, then 4 s t^2 - 2 s^2
            return d(s.multiply(t).multiply(TWO).negate(),
                    s.multiply(t).multiply(t).multiply(BigDecimal.valueOf(4)).subtract(s.multiply(s).multiply(TWO)));
        }));
        c.add(new Case("sigmoid", Node::sigmoid, ALL, x -> d(sigmoidPrime(x), sigmoidSecond(x))));
        c.add(new Case("softplus", Node::softplus, ALL, x -> d(sigmoid(x), sigmoidPrime(x))));
        // log(sigmoid(x)) is rewritten to -softplus(-x): derivatives sigmoid(-x) and -sigmoid'(x)
        c.add(new Case("log(sigmoid)", x -> x.sigmoid().log(), ALL, x -> d(sigmoid(x.negate()),
                sigmoidPrime(x).negate())));
        c.add(new Case("abs", Node::abs, v -> v != 0, x -> d(BigDecimal.valueOf(x.signum()), BigDecimal.ZERO)));
        c.add(new Case("relu", Node::relu, v -> v != 0, x -> d(x.signum() > 0 ? BigDecimal.ONE : BigDecimal.ZERO,
                BigDecimal.ZERO)));
        c.add(new Case("sign", Node::sign, ALL, x -> d(BigDecimal.ZERO, BigDecimal.ZERO)));
        c.add(new Case("step", Node::step, ALL, x -> d(BigDecimal.ZERO, BigDecimal.ZERO)));
        c.add(new Case("stop", x -> x.graph().node(Op.STOP, x), ALL, x -> d(BigDecimal.ZERO, BigDecimal.ZERO)));
        // the binary and n-ary ops, as functions of one argument
        c.add(new Case("x*(x-3)", x -> x.times(x.minus(3)), ALL,
                x -> d(x.multiply(TWO).subtract(BigDecimal.valueOf(3)), TWO)));
        c.add(new Case("x+1/x", x -> x.plus(x.graph().constant(1).div(x)), ALL,
                x -> d(BigDecimal.ONE.subtract(BigDecimal.ONE.divide(x.pow(2), MC)), TWO.divide(x.pow(3), MC))));
        c.add(new Case("expshift", x -> x.graph().node(Op.EXPSHIFT, x, x.graph().constant(1)), ALL, x -> {
            BigDecimal e = exp(x.subtract(BigDecimal.ONE));
            return d(e, e);
        }));
        c.add(new Case("max(x,1)", x -> Joule.max(x, x.graph().constant(1)), v -> v != 1,
                x -> d(x.compareTo(BigDecimal.ONE) > 0 ? BigDecimal.ONE : BigDecimal.ZERO, BigDecimal.ZERO)));
        c.add(new Case("min(x,1)", x -> Joule.min(x, x.graph().constant(1)), v -> v != 1,
                x -> d(x.compareTo(BigDecimal.ONE) < 0 ? BigDecimal.ONE : BigDecimal.ZERO, BigDecimal.ZERO)));
        c.add(new Case("less(x,1)", x -> x.less(x.graph().constant(1)), ALL, x -> d(BigDecimal.ZERO, BigDecimal.ZERO)));
        c.add(new Case("select", x -> Joule.select(x, x.exp(), x.sin()), v -> v != 0,
                x -> x.signum() > 0 ? d(exp(x), exp(x)) : d(cos(x), sin(x).negate())));
        return c;
    }

    private static BigDecimal[] d(BigDecimal first, BigDecimal second) {
        return new BigDecimal[] {first, second};
    }

    /**
     * Ops without a case: the leaves; argmin, argmax and pick, the internals of min's and max's
     * derivatives (exercised by the min and max cases); and log-sum-exp, whose softmax
     * derivative is tested with its own rule ({@link LogSumExpParts}).
     */
    /** Leaves, piecewise-constant selectors, and log-sum-exp with its softmax share (LogSumExpTailsTest). */
    private static final java.util.Set<Op> NOT_HERE = java.util.EnumSet.of(Op.CONST, Op.VAR, Op.TANGENT,
            Op.ARGMIN, Op.ARGMAX, Op.PICK, Op.LOGSUMEXP, Op.SHARE);

    @Test
    void everyOpHasACase() {
        java.util.Set<Op> covered = java.util.EnumSet.noneOf(Op.class);
        for (Case c : cases()) {
            Graph g = new Graph();
            for (Node n : g.reachable(List.of(c.build.apply(g.scalar("x", Role.DATA))))) {
                covered.add(n.op());
            }
        }
        for (Op op : Op.values()) {
            assertTrue(NOT_HERE.contains(op) || covered.contains(op), op + " has no case in the tails table");
        }
    }

    @Test
    void firstAndSecondDerivativesMatchHighPrecisionReference() {
        List<String> failures = new ArrayList<>();
        System.out.printf("%-13s %7s %5s %24s %24s %s%n", "op", "x", "order", "Joule", "reference",
                "error (relative, or in subnormal ulps)");
        for (Case c : cases()) {
            Graph g = new Graph();
            EnergyFunction f = Energy.of(c.build.apply(g.scalar("x", Role.DATA))).interpreter();
            for (double x : POINTS) {
                if (!c.domain.test(x)) {
                    continue;
                }
                double[] at = {x};
                double[] hv = new double[1];
                f.hessianVectorProduct(at, new double[] {1}, hv);
                double[] joule = {f.gradient(at)[0], hv[0]};
                BigDecimal[] reference = c.derivatives.apply(new BigDecimal(x));
                for (int order = 1; order <= 2; order++) {
                    String problem = check(joule[order - 1], reference[order - 1]);
                    System.out.printf("%-13s %7s %5d %24.17g %24.17g %s%s%n", c.name, x, order, exact(joule[order - 1]),
                            reference[order - 1], error(joule[order - 1], reference[order - 1]),
                            problem == null ? "" : "  <-- " + problem);
                    if (problem != null) {
                        failures.add(c.name + " order " + order + " at x = " + x + ": " + problem);
                    }
                }
            }
        }
        assertEquals(List.of(), failures);
    }

    /** The examples of the issue, on their own so a failure names them. */
    @Test
    void issueExamples() {
        Graph g = new Graph();
        Node x = g.scalar("x", Role.DATA);
        BigDecimal at40 = BigDecimal.valueOf(40);
        assertEquals(null, check(Energy.of(x.sigmoid()).interpreter().gradient(new double[] {40})[0],
                sigmoidPrime(at40)), "sigmoid'(40) = 4.2e-18");
        assertEquals(null, check(Energy.of(x.tanh()).interpreter().gradient(new double[] {20})[0],
                sech2(BigDecimal.valueOf(20))), "tanh'(20) = 1.7e-17");
        assertEquals(null, check(Energy.of(x.expm1()).interpreter().gradient(new double[] {-40})[0],
                exp(at40.negate())), "expm1'(-40) = 4.25e-18");
        double[] hv = new double[1];
        Energy.of(x.softplus()).interpreter().hessianVectorProduct(new double[] {36}, new double[] {1}, hv);
        assertEquals(null, check(hv[0], sigmoidPrime(BigDecimal.valueOf(36))), "softplus''(36) = 2.32e-16");
    }

    /** The reference's own constants and series agree with known identities to far beyond 1e-12. */
    @Test
    void referenceIsSelfConsistent() {
        BigDecimal tiny = BigDecimal.ONE.movePointLeft(50);
        assertTrue(exp(LN2).subtract(TWO).abs().compareTo(tiny) < 0, "exp(ln 2) = 2");
        assertTrue(sin(PI.multiply(BigDecimal.valueOf(100))).abs().compareTo(tiny) < 0, "sin(100 pi) = 0");
        assertTrue(exp(BigDecimal.valueOf(700)).multiply(exp(BigDecimal.valueOf(-700)), MC).subtract(BigDecimal.ONE)
                .abs().compareTo(tiny) < 0, "exp(700) exp(-700) = 1");
        BigDecimal s = sin(BigDecimal.valueOf(745));
        BigDecimal c = cos(BigDecimal.valueOf(745));
        assertTrue(s.pow(2).add(c.pow(2)).subtract(BigDecimal.ONE).abs().compareTo(tiny) < 0, "sin^2 + cos^2 = 1");
        assertEquals(Math.exp(1), exp(BigDecimal.ONE).doubleValue(), Math.ulp(Math.exp(1)));
        assertEquals(Math.cos(700), cos(BigDecimal.valueOf(700)).doubleValue(), 2 * Math.ulp(Math.cos(700)));
    }

    /** sech2 as a user writes it: printed, parsed back, and differentiated as the forward-mode oracle does. */
    @Test
    void sech2IsADocumentedOp() {
        Graph g = new Graph();
        Node x = g.scalar("x", Role.DATA);
        assertEquals("sech2(x)", Printer.infix(x.sech2()));
        assertEquals("\\operatorname{sech}^2\\left(x\\right)", Printer.latex(x.sech2()));
        assertTrue(Parser.parse("sech2(x)", g) == x.sech2());
        Energy energy = Energy.of(x.tanh().plus(x.sech2()));
        Interpreter f = (Interpreter) energy.interpreter();
        for (double v : new double[] {-30, -3, -0.7, 0.2, 1.5, 4, 30}) {
            double[] at = {v};
            org.apache.commons.math3.analysis.differentiation.DerivativeStructure ds =
                    ForwardOracle.evaluate(f.valueProgram(), 0, at, energy.wrtIndices(), 2);
            double first = f.gradient(at)[0];
            double second = f.hessian(at)[0][0];
            // both sides are products and quotients of a few correctly rounded terms (tens of ulps)
            assertEquals(ds.getPartialDerivative(1), first, 1e-13 * Math.abs(first), "first derivative at " + v);
            assertEquals(ds.getPartialDerivative(2), second, 1e-13 * Math.abs(second), "second derivative at " + v);
        }
    }

    @Test
    void sech2IsEvenExactAtZeroAndUnderflowsGracefully() {
        assertEquals(1.0, Numerics.sech2(0));
        assertEquals(1.0, Numerics.sech2(-0.0));
        assertEquals(Numerics.sech2(3.7), Numerics.sech2(-3.7));
        assertEquals(0.0, Numerics.sech2(Double.POSITIVE_INFINITY));
        assertEquals(0.0, Numerics.sech2(Double.NEGATIVE_INFINITY));
        assertTrue(Double.isNaN(Numerics.sech2(Double.NaN)));
        assertTrue(Numerics.sech2(354) >= Double.MIN_NORMAL, "normal up to |x| = 354");
    }

    /** null when {@code computed} is within the bounds of the class comment, else what is wrong. */
    private static String check(double computed, BigDecimal truth) {
        if (truth.signum() == 0) {
            return computed == 0 ? null : "expected 0";
        }
        BigDecimal magnitude = truth.abs();
        if (magnitude.compareTo(new BigDecimal(Double.MAX_VALUE)) > 0) {
            return computed == truth.signum() * Double.POSITIVE_INFINITY ? null : "expected overflow to infinity";
        }
        if (!Double.isFinite(computed)) {
            return "not finite";
        }
        BigDecimal error = new BigDecimal(computed).subtract(truth).abs();
        if (magnitude.compareTo(new BigDecimal(Double.MIN_NORMAL)) >= 0) {
            return error.compareTo(magnitude.multiply(BigDecimal.valueOf(RELATIVE))) <= 0 ? null
                    : "relative error above " + RELATIVE;
        }
        return error.compareTo(SUBNORMAL_SLACK) <= 0 ? null : "more than 4 subnormal ulps off";
    }

    /** A finite double as its exact decimal value (so the table prints it like the reference), else itself. */
    private static Object exact(double v) {
        return Double.isFinite(v) ? new BigDecimal(v) : v;
    }

    /** The error as the table shows it: relative where the truth is normal, else in units of MIN_VALUE. */
    private static String error(double computed, BigDecimal truth) {
        if (truth.signum() == 0 || !Double.isFinite(computed)) {
            return computed == 0 && truth.signum() == 0 ? "exact 0" : Double.isFinite(computed) ? "-" : "overflow";
        }
        BigDecimal error = new BigDecimal(computed).subtract(truth).abs();
        if (truth.abs().compareTo(new BigDecimal(Double.MIN_NORMAL)) >= 0) {
            return String.format("%.1e", error.divide(truth.abs(), MC).doubleValue());
        }
        return String.format("%.2f subnormal ulps", error.divide(new BigDecimal(Double.MIN_VALUE), MC).doubleValue());
    }

    // ---------------------------------------------------------------- closed forms in BigDecimal

    /** e^x: the Taylor series at x / 2^k, |x / 2^k| &lt;= 1/2, squared k times. */
    static BigDecimal exp(BigDecimal x) {
        int k = 0;
        BigDecimal r = x;
        while (r.abs().compareTo(HALF) > 0) {
            r = r.divide(TWO, MC);
            k++;
        }
        BigDecimal sum = BigDecimal.ONE;
        BigDecimal term = BigDecimal.ONE;
        for (int n = 1; term.abs().compareTo(BigDecimal.ONE.movePointLeft(70)) > 0; n++) {
            term = term.multiply(r, MC).divide(BigDecimal.valueOf(n), MC);
            sum = sum.add(term, MC);
        }
        for (int i = 0; i < k; i++) {
            sum = sum.multiply(sum, MC);
        }
        return sum;
    }

    /** ln 2 = sum_{k &gt;= 1} 1 / (k 2^k). */
    private static BigDecimal ln2() {
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal power = BigDecimal.ONE;
        for (int k = 1; k < 250; k++) {
            power = power.multiply(TWO);
            sum = sum.add(BigDecimal.ONE.divide(power.multiply(BigDecimal.valueOf(k)), MC), MC);
        }
        return sum;
    }

    /** pi = 16 atan(1/5) - 4 atan(1/239) (Machin). */
    private static BigDecimal pi() {
        return atanOfInverse(5).multiply(BigDecimal.valueOf(16))
                .subtract(atanOfInverse(239).multiply(BigDecimal.valueOf(4)));
    }

    private static BigDecimal atanOfInverse(int n) {
        BigDecimal x = BigDecimal.ONE.divide(BigDecimal.valueOf(n), MC);
        BigDecimal x2 = x.multiply(x, MC);
        BigDecimal power = x;
        BigDecimal sum = BigDecimal.ZERO;
        for (int k = 0; power.compareTo(BigDecimal.ONE.movePointLeft(70)) > 0; k++) {
            BigDecimal term = power.divide(BigDecimal.valueOf(2 * k + 1), MC);
            sum = k % 2 == 0 ? sum.add(term, MC) : sum.subtract(term, MC);
            power = power.multiply(x2, MC);
        }
        return sum;
    }

    /** x reduced to [-pi, pi]. */
    private static BigDecimal reduce(BigDecimal x) {
        BigDecimal twoPi = PI.multiply(TWO);
        BigDecimal turns = x.divide(twoPi, MC).setScale(0, java.math.RoundingMode.HALF_EVEN);
        return x.subtract(turns.multiply(twoPi), MC);
    }

    /** Taylor series of sin (start 1) or cos (start 0) at the reduced argument. */
    private static BigDecimal trig(BigDecimal x, int start) {
        BigDecimal r = reduce(x);
        BigDecimal term = start == 1 ? r : BigDecimal.ONE;
        BigDecimal sum = term;
        for (int n = start + 1; term.abs().compareTo(BigDecimal.ONE.movePointLeft(70)) > 0; n += 2) {
            term = term.multiply(r, MC).multiply(r, MC).divide(BigDecimal.valueOf((long) n * (n + 1)), MC).negate();
            sum = sum.add(term, MC);
        }
        return sum;
    }

    static BigDecimal sin(BigDecimal x) {
        return trig(x, 1);
    }

    static BigDecimal cos(BigDecimal x) {
        return trig(x, 0);
    }

    /** exp(-|x|), the small exponential the tails are written in. */
    private static BigDecimal expMinusAbs(BigDecimal x) {
        return exp(x.abs().negate());
    }

    /** tanh x = sign(x) (1 - e) / (1 + e), e = exp(-2|x|). */
    static BigDecimal tanh(BigDecimal x) {
        BigDecimal e = expMinusAbs(x.multiply(TWO));
        return BigDecimal.ONE.subtract(e).divide(BigDecimal.ONE.add(e), MC).multiply(BigDecimal.valueOf(x.signum()));
    }

    /** sech^2 x = 4e / (1 + e)^2, e = exp(-2|x|). */
    static BigDecimal sech2(BigDecimal x) {
        BigDecimal e = expMinusAbs(x.multiply(TWO));
        return e.multiply(BigDecimal.valueOf(4)).divide(BigDecimal.ONE.add(e).pow(2), MC);
    }

    /** 1 / (1 + exp(-x)), from e = exp(-|x|). */
    static BigDecimal sigmoid(BigDecimal x) {
        BigDecimal e = expMinusAbs(x);
        BigDecimal numerator = x.signum() >= 0 ? BigDecimal.ONE : e;
        return numerator.divide(BigDecimal.ONE.add(e), MC);
    }

    /** sigmoid'(x) = e / (1 + e)^2, e = exp(-|x|). */
    static BigDecimal sigmoidPrime(BigDecimal x) {
        BigDecimal e = expMinusAbs(x);
        return e.divide(BigDecimal.ONE.add(e).pow(2), MC);
    }

    /** sigmoid''(x) = -sign(x) e (1 - e) / (1 + e)^3, e = exp(-|x|). */
    static BigDecimal sigmoidSecond(BigDecimal x) {
        BigDecimal e = expMinusAbs(x);
        return e.multiply(BigDecimal.ONE.subtract(e)).divide(BigDecimal.ONE.add(e).pow(3), MC)
                .multiply(BigDecimal.valueOf(-x.signum()));
    }
}
