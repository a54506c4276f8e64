package org.joule.graph;

import java.util.Arrays;
import java.util.function.IntFunction;
import org.apache.commons.math3.analysis.differentiation.DerivativeStructure;

/**
 * The branches that the piecewise ops of a program take at a point: abs, relu, sign, step,
 * less, select, min, max, argmin, argmax and pick. Between two points with the same branches
 * everywhere, a program computes one smooth function (a composition of smooth ops), so its
 * derivatives can be compared with an oracle's or with finite differences; at a point where a
 * branch differs, a derivative is a one-sided or subgradient and tools legitimately disagree.
 *
 * <p>Properties use this in two ways. Comparing with the forward-mode oracle, both sides must
 * take the same branch at every kink: each evaluates its own arguments with its own rounding,
 * and a tie broken differently is not a bug. Comparing with finite differences over a step h,
 * every point of the difference stencil must take the branch the point itself takes: that is
 * "no kink within the step", checked exactly rather than guessed from how two quotients agree.
 * Comparing two different programs for one function (raw and simplified), whose branches
 * cannot be matched instruction by instruction, points where a kink argument lies within its
 * rounding error of the kink are left out ({@link #withinRounding}).
 */
final class Kinks {
    private Kinks() {
    }

    /**
     * The branch instruction k takes given its arguments, or {@link Integer#MIN_VALUE} for an op
     * that is smooth (including log-sum-exp, whose max shift cancels, and expshift).
     */
    static int branch(Op op, double parameter, double[] a, int n) {
        return switch (op) {
            case ABS, SIGN -> (int) Math.signum(a[0]);
            case RELU, STEP -> a[0] > 0 ? 1 : 0;
            case LESS -> a[0] < a[1] ? 1 : 0;
            case SELECT -> a[0] > 0 ? 1 : 0;
            case MIN, ARGMIN -> best(a, n, -1);
            case MAX, ARGMAX -> best(a, n, 1);
            case PICK -> a[0] == parameter ? 1 : 0;
            default -> Integer.MIN_VALUE;
        };
    }

    /** Index of the first minimal (sign -1) or maximal (sign 1) argument, as Joule's rules pick it. */
    private static int best(double[] a, int n, int sign) {
        int best = 0;
        for (int i = 1; i < n; i++) {
            if (sign < 0 ? a[i] < a[best] : a[i] > a[best]) {
                best = i;
            }
        }
        return best;
    }

    /** The branches of every instruction of p, given the values of its instructions. */
    static int[] branches(Program p, IntFunction<Double> value) {
        int[] b = new int[p.size()];
        double[] args = new double[Math.max(1, p.maxArity())];
        for (int k = 0; k < p.size(); k++) {
            for (int i = 0; i < p.arity(k); i++) {
                args[i] = value.apply(p.input(k, i));
            }
            b[k] = branch(p.op(k), p.parameter(k), args, p.arity(k));
        }
        return b;
    }

    /** The branches Joule's interpreter takes running p at x. */
    static int[] branches(Program p, double[] x) {
        double[] w = Interpreter.run(p, x, null);
        return branches(p, k -> w[k]);
    }

    /** The branches the forward oracle takes, from its instruction values. */
    static int[] branches(Program p, DerivativeStructure[] w) {
        return branches(p, k -> w[k].getValue());
    }

    /**
     * Whether every point x + t e_j, for each coordinate j in {@code coordinates} and each
     * offset t, takes the same branches as x in p.
     */
    static boolean sameBranchesOnStencil(Program p, double[] x, int[] coordinates, double... offsets) {
        int[] at = branches(p, x);
        for (int j : coordinates) {
            for (double t : offsets) {
                double[] y = x.clone();
                y[j] += t;
                if (!Arrays.equals(at, branches(p, y))) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Whether some piecewise instruction of p, run at x, has its argument within its own
     * rounding error of the kink: |a| &lt;= budget kappa(a) for abs, relu, sign, step and a
     * select's condition, |a - b| &lt;= budget (kappa(a) + kappa(b)) for less and for any two
     * arguments of min, max, argmin or argmax. Another computation of the
     * same function may then take the other branch. Exactly computed ties (kappa 0) are not
     * counted: every computation gets them right.
     */
    static boolean withinRounding(Program p, double[] x, double[] kappa, double budget) {
        double[] w = Interpreter.run(p, x, null);
        for (int k = 0; k < p.size(); k++) {
            switch (p.op(k)) {
                case ABS, SIGN, RELU, STEP, SELECT -> {
                    int a = p.input(k, 0);
                    if (close(w[a], 0, kappa[a], budget)) {
                        return true;
                    }
                }
                case LESS -> {
                    int a = p.input(k, 0);
                    int b = p.input(k, 1);
                    if (close(w[a], w[b], kappa[a] + kappa[b], budget)) {
                        return true;
                    }
                }
                case MIN, MAX, ARGMIN, ARGMAX -> {
                    for (int i = 0; i < p.arity(k); i++) {
                        for (int j = 0; j < i; j++) {
                            int a = p.input(k, i);
                            int b = p.input(k, j);
                            if (close(w[a], w[b], kappa[a] + kappa[b], budget)) {
                                return true;
                            }
                        }
                    }
                }
                default -> {
                }
            }
        }
        return false;
    }

    private static boolean close(double a, double b, double kappa, double budget) {
        return kappa > 0 && Math.abs(a - b) <= budget * kappa;
    }
}
