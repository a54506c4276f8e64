package org.joule.graph;

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
        RULES.put(Op.POW, (a, p) -> a[0].pow(a[1]));
        RULES.put(Op.SQUARE, (a, p) -> a[0].multiply(a[0]));
        RULES.put(Op.SQRT, (a, p) -> a[0].sqrt());
        RULES.put(Op.EXP, (a, p) -> a[0].exp());
        RULES.put(Op.LOG, (a, p) -> a[0].log());
        RULES.put(Op.LOG1P, (a, p) -> a[0].log1p());
        RULES.put(Op.EXPM1, (a, p) -> a[0].expm1());
        RULES.put(Op.SIN, (a, p) -> a[0].sin());
        RULES.put(Op.COS, (a, p) -> a[0].cos());
        RULES.put(Op.TANH, (a, p) -> a[0].tanh());
        RULES.put(Op.SIGMOID, (a, p) -> a[0].negate().exp().add(1).reciprocal());
        RULES.put(Op.SOFTPLUS, (a, p) -> a[0].getValue() > 0
                ? a[0].add(a[0].negate().exp().log1p()) : a[0].exp().log1p());
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
                DerivativeStructure[] a = new DerivativeStructure[p.arity(k)];
                for (int i = 0; i < a.length; i++) {
                    a[i] = w[p.input(k, i)];
                }
                w[k] = RULES.get(op).apply(a, p.parameter(k));
            }
        }
        return w[p.output(output)];
    }
}
