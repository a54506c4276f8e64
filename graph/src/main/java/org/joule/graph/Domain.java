package org.joule.graph;

/**
 * A small sign analysis: for each node, the set of classes of doubles it can evaluate to, at
 * any input in the whole double range. {@link Rewrites} consults it to fire a rule only where
 * the rule provably keeps the value (exp(log x) -&gt; x only where x cannot be negative, say).
 *
 * <p>A domain is a bit set over seven classes that partition the doubles: NaN, -infinity,
 * negative finite, -0, +0, positive finite, +infinity. The set of a node over-approximates
 * the values its op can give for any inputs in its inputs' sets, counting overflow to
 * infinity and underflow to zero: it is computed once per node, from the op and its inputs'
 * sets, by {@link #of}. Input variables and tangents can be anything; a constant is its own
 * class.
 *
 * <p>The transfer functions follow the IEEE 754 rules that {@link Evaluator} uses (for
 * example -0 + +0 = +0, Math.max(+0, -0) = +0, 0 * infinity = NaN, sqrt(-0) = -0).
 */
final class Domain {
    private Domain() {
    }

    static final int NAN = 1;
    static final int NEG_INF = 1 << 1;
    static final int NEG = 1 << 2;
    static final int NEG_ZERO = 1 << 3;
    static final int POS_ZERO = 1 << 4;
    static final int POS = 1 << 5;
    static final int POS_INF = 1 << 6;

    static final int ZERO = NEG_ZERO | POS_ZERO;
    static final int FINITE = NEG | ZERO | POS;
    static final int ANY = NAN | NEG_INF | FINITE | POS_INF;
    /** Not below +0: the values of exp, square, abs, relu, sigmoid, softplus (NaN included). */
    static final int NONNEGATIVE = NAN | POS_ZERO | POS | POS_INF;
    /** Greater than zero. */
    static final int POSITIVE = POS | POS_INF;
    /** Zero or less. */
    static final int NOT_POSITIVE = NEG_INF | NEG | ZERO;
    private static final int CLASSES = 7;

    /** Whether a node with domain {@code d} can take a value of one of {@code classes}. */
    static boolean mayBe(int d, int classes) {
        return (d & classes) != 0;
    }

    /** Whether every value of a node with domain {@code d} is in {@code classes}. */
    static boolean within(int d, int classes) {
        return (d & ~classes) == 0;
    }

    /** The class of one double. */
    static int classOf(double v) {
        if (v != v) {
            return NAN;
        }
        if (v == 0) {
            return Double.doubleToRawLongBits(v) < 0 ? NEG_ZERO : POS_ZERO;
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? POS_INF : NEG_INF;
        }
        return v > 0 ? POS : NEG;
    }

