package org.joule.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import org.joule.runtime.EnergyFunction;
import org.joule.runtime.Role;
import org.junit.jupiter.api.Test;

/**
 * The first and second derivatives of log-sum-exp keep full relative accuracy in the tails.
 * Its Hessian is p_i (δ_ij - p_j) with p the softmax; at logsumexp(40, 0) the diagonal is
 * p_0 (1 - p_0) = 4.25e-18, which 1 - p_0 formed by a subtraction turns into 0. Every
 * entry, from the gradient, from Hessian-vector products and from the symbolic Hessian, is
 * compared with a 60-digit BigDecimal reference: to 1e-12 relative where the true value is
 * a normal double, and to the smallest normal double in absolute terms below that.
 */
class LogSumExpTailsTest {
    static final double[] EXTREMES = {20, -20, 40, -40, 700, -700, 745, -745};
    static final MathContext MC = new MathContext(60);

    @Test
    void twoArgumentsWithAConstant() {
        for (double a : EXTREMES) {
            Graph g = new Graph();
            Node x = g.scalar("a", Role.DATA);
            check(Energy.of(Joule.logSumExp(x, g.constant(0))), new double[] {a}, new double[] {a, 0}, new int[] {0});
        }
    }

    @Test
    void threeArguments() {
        for (double a : EXTREMES) {
            Graph g = new Graph();
            Tensor v = g.vector("v", 3, Role.DATA);
            double[] at = {a, 0.5, -1.25};
            check(Energy.of(Joule.logSumExp(v.elements())), at, at, new int[] {0, 1, 2});
        }
    }

    @Test
    void theLargestArgumentMayComeAnywhere() {
        for (double a : EXTREMES) {
            Graph g = new Graph();
            Tensor v = g.vector("v", 3, Role.DATA);
            double[] at = {-1.25, 0.5, a};
            check(Energy.of(Joule.logSumExp(v.elements())), at, at, new int[] {0, 1, 2});
        }
    }

    @Test
    void allArgumentsMinusInfinityGiveTheUniformSoftmaxAndItsHessian() {
        Graph g = new Graph();
        Tensor v = g.vector("v", 4, Role.DATA);
        EnergyFunction f = Energy.of(Joule.logSumExp(v.elements())).interpreter();
        double inf = Double.NEGATIVE_INFINITY;
        double[][] h = f.hessian(new double[] {inf, inf, inf, inf});
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                assertEquals(0.25 * ((i == j ? 1 : 0) - 0.25), h[i][j], 1e-16, "H[" + i + "][" + j + "]");
            }
        }
    }

    /**
     * Checks the gradient and Hessian of {@code energy} at x against the reference for
     * logsumexp(args), whose argument k is variable wrt[k] of the energy.
     */
    static void check(Energy energy, double[] x, double[] args, int[] wrt) {
        BigDecimal[] p = softmax(args);
        EnergyFunction f = energy.interpreter();
        double[] gradient = f.gradient(x);
        double[][] viaProducts = f.hessian(x);
        double[][] symbolic = symbolicHessian(energy, x);
        for (int i = 0; i < wrt.length; i++) {
            String at = "logsumexp" + java.util.Arrays.toString(args) + ", argument " + wrt[i];
            assertAccurate(p[wrt[i]], gradient[i], "gradient of " + at);
            for (int j = 0; j < wrt.length; j++) {
                BigDecimal h = hessian(p, wrt[i], wrt[j]);
                assertAccurate(h, viaProducts[i][j], "H v, entry " + j + ", of " + at);
                assertAccurate(h, symbolic[i][j], "symbolic Hessian, entry " + j + ", of " + at);
            }
        }
    }

    static void assertAccurate(BigDecimal truth, double computed, String what) {
        double t = truth.doubleValue();
        double error = Math.abs(new BigDecimal(computed).subtract(truth).doubleValue());
        boolean ok = Math.abs(t) >= Double.MIN_NORMAL ? error <= 1e-12 * Math.abs(t) : error <= Double.MIN_NORMAL;
        assertTrue(ok, what + ": computed " + computed + ", true " + t);
    }

    /** The symbolic Hessian, flattened and run by the interpreter. */
    static double[][] symbolicHessian(Energy energy, double[] x) {
        Node[][] h = energy.hessian();
        List<Node> outputs = new ArrayList<>();
        for (Node[] row : h) {
            outputs.addAll(List.of(row));
        }
        Program program = Lowering.program(outputs);
        double[] w = Interpreter.run(program, x, null);
        double[][] result = new double[h.length][h.length];
        for (int i = 0; i < h.length; i++) {
            for (int j = 0; j < h.length; j++) {
                result[i][j] = w[program.output(i * h.length + j)];
            }
        }
        return result;
    }

    /** p_i = exp(a_i - M) / sum_j exp(a_j - M), M the maximum, to 60 digits. */
    static BigDecimal[] softmax(double[] a) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : a) {
            max = Math.max(max, v);
        }
        BigDecimal[] e = new BigDecimal[a.length];
        BigDecimal sum = BigDecimal.ZERO;
        for (int i = 0; i < a.length; i++) {
            e[i] = exp(new BigDecimal(a[i]).subtract(new BigDecimal(max)));
            sum = sum.add(e[i], MC);
        }
        BigDecimal[] p = new BigDecimal[a.length];
        for (int i = 0; i < a.length; i++) {
            p[i] = e[i].divide(sum, MC);
        }
        return p;
    }

    /** H_ij = p_i (δ_ij - p_j), with 1 - p_i as the sum of the other p's. */
    static BigDecimal hessian(BigDecimal[] p, int i, int j) {
        if (i != j) {
            return p[i].multiply(p[j], MC).negate();
        }
        BigDecimal others = BigDecimal.ZERO;
        for (int k = 0; k < p.length; k++) {
            others = k == i ? others : others.add(p[k], MC);
        }
        return p[i].multiply(others, MC);
    }

    /** exp(x) to 60 digits: the Taylor series at x / 2^k, |x / 2^k| &lt;= 1/2, squared k times. */
    static BigDecimal exp(BigDecimal x) {
        int halvings = 0;
        BigDecimal half = new BigDecimal("0.5");
        while (x.abs().compareTo(half) > 0) {
            x = x.multiply(half); // exact
            halvings++;
        }
        BigDecimal term = BigDecimal.ONE;
        BigDecimal sum = BigDecimal.ONE;
        BigDecimal negligible = BigDecimal.ONE.movePointLeft(70);
        for (int k = 1; term.abs().compareTo(negligible) > 0; k++) {
            term = term.multiply(x, MC).divide(BigDecimal.valueOf(k), MC);
            sum = sum.add(term, MC);
        }
        for (int k = 0; k < halvings; k++) {
            sum = sum.multiply(sum, MC);
        }
        return sum;
    }
}
