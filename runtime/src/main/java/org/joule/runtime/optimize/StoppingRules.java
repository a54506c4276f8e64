package org.joule.runtime.optimize;

/**
 * When an optimiser stops; immutable, changed with the {@code with...} methods. A run stops
 * after the first iteration at which one of these holds, checked in this order:
 * <ol>
 *   <li>gradient: the infinity norm of the gradient over the wrt coordinates is at most
 *       {@code gradientTolerance} (absolute, so it depends on the energy's scale);</li>
 *   <li>relative change: {@code |f_k - f_(k-1)| <= relativeChange * max(|f_k|, |f_(k-1)|)}, or
 *       {@code ||x_k - x_(k-1)||_inf <= relativeChange * ||x_k||_inf} over the wrt coordinates.
 *       There is no absolute floor: where the minimum value or the minimiser is 0, only the
 *       gradient rule stops the run. A value test finds the minimiser only to about the square
 *       root of the tolerance, so set it to 0 (off) when x must be accurate: near a minimum the
 *       value stops changing in its last bit long before x does;</li>
 *   <li>iterations: {@code maxIterations} iterations are done;</li>
 *   <li>evaluations: the next value-and-gradient call would be call number
 *       {@code maxEvaluations + 1} (the start's call counts); this one can end a run in the
 *       middle of a line search, which then returns the last accepted iterate.</li>
 * </ol>
 * The gradient rule is also checked at the start point, so a run from a stationary point does
 * no iteration.
 *
 * <p>{@link #defaults()}: gradient tolerance 1e-6, relative change 1e-12, 1000 iterations,
 * 10000 evaluations.
 *
 * @param gradientTolerance 0 or more; 0 stops only at an exactly zero gradient
 * @param relativeChange    0 or more; 0 turns the rule off
 * @param maxIterations     0 or more; 0 returns the start point
 * @param maxEvaluations    1 or more, the start's evaluation included
 */
public record StoppingRules(double gradientTolerance, double relativeChange, int maxIterations, int maxEvaluations) {

    private static final StoppingRules DEFAULTS = new StoppingRules(1e-6, 1e-12, 1000, 10_000);

    /**
     * Checks the components.
     *
     * @param gradientTolerance 0 or more, finite
     * @param relativeChange    0 or more, finite
     * @param maxIterations     0 or more
     * @param maxEvaluations    1 or more
     * @throws IllegalArgumentException naming the first component out of range
     */
    public StoppingRules {
        requireTolerance(gradientTolerance, "gradientTolerance");
        requireTolerance(relativeChange, "relativeChange");
        if (maxIterations < 0) {
            throw new IllegalArgumentException("maxIterations is " + maxIterations + "; expected 0 or more");
        }
        if (maxEvaluations < 1) {
            throw new IllegalArgumentException("maxEvaluations is " + maxEvaluations + "; expected 1 or more");
        }
    }

    /**
     * The default rules: gradient tolerance 1e-6, relative change 1e-12, 1000 iterations,
     * 10000 evaluations.
     *
     * @return the defaults
     */
    public static StoppingRules defaults() {
        return DEFAULTS;
    }

    /**
     * These rules with another gradient tolerance.
     *
     * @param tolerance 0 or more, finite
     * @return new rules
     */
    public StoppingRules withGradientTolerance(double tolerance) {
        return new StoppingRules(tolerance, relativeChange, maxIterations, maxEvaluations);
    }

    /**
     * These rules with another relative-change tolerance.
     *
     * @param tolerance 0 or more, finite; 0 turns the rule off
     * @return new rules
     */
    public StoppingRules withRelativeChange(double tolerance) {
        return new StoppingRules(gradientTolerance, tolerance, maxIterations, maxEvaluations);
    }

    /**
     * These rules with another iteration limit.
     *
     * @param limit 0 or more
     * @return new rules
     */
    public StoppingRules withMaxIterations(int limit) {
        return new StoppingRules(gradientTolerance, relativeChange, limit, maxEvaluations);
    }

    /**
     * These rules with another evaluation limit.
     *
     * @param limit 1 or more
     * @return new rules
     */
    public StoppingRules withMaxEvaluations(int limit) {
        return new StoppingRules(gradientTolerance, relativeChange, maxIterations, limit);
    }

    /**
     * The convergence rules after an iteration from (u0, f0) to (u1, f1): the reason to stop,
     * with its numbers appended to {@code message}, or null to go on. Shared by the driver and
     * the Commons Math adapter, so both stop by the same rule.
     */
    StopReason convergence(double gradientNorm, double f0, double f1, double[] u0, double[] u1, StringBuilder message) {
        if (gradientNorm <= gradientTolerance) {
            message.append("gradient inf-norm ").append(gradientNorm).append(" <= ").append(gradientTolerance);
            return StopReason.GRADIENT_TOLERANCE;
        }
        if (relativeChange == 0) {
            return null;
        }
        double valueChange = Math.abs(f1 - f0);
        if (valueChange <= relativeChange * Math.max(Math.abs(f0), Math.abs(f1))) {
            message.append("value changed by ").append(valueChange).append(", relative tolerance ")
                    .append(relativeChange);
            return StopReason.RELATIVE_CHANGE;
        }
        double step = Vectors.distanceInf(u0, u1);
        if (step <= relativeChange * Vectors.normInf(u1)) {
            message.append("x moved by ").append(step).append(" (inf-norm), relative tolerance ").append(relativeChange);
            return StopReason.RELATIVE_CHANGE;
        }
        return null;
    }

    private static void requireTolerance(double t, String name) {
        if (!(t >= 0) || t == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException(name + " is " + t + "; expected a finite number 0 or more");
        }
    }
}
