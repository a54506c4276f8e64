package org.joule.runtime.optimize;

import java.util.Arrays;

/**
 * Gradient descent, x_(k+1) = x_k - a_k g_k, with either a fixed step a or Armijo
 * backtracking (Nocedal &amp; Wright, Numerical Optimization, 2nd ed., Alg. 3.1): start from
 * the last accepted step (the initial step at the first iteration; the step never grows, so
 * give a generous one) and halve it until
 * f(x - a g) &lt;= f(x) - c1 a ||g||^2 with c1 = 1e-4. Near a minimum that test drowns in the
 * rounding of f, so a step is also accepted under the approximate Armijo condition of
 * Hager &amp; Zhang (SIAM J. Optim. 16(1), 2005, eq. 4.1), -g(x - a g)'g(x) &lt;= (1 - 2 c1) ||g(x)||^2,
 * which on a quadratic is the same test written with slopes, whose rounding is relative to the
 * gradient, not to f, together with f(x - a g) &lt;= f(x) + 1e-10 |f(x)|. As in Hager and Zhang
 * (their switch with omega), the approximate test is used only after an accepted step changed f
 * by at most 1e-6 |f|, so an energy whose gradient is wrong is reported as
 * {@link StopReason#LINE_SEARCH_FAILED} at once instead of being climbed slowly. On a quadratic with Hessian eigenvalues
 * in [m, L], the fixed step 1/L contracts the distance to the minimiser by at least 1 - m/L
 * per iteration.
 */
public final class GradientDescent extends Optimizer {
    private static final double C1 = 1e-4;
    /** The relative rise of f tolerated by the approximate test, for rounding in f. */
    private static final double ROUNDING = 1e-10;
    /** The relative change of f below which the approximate test is switched on. */
    private static final double SWITCH = 1e-6;

    private final double step;
    private final boolean backtracking;

    private GradientDescent(double step, boolean backtracking) {
        this.step = requirePositive(step, backtracking ? "initialStep" : "step");
        this.backtracking = backtracking;
    }

    /**
     * Gradient descent with a fixed step: one evaluation per iteration, no safeguard.
     *
     * @param step the step a &gt; 0, finite; below 2/L on an energy whose gradient is L-Lipschitz
     * @return the optimiser
     */
    public static GradientDescent fixedStep(double step) {
        return new GradientDescent(step, false);
    }

    /**
     * Gradient descent with Armijo backtracking from an initial step of 1.
     *
     * @return the optimiser
     */
    public static GradientDescent armijo() {
        return armijo(1);
    }

    /**
     * Gradient descent with Armijo backtracking.
     *
     * @param initialStep the first trial step &gt; 0, finite
     * @return the optimiser
     */
    public static GradientDescent armijo(double initialStep) {
        return new GradientDescent(initialStep, true);
    }

    @Override
    Step newStep(int dimension) {
        return backtracking ? new Armijo(step, dimension) : (it, f) -> {
            Vectors.sum(it.u, -step, it.gradient, it.u);
            it.energy = f.valueAndGradient(it.u, it.gradient);
        };
    }

    /** Backtracking along -g; remembers the last accepted step. */
    private static final class Armijo implements Step {
        private final double[] trialU;
        private final double[] trialG;
        private double step;
        private boolean nearRounding;

        Armijo(double initialStep, int n) {
            this.step = initialStep;
            this.trialU = new double[n];
            this.trialG = new double[n];
        }

        @Override
        public void advance(Iterate it, Objective f) {
            double slope = Vectors.dot(it.gradient, it.gradient);
            while (true) {
                Vectors.sum(it.u, -step, it.gradient, trialU);
                if (Arrays.equals(trialU, it.u)) {
                    throw new Stop(StopReason.LINE_SEARCH_FAILED,
                            "Armijo backtracking: the step " + step + " no longer moves x");
                }
                double trial = f.trial(trialU, trialG); // +infinity where not finite: the step halves
                boolean decrease = trial <= it.energy - C1 * step * slope;
                boolean approximate = nearRounding && trial <= it.energy + ROUNDING * Math.abs(it.energy)
                        && -Vectors.dot(trialG, it.gradient) <= (1 - 2 * C1) * slope;
                if (decrease || approximate) {
                    nearRounding = Math.abs(trial - it.energy) <= SWITCH * Math.abs(it.energy);
                    it.set(trialU, trial, trialG);
                    return;
                }
                step /= 2;
            }
        }
    }
}
