package org.joule.samples;

import org.joule.compiler.Compiler;
import org.joule.graph.Energy;
import org.joule.graph.Graph;
import org.joule.graph.Node;
import org.joule.runtime.EnergyFunction;
import org.joule.runtime.Role;

/**
 * The banana of {@code joule hmc}: a curved, correlated 2-D energy written with the DSL and
 * compiled,
 *
 * <pre>E(y) = (y1 − m)² / 2 + (y2 − a y1² − c)² / (2 s²),</pre>
 *
 * so that under p ∝ exp(−E) the first coordinate is N(m, 1) and the second, given the first,
 * N(a y1² + c, s²): a thin valley bent into a parabola, which a random walk crosses slowly and
 * Hamiltonian samplers follow. Its moments have a closed form (used to check the quadrature)
 * and are computed by {@link #quadrature} on a fine grid for the reference.
 */
final class BananaEnergy {
    /** The mean of y1. */
    static final double M = 0.25;
    /** The curvature of the valley. */
    static final double A = 0.4;
    /** The height of the valley's bottom at y1 = 0. */
    static final double C = -1.2;
    /** The width of the valley across. */
    static final double S = 0.5;

    private BananaEnergy() {
    }

    /** The energy compiled, wrt (y1, y2), layout [y1, y2]. */
    static EnergyFunction compiled() {
        Graph g = new Graph();
        Node y1 = g.scalar("y1", Role.DATA);
        Node y2 = g.scalar("y2", Role.DATA);
        Node along = y1.minus(M).square().times(0.5);
        Node across = y2.minus(y1.square().times(A)).minus(C).square().times(1 / (2 * S * S));
        return Compiler.compile(Energy.of(along.plus(across)).wrt(Role.DATA));
    }

    /** Means and covariance of a distribution of (y1, y2). */
    record Moments(double[] mean, double[][] cov) {
        /** The five numbers compared: mean y1, mean y2, var y1, var y2, cov(y1, y2). */
        double[] flat() {
            return new double[] {mean[0], mean[1], cov[0][0], cov[1][1], cov[0][1]};
        }
    }

    /** The names of {@link Moments#flat()}'s entries. */
    static final String[] MOMENTS = {"mean y1", "mean y2", "var y1", "var y2", "cov y1 y2"};

    /**
     * The exact moments: E y1 = m, Var y1 = 1, E y2 = a (1 + m²) + c,
     * Var y2 = s² + a² Var(y1²) = s² + a² (2 + 4 m²), Cov = a Cov(y1, y1²) = 2 a m.
     */
    static Moments exact() {
        double varY2 = S * S + A * A * (2 + 4 * M * M);
        return new Moments(new double[] {M, A * (1 + M * M) + C},
                new double[][] {{1, 2 * A * M}, {2 * A * M, varY2}});
    }

    /**
     * The moments of p ∝ exp(−E) by the trapezoid rule on a grid of step h over
     * y1 ∈ m ± 10 and y2 ∈ [c − 10 s, a max y1² + c + 10 s], evaluating {@code energy} (layout
     * [y1, y2]) at every node. The density beyond the box is below e^(−50) of its peak, and the
     * trapezoid rule converges faster than any power of h for such a smooth, fast-decaying
     * integrand, so h = s / 15 gives the moments to about 1e-9.
     */
    static Moments quadrature(EnergyFunction energy, double h) {
        if (!(h > 0) || h > S) {
            throw new IllegalArgumentException("quadrature step " + h + " must be in (0, " + S + "]");
        }
        double lo1 = M - 10;
        double hi1 = M + 10;
        double lo2 = C - 10 * S;
        double hi2 = A * Math.max(lo1 * lo1, hi1 * hi1) + C + 10 * S;
        int n1 = (int) Math.ceil((hi1 - lo1) / h);
        int n2 = (int) Math.ceil((hi2 - lo2) / h);
        double e0 = energy.value(new double[] {M, A * M * M + C}); // the minimum, 0 here
        double[] x = new double[2];
        double z = 0;
        double s1 = 0;
        double s2 = 0;
        double s11 = 0;
        double s22 = 0;
        double s12 = 0;
        for (int i = 0; i <= n1; i++) {
            x[0] = lo1 + i * h;
            for (int j = 0; j <= n2; j++) {
                x[1] = lo2 + j * h;
                double w = Math.exp(-(energy.value(x) - e0));
                z += w;
                s1 += w * x[0];
                s2 += w * x[1];
                s11 += w * x[0] * x[0];
                s22 += w * x[1] * x[1];
                s12 += w * x[0] * x[1];
            }
        }
        double m1 = s1 / z;
        double m2 = s2 / z;
        double c12 = s12 / z - m1 * m2;
        return new Moments(new double[] {m1, m2},
                new double[][] {{s11 / z - m1 * m1, c12}, {c12, s22 / z - m2 * m2}});
    }
}
