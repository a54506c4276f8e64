package org.joule.runtime.training;

/**
 * Called once after every parameter update of a training loop, on the calling thread, for
 * example to show progress. Steps are numbered from 1.
 */
@FunctionalInterface
public interface TrainingListener {

    /** A listener that does nothing and never stops the run. */
    TrainingListener NONE = (step, x, loss, gradientNorm) -> true;

    /**
     * Reports one update.
     *
     * @param step         the update just made, 1 or more
     * @param x            the full layout array with the updated parameters; read only, valid
     *                     during this call
     * @param loss         the minibatch loss estimate before the update (for contrastive
     *                     divergence mean E(Y⁺) − mean E(Y⁻), without the regulariser)
     * @param gradientNorm the Euclidean norm of the minibatch gradient that was applied
     * @return true to go on, false to stop the run after this step
     */
    boolean stepDone(int step, double[] x, double loss, double gradientNorm);
}
