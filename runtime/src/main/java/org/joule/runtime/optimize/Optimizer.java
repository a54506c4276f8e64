package org.joule.runtime.optimize;

import org.joule.runtime.EnergyFunction;

/**
 * A minimiser of an {@link EnergyFunction} over its wrt coordinates: coordinates of the layout
 * array that are not differentiated keep their start values. Instances are immutable and
 * thread-safe: every {@code minimize} call is an independent run, and the same start gives the
 * same result, bit for bit.
 *
 * <p>All algorithms share one driver, which checks the input, evaluates the start, applies the
 * {@link StoppingRules}, counts evaluations, calls the {@link IterationListener} and turns a
 * non-finite energy, gradient or Hessian-vector product into {@link StopReason#NON_FINITE};
 * a subclass supplies only its iteration. Example:
 * <pre>{@code
 * OptimizationResult r = new Lbfgs().minimize(energy, x0,
 *         StoppingRules.defaults().withGradientTolerance(1e-10), IterationListener.NONE);
 * if (!r.converged()) throw new IllegalStateException(r.message());
 * }</pre>
 */
public abstract class Optimizer {

    Optimizer() {
    }

    /** A fresh iteration rule for a run over {@code dimension} coordinates. */
    abstract Step newStep(int dimension);

    /**
     * Minimises {@code energy} from {@code start}.
     *
     * @param energy   the energy; minimised over its wrt coordinates
     * @param start    the full layout array to start from, length {@code energy.layout().size()};
     *                 not modified
     * @param rules    when to stop
     * @param listener called after each iteration; {@link IterationListener#NONE} for none
     * @return the last accepted iterate and why the run stopped; a non-finite number met on the
     *     way is {@link StopReason#NON_FINITE}, never a NaN result
     * @throws IllegalArgumentException naming the culprit when an argument is null, the start has
     *     the wrong length or a non-finite coordinate, or the energy or its gradient is not finite
     *     at the start
     */
    public final OptimizationResult minimize(EnergyFunction energy, double[] start, StoppingRules rules,
            IterationListener listener) {
        return Driver.run(energy, start, rules, listener, this);
    }

    /**
     * Minimises {@code energy} from {@code start} with the given rules and no listener.
     *
     * @param energy the energy; minimised over its wrt coordinates
     * @param start  the full layout array to start from; not modified
     * @param rules  when to stop
     * @return the last accepted iterate and why the run stopped
     * @throws IllegalArgumentException as {@link #minimize(EnergyFunction, double[], StoppingRules, IterationListener)}
     */
    public final OptimizationResult minimize(EnergyFunction energy, double[] start, StoppingRules rules) {
        return minimize(energy, start, rules, IterationListener.NONE);
    }

    /**
     * Minimises {@code energy} from {@code start} with {@link StoppingRules#defaults()} and no listener.
     *
     * @param energy the energy; minimised over its wrt coordinates
     * @param start  the full layout array to start from; not modified
     * @return the last accepted iterate and why the run stopped
     * @throws IllegalArgumentException as {@link #minimize(EnergyFunction, double[], StoppingRules, IterationListener)}
     */
    public final OptimizationResult minimize(EnergyFunction energy, double[] start) {
        return minimize(energy, start, StoppingRules.defaults(), IterationListener.NONE);
    }

    /** Throws naming {@code name} unless {@code value} is finite and positive. */
    static double requirePositive(double value, String name) {
        if (!(value > 0) || value == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException(name + " is " + value + "; expected a finite number > 0");
        }
        return value;
    }

    /** Throws naming {@code name} unless 0 &lt;= value &lt; 1. */
    static double requireFraction(double value, String name) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(name + " is " + value + "; expected 0 <= " + name + " < 1");
        }
        return value;
    }
}
