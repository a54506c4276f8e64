package org.joule.runtime.optimize;

import org.apache.commons.math3.analysis.MultivariateFunction;
import org.apache.commons.math3.analysis.MultivariateVectorFunction;
import org.apache.commons.math3.exception.MathArithmeticException;
import org.apache.commons.math3.exception.MathIllegalArgumentException;
import org.apache.commons.math3.exception.MathIllegalStateException;
import org.apache.commons.math3.optim.ConvergenceChecker;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.MaxIter;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.gradient.NonLinearConjugateGradientOptimizer;
import org.joule.runtime.EnergyFunction;

/**
 * Adapters both ways between Joule and Apache Commons Math 3.6.1, and Commons Math's nonlinear
 * conjugate gradient method run as one more optimiser with Joule's stopping rules and result:
 * <ul>
 *   <li>{@link #objective(EnergyFunction, double[])}: an energy over its wrt coordinates as a
 *       Commons Math function and gradient, value and gradient from one fused call, cached;</li>
 *   <li>{@link #energy(int, MultivariateFunction, MultivariateVectorFunction)}: a Commons Math
 *       function and gradient as an {@link EnergyFunction}, so Joule's optimisers run on it;</li>
 *   <li>{@link #conjugateGradient(EnergyFunction, double[], StoppingRules, IterationListener)}:
 *       Polak–Ribière conjugate gradients with Brent line searches, for comparison with Joule's
 *       methods (and the {@code joule minimize --method cg} command).</li>
 * </ul>
 * Example, BOBYQA over the latent coordinates of an energy:
 * <pre>{@code
 * EnergyObjective f = CommonsMath.objective(energy, x0);
 * PointValuePair p = new BOBYQAOptimizer(2 * f.dimension() + 1).optimize(new MaxEval(10_000),
 *         f.objectiveFunction(), GoalType.MINIMIZE, new InitialGuess(f.startPoint()),
 *         SimpleBounds.unbounded(f.dimension()));
 * double[] x = f.fullPoint(p.getPoint());
 * }</pre>
 */
public final class CommonsMath {
    private CommonsMath() {
    }

    /**
     * An energy as a Commons Math function of its wrt coordinates, the others fixed from {@code base}.
     *
     * @param energy the energy
     * @param base   the full layout array fixing the coordinates outside wrt; copied, so the
     *               caller may reuse it
     * @return the adapter
     * @throws IllegalArgumentException when an argument is null or base has the wrong length
     */
    public static EnergyObjective objective(EnergyFunction energy, double[] base) {
        return new EnergyObjective(energy, base);
    }

    /**
     * A Commons Math function and its gradient as an {@link EnergyFunction} over one vector
     * variable {@code x} (role parameter) of the given dimension, differentiated with respect to
     * all of it. Value and gradient are two calls to the given functions; Hessian-vector
     * products are approximate, central differences of the gradient with step
     * h = eps^(1/3) max(1, ||x||_inf) / ||v||_inf (relative error about 1e-10 for smooth
     * functions of moderate scale). Thread-safe when the given functions are.
     *
     * @param dimension the number of coordinates, 1 or more
     * @param function  the value
     * @param gradient  its gradient, returning arrays of length {@code dimension}
     * @return the energy
     * @throws IllegalArgumentException when an argument is null or the dimension is below 1
     */
    public static EnergyFunction energy(int dimension, MultivariateFunction function,
            MultivariateVectorFunction gradient) {
        return new CommonsMathEnergy(dimension, function, gradient);
    }

