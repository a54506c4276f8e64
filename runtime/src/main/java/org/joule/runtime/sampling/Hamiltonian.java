package org.joule.runtime.sampling;

import java.util.SplittableRandom;
import org.joule.runtime.EnergyFunction;

/**
 * The Hamiltonian H(q, p) = U(q) + ½ pᵀ M⁻¹ p of one chain, with U = β E over the energy's wrt
 * coordinates and a diagonal mass matrix M (Neal 2011, §5.4.1). Positions are the wrt
 * coordinates only; they are scattered into a private copy of the start's full layout array
 * before each evaluation, so every other coordinate keeps its start value and the caller copies
 * nothing. Not thread-safe: one instance per chain.
 */
final class Hamiltonian {
    /** Stan's threshold on the energy error H − H0 above which a trajectory is divergent. */
    static final double MAX_ENERGY_ERROR = 1000;

    private final EnergyFunction energy;
    private final double beta;
    private final int[] wrt;
    private final double[] x;
    /** Diagonal of M⁻¹, the metric that Stan calls inv_metric; 1 until adapted. */
    final double[] inverseMetric;
    /** sqrt of the diagonal of M, the standard deviation of each momentum entry. */
    private final double[] momentumScale;
    long gradientEvaluations;

    Hamiltonian(EnergyFunction energy, double[] start, double beta) {
        this.energy = energy;
        this.beta = beta;
        this.x = start.clone();
        int n = energy.wrtLength();
        this.wrt = new int[n];
        for (int k = 0; k < n; k++) {
            wrt[k] = energy.wrt(k);
        }
        inverseMetric = new double[n];
        momentumScale = new double[n];
        java.util.Arrays.fill(inverseMetric, 1);
        metricChanged();
    }

    int dimension() {
        return wrt.length;
    }

    double beta() {
        return beta;
    }

    /** Writes the start's wrt coordinates into {@code q}. */
    void startPosition(double[] start, double[] q) {
        for (int k = 0; k < wrt.length; k++) {
            q[k] = start[wrt[k]];
        }
    }

    /** Recomputes the momentum scales after {@link #inverseMetric} changed. */
    void metricChanged() {
        for (int k = 0; k < inverseMetric.length; k++) {
            momentumScale[k] = 1 / Math.sqrt(inverseMetric[k]);
        }
    }

    /**
     * Sets z's potential and gradient at z.q; a non-finite energy or gradient entry makes the
     * potential +∞, which every caller treats as a divergence.
     */
    void evaluate(Point z) {
        for (int k = 0; k < wrt.length; k++) {
            x[wrt[k]] = z.q[k];
        }
        double u = beta * energy.valueAndGradient(x, z.gradient);
        gradientEvaluations++;
        boolean finite = Double.isFinite(u);
        double[] g = z.gradient;
        for (int k = 0; k < g.length; k++) {
            g[k] *= beta;
            finite &= Double.isFinite(g[k]);
        }
        z.potential = finite ? u : Double.POSITIVE_INFINITY;
    }

    /** Draws p ~ N(0, M) into {@code p}. */
    void sampleMomentum(double[] p, SplittableRandom random) {
        for (int k = 0; k < p.length; k++) {
            p[k] = momentumScale[k] * random.nextGaussian();
        }
    }

    /** ½ pᵀ M⁻¹ p. */
    double kinetic(double[] p) {
        double s = 0;
        for (int k = 0; k < p.length; k++) {
            s += p[k] * p[k] * inverseMetric[k];
        }
        return 0.5 * s;
    }

    /** H at z; NaN becomes +∞ so that comparisons with a threshold see a divergence. */
    double hamiltonian(Point z) {
        double h = z.potential + kinetic(z.p);
        return Double.isNaN(h) ? Double.POSITIVE_INFINITY : h;
    }

    /** M⁻¹ p, the velocity dq/dt (Betancourt's p♯), into {@code out}. */
    void velocity(double[] p, double[] out) {
        for (int k = 0; k < p.length; k++) {
            out[k] = inverseMetric[k] * p[k];
        }
    }

    /**
     * One leapfrog step of size {@code epsilon} (negative integrates backwards in time), in
     * place: a half step of momentum, a full step of position, a new gradient, a half step of
     * momentum (Neal 2011, eq. 5.18-5.20). Allocates nothing.
     */
    void leapfrog(Point z, double epsilon) {
        double half = 0.5 * epsilon;
        double[] q = z.q;
        double[] p = z.p;
        double[] g = z.gradient;
        for (int k = 0; k < q.length; k++) {
            p[k] -= half * g[k];
            q[k] += epsilon * inverseMetric[k] * p[k];
        }
        evaluate(z);
        for (int k = 0; k < q.length; k++) {
            p[k] -= half * g[k];
        }
    }

    /** The energy E = U / β of a potential, for reports. */
    double energyOf(double potential) {
        return potential / beta;
    }
}
