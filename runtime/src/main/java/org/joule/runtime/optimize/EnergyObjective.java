package org.joule.runtime.optimize;

import java.util.Arrays;
import org.apache.commons.math3.analysis.MultivariateFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunctionGradient;
import org.joule.runtime.Checks;
import org.joule.runtime.EnergyFunction;

/**
 * An {@link EnergyFunction} seen by Apache Commons Math 3.6.1 optimisers as a function of its
 * wrt coordinates only: a point of length {@code wrtLength()} is written into a private copy of
 * a base layout array, whose other coordinates stay fixed. Use it as a
 * {@link MultivariateFunction} (BOBYQA, CMA-ES, simplex), or through
 * {@link #objectiveFunction()} and {@link #objectiveFunctionGradient()} for
 * {@code NonLinearConjugateGradientOptimizer}.
 *
 * <p>Commons Math asks for the value and the gradient in separate calls, often at the same
 * point. Every evaluation therefore computes both in one {@link EnergyFunction#valueAndGradient}
 * call and keeps them for two points: the last one evaluated and the one of lowest value so far
 * (where a line search ends, and where the conjugate gradient method then asks for the gradient).
 * A request at either point, compared bit for bit, costs no evaluation.
 *
 * <p>A NaN or infinite energy or gradient entry is an {@link ArithmeticException} naming the
 * coordinate, never a NaN handed to Commons Math. Not thread-safe: one instance serves one
 * optimiser run at a time (Commons Math optimisers are sequential).
 */
public final class EnergyObjective implements MultivariateFunction {
    private final Objective objective;
    private final double[] start;
    private final boolean forDriver;
    private final Entry last;
    private final Entry lowest;

    /** A cached point with its value and gradient. */
    private static final class Entry {
        final double[] point;
        final double[] gradient;
        double value = Double.NaN;
        boolean set;

        Entry(int n) {
            point = new double[n];
            gradient = new double[n];
        }

        boolean holds(double[] p) {
            return set && Arrays.equals(point, p);
        }

        void copy(Entry from) {
            Vectors.copy(from.point, point);
            Vectors.copy(from.gradient, gradient);
            value = from.value;
            set = true;
        }
    }

    /**
     * Adapts {@code energy} around {@code base}.
     *
     * @param energy the energy
     * @param base   the full layout array that fixes the coordinates outside wrt; copied once
     * @throws IllegalArgumentException when an argument is null or base has the wrong length
     */
    public EnergyObjective(EnergyFunction energy, double[] base) {
        this(energy, base, Integer.MAX_VALUE, false);
    }

    EnergyObjective(EnergyFunction energy, double[] base, int maxEvaluations, boolean forDriver) {
        if (energy == null) {
            throw new IllegalArgumentException("energy is null");
        }
        Checks.length(base, energy.layout().size(), "base");
        this.objective = new Objective(energy, base, maxEvaluations);
        this.start = objective.gather(base);
        this.forDriver = forDriver;
        this.last = new Entry(start.length);
        this.lowest = new Entry(start.length);
    }

    /**
     * The energy at {@code point}, with the other coordinates fixed from the base.
     *
     * @param point the wrt coordinates, length {@link #dimension()}; not retained
     * @return the energy
     * @throws ArithmeticException naming the culprit when the energy or a gradient entry is not finite
     */
    @Override
    public double value(double[] point) {
        return lookup(point).value;
    }

    /**
     * The gradient at {@code point} over the wrt coordinates.
     *
     * @param point the wrt coordinates, length {@link #dimension()}; not retained
     * @return a new array the caller may modify
     * @throws ArithmeticException naming the culprit when the energy or a gradient entry is not finite
     */
    public double[] gradient(double[] point) {
        return lookup(point).gradient.clone();
    }

    /**
     * This function for Commons Math's {@code optimize(...)} arguments.
     *
     * @return an {@link ObjectiveFunction} backed by this adapter
     */
    public ObjectiveFunction objectiveFunction() {
        return new ObjectiveFunction(this);
    }

    /**
     * The gradient for Commons Math's gradient-based optimisers.
     *
     * @return an {@link ObjectiveFunctionGradient} backed by this adapter and its cache
     */
    public ObjectiveFunctionGradient objectiveFunctionGradient() {
        return new ObjectiveFunctionGradient(this::gradient);
    }

    /**
     * The number of wrt coordinates, the length of Commons Math's points.
     *
     * @return {@code energy.wrtLength()}
     */
    public int dimension() {
        return start.length;
    }

    /**
     * The wrt coordinates of the base, for Commons Math's {@code InitialGuess}.
     *
     * @return a new array
     */
    public double[] startPoint() {
        return start.clone();
    }

    /**
     * The full layout array for a Commons Math point: the base with {@code point} in its wrt coordinates.
     *
     * @param point the wrt coordinates, length {@link #dimension()}
     * @return a new array
     */
    public double[] fullPoint(double[] point) {
        Checks.length(point, start.length, "point");
        return objective.full(point);
    }

    /**
     * The number of {@link EnergyFunction#valueAndGradient} calls made so far: each distinct
     * point costs one, whether Commons Math asked for its value, its gradient or both.
     *
     * @return the count
     */
    public int energyCalls() {
        return objective.evaluations();
    }

    private Entry lookup(double[] point) {
        Checks.length(point, start.length, "point");
        if (last.holds(point)) {
            return last;
        }
        if (lowest.holds(point)) {
            return lowest;
        }
        Vectors.copy(point, last.point);
        last.set = false;
        try {
            last.value = objective.valueAndGradient(last.point, last.gradient);
        } catch (Stop s) {
            if (forDriver) {
                throw s;
            }
            throw new ArithmeticException(s.getMessage() + " at wrt point " + Arrays.toString(point));
        }
        last.set = true;
        if (!lowest.set || last.value < lowest.value) {
            lowest.copy(last);
        }
        return last;
    }
}
