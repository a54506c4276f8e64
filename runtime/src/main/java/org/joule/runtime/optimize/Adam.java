package org.joule.runtime.optimize;

/**
 * Adam (Kingma &amp; Ba, "Adam: a method for stochastic optimization", ICLR 2015, Algorithm 1),
 * one evaluation per iteration: with t the iteration,
 * m &lt;- b1 m + (1 - b1) g, v &lt;- b2 v + (1 - b2) g^2 (entrywise),
 * x &lt;- x - a (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps).
 *
 * <p>With the AMSGrad option (Reddi, Kale &amp; Kumar, "On the convergence of Adam and beyond",
 * ICLR 2018) the denominator uses the largest bias-corrected v seen so far, so the effective
 * step never grows. On a deterministic problem plain Adam with a fixed a does not converge to
 * the minimiser: as the gradient shrinks, v shrinks with it and the effective step a/sqrt(v)
 * grows until the iterates oscillate at a gradient of the order of a times the curvature.
 * AMSGrad, or an eps that dominates sqrt(v) near the minimum, turns the final phase into
 * gradient descent with momentum, which converges linearly.
 */
public final class Adam extends Optimizer {
    private final double learningRate;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final boolean amsgrad;

    /**
     * Adam with the paper's defaults b1 = 0.9, b2 = 0.999, eps = 1e-8.
     *
     * @param learningRate a &gt; 0, finite (the paper suggests 0.001)
     */
    public Adam(double learningRate) {
        this(learningRate, 0.9, 0.999, 1e-8, false);
    }

    /**
     * Adam with every constant given.
     *
     * @param learningRate a &gt; 0, finite
     * @param beta1        decay of the first moment, 0 &lt;= b1 &lt; 1
     * @param beta2        decay of the second moment, 0 &lt;= b2 &lt; 1
     * @param epsilon      eps &gt; 0, finite
     * @param amsgrad      whether to divide by the largest second moment seen so far (AMSGrad)
     */
    public Adam(double learningRate, double beta1, double beta2, double epsilon, boolean amsgrad) {
        this.learningRate = requirePositive(learningRate, "learningRate");
        this.beta1 = requireFraction(beta1, "beta1");
        this.beta2 = requireFraction(beta2, "beta2");
        this.epsilon = requirePositive(epsilon, "epsilon");
        this.amsgrad = amsgrad;
    }

    @Override
    Step newStep(int dimension) {
        double[] m = new double[dimension];
        double[] v = new double[dimension];
        double[] vMax = new double[dimension];
        return new Step() {
            private double beta1Power = 1;
            private double beta2Power = 1;

            @Override
            public void advance(Iterate it, Objective f) {
                beta1Power *= beta1;
                beta2Power *= beta2;
                for (int i = 0; i < dimension; i++) {
                    double g = it.gradient[i];
                    m[i] = beta1 * m[i] + (1 - beta1) * g;
                    v[i] = beta2 * v[i] + (1 - beta2) * g * g;
                    double vHat = v[i] / (1 - beta2Power);
                    if (amsgrad) {
                        vMax[i] = Math.max(vMax[i], vHat);
                        vHat = vMax[i];
                    }
                    it.u[i] -= learningRate * (m[i] / (1 - beta1Power)) / (Math.sqrt(vHat) + epsilon);
                }
                it.energy = f.valueAndGradient(it.u, it.gradient);
            }
        };
    }
}
