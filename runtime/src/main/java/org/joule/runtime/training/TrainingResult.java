package org.joule.runtime.training;

import java.util.Arrays;

/**
 * What a training loop ends with: the full layout array with the trained parameters, and the
 * loss estimate and gradient norm of every step made.
 *
 * @param x             the full layout array after the last update (copied)
 * @param steps         the number of updates made
 * @param losses        the loss estimate per step, length {@code steps}
 * @param gradientNorms the gradient's Euclidean norm per step, length {@code steps}
 */
public record TrainingResult(double[] x, int steps, double[] losses, double[] gradientNorms) {

    /**
     * Copies the arrays.
     *
     * @param x             the final layout array
     * @param steps         updates made
     * @param losses        per step
     * @param gradientNorms per step
     */
    public TrainingResult {
        x = x.clone();
        losses = Arrays.copyOf(losses, steps);
        gradientNorms = Arrays.copyOf(gradientNorms, steps);
    }

    /**
     * The final layout array.
     *
     * @return a copy
     */
    @Override
    public double[] x() {
        return x.clone();
    }

    /**
     * The loss estimate per step.
     *
     * @return a copy
     */
    @Override
    public double[] losses() {
        return losses.clone();
    }

    /**
     * The gradient norm per step.
     *
     * @return a copy
     */
    @Override
    public double[] gradientNorms() {
        return gradientNorms.clone();
    }
}
