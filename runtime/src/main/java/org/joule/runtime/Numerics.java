package org.joule.runtime;

/**
 * Numerically stable elementary functions shared by the interpreter and compiled code, so
 * that both compute every op with the same floating-point operations, bit for bit.
 *
 * <p>Each function is defined everywhere its mathematical counterpart is, never overflows
 * in intermediate steps, and propagates NaN.
 */
public final class Numerics {
    private Numerics() {
    }

    /**
     * The logistic function 1/(1+e^-x), evaluated so that no exponential overflows.
     *
     * @param x any double
     * @return a value in [0, 1]; NaN for NaN
     */
    public static double sigmoid(double x) {
        if (x >= 0) {
            return 1.0 / (1.0 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1.0 + e);
    }

    /**
     * softplus(x) = log(1 + e^x), without overflow for large x or loss of precision for small.
     *
     * @param x any double
     * @return a value in [0, +infinity]; NaN for NaN
     */
    public static double softplus(double x) {
        if (x > 0) {
            return x + Math.log1p(Math.exp(-x));
        }
        return Math.log1p(Math.exp(x));
    }

    /**
     * sech^2 x = 1/cosh^2 x = 1 - tanh^2 x, the derivative of tanh, as 4e/(1+e)^2 with
     * e = exp(-2|x|). Unlike 1 - tanh^2 x it does not cancel: the result is within a few ulps
     * wherever it is a normal double (|x| &lt; about 354), underflows gracefully beyond, is 0 at
     * +-infinity and NaN for NaN. Even in x; 1 at 0.
     *
     * @param x any double
     * @return a value in [0, 1]; NaN for NaN
     */
    public static double sech2(double x) {
        double e = Math.exp(-2 * Math.abs(x));
        double d = 1.0 + e;
        return 4.0 * e / (d * d);
    }

    /**
     * max(0, x); NaN stays NaN.
     *
     * @param x any double
     * @return {@code x} if it is positive, 0 if it is zero or negative, NaN for NaN
     */
    public static double relu(double x) {
        return Math.max(0.0, x);
    }

    /**
     * Heaviside step: 1 for x &gt; 0, 0 for x &lt;= 0, NaN for NaN.
     *
     * @param x any double
     * @return 0, 1 or NaN
     */
    public static double step(double x) {
        return x > 0 ? 1.0 : x <= 0 ? 0.0 : x;
    }

    /**
     * {@code c > 0 ? a : b}; a NaN condition gives NaN.
     *
     * @param c the condition
     * @param a the value where {@code c > 0}
     * @param b the value elsewhere
     * @return a or b; NaN for a NaN condition
     */
    public static double select(double c, double a, double b) {
        return c > 0 ? a : c <= 0 ? b : c;
    }

    /**
     * 1 when a &lt; b, 0 when a &gt;= b, NaN when either is NaN.
     *
     * @param a left operand
     * @param b right operand
     * @return 1, 0 or NaN
     */
    public static double less(double a, double b) {
        return a < b ? 1.0 : a >= b ? 0.0 : Double.NaN;
    }

    /**
     * a when the index i equals j, 0 otherwise; NaN when i is NaN.
     *
     * @param i an index, as computed by an argmin or argmax
     * @param a the value to keep
     * @param j the index this term stands for
     * @return a or 0
     */
    public static double pick(double i, double a, double j) {
        return i == j ? a : i == i ? 0.0 : i;
    }

    /**
     * exp(a - m), where m is the maximum of the arguments of a log-sum-exp; 1 when a equals m,
     * so that arguments that are all -infinity (or a +infinity maximum) give 1, not NaN.
     *
     * @param a an argument of the log-sum-exp
     * @param m the maximum of its arguments
     * @return a value in [0, 1]; NaN when either is NaN
     */
    public static double expShift(double a, double m) {
        return a == m ? 1.0 : Math.exp(a - m);
    }

    /**
     * e / (e + o): the share of a nonnegative term e in a sum whose other terms add up to o,
     * an entry of the softmax (see the graph's share op). NaN when either is NaN or both are 0.
     *
     * @param e the term, 0 or more
     * @param o the sum of the other terms, 0 or more
     * @return e / (e + o)
     */
    public static double share(double e, double o) {
        return e / (e + o);
    }

    /**
     * log(sum_k e^{a_k}) over {@code a[from .. from+length-1]}, shifted by the maximum so no
     * exponential overflows: finite for arguments of +-1000, -infinity when all are -infinity,
     * +infinity when one is +infinity, NaN when one is NaN.
     *
     * @param a      the arguments' array
     * @param from   the first argument's index
     * @param length the number of arguments, at least 1
     * @return the log-sum-exp of the arguments
     */
    public static double logSumExp(double[] a, int from, int length) {
        double m = Double.NEGATIVE_INFINITY;
        for (int i = from; i < from + length; i++) {
            double v = a[i];
            if (v != v) {
                return v;
            }
            m = Math.max(m, v);
        }
        if (m == Double.NEGATIVE_INFINITY || m == Double.POSITIVE_INFINITY) {
            return m;
        }
        double s = 0;
        for (int i = from; i < from + length; i++) {
            s += Math.exp(a[i] - m);
        }
        return m + Math.log(s);
    }

    /**
     * Minimum of {@code a[from .. from+length-1]}; NaN if any is NaN.
     *
     * @param a      the arguments' array
     * @param from   the first argument's index
     * @param length the number of arguments, at least 1
     * @return the smallest argument
     */
    public static double min(double[] a, int from, int length) {
        double m = a[from];
        for (int i = from + 1; i < from + length; i++) {
            m = Math.min(m, a[i]);
        }
        return m;
    }

    /**
     * Maximum of {@code a[from .. from+length-1]}; NaN if any is NaN.
     *
     * @param a      the arguments' array
     * @param from   the first argument's index
     * @param length the number of arguments, at least 1
     * @return the largest argument
     */
    public static double max(double[] a, int from, int length) {
        double m = a[from];
        for (int i = from + 1; i < from + length; i++) {
            m = Math.max(m, a[i]);
        }
        return m;
    }

    /**
     * Index (0-based, as a double) of the first minimum; NaN if any argument is NaN.
     *
     * @param a      the arguments' array
     * @param from   the first argument's index
     * @param length the number of arguments, at least 1
     * @return the index relative to {@code from}, in [0, length)
     */
    public static double argMin(double[] a, int from, int length) {
        int best = 0;
        for (int i = 0; i < length; i++) {
            double v = a[from + i];
            if (v != v) {
                return v;
            }
            if (v < a[from + best]) {
                best = i;
            }
        }
        return best;
    }

    /**
     * Index (0-based, as a double) of the first maximum; NaN if any argument is NaN.
     *
     * @param a      the arguments' array
     * @param from   the first argument's index
     * @param length the number of arguments, at least 1
     * @return the index relative to {@code from}, in [0, length)
     */
    public static double argMax(double[] a, int from, int length) {
        int best = 0;
        for (int i = 0; i < length; i++) {
            double v = a[from + i];
            if (v != v) {
                return v;
            }
            if (v > a[from + best]) {
                best = i;
            }
        }
        return best;
    }
}
