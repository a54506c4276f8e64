package org.joule.runtime.training;

/**
 * How a training loop moves the parameters W given a stochastic gradient g of the loss: a plain
 * step W &lt;- W − a g ({@link #sgd(double)}) or Adam ({@link #adam(double)}). The rules are
 * those of {@link org.joule.runtime.optimize.GradientDescent} with a fixed step and of
 * {@link org.joule.runtime.optimize.Adam}; they are restated here because the optimisers' steps
 * evaluate a deterministic objective themselves, whereas a training loop brings a fresh
 * minibatch gradient at every step.
 */
public sealed interface ParameterUpdate {

    /**
     * Stochastic gradient descent with a fixed learning rate.
     *
     * @param learningRate a &gt; 0, finite
     * @return the update
     * @throws IllegalArgumentException naming {@code learningRate} when out of range
     */
    static ParameterUpdate sgd(double learningRate) {
        return new Sgd(learningRate);
    }

    /**
     * Adam (Kingma &amp; Ba 2015, Algorithm 1) with b1 = 0.9, b2 = 0.999, eps = 1e-8.
     *
     * @param learningRate a &gt; 0, finite
     * @return the update
     * @throws IllegalArgumentException naming {@code learningRate} when out of range
     */
    static ParameterUpdate adam(double learningRate) {
        return new Adam(learningRate, 0.9, 0.999, 1e-8);
    }

    /**
     * A fresh rule with its memory for one run.
     *
     * @param n the number of parameters
     * @return the rule
     */
    Rule newRule(int n);

    /** One run's update rule with its memory. */
    interface Rule {
        /**
         * Moves {@code w} against {@code gradient}, both of the same length.
         *
         * @param w        the parameters, updated in place
         * @param gradient the loss gradient at {@code w}
         */
        void apply(double[] w, double[] gradient);
    }

    /**
     * W &lt;- W − a g.
     *
     * @param learningRate a &gt; 0, finite
     */
    record Sgd(double learningRate) implements ParameterUpdate {
        /**
         * Checks the learning rate.
         *
         * @param learningRate a &gt; 0, finite
         */
        public Sgd {
            requirePositive(learningRate, "learningRate");
        }

        @Override
        public Rule newRule(int n) {
            return (w, g) -> {
                for (int i = 0; i < w.length; i++) {
                    w[i] -= learningRate * g[i];
                }
            };
        }
    }

    /**
     * Adam: m &lt;- b1 m + (1 − b1) g, v &lt;- b2 v + (1 − b2) g², W &lt;- W − a m̂ / (√v̂ + eps)
     * with the bias corrections m̂ = m / (1 − b1^t), v̂ = v / (1 − b2^t).
     *
     * @param learningRate a &gt; 0, finite
     * @param beta1        decay of the first moment, 0 &lt;= b1 &lt; 1
     * @param beta2        decay of the second moment, 0 &lt;= b2 &lt; 1
     * @param epsilon      eps &gt; 0, finite
     */
    record Adam(double learningRate, double beta1, double beta2, double epsilon) implements ParameterUpdate {
        /**
         * Checks the constants.
         *
         * @param learningRate a &gt; 0, finite
         * @param beta1        0 &lt;= b1 &lt; 1
         * @param beta2        0 &lt;= b2 &lt; 1
         * @param epsilon      eps &gt; 0, finite
         */
        public Adam {
            requirePositive(learningRate, "learningRate");
            requirePositive(epsilon, "epsilon");
            if (!(beta1 >= 0 && beta1 < 1)) {
                throw new IllegalArgumentException("beta1 is " + beta1 + "; expected 0 <= beta1 < 1");
            }
            if (!(beta2 >= 0 && beta2 < 1)) {
                throw new IllegalArgumentException("beta2 is " + beta2 + "; expected 0 <= beta2 < 1");
            }
        }

        @Override
        public Rule newRule(int n) {
            double[] m = new double[n];
            double[] v = new double[n];
            double[] powers = {1, 1};
            return (w, g) -> {
                powers[0] *= beta1;
                powers[1] *= beta2;
                for (int i = 0; i < n; i++) {
                    m[i] = beta1 * m[i] + (1 - beta1) * g[i];
                    v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
                    double mHat = m[i] / (1 - powers[0]);
                    double vHat = v[i] / (1 - powers[1]);
                    w[i] -= learningRate * mHat / (Math.sqrt(vHat) + epsilon);
                }
            };
        }
    }

    private static void requirePositive(double value, String name) {
        if (!(value > 0) || value == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException(name + " is " + value + "; expected a finite number > 0");
        }
    }
}
