package org.joule.runtime.optimize;

import java.util.Arrays;
import java.util.Objects;

/**
 * What an optimiser returns: the last accepted iterate and why the run stopped.
 *
 * @param x                     the full layout array at the last accepted iterate; coordinates
 *                              not differentiated hold their start values
 * @param value                 the objective there (for FISTA the energy plus the L1 penalty)
 * @param gradientNorm          the infinity norm (largest absolute entry) of the gradient there,
 *                              over the wrt coordinates; for FISTA that of the smallest subgradient
 *                              of the penalised objective
 * @param iterations            completed iterations, 0 or more
 * @param evaluations           value-and-gradient calls made, the start's included
 * @param hessianVectorProducts Hessian-vector products computed
 * @param stopReason            why the run stopped
 * @param message               a sentence with the numbers behind the reason; for a failure it names
 *                              the iteration and, for a gradient entry, the coordinate
 */
public record OptimizationResult(double[] x, double value, double gradientNorm, int iterations, int evaluations,
        int hessianVectorProducts, StopReason stopReason, String message) {

    /**
     * Checks and copies the components.
     *
     * @param x                     the full layout array; copied
     * @param value                 the objective
     * @param gradientNorm          the gradient's infinity norm
     * @param iterations            completed iterations
     * @param evaluations           value-and-gradient calls
     * @param hessianVectorProducts Hessian-vector products
     * @param stopReason            why the run stopped, not null
     * @param message               details, not null
     */
    public OptimizationResult {
        x = Objects.requireNonNull(x, "x").clone();
        Objects.requireNonNull(stopReason, "stopReason");
        Objects.requireNonNull(message, "message");
    }

    /**
     * The full layout array at the last accepted iterate.
     *
     * @return a copy
     */
    @Override
    public double[] x() {
        return x.clone();
    }

    /**
     * Whether the run converged, which {@link StopReason#converged()} decides.
     *
     * @return true when the gradient or the relative change fell to its tolerance
     */
    public boolean converged() {
        return stopReason.converged();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OptimizationResult r && Arrays.equals(x, r.x)
                && Double.compare(value, r.value) == 0 && Double.compare(gradientNorm, r.gradientNorm) == 0
                && iterations == r.iterations && evaluations == r.evaluations
                && hessianVectorProducts == r.hessianVectorProducts && stopReason == r.stopReason
                && message.equals(r.message);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(x), value, gradientNorm, iterations, evaluations, hessianVectorProducts,
                stopReason, message);
    }

    @Override
    public String toString() {
        return "OptimizationResult[" + stopReason + " after " + iterations + " iterations, " + evaluations
                + " evaluations, " + hessianVectorProducts + " Hessian-vector products: value " + value
                + ", gradient inf-norm " + gradientNorm + ", x " + Arrays.toString(x) + "; " + message + "]";
    }
}