    /** The domain of op(inputs; parameter), from the op and its inputs' domains. */
    static int of(Op op, double parameter, Node[] in) {
        return switch (op) {
            case CONST -> classOf(parameter);
            case VAR, TANGENT -> ANY;
            case ADD -> binary(in, Domain::add);
            case SUB -> binary(in, (a, b) -> add(a, neg(b)));
            case MUL -> binary(in, Domain::mul);
            case DIV -> binary(in, Domain::div);
            case NEG -> unary(in[0], Domain::neg);
            case POWI -> unary(in[0], c -> powi(c, parameter));
            case POW -> pow(in[0].domain(), in[1].domain());
            case SQUARE -> unary(in[0], c -> mul(c, c));
            case SQRT -> unary(in[0], c -> table(c, NAN, NAN, NAN, NEG_ZERO, POS_ZERO, POS, POS_INF));
            case EXP -> unary(in[0], c -> table(c, NAN, POS_ZERO, POS_ZERO | POS, POS, POS, POS | POS_INF, POS_INF));
            case LOG -> unary(in[0], c -> table(c, NAN, NAN, NAN, NEG_INF, NEG_INF, FINITE, POS_INF));
            case LOG1P -> unary(in[0], c -> table(c, NAN, NAN, NAN | NEG_INF | NEG, NEG_ZERO, POS_ZERO, POS, POS_INF));
            case EXPM1 -> unary(in[0], c -> table(c, NAN, NEG, NEG, NEG_ZERO, POS_ZERO, POS | POS_INF, POS_INF));
            case SIN, COS -> unary(in[0], c -> table(c, NAN, NAN, FINITE, FINITE, FINITE, FINITE, NAN));
            case TANH -> unary(in[0], c -> table(c, NAN, NEG, NEG, NEG_ZERO, POS_ZERO, POS, POS));
            case SECH2 -> unary(in[0], c -> table(c, NAN, POS_ZERO, POS_ZERO | POS, POS, POS, POS_ZERO | POS, POS_ZERO));
            case SIGMOID -> unary(in[0], c -> table(c, NAN, POS_ZERO, POS_ZERO | POS, POS, POS, POS, POS));
            case SOFTPLUS -> unary(in[0], c -> table(c, NAN, POS_ZERO, POS_ZERO | POS, POS, POS, POS, POS_INF));
            case ABS -> unary(in[0], c -> table(c, NAN, POS_INF, POS, POS_ZERO, POS_ZERO, POS, POS_INF));
            case RELU -> unary(in[0], c -> table(c, NAN, POS_ZERO, POS_ZERO, POS_ZERO, POS_ZERO, POS, POS_INF));
            case SIGN -> unary(in[0], c -> table(c, NAN, NEG, NEG, NEG_ZERO, POS_ZERO, POS, POS));
            case STEP -> unary(in[0], c -> table(c, NAN, POS_ZERO, POS_ZERO, POS_ZERO, POS_ZERO, POS, POS));
            case LESS, ARGMIN, ARGMAX -> nanIfAny(in) | POS_ZERO | POS;
            case SELECT -> (in[0].domain() & NAN)
                    | (mayBe(in[0].domain(), POSITIVE) ? in[1].domain() : 0)
                    | (mayBe(in[0].domain(), NOT_POSITIVE) ? in[2].domain() : 0);
            case MIN, MAX -> union(in); // the result is one of the arguments
            case LOGSUMEXP -> nanIfAny(in) | FINITE | POS_INF | (allMayBe(in, NEG_INF) ? NEG_INF : 0);
            case PICK -> (in[0].domain() & NAN) | in[1].domain() | POS_ZERO;
            case EXPSHIFT -> NAN | POS_ZERO | POS | POS_INF;
            case STOP -> in[0].domain();
            case SHARE -> ANY; // e / (e + o) is in [0, 1] for e, o >= 0, but share may be written with any arguments
        };
    }

    /** The result class for an input of class c, given one result per class in the order of the bits. */
    private static int table(int c, int nan, int negInf, int neg, int negZero, int posZero, int pos, int posInf) {
        return switch (c) {
            case NAN -> nan;
            case NEG_INF -> negInf;
            case NEG -> neg;
            case NEG_ZERO -> negZero;
            case POS_ZERO -> posZero;
            case POS -> pos;
            default -> posInf;
        };
    }

    private interface ClassFunction {
        int apply(int c);
    }

    private interface ClassFunction2 {
        int apply(int a, int b);
    }

    private static int unary(Node in, ClassFunction f) {
        int d = in.domain();
        int out = 0;
        for (int k = 0; k < CLASSES; k++) {
            if ((d & 1 << k) != 0) {
                out |= f.apply(1 << k);
            }
        }
        return out;
    }

    private static int binary(Node[] in, ClassFunction2 f) {
        int da = in[0].domain();
        int db = in[1].domain();
        int out = 0;
        for (int i = 0; i < CLASSES; i++) {
            for (int j = 0; j < CLASSES; j++) {
                if ((da & 1 << i) != 0 && (db & 1 << j) != 0) {
                    out |= f.apply(1 << i, 1 << j);
                }
            }
        }
        return out;
    }

    private static int union(Node[] in) {
        int d = 0;
        for (Node n : in) {
            d |= n.domain();
        }
        return d;
    }

