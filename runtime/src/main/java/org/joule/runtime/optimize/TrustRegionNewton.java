package org.joule.runtime.optimize;

import java.util.Arrays;

/**
 * A trust-region Newton method (Nocedal &amp; Wright, Numerical Optimization, 2nd ed., Alg. 4.1)
 * whose subproblem, minimise m(p) = f + g'p + p'Hp/2 subject to ||p||_2 &lt;= radius, is solved
 * approximately by the Steihaug–Toint conjugate gradient method (N&amp;W Alg. 7.2) using the
 * energy's Hessian-vector products, never the Hessian itself. CG stops at the boundary, at a
 * direction of non-positive curvature (then following it to the boundary point of lower model
 * value), after n iterations, or when the model gradient falls below
 * min(0.5, sqrt(||g||)) ||g|| (N&amp;W eq. 7.10, superlinear convergence).
 *
 * <p>A step is accepted when rho = (f(x) - f(x + p)) / (m(0) - m(p)) &gt; 0.1; the radius is
 * reduced to ||p||/4 when rho &lt; 1/4 and doubled (up to the maximum) when rho &gt; 3/4 and the
 * step reached the boundary. Rejected steps are retried within the same iteration with the
 * smaller radius, so an iteration is one accepted step; the run fails with
 * {@link StopReason#LINE_SEARCH_FAILED} when the radius is so small that x no longer moves.
 *
 * <p>Near a minimum the predicted decrease falls below the rounding of f, and rho is noise.
 * There a step is also accepted when f rises by no more than that rounding and the gradient
 * norm falls (the idea of Hager and Zhang's approximate Wolfe conditions, 2005), so the
 * gradient can still be driven to a tight tolerance. A trial point where the energy or its
 * gradient is not finite is rejected like a step with rho &lt; 0.
 */
public final class TrustRegionNewton extends Optimizer {
    private static final double ACCEPT = 0.1;
    /** Relative changes of f below this are rounding (a few ulps of f). */
    private static final double ROUNDING = 1e-14;

    private final double initialRadius;
    private final double maxRadius;

    /** Trust-region Newton with initial radius 1 and maximum radius 1e10. */
    public TrustRegionNewton() {
        this(1, 1e10);
    }

    /**
     * Trust-region Newton with given radii.
     *
     * @param initialRadius the first radius &gt; 0, finite
     * @param maxRadius     the largest radius, at least the initial one, finite
     */
    public TrustRegionNewton(double initialRadius, double maxRadius) {
        this.initialRadius = requirePositive(initialRadius, "initialRadius");
        this.maxRadius = requirePositive(maxRadius, "maxRadius");
        if (maxRadius < initialRadius) {
            throw new IllegalArgumentException("maxRadius " + maxRadius + " is below initialRadius " + initialRadius);
        }
    }

    @Override
    Step newStep(int dimension) {
        return new TrustRegionStep(dimension);
    }

    /** The radius between iterations, and the CG work vectors. */
    private final class TrustRegionStep implements Step {
        private double radius = initialRadius;
        private final double[] p;
        private final double[] r;
        private final double[] d;
        private final double[] hd;
        private final double[] trialU;
        private final double[] trialG;

        TrustRegionStep(int n) {
            p = new double[n];
            r = new double[n];
            d = new double[n];
            hd = new double[n];
            trialU = new double[n];
            trialG = new double[n];
        }

        @Override
        public void advance(Iterate it, Objective f) {
            while (true) {
                double predicted = -steihaug(it, f);
                double stepLength = Vectors.norm2(p);
                Vectors.sum(it.u, 1, p, trialU);
                if (!(predicted > 0) || Arrays.equals(trialU, it.u)) {
                    throw new Stop(StopReason.LINE_SEARCH_FAILED, "trust region: no step of radius " + radius
                            + " moves x with a predicted decrease (" + predicted + ")");
                }
                double trial = f.trial(trialU, trialG); // +infinity where not finite: rejected, radius shrinks
                double rho = (it.energy - trial) / predicted;
                if (rho < 0.25) {
                    radius = 0.25 * stepLength;
                } else if (rho > 0.75 && stepLength >= 0.99 * radius) {
                    radius = Math.min(2 * radius, maxRadius);
                }
                if (rho > ACCEPT || belowRounding(it, predicted, trial)) {
                    it.set(trialU, trial, trialG);
                    return;
                }
            }
        }

        /** Whether the model and f change by rounding only, and the trial point has a smaller gradient. */
        private boolean belowRounding(Iterate it, double predicted, double trial) {
            double noise = ROUNDING * Math.abs(it.energy);
            return predicted <= noise && trial <= it.energy + noise
                    && Vectors.norm2(trialG) < Vectors.norm2(it.gradient);
        }

        /**
         * Steihaug–Toint CG (N&amp;W Alg. 7.2) into p; returns the model change m(p) - m(0),
         * tracked along the way as m(z + t d) = m(z) + t r'd + t^2 d'Hd / 2 with r = g + Hz.
         */
        private double steihaug(Iterate it, Objective f) {
            int n = p.length;
            double gNorm = Vectors.norm2(it.gradient);
            double tolerance = Math.min(0.5, Math.sqrt(gNorm)) * gNorm;
            Arrays.fill(p, 0);
            Vectors.copy(it.gradient, r);
            for (int i = 0; i < n; i++) {
                d[i] = -r[i];
            }
            double model = 0;
            double rr = Vectors.dot(r, r);
            for (int j = 0; j < n; j++) {
                f.hessianVectorProduct(it.u, d, hd);
                double curvature = Vectors.dot(d, hd);
                double rd = Vectors.dot(r, d);
                if (curvature <= 0) {
                    return toBoundary(model, rd, curvature, true);
                }
                double alpha = rr / curvature;
                double pp = 0;
                for (int i = 0; i < n; i++) {
                    double next = p[i] + alpha * d[i];
                    pp += next * next;
                }
                if (Math.sqrt(pp) >= radius) {
                    return toBoundary(model, rd, curvature, false);
                }
                Vectors.sum(p, alpha, d, p);
                model += alpha * rd + 0.5 * alpha * alpha * curvature;
                Vectors.sum(r, alpha, hd, r);
                double rrNext = Vectors.dot(r, r);
                if (Math.sqrt(rrNext) < tolerance) {
                    break;
                }
                double beta = rrNext / rr;
                for (int i = 0; i < n; i++) {
                    d[i] = -r[i] + beta * d[i];
                }
                rr = rrNext;
            }
            return model;
        }

        /**
         * Moves p along d to the boundary ||p + t d|| = radius: the positive root, or with
         * negative curvature the root of lower model value; returns the model change there.
         */
        private double toBoundary(double model, double rd, double curvature, boolean eitherRoot) {
            double a = Vectors.dot(d, d);
            double b = 2 * Vectors.dot(p, d);
            double c = Vectors.dot(p, p) - radius * radius;
            double q = -0.5 * (b + Math.copySign(Math.sqrt(Math.max(0, b * b - 4 * a * c)), b));
            double t1 = q / a;
            double t2 = c / q;
            double tPositive = Math.max(t1, t2);
            double t = tPositive;
            if (eitherRoot) {
                double tNegative = Math.min(t1, t2);
                if (modelAt(tNegative, rd, curvature) < modelAt(tPositive, rd, curvature)) {
                    t = tNegative;
                }
            }
            Vectors.sum(p, t, d, p);
            return model + modelAt(t, rd, curvature);
        }

        private static double modelAt(double t, double rd, double curvature) {
            return t * rd + 0.5 * t * t * curvature;
        }
    }
}
