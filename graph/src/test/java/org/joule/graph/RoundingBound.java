package org.joule.graph;

import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A running error bound (Wilkinson's running error analysis, as in Higham, <i>Accuracy and
 * Stability of Numerical Algorithms</i>, 2nd ed., section 3.3): evaluates a graph node by
 * node, as the interpreter does, and carries with each value a bound on its distance from
 * the <em>ideal</em> value, the one exact real arithmetic would give on the same inputs.
 *
 * <p>The ideal value of a node applies its op to the ideal values of its inputs without
 * rounding, overflow or underflow, and with the IEEE 754 rules wherever a NaN, an infinity
 * or a signed zero is involved (0/0 is NaN, 1/-0 is -infinity, x - x is +0). A rewrite that
 * keeps the real function keeps the ideal value, so a raw graph and its simplified form may
 * differ by at most the sum of their bounds: that is the tolerance of
 * SimplificationSoundnessTest, and the whole of its justification.
 *
 * <p>Each value carries an error e:
 * <ul>
 *   <li>e = 0: the value <em>is</em> the ideal value, bit for bit (NaN, infinities and the
 *       sign of zero included). Inputs and constants are exact; an op on exact inputs is
 *       exact when no rounding happened (checked with BigDecimal for +, -, *, /, sqrt and
 *       integer powers), for the piecewise ops, for special values that Java documents
 *       (exp(0) = 1, sin(-0) = -0, ...), at non-finite inputs, for NaN from a domain error
 *       (log(-1)) and for poles (1/0, log(0)).</li>
 *   <li>0 &lt; e &lt; infinity: value and ideal are finite and differ by at most e. A rounded
 *       op adds its own rounding error (half an ulp of the result for +, -, *, /, sqrt;
 *       {@link #LIBRARY_ULPS} for library functions) to the error its inputs' errors can
 *       cause: a bound of |f(a') - f(a)| over the box |a' - a| &lt;= e_a, from the mean
 *       value theorem (exp: e^a (e^e_a - 1), 1/b: (e_a + |a/b| e_b) / (|b| - e_b), ...).</li>
 *   <li>e = infinity: nothing is known. That happens where the box reaches a singularity, a
 *       domain edge or a branch switch (log near 0, 1/b with |b| &lt;= e_b, less(a, b) with
 *       |a - b| &lt;= e_a + e_b), where a finite computation overflows (exp(800) is infinite,
 *       the ideal is not), and for ops outside what the generators build.</li>
 * </ul>
 * Log-sum-exp of n finite arguments is bounded by (3n + 2 ceil(log2 n) + 4) u + 2 ulp(result)
 * for exact arguments, u = 2^-53: each term exp(a_i - m) &lt;= 1 is off by at most
 * (|a_i - m| e^(a_i - m) + 2) u &lt;= 2.4 u, the sum of the terms (at least 1) by n terms'
 * errors plus ceil(log2 n) u of its own (pairwise) or (n - 1) u (in a row), so log s is off
 * by the sum's relative error plus one ulp of log s &lt;= log n, and m + log s adds one
 * rounding. That covers the nested and the flat form, interpreted (lowered) or not.
 */
final class RoundingBound {
    private RoundingBound() {
    }

    /** The unit roundoff of double precision. */
    static final double U = 0x1p-53;

    /**
     * The rounding error allowed to a library function, in ulps of its result: Java documents
     * 1 ulp for exp, log, log1p, expm1, sin, cos and pow, 2.5 for tanh; the composites
     * sigmoid (1/(1+e^-x)) and softplus (x + log1p(e^-x)) add a few roundings to that.
     */
    static final double LIBRARY_ULPS = 8;

    /** Ops whose value is one of their inputs or a decision on them: nothing is rounded. */
    private static final Set<Op> UNROUNDED = EnumSet.of(Op.NEG, Op.ABS, Op.RELU, Op.SIGN, Op.STEP, Op.LESS,
            Op.SELECT, Op.MIN, Op.MAX, Op.ARGMIN, Op.ARGMAX, Op.PICK, Op.STOP);

    /**
     * A computed value and a bound on its distance from the ideal value.
     *
     * @param value the double computed
     * @param error 0 when value is the ideal value, bit for bit; else a bound on |value - ideal|
     *              for a finite value and ideal; infinity when unknown
     */
    record Bounded(double value, double error) {
        boolean exact() {
            return error == 0;
        }

        boolean known() {
            return error < Double.POSITIVE_INFINITY;
        }

        boolean finite() {
            return Double.isFinite(value);
        }
    }

    private static Bounded exact(double v) {
        return new Bounded(v, 0);
    }

    private static Bounded unknown(double v) {
        return new Bounded(v, Double.POSITIVE_INFINITY);
    }

    private static Bounded rounded(double v, double e) {
        return Double.isFinite(v) && e < Double.POSITIVE_INFINITY ? new Bounded(v, e) : unknown(v);
    }

    /** The value of {@code root} at x, with its error bound. */
    static Bounded of(Node root, double[] x) {
        Map<Node, Bounded> at = new HashMap<>();
        for (Node n : root.graph().reachable(List.of(root))) {
            at.put(n, node(n, at, x));
        }
        return at.get(root);
    }

    private static Bounded node(Node n, Map<Node, Bounded> at, double[] x) {
        Op op = n.op();
        if (op == Op.CONST) {
            return exact(n.parameter());
        }
        if (op == Op.VAR) {
            return exact(x[(int) n.parameter()]);
        }
        Bounded[] a = new Bounded[n.arity()];
        double[] v = new double[a.length];
        boolean allExact = true;
        boolean allKnown = true;
        for (int i = 0; i < a.length; i++) {
            a[i] = at.get(n.input(i));
            v[i] = a[i].value();
            allExact &= a[i].exact();
            allKnown &= a[i].known();
        }
        double value = Evaluator.apply(op, n.parameter(), v, v.length);
        if (!allKnown) {
            return unknown(value);
        }
        return allExact ? fromExact(op, n.parameter(), v, value) : fromInexact(op, n.parameter(), a, value);
    }

    // ---------------------------------------------------------------- exact inputs

    private static Bounded fromExact(Op op, double p, double[] a, double v) {
        if (UNROUNDED.contains(op) || Double.isNaN(v)) {
            return exact(v); // NaN from exact inputs: a NaN input or a domain error, as ideal
        }
        boolean finiteInputs = allFinite(a);
        if (Double.isInfinite(v)) {
            return !finiteInputs || isPole(op, p, a) ? exact(v) : unknown(v); // else: overflow
        }
        if (!finiteInputs && op != Op.LOGSUMEXP) {
            return exact(v); // a finite limit at an infinite input: exp(-inf) = 0, 1/inf = 0
        }
        return new Bounded(v, localError(op, p, a, v));
    }

    private static boolean allFinite(double[] a) {
        for (double d : a) {
            if (!Double.isFinite(d)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isPole(Op op, double p, double[] a) {
        return switch (op) {
            case DIV -> a[1] == 0;
            case LOG -> a[0] == 0;
            case LOG1P -> a[0] == -1;
            case POWI -> p < 0 && a[0] == 0;
            case POW -> a[0] == 0 && a[1] < 0;
            default -> false;
        };
    }

    private static BigDecimal big(double d) {
        return new BigDecimal(d);
    }

    private static double exactIf(BigDecimal ideal, double v, double otherwise) {
        return ideal.compareTo(big(v)) == 0 ? 0 : otherwise;
    }

    private static boolean sameBits(double a, double b) {
        return Double.doubleToLongBits(a) == Double.doubleToLongBits(b);
    }

    /** The rounding error of op on exact finite inputs with a finite result v. */
    private static double localError(Op op, double p, double[] a, double v) {
        double ulp = Math.ulp(v);
        return switch (op) {
            case ADD -> exactIf(big(a[0]).add(big(a[1])), v, ulp);
            case SUB -> exactIf(big(a[0]).subtract(big(a[1])), v, ulp);
            case MUL -> exactIf(big(a[0]).multiply(big(a[1])), v, ulp);
            case SQUARE -> exactIf(big(a[0]).multiply(big(a[0])), v, ulp);
            case DIV -> exactIf(big(v).multiply(big(a[1])), a[0], ulp);
            case SQRT -> exactIf(big(v).multiply(big(v)), a[0], ulp);
            case POWI -> powiError(p, a[0], v);
            case EXP, COS -> a[0] == 0 && v == 1 ? 0 : LIBRARY_ULPS * ulp;
            case LOG -> a[0] == 1 && sameBits(v, 0.0) ? 0 : LIBRARY_ULPS * ulp;
            case LOG1P, EXPM1, SIN, TANH -> a[0] == 0 && sameBits(v, a[0]) ? 0 : LIBRARY_ULPS * ulp;
            case SIGMOID -> a[0] == 0 && v == 0.5 ? 0 : LIBRARY_ULPS * ulp;
            case SOFTPLUS -> LIBRARY_ULPS * ulp;
            case POW -> a[1] == 0 && v == 1 || a[1] == 1 && sameBits(v, a[0]) ? 0 : LIBRARY_ULPS * ulp;
            case LOGSUMEXP -> logSumExpError(a, v);
            default -> Double.POSITIVE_INFINITY;
        };
    }

    /** Math.pow(x, n) is within one ulp; exact when x^n is a double (checked for |n| &lt;= 64). */
    private static double powiError(double n, double x, double v) {
        if (n == 0) {
            return 0;
        }
        if (Math.abs(n) <= 64) {
            BigDecimal power = big(x).pow((int) Math.abs(n));
            if (n > 0 ? power.compareTo(big(v)) == 0 : power.multiply(big(v)).compareTo(BigDecimal.ONE) == 0) {
                return 0;
            }
        }
        return 2 * Math.ulp(v);
    }

    /** See the class comment; -infinity arguments add exact zero terms, one argument gives a + 0 exactly. */
    private static double logSumExpError(double[] a, double v) {
        if (a.length == 1) {
            return 0;
        }
        int n = 0;
        for (double d : a) {
            n += Double.isFinite(d) ? 1 : 0;
        }
        int log2 = 32 - Integer.numberOfLeadingZeros(Math.max(1, n - 1));
        return (3.0 * n + 2 * log2 + 4) * U + 2 * Math.ulp(v);
    }

    // ---------------------------------------------------------------- inexact inputs

    /** op on inputs of which at least one is inexact (hence finite), none unknown. */
    private static Bounded fromInexact(Op op, double p, Bounded[] in, double v) {
        double a = in[0].value();
        double ea = in[0].error();
        double ulp = Math.ulp(v);
        if (Double.isNaN(v) && propagatesNaN(op, in)) {
            return exact(v); // an exact NaN input that any input within the errors would propagate
        }
        return switch (op) {
            case NEG, ABS, RELU, STOP -> new Bounded(v, ea);
            case MIN, MAX -> Double.isFinite(v) ? new Bounded(v, maxError(in)) : exact(v);
            case SIGN, STEP -> a - ea > 0 || a + ea < 0 || op == Op.STEP && a + ea <= 0 ? exact(v) : unknown(v);
            case LESS -> lower(in[0]) >= upper(in[1]) || upper(in[0]) < lower(in[1]) ? exact(v) : unknown(v);
            case SELECT -> select(in, v);
            case ADD, SUB -> add(in, v);
            case MUL -> mul(in, v);
            case DIV -> div(in, v);
            case SQUARE -> rounded(v, 2 * Math.abs(a) * ea + ea * ea + ulp);
            case SQRT -> a + ea < 0 ? exact(v) : a - ea < 0 ? unknown(v)
                    : rounded(v, ea / (Math.sqrt(a - ea) + Math.sqrt(a)) + ulp);
            case POWI -> powi(p, a, ea, v);
            case POW -> pow(in, v);
            case EXP -> rounded(v, v * Math.expm1(ea) + LIBRARY_ULPS * ulp);
            case EXPM1 -> rounded(v, (v + 1) * Math.expm1(ea) + LIBRARY_ULPS * ulp);
            case LOG -> a + ea < 0 ? exact(v) : a - ea <= 0 ? unknown(v)
                    : rounded(v, -Math.log1p(-ea / a) + LIBRARY_ULPS * ulp);
            case LOG1P -> a + ea < -1 ? exact(v) : a - ea <= -1 ? unknown(v)
                    : rounded(v, -Math.log1p(-ea / (1 + a)) + LIBRARY_ULPS * ulp);
            case SIN, COS, TANH -> rounded(v, Math.min(ea, 2) + LIBRARY_ULPS * ulp);
            case SIGMOID -> rounded(v, Math.min(ea / 4, 1) + LIBRARY_ULPS * ulp);
            case SOFTPLUS -> rounded(v, ea + LIBRARY_ULPS * ulp);
            case LOGSUMEXP -> logSumExp(in, v);
            default -> unknown(v);
        };
    }

    /**
     * Whether op gives NaN whenever one of its inputs is an exact NaN, whatever values within
     * their errors the others take: not select (it may choose another branch), nor pow with
     * an exponent that may be 0 (pow(NaN, 0) = 1).
     */
    private static boolean propagatesNaN(Op op, Bounded[] in) {
        boolean nanInput = false;
        for (Bounded b : in) {
            nanInput |= b.exact() && Double.isNaN(b.value());
        }
        return nanInput && op != Op.SELECT && op != Op.PICK
                && !(op == Op.POW && lower(in[1]) <= 0 && upper(in[1]) >= 0);
    }

    private static double lower(Bounded b) {
        return b.value() - b.error();
    }

    private static double upper(Bounded b) {
        return b.value() + b.error();
    }

    private static double maxError(Bounded[] in) {
        double e = 0;
        for (Bounded b : in) {
            e = Math.max(e, b.error());
        }
        return e;
    }

    /** Whether every value within b's error has the same nonzero sign. */
    private static boolean signKnown(Bounded b) {
        return lower(b) > 0 || upper(b) < 0;
    }

    private static Bounded select(Bounded[] in, double v) {
        Bounded c = in[0];
        if (c.exact() && Double.isNaN(c.value())) {
            return exact(v);
        }
        if (c.exact() || lower(c) > 0 || upper(c) <= 0) {
            return c.value() > 0 ? in[1] : in[2];
        }
        return unknown(v);
    }

    /** a + b or a - b: the errors add; an exact infinity absorbs a finite inexact term. */
    private static Bounded add(Bounded[] in, double v) {
        if (!in[0].finite() || !in[1].finite()) {
            return Double.isInfinite(v) ? exact(v) : unknown(v);
        }
        return rounded(v, in[0].error() + in[1].error() + Math.ulp(v));
    }

    private static Bounded mul(Bounded[] in, double v) {
        Bounded a = in[0];
        Bounded b = in[1];
        if (!a.finite() || !b.finite()) {
            Bounded finite = a.finite() ? a : b;
            return signKnown(finite) ? exact(v) : unknown(v);
        }
        return rounded(v, Math.abs(b.value()) * a.error() + Math.abs(a.value()) * b.error()
                + a.error() * b.error() + Math.ulp(v));
    }

    private static Bounded div(Bounded[] in, double v) {
        Bounded a = in[0];
        Bounded b = in[1];
        if (!a.finite()) {
            return signKnown(b) ? exact(v) : unknown(v);
        }
        if (!b.finite()) {
            return signKnown(a) ? exact(v) : new Bounded(v, Double.MIN_VALUE); // a zero of unknown sign
        }
        if (!signKnown(b)) {
            return unknown(v);
        }
        double e = (a.error() + Math.abs(v) * (1 + 4 * U) * b.error()) / (Math.abs(b.value()) - b.error());
        return rounded(v, e + Math.ulp(v));
    }

    private static Bounded powi(double n, double a, double ea, double v) {
        if (n == 0) {
            return exact(v);
        }
        double reach = n > 0 ? Math.abs(a) + ea : Math.abs(a) - ea; // where |t|^(n-1) is largest in the box
        if (reach <= 0) {
            return unknown(v);
        }
        return rounded(v, Math.abs(n) * Math.pow(reach, n - 1) * ea + 2 * Math.ulp(v));
    }

    /** x^y for x &gt; 0 throughout its box: the ideal lies in exp([min, max] of y log x over the box). */
    private static Bounded pow(Bounded[] in, double v) {
        Bounded x = in[0];
        Bounded y = in[1];
        if (y.exact() && y.value() == 0) {
            return exact(v);
        }
        if (!x.finite() || !y.finite() || lower(x) <= 0) {
            return unknown(v);
        }
        double lo = Math.log(lower(x));
        double hi = Math.log(upper(x));
        double[] corners = {lo * lower(y), lo * upper(y), hi * lower(y), hi * upper(y)};
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double c : corners) {
            min = Math.min(min, c);
            max = Math.max(max, c);
        }
        double top = Math.exp(max);
        double spread = Math.max(top - v, v - Math.exp(min));
        return rounded(v, spread + LIBRARY_ULPS * Math.ulp(Math.max(Math.abs(v), top)));
    }

    private static Bounded logSumExp(Bounded[] in, double v) {
        if (!Double.isFinite(v)) {
            for (Bounded b : in) {
                if (b.exact() && sameBits(b.value(), v) || b.exact() && Double.isNaN(b.value()) && Double.isNaN(v)) {
                    return exact(v); // a NaN or +infinity argument decides
                }
            }
            return unknown(v);
        }
        double[] values = new double[in.length];
        for (int i = 0; i < in.length; i++) {
            values[i] = in[i].value();
        }
        return rounded(v, logSumExpError(values, v) + maxError(in));
    }
}
