package org.joule.runtime.latent;

import org.joule.runtime.EnergyFunction;
import org.joule.runtime.optimize.OptimizationResult;
import org.joule.runtime.optimize.StopReason;
import org.joule.runtime.optimize.StoppingRules;

/**
 * Newton steps on ∇_z E = 0 after an inner run that stalled in its line search, to bring the
 * gradient below a tolerance that a descent method cannot reach.
 *
 * <p>Why: a method that insists on a decrease of the value locates a minimiser only to about
 * sqrt(ε |E| / E_zz), because closer in the value changes by less than its rounding; the
 * gradient there is about sqrt(ε |E| E_zz), near 1e-8 for an energy of order 1, and the
 * line search fails ({@link StopReason#LINE_SEARCH_FAILED}). The gradient itself is accurate to
 * its own rounding, so Newton's method on the equation ∇_z E = 0 — each step solves
 * H p = −g by conjugate gradients on the inner energy's Hessian-vector products — goes on
 * converging (quadratically) where the value cannot tell points apart.
 *
 * <p>A step is taken only when CG meets no direction of non-positive curvature (the point is in
 * a convex basin), the gradient's infinity norm decreases, and the value does not rise beyond
 * its rounding (a relative 1e-10), so the polish cannot leave the basin for a stationary point
 * that is not a minimum. It stops at the tolerance, at the first step refused, or after
 * {@value #MAX_STEPS} steps; if the tolerance is not met, the run's original result is kept.
 */
final class NewtonPolish {
    static final int MAX_STEPS = 20;
    private static final double VALUE_ROUNDING = 1e-10;
    /** CG stops when the residual falls to this fraction of the gradient (inexact Newton). */
    private static final double CG_FRACTION = 1e-6;

    private final EnergyFunction inner;
    private final int[] latent;
    private final int n;
    private final double[] x;
    private final double[] g;
    private final double[] p;
    private final double[] r;
    private final double[] d;
    private final double[] hd;
    private int evaluations;
    private int products;

    private NewtonPolish(EnergyFunction inner, int[] latent, double[] x) {
        this.inner = inner;
        this.latent = latent;
        this.n = latent.length;
        this.x = x;
        this.g = new double[n];
        this.p = new double[n];
        this.r = new double[n];
        this.d = new double[n];
        this.hd = new double[n];
    }

    /**
     * The run, polished when it stopped with {@link StopReason#LINE_SEARCH_FAILED} and Newton
     * steps bring its gradient within the rules' tolerance; otherwise the run unchanged.
     */
    static OptimizationResult polish(EnergyFunction inner, int[] latent, OptimizationResult run, StoppingRules rules) {
        if (run.stopReason() != StopReason.LINE_SEARCH_FAILED) {
            return run;
        }
        try {
            return new NewtonPolish(inner, latent, run.x()).polish(run, rules.gradientTolerance());
        } catch (UnsupportedOperationException e) {
            return run; // an energy without Hessian-vector products: the stall stands
        }
    }

    private OptimizationResult polish(OptimizationResult run, double tolerance) {
        double energy = inner.valueAndGradient(x, g);
        evaluations++;
        double norm = normInf(g);
        int steps = 0;
        double[] trialX = x.clone();
        double[] trialG = new double[n];
        while (norm > tolerance && steps < MAX_STEPS && Double.isFinite(energy) && newtonStep()) {
            for (int k = 0; k < n; k++) {
                trialX[latent[k]] = x[latent[k]] + p[k];
            }
            double trial = inner.valueAndGradient(trialX, trialG);
            evaluations++;
            double trialNorm = normInf(trialG);
            double slack = VALUE_ROUNDING * Math.max(Math.abs(energy), Math.abs(trial));
            if (!(trialNorm < norm) || !(trial <= energy + slack)) {
                break;
            }
            System.arraycopy(trialX, 0, x, 0, x.length);
            System.arraycopy(trialG, 0, g, 0, n);
            energy = trial;
            norm = trialNorm;
            steps++;
        }
        if (!(norm <= tolerance)) {
            return run;
        }
        return new OptimizationResult(x, energy, norm, run.iterations() + steps, run.evaluations() + evaluations,
                run.hessianVectorProducts() + products, StopReason.GRADIENT_TOLERANCE, run.message()
                        + "; then " + steps + " Newton steps on the gradient: inf-norm " + norm + " <= " + tolerance);
    }

    /** CG on H p = −g into p; false at non-positive curvature or a non-finite product. */
    private boolean newtonStep() {
        java.util.Arrays.fill(p, 0);
        for (int k = 0; k < n; k++) {
            r[k] = -g[k];
            d[k] = r[k];
        }
        double rr = dot(r, r);
        double target = CG_FRACTION * CG_FRACTION * rr;
        for (int j = 0; j < 2 * n + 2 && rr > target; j++) {
            inner.hessianVectorProduct(x, d, hd);
            products++;
            double curvature = dot(d, hd);
            if (!(curvature > 0) || !Double.isFinite(curvature)) {
                return false;
            }
            double alpha = rr / curvature;
            for (int k = 0; k < n; k++) {
                p[k] += alpha * d[k];
                r[k] -= alpha * hd[k];
            }
            double next = dot(r, r);
            for (int k = 0; k < n; k++) {
                d[k] = r[k] + (next / rr) * d[k];
            }
            rr = next;
        }
        return true;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double normInf(double[] a) {
        double m = 0;
        for (double v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }
}
