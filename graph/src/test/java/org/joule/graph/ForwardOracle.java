package org.joule.graph;

import java.util.Arrays;
import java.util.function.UnaryOperator;
import java.util.EnumMap;
import java.util.Map;
import org.apache.commons.math3.analysis.differentiation.DerivativeStructure;

/**
 * An independent forward-mode oracle: evaluates a program with Commons Math
 * DerivativeStructure, whose chain rule knows nothing of Joule's reverse sweep.
 * Piecewise ops follow the branch their value picks.
 */
final class ForwardOracle {
    private ForwardOracle() {
    }

    interface Rule {
        DerivativeStructure apply(DerivativeStructure[] a, double parameter);
    }

    static final Map<Op, Rule> RULES = new EnumMap<>(Op.class);

    private static DerivativeStructure constantLike(DerivativeStructure a, double v) {
        return new DerivativeStructure(a.getFreeParameters(), a.getOrder(), v);
    }

    /** 1 / (1 + exp(-x)), with no overflow and full relative accuracy on both sides. */
    private static double sigmoid(double x) {
        if (x >= 0) {
            return 1 / (1 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1 + e);
    }

    /** f(a) from f, f', f'' at a's value, by the chain rule, to a's order. */
    /**
     * f(a) from f, f', f'' at a's value, up to order 2; above order 2, where three values do not
     * determine f, the closed form {@code exact} differentiated by DerivativeStructure itself.
     */
    private static DerivativeStructure compose(DerivativeStructure a, UnaryOperator<DerivativeStructure> exact,
                                               double f, double df, double d2f) {
        return a.getOrder() > 2 ? exact.apply(a) : a.compose(Arrays.copyOf(new double[] {f, df, d2f}, a.getOrder() + 1));
    }

    private static DerivativeStructure tanhExact(DerivativeStructure a) {
        return a.getValue() > 0 ? tanhNonPositive(a.negate()).negate() : tanhNonPositive(a);
    }

    private static int argBest(DerivativeStructure[] a, boolean max) {
        int best = 0;
        for (int i = 1; i < a.length; i++) {
            double v = a[i].getValue();
            if (max ? v > a[best].getValue() : v < a[best].getValue()) {
                best = i;
            }
        }
        return best;
    }

    /** tanh v = 1 - 2 / (1 + e^{2v}) for v &lt;= 0, so that no exponential overflows. */
    private static DerivativeStructure tanhNonPositive(DerivativeStructure v) {
        return v.multiply(2).exp().add(1).reciprocal().multiply(-2).add(1);
    }

    /** sech^2 v = 4 e^{2v} / (1 + e^{2v})^2 for v &lt;= 0. */
    private static DerivativeStructure sech2NonPositive(DerivativeStructure v) {
        DerivativeStructure e = v.multiply(2).exp();
        return e.multiply(4).divide(e.add(1).multiply(e.add(1)));
    }

    static {
        RULES.put(Op.CONST, (a, p) -> {
            throw new IllegalStateException();
        });
        RULES.put(Op.VAR, RULES.get(Op.CONST));
        RULES.put(Op.TANGENT, RULES.get(Op.CONST));
        RULES.put(Op.ADD, (a, p) -> a[0].add(a[1]));
        RULES.put(Op.SUB, (a, p) -> a[0].subtract(a[1]));
        RULES.put(Op.MUL, (a, p) -> a[0].multiply(a[1]));
        RULES.put(Op.DIV, (a, p) -> a[0].divide(a[1]));
        RULES.put(Op.NEG, (a, p) -> a[0].negate());
        RULES.put(Op.POWI, (a, p) -> a[0].pow((int) p));
        // a^b0 * exp((b - b0) log a): the value is pow(a, b0) itself, where a.pow(b) would compute
        // exp(b log a) and amplify the rounding of log a by |b log a|
        RULES.put(Op.POW, (a, p) -> a[0].pow(a[1].getValue())
                .multiply(a[1].subtract(a[1].getValue()).multiply(a[0].log()).exp()));
        RULES.put(Op.SQUARE, (a, p) -> a[0].multiply(a[0]));
        RULES.put(Op.SQRT, (a, p) -> a[0].sqrt());
        RULES.put(Op.EXP, (a, p) -> a[0].exp());
        RULES.put(Op.LOG, (a, p) -> a[0].log());
        RULES.put(Op.LOG1P, (a, p) -> a[0].log1p());
        RULES.put(Op.EXPM1, (a, p) -> a[0].expm1());
        RULES.put(Op.SIN, (a, p) -> a[0].sin());
        RULES.put(Op.COS, (a, p) -> a[0].cos());
        // the smooth squashing functions by their own closed forms of f, f', f'' (each accurate to
        // a few ulps, in the tails too), chained by DerivativeStructure.compose: Commons Math's
        // tanh differentiates as 1 - t^2, which cancels in the tails (tanh'(20) = 0, not 1.7e-17),
        // and composites such as 1 / (1 + exp(-a)) cancel in their second derivative near 0
        RULES.put(Op.TANH, (a, p) -> {
            double x = a[0].getValue();
            double e = Math.exp(-2 * Math.abs(x));
            double sech2 = 4 * e / ((1 + e) * (1 + e));
            double t = Math.tanh(x);
            return compose(a[0], ForwardOracle::tanhExact, t, sech2, -2 * t * sech2);
        });
        RULES.put(Op.SIGMOID, (a, p) -> {
            double x = a[0].getValue();
            double s = sigmoid(x);
            double ds = s * sigmoid(-x);
            // s'' = s' (1 - 2 s) = -s' tanh(x / 2), without the cancellation of 1 - 2s
            return compose(a[0], v -> v.negate().exp().add(1).reciprocal(), s, ds, -ds * Math.tanh(x / 2));
        });
        RULES.put(Op.SOFTPLUS, (a, p) -> {
            double x = a[0].getValue();
            double f = x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
            return compose(a[0], v -> v.getValue() > 0 ? v.add(v.negate().exp().log1p()) : v.exp().log1p(),
                    f, sigmoid(x), sigmoid(x) * sigmoid(-x));
        });
        RULES.put(Op.SECH2, (a, p) -> {
            double x = a[0].getValue();
            double e = Math.exp(-2 * Math.abs(x));
            double s = 4 * e / ((1 + e) * (1 + e));
            double t = Math.tanh(x);
            // sech2' = -2 s t, sech2'' = 4 s t^2 - 2 s^2
            return compose(a[0], v -> sech2NonPositive(v.getValue() > 0 ? v.negate() : v),
                    s, -2 * s * t, 4 * s * t * t - 2 * s * s);
        });
        // at 0, the subgradient 0 that Joule documents
        RULES.put(Op.ABS, (a, p) -> a[0].getValue() < 0 ? a[0].negate()
                : a[0].getValue() > 0 ? a[0] : a[0].multiply(0));
        RULES.put(Op.RELU, (a, p) -> a[0].getValue() > 0 ? a[0] : constantLike(a[0], 0));
        RULES.put(Op.SIGN, (a, p) -> constantLike(a[0], Math.signum(a[0].getValue())));
        RULES.put(Op.STEP, (a, p) -> constantLike(a[0], a[0].getValue() > 0 ? 1 : 0));
        RULES.put(Op.LESS, (a, p) -> constantLike(a[0], a[0].getValue() < a[1].getValue() ? 1 : 0));
        RULES.put(Op.SELECT, (a, p) -> a[0].getValue() > 0 ? a[1] : a[2]);
        RULES.put(Op.MIN, (a, p) -> a[argBest(a, false)]);
        RULES.put(Op.MAX, (a, p) -> a[argBest(a, true)]);
        RULES.put(Op.LOGSUMEXP, (a, p) -> {
            double m = a[argBest(a, true)].getValue();
            DerivativeStructure s = constantLike(a[0], 0);
            for (DerivativeStructure d : a) {
                s = s.add(d.subtract(m).exp());
            }
            return s.log().add(m);
        });
        RULES.put(Op.ARGMIN, (a, p) -> constantLike(a[0], argBest(a, false)));
        RULES.put(Op.ARGMAX, (a, p) -> constantLike(a[0], argBest(a, true)));
        RULES.put(Op.PICK, (a, p) -> a[0].getValue() == p ? a[1] : constantLike(a[0], 0));
        RULES.put(Op.EXPSHIFT, (a, p) -> a[0].getValue() == a[1].getValue() && Double.isInfinite(a[0].getValue())
                ? constantLike(a[0], 1) : a[0].subtract(a[1]).exp());
        RULES.put(Op.SHARE, (a, p) -> a[0].divide(a[0].add(a[1])));
        RULES.put(Op.STOP, (a, p) -> constantLike(a[0], a[0].getValue()));
    }

    /** Evaluates output {@code j} of {@code p} at x, with derivatives up to {@code order} in the wrt coordinates. */
    static DerivativeStructure evaluate(Program p, int output, double[] x, int[] wrt, int order) {
        return evaluateAll(p, x, wrt, order)[p.output(output)];
    }

    /** Every instruction of {@code p} at x, with derivatives up to {@code order} in the wrt coordinates. */
    static DerivativeStructure[] evaluateAll(Program p, double[] x, int[] wrt, int order) {
        int n = p.size();
        DerivativeStructure[] w = new DerivativeStructure[n];
        for (int k = 0; k < n; k++) {
            Op op = p.op(k);
            if (op == Op.CONST) {
                w[k] = new DerivativeStructure(wrt.length, order, p.parameter(k));
            } else if (op == Op.VAR) {
                int index = (int) p.parameter(k);
                int at = -1;
                for (int j = 0; j < wrt.length; j++) {
                    if (wrt[j] == index) {
                        at = j;
                    }
                }
                w[k] = at >= 0 ? new DerivativeStructure(wrt.length, order, at, x[index])
                        : new DerivativeStructure(wrt.length, order, x[index]);
            } else {
                w[k] = apply(p, k, w);
            }
        }
        return w;
    }

    private static DerivativeStructure apply(Program p, int k, DerivativeStructure[] w) {
        DerivativeStructure[] a = new DerivativeStructure[p.arity(k)];
        for (int i = 0; i < a.length; i++) {
            a[i] = w[p.input(k, i)];
        }
        return RULES.get(p.op(k)).apply(a, p.parameter(k));
    }

    /**
     * All derivatives of instruction {@code out} with instruction k perturbed by a relative
     * {@code delta} (log-sum-exp's value on the scale of its shift) and what depends on it run again.
     */
    private static double[] rerun(Program p, DerivativeStructure[] w, int k, int out, double delta) {
        DerivativeStructure[] perturbed = w.clone();
        perturbed[k] = w[k].multiply(1 + delta);
        if (p.op(k) == Op.LOGSUMEXP) {
            double shift = 0;
            for (int i = 0; i < p.arity(k); i++) {
                shift = Math.max(shift, Math.abs(w[p.input(k, i)].getValue()));
            }
            perturbed[k] = perturbed[k].add(delta * shift);
        }
        for (int m = k + 1; m <= out; m++) {
            boolean dirty = false;
            for (int i = 0; i < p.arity(m); i++) {
                dirty |= perturbed[p.input(m, i)] != w[p.input(m, i)];
            }
            if (dirty) {
                perturbed[m] = apply(p, m, perturbed);
            }
        }
        return perturbed[out].getAllDerivatives();
    }

    /**
     * The oracle's own condition numbers (see {@link Rounding}) for output {@code output}: a
     * structure whose every derivative entry is sum_k |d(entry)/dw_k| |w_k| over the computed
     * instructions k, measured by perturbing each instruction (value and derivatives) by a
     * relative {@link Rounding#DELTA}, and the value of log-sum-exp on the scale of its shift;
     * infinite where the response is not linear (see {@link Rounding#linear}).
     */
    static DerivativeStructure kappa(Program p, double[] x, int[] wrt, int order, int output) {
        DerivativeStructure[] w = evaluateAll(p, x, wrt, order);
        int out = p.output(output);
        double[] base = w[out].getAllDerivatives();
        double[] kappa = new double[base.length];
        for (int k = 0; k <= out; k++) {
            if (Rounding.exact(p.op(k)) || !Double.isFinite(w[k].getValue())) {
                continue;
            }
            double[] large = rerun(p, w, k, out, Rounding.DELTA);
            double[] small = rerun(p, w, k, out, Rounding.DELTA / Rounding.SMALLER);
            for (int i = 0; i < base.length; i++) {
                if (large[i] != base[i] || small[i] != base[i]) {
                    double d = Math.abs(large[i] - base[i]);
                    double dSmall = Rounding.SMALLER * Math.abs(small[i] - base[i]);
                    kappa[i] += Rounding.linear(d, dSmall, base[i]) ? Math.max(d, dSmall) / Rounding.DELTA
                            : Double.POSITIVE_INFINITY;
                }
            }
        }
        return new DerivativeStructure(wrt.length, order, kappa);
    }
}
