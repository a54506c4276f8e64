package org.joule.graph;

import java.util.Locale;

/**
 * The operations of the expression graph: the table of contents of Joule. Every rule table
 * (evaluation in {@link Evaluator}, differentiation in {@link Derivatives}, simplification in
 * {@link Rewrites}, printing in {@link Printer}) is keyed by this enum, and a test fails
 * when an op lacks a rule in any of them.
 *
 * <p>An op has a fixed arity, or {@link #VARIADIC} for reductions over one or more
 * arguments. Some ops carry a constant {@code parameter} besides their inputs: the value of
 * a {@link #CONST}, the exponent of {@link #POWI}, the index of {@link #PICK}. The text name of an op is its lower-case enum name.
 */
public enum Op {
    // ---- leaves
    /** A constant; parameter: its value (finite). */
    CONST(0, false),
    /** A coordinate of an input variable; parameter: its flat index in the input array. */
    VAR(0, false),
    /** Component k of the direction v of a Hessian-vector product; parameter: k. */
    TANGENT(0, false),

    // ---- arithmetic
    /** a + b. */
    ADD(2, false),
    /** a - b. */
    SUB(2, false),
    /** a * b. */
    MUL(2, false),
    /** a / b. */
    DIV(2, false),
    /** -a. */
    NEG(1, false),
    /** x^n for an integer n (the parameter). */
    POWI(1, true),
    /** x^y for real x &gt;= 0 (or integer-valued y). */
    POW(2, false),
    /** x^2, as x * x. */
    SQUARE(1, false),
    /** The square root; NaN below 0. */
    SQRT(1, false),

    // ---- transcendental
    /** e^x. */
    EXP(1, false),
    /** The natural logarithm; NaN below 0, -infinity at 0. */
    LOG(1, false),
    /** log(1 + x), accurate near 0. */
    LOG1P(1, false),
    /** e^x - 1, accurate near 0. */
    EXPM1(1, false),
    /** The sine, in radians. */
    SIN(1, false),
    /** The cosine, in radians. */
    COS(1, false),
    /** The hyperbolic tangent. */
    TANH(1, false),
    /**
     * sech^2 x = 1 - tanh^2 x, the derivative of tanh, computed from exp(-2|x|) without
     * cancellation: derivatives of tanh, sigmoid and softplus keep full relative accuracy in
     * their tails.
     */
    SECH2(1, false),
    /** The logistic function 1 / (1 + e^-x), evaluated so that no exponential overflows. */
    SIGMOID(1, false),
    /** log(1 + e^x), never overflowing. */
    SOFTPLUS(1, false),

    // ---- piecewise
    /** |x|; its derivative at 0 is the subgradient 0. */
    ABS(1, false),
    /** max(0, x); its derivative at 0 is the subgradient 0. */
    RELU(1, false),
    /** -1, 0 or 1: the subgradient of abs used by its derivative. */
    SIGN(1, false),
    /** 1 for x &gt; 0, else 0: the subgradient of relu used by its derivative. */
    STEP(1, false),
    /** 1 when a &lt; b else 0. */
    LESS(2, false),
    /** select(c, a, b) = a when c &gt; 0, else b. */
    SELECT(3, false),

    // ---- reductions over one or more arguments
    /** The smallest argument; its derivative goes to the first minimal one. */
    MIN(Op.VARIADIC, false),
    /** The largest argument; its derivative goes to the first maximal one. */
    MAX(Op.VARIADIC, false),
    /** log(sum_k exp(a_k)), evaluated with a max shift. */
    LOGSUMEXP(Op.VARIADIC, false),
    /** Index of the first minimal argument, as a number: the selector in min's derivative. */
    ARGMIN(Op.VARIADIC, false),
    /** Index of the first maximal argument, as a number: the selector in max's derivative. */
    ARGMAX(Op.VARIADIC, false),

    // ---- helpers that derivatives are made of
    /** pick(i, a; j) = a when i == j (j the parameter), else 0: routes an adjoint to argument j. */
    PICK(2, true),
    /** expshift(a, m) = exp(a - m), or 1 when a == m: a term of a max-shifted log-sum-exp. */
    EXPSHIFT(2, false),
    /**
     * share(e, o) = e / (e + o), for e, o &gt;= 0: the share of a term e in a sum whose other
     * terms add up to o. With e = exp(a_i - m) and o the sum of the other terms it is entry i
     * of the softmax, the gradient of log-sum-exp; its complement 1 - p is share(o, e), formed
     * without cancellation, which keeps the second derivative p (1 - p) accurate in the tails.
     */
    SHARE(2, false),
    /** stop(x) = x, with derivative 0: the max shift of log-sum-exp, as in JAX's stop_gradient. */
    STOP(1, false);

    /** Arity of ops that take one or more arguments. */
    public static final int VARIADIC = -1;

    private final int arity;
    private final boolean parameterised;

    Op(int arity, boolean parameterised) {
        this.arity = arity;
        this.parameterised = parameterised;
    }

    /**
     * Number of inputs, or {@link #VARIADIC}.
     *
     * @return 0 for leaves, a fixed count, or {@link #VARIADIC}
     */
    public int arity() {
        return arity;
    }

    /**
     * Whether the op carries a constant parameter written as its last text argument.
     *
     * @return true when a node's {@link Node#parameter()} is part of its meaning
     */
    public boolean parameterised() {
        return parameterised;
    }

    /**
     * Whether this op is a leaf (no inputs).
     *
     * @return true for constants, variables and tangents
     */
    public boolean isLeaf() {
        return arity == 0;
    }

    /**
     * The name used in text form: the lower-case enum name.
     *
     * @return the text name, as the parser reads it
     */
    public String textName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Whether {@code n} inputs are legal for this op.
     *
     * @param n a number of inputs
     * @return true when this op takes exactly n inputs, or is variadic and n is at least 1
     */
    public boolean acceptsArity(int n) {
        return arity == VARIADIC ? n >= 1 : n == arity;
    }

    /**
     * The relative cost of one evaluation with {@code n} inputs, in units of one addition:
     * the measure of the cheap-gradient bound (see {@link Program#cost()}). Leaves cost 0;
     * a division or square root about 4 additions; exp, log, trigonometric and other
     * transcendental functions about 20; a reduction reads all n arguments, and
     * log-sum-exp also takes n exponentials and a logarithm.
     *
     * @param n the number of inputs
     * @return the cost, 0 or more
     */
    public double cost(int n) {
        return switch (this) {
            case CONST, VAR, TANGENT, STOP -> 0;
            case DIV, SQRT -> 4;
            case POWI, POW, EXP, LOG, LOG1P, EXPM1, SIN, COS, TANH, SECH2, SIGMOID, SOFTPLUS, EXPSHIFT -> 20;
            case MIN, MAX, ARGMIN, ARGMAX -> n;
            case LOGSUMEXP -> 22.0 * n + 20;
            case SHARE -> 5; // an addition and a division
            default -> 1;
        };
    }

    /**
     * Whether a(b, c) = a(c, b) exactly in floating point, so inputs may be put in canonical order.
     *
     * @return true when swapping two inputs never changes the result
     */
    public boolean commutative() {
        return this == ADD || this == MUL;
    }
}