    private static int nanIfAny(Node[] in) {
        return union(in) & NAN;
    }

    private static boolean allMayBe(Node[] in, int classes) {
        for (Node n : in) {
            if (!mayBe(n.domain(), classes)) {
                return false;
            }
        }
        return true;
    }

    // ---- one class at a time: sign +1 or -1, and kind (zero, finite nonzero, infinite)

    private static boolean negative(int c) {
        return (c & (NEG_INF | NEG | NEG_ZERO)) != 0;
    }

    private static int zero(boolean negative) {
        return negative ? NEG_ZERO : POS_ZERO;
    }

    private static int finite(boolean negative) {
        return negative ? NEG : POS;
    }

    private static int infinite(boolean negative) {
        return negative ? NEG_INF : POS_INF;
    }

    private static boolean isZero(int c) {
        return (c & ZERO) != 0;
    }

    private static boolean isInfinite(int c) {
        return (c & (NEG_INF | POS_INF)) != 0;
    }

    private static int neg(int c) {
        return table(c, NAN, POS_INF, POS, POS_ZERO, NEG_ZERO, NEG, NEG_INF);
    }

    private static int add(int a, int b) {
        if (a == NAN || b == NAN) {
            return NAN;
        }
        if (isInfinite(a) && isInfinite(b)) {
            return a == b ? a : NAN;
        }
        if (isInfinite(a) || isInfinite(b)) {
            return isInfinite(a) ? a : b;
        }
        if (isZero(a) && isZero(b)) {
            return a == NEG_ZERO && b == NEG_ZERO ? NEG_ZERO : POS_ZERO;
        }
        if (isZero(a) || isZero(b)) {
            return isZero(a) ? b : a;
        }
        return a == b ? a | infinite(negative(a)) : NEG | POS_ZERO | POS; // overflow; exact cancellation gives +0
    }

    private static int mul(int a, int b) {
        if (a == NAN || b == NAN || isInfinite(a) && isZero(b) || isZero(a) && isInfinite(b)) {
            return NAN;
        }
        boolean negative = negative(a) != negative(b);
        if (isInfinite(a) || isInfinite(b)) {
            return infinite(negative);
        }
        if (isZero(a) || isZero(b)) {
            return zero(negative);
        }
        return finite(negative) | zero(negative) | infinite(negative); // underflow, overflow
    }

    private static int div(int a, int b) {
        if (a == NAN || b == NAN || isInfinite(a) && isInfinite(b) || isZero(a) && isZero(b)) {
            return NAN;
        }
        boolean negative = negative(a) != negative(b);
        if (isInfinite(a) || isZero(b)) {
            return infinite(negative);
        }
        if (isZero(a) || isInfinite(b)) {
            return zero(negative);
        }
        return finite(negative) | zero(negative) | infinite(negative);
    }

    /** Math.pow(x, n) for an integer n (Java's special cases: x^0 = 1 even for NaN). */
    private static int powi(int c, double n) {
        if (n == 0) {
            return POS;
        }
        if (c == NAN) {
            return NAN;
        }
        boolean odd = Math.abs(n % 2) == 1;
        boolean negative = odd && negative(c);
        if (isZero(c)) {
            return n > 0 ? zero(negative) : infinite(negative);
        }
        if (isInfinite(c)) {
            return n > 0 ? infinite(negative) : zero(negative);
        }
        return finite(negative) | zero(negative) | infinite(negative);
    }

    /** Math.pow(x, y): for a base that cannot be negative, a result that cannot be either. */
    private static int pow(int base, int exponent) {
        if (!within(base, POS_ZERO | POS | POS_INF)) {
            return ANY;
        }
        // Math.pow(1, +-infinity) is NaN (unlike C's pow): a positive base may be 1
        boolean oneToInfinity = mayBe(base, POS) && mayBe(exponent, NEG_INF | POS_INF);
        return (exponent & NAN) | (oneToInfinity ? NAN : 0) | POS_ZERO | POS | POS_INF;
    }
}
