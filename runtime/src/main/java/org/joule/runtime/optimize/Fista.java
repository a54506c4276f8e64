package org.joule.runtime.optimize;

/**
 * ISTA and FISTA (Beck &amp; Teboulle, "A fast iterative shrinkage-thresholding algorithm for
 * linear inverse problems", SIAM J. Imaging Sciences 2(1), 2009) for F(x) = E(x) + lambda ||x||_1,
 * the L1 norm taken over the wrt coordinates only (sparse coding, the LASSO). Each iteration
 * takes a proximal gradient step p_L(y) = S_(lambda/L)(y - grad E(y) / L), with S_t the
 * soft-thresholding S_t(v) = sign(v) max(|v| - t, 0), from y = x_k (ISTA) or from the
 * extrapolated point y = x_k + ((t_k - 1)/t_(k+1)) (x_k - x_(k-1)),
 * t_(k+1) = (1 + sqrt(1 + 4 t_k^2))/2 (FISTA). The Lipschitz estimate L is found by the paper's
 * backtracking: multiplied by eta = 2 until
 * E(p) &lt;= E(y) + grad E(y)'(p - y) + (L/2) ||p - y||^2, and never decreased. Convergence:
 * F(x_k) - F* = O(1/k) for ISTA, O(1/k^2) for FISTA.
 *
 * <p>Reported values are F, energy plus penalty. The gradient norm that the gradient tolerance
 * is compared with is the infinity norm of the smallest subgradient of F:
 * grad_i E + lambda sign(x_i) where x_i is not 0, and max(|grad_i E| - lambda, 0) where it is;
 * it is 0 exactly at a minimiser of a convex F.
 */
public final class Fista extends Optimizer {
    private static final double ETA = 2;
    /** Slack on the backtracking test for rounding in E(p) and E(y), in units of their magnitude. */
    private static final double ROUNDING = 16 * Math.ulp(1.0);

    private final double lambda;
    private final boolean accelerated;
    private final double initialLipschitz;

    private Fista(double lambda, boolean accelerated, double initialLipschitz) {
        if (!(lambda >= 0) || lambda == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("lambda is " + lambda + "; expected a finite number 0 or more");
        }
        this.lambda = lambda;
        this.accelerated = accelerated;
        this.initialLipschitz = requirePositive(initialLipschitz, "initialLipschitz");
    }

    /**
     * FISTA with initial Lipschitz estimate 1.
     *
     * @param lambda the L1 weight, 0 or more and finite
     * @return the optimiser
     */
    public static Fista fista(double lambda) {
        return new Fista(lambda, true, 1);
    }

    /**
     * ISTA (no extrapolation) with initial Lipschitz estimate 1.
     *
     * @param lambda the L1 weight, 0 or more and finite
     * @return the optimiser
     */
    public static Fista ista(double lambda) {
        return new Fista(lambda, false, 1);
    }

    /**
     * This optimiser with another initial Lipschitz estimate; backtracking only increases it,
     * so a value below the true constant costs a few evaluations and one above it slows
     * convergence.
     *
     * @param lipschitz the initial L &gt; 0, finite
     * @return a new optimiser
     */
    public Fista withInitialLipschitz(double lipschitz) {
        return new Fista(lambda, accelerated, lipschitz);
    }

    @Override
    Step newStep(int dimension) {
        return new FistaStep(dimension);
    }

    /** The Lipschitz estimate, t_k, the previous iterate and work vectors. */
    private final class FistaStep implements Step {
        private double lipschitz = initialLipschitz;
        private double t = 1;
        private final double[] previous;
        private final double[] y;
        private final double[] yGradient;
        private final double[] p;
        private final double[] pGradient;

        FistaStep(int n) {
            previous = new double[n];
            y = new double[n];
            yGradient = new double[n];
            p = new double[n];
            pGradient = new double[n];
        }

        @Override
        public void advance(Iterate it, Objective f) {
            double tNext = accelerated ? (1 + Math.sqrt(1 + 4 * t * t)) / 2 : 1;
            double weight = accelerated ? (t - 1) / tNext : 0;
            double yEnergy;
            if (weight == 0) {
                Vectors.copy(it.u, y);
                Vectors.copy(it.gradient, yGradient);
                yEnergy = it.energy;
            } else {
                for (int i = 0; i < y.length; i++) {
                    y[i] = it.u[i] + weight * (it.u[i] - previous[i]);
                }
                yEnergy = f.trial(y, yGradient);
                if (yEnergy == Double.POSITIVE_INFINITY) { // extrapolated out of the domain: restart the momentum
                    Vectors.copy(it.u, y);
                    Vectors.copy(it.gradient, yGradient);
                    yEnergy = it.energy;
                    tNext = 1;
                }
            }
            double pEnergy;
            while (true) {
                double threshold = lambda / lipschitz;
                double linear = 0;
                double squared = 0;
                for (int i = 0; i < p.length; i++) {
                    p[i] = softThreshold(y[i] - yGradient[i] / lipschitz, threshold);
                    double step = p[i] - y[i];
                    linear += yGradient[i] * step;
                    squared += step * step;
                }
                pEnergy = f.trial(p, pGradient); // +infinity where not finite: L grows, the step shrinks
                double bound = yEnergy + linear + 0.5 * lipschitz * squared;
                if (pEnergy < Double.POSITIVE_INFINITY && pEnergy <= bound + ROUNDING * Math.max(Math.abs(pEnergy), Math.abs(yEnergy))) {
                    break;
                }
                lipschitz *= ETA;
                if (lipschitz == Double.POSITIVE_INFINITY) {
                    throw new Stop(StopReason.LINE_SEARCH_FAILED, "FISTA backtracking: Lipschitz estimate overflowed");
                }
            }
            Vectors.copy(it.u, previous);
            it.set(p, pEnergy, pGradient);
            t = tNext;
        }

        @Override
        public double penalty(double[] u) {
            double sum = 0;
            for (double v : u) {
                sum += Math.abs(v);
            }
            return lambda * sum;
        }

        @Override
        public double gradientNorm(Iterate it) {
            double norm = 0;
            for (int i = 0; i < it.u.length; i++) {
                double g = it.gradient[i];
                double sub = it.u[i] != 0 ? Math.abs(g + Math.copySign(lambda, it.u[i]))
                        : Math.max(Math.abs(g) - lambda, 0);
                norm = Math.max(norm, sub);
            }
            return norm;
        }
    }

    /** S_t(v) = sign(v) max(|v| - t, 0); exactly 0 when |v| &lt;= t. */
    static double softThreshold(double v, double t) {
        return Math.abs(v) <= t ? 0 : v - Math.copySign(t, v);
    }
}