    /**
     * Minimises with Commons Math's {@link NonLinearConjugateGradientOptimizer} (Polak–Ribière,
     * restarted every n iterations and when beta &lt; 0; Brent line searches with its default
     * tolerances 1e-8), under Joule's stopping rules, listener and result: an iteration is one
     * line search, evaluations count fused value-and-gradient calls, and a non-finite energy is
     * {@link StopReason#NON_FINITE}. A Commons Math failure inside the line search is
     * {@link StopReason#LINE_SEARCH_FAILED} with its message.
     *
     * <p>Its Brent line search works on values: it is sensitive to a constant added to the
     * energy. On Rosenbrock from (-1.2, 1) it reaches a gradient of 2e-10 in 36 iterations, but
     * with 6 added to the energy it stalls near a gradient of 2e-5 (Joule's tests
     * found this); L-BFGS and trust-region Newton are unaffected.
     *
     * @param energy   the energy; minimised over its wrt coordinates
     * @param start    the full layout array to start from; not modified
     * @param rules    when to stop
     * @param listener called after each iteration; {@link IterationListener#NONE} for none
     * @return the last accepted iterate and why the run stopped
     * @throws IllegalArgumentException as {@link Optimizer#minimize(EnergyFunction, double[], StoppingRules, IterationListener)}
     */
    public static OptimizationResult conjugateGradient(EnergyFunction energy, double[] start, StoppingRules rules,
            IterationListener listener) {
        Driver.checkArguments(energy, start, rules, listener);
        EnergyObjective f = new EnergyObjective(energy, start, rules.maxEvaluations(), true);
        Progress progress = new Progress(f, rules, listener);
        try {
            progress.record(f.startPoint(), f.value(f.startPoint()), 0);
        } catch (Stop s) {
            throw new IllegalArgumentException("at the start: " + s.getMessage());
        }
        if (progress.gradientNorm <= rules.gradientTolerance()) {
            return progress.result(StopReason.GRADIENT_TOLERANCE, "gradient inf-norm " + progress.gradientNorm
                    + " <= " + rules.gradientTolerance() + " at the start");
        }
        if (rules.maxIterations() == 0) {
            return progress.result(StopReason.MAX_ITERATIONS, "0 iterations done");
        }
        NonLinearConjugateGradientOptimizer cg = new NonLinearConjugateGradientOptimizer(
                NonLinearConjugateGradientOptimizer.Formula.POLAK_RIBIERE, progress);
        try {
            cg.optimize(MaxEval.unlimited(), MaxIter.unlimited(), f.objectiveFunction(), f.objectiveFunctionGradient(),
                    GoalType.MINIMIZE, new InitialGuess(f.startPoint()));
            return progress.result(progress.reason, progress.message);
        } catch (Stop s) {
            return progress.result(s.reason, s.getMessage() + " at iteration " + (progress.iterations + 1));
        } catch (MathIllegalStateException | MathIllegalArgumentException | MathArithmeticException e) {
            return progress.result(StopReason.LINE_SEARCH_FAILED, "Commons Math: " + e.getMessage()
                    + " at iteration " + (progress.iterations + 1));
        }
    }

    /**
     * {@link #conjugateGradient(EnergyFunction, double[], StoppingRules, IterationListener)} without a listener.
     *
     * @param energy the energy; minimised over its wrt coordinates
     * @param start  the full layout array to start from; not modified
     * @param rules  when to stop
     * @return the last accepted iterate and why the run stopped
     */
    public static OptimizationResult conjugateGradient(EnergyFunction energy, double[] start, StoppingRules rules) {
        return conjugateGradient(energy, start, rules, IterationListener.NONE);
    }

    /**
     * Commons Math calls the convergence checker once per iteration, after each line search:
     * the place to record the iterate, call the listener and apply Joule's stopping rules.
     */
    private static final class Progress implements ConvergenceChecker<PointValuePair> {
        private final EnergyObjective f;
        private final StoppingRules rules;
        private final IterationListener listener;
        double[] point;
        double value;
        double gradientNorm;
        int iterations;
        StopReason reason;
        String message;

        Progress(EnergyObjective f, StoppingRules rules, IterationListener listener) {
            this.f = f;
            this.rules = rules;
            this.listener = listener;
        }

        void record(double[] p, double v, int k) {
            point = p.clone();
            value = v;
            gradientNorm = Vectors.normInf(f.gradient(p));
            iterations = k;
        }

        @Override
        public boolean converged(int iteration, PointValuePair previous, PointValuePair current) {
            int k = iteration - 1;
            record(current.getPointRef(), current.getValue(), k);
            boolean goOn = listener.iterationDone(k, f.fullPoint(point), value, gradientNorm);
            StringBuilder text = new StringBuilder();
            reason = rules.convergence(gradientNorm, previous.getValue(), value, previous.getPointRef(), point, text);
            if (reason != null) {
                message = text.append(" at iteration ").append(k).toString();
            } else if (!goOn) {
                reason = StopReason.LISTENER;
                message = "the listener asked to stop at iteration " + k;
            } else if (k >= rules.maxIterations()) {
                reason = StopReason.MAX_ITERATIONS;
                message = k + " iterations done";
            }
            return reason != null;
        }

        OptimizationResult result(StopReason why, String text) {
            return new OptimizationResult(f.fullPoint(point), value, gradientNorm, iterations, f.energyCalls(), 0,
                    why, text);
        }
    }
}
