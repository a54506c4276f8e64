package org.joule.runtime.optimize;

/**
 * Gradient descent with momentum, one evaluation per iteration:
 * <ul>
 *   <li>heavy ball (Polyak 1964, "Some methods of speeding up the convergence of iteration
 *       methods"): v &lt;- mu v - a g(x), x &lt;- x + v;</li>
 *   <li>Nesterov's accelerated gradient (Nesterov 1983; in the form of Sutskever et al. 2013,
 *       "On the importance of initialization and momentum in deep learning"):
 *       v &lt;- mu v - a g(x + mu v), x &lt;- x + v. It is run in the equivalent variables
 *       x' = x + mu v (Bengio et al. 2013), x' &lt;- x' - mu v_old + (1 + mu) v, so the gradient is
 *       taken at the iterate and the reported point x' is where it was taken.</li>
 * </ul>
 * Neither is a descent method: the value may rise for a while. On a quadratic with Hessian
 * eigenvalues in [m, L], a = 4/(sqrt L + sqrt m)^2 and mu = ((sqrt L - sqrt m)/(sqrt L + sqrt m))^2
 * is the heavy ball's optimal tuning.
 */
public final class Momentum extends Optimizer {
    private final double step;
    private final double momentum;
    private final boolean nesterov;

    private Momentum(double step, double momentum, boolean nesterov) {
        this.step = requirePositive(step, "step");
        this.momentum = requireFraction(momentum, "momentum");
        this.nesterov = nesterov;
    }

    /**
     * Polyak's heavy ball.
     *
     * @param step     the step a &gt; 0, finite
     * @param momentum mu, 0 &lt;= mu &lt; 1
     * @return the optimiser
     */
    public static Momentum heavyBall(double step, double momentum) {
        return new Momentum(step, momentum, false);
    }

    /**
     * Nesterov's accelerated gradient.
     *
     * @param step     the step a &gt; 0, finite
     * @param momentum mu, 0 &lt;= mu &lt; 1
     * @return the optimiser
     */
    public static Momentum nesterov(double step, double momentum) {
        return new Momentum(step, momentum, true);
    }

    @Override
    Step newStep(int dimension) {
        double[] velocity = new double[dimension];
        return (it, f) -> {
            for (int i = 0; i < velocity.length; i++) {
                double v = momentum * velocity[i] - step * it.gradient[i];
                it.u[i] += nesterov ? (1 + momentum) * v - momentum * velocity[i] : v;
                velocity[i] = v;
            }
            it.energy = f.valueAndGradient(it.u, it.gradient);
        };
    }
}
