package org.joule.runtime.training;

import java.util.SplittableRandom;
import org.joule.runtime.EnergyFunction;

/**
 * The loop every trainer shares: per step, split a stream from the root, let the trainer
 * compute the minibatch loss and gradient in the parameters, check them, update, report.
 */
final class Loop {

    /** One trainer's minibatch loss and gradient. */
    interface Phase {
        /**
         * Writes the minibatch gradient in the parameter view's wrt coordinates and returns the
         * loss estimate; {@code x} holds the current parameters and must not be modified.
         */
        double lossAndGradient(SplittableRandom stepStream, double[] x, double[] gradient);
    }

    private Loop() {
    }

    static TrainingResult run(EnergyFunction inParameters, double[] x, SplittableRandom root, TrainingPlan plan,
            TrainingListener listener, Phase phase) {
        int m = inParameters.wrtLength();
        double[] w = new double[m];
        for (int j = 0; j < m; j++) {
            w[j] = x[inParameters.wrt(j)];
        }
        ParameterUpdate.Rule rule = plan.update().newRule(m);
        double[] g = new double[m];
        double[] losses = new double[plan.steps()];
        double[] norms = new double[plan.steps()];
        int step = 0;
        while (step < plan.steps()) {
            double loss = phase.lossAndGradient(root.split(), x, g);
            double norm = norm(g);
            requireFinite(inParameters, step + 1, loss, g);
            rule.apply(w, g);
            for (int j = 0; j < m; j++) {
                x[inParameters.wrt(j)] = w[j];
            }
            losses[step] = loss;
            norms[step] = norm;
            step++;
            if (!listener.stepDone(step, x, loss, norm)) {
                break;
            }
        }
        return new TrainingResult(x, step, losses, norms);
    }

    private static void requireFinite(EnergyFunction f, int step, double loss, double[] g) {
        for (int j = 0; j < g.length; j++) {
            if (!Double.isFinite(g[j])) {
                throw new ArithmeticException("step " + step + ": the loss gradient in '"
                        + f.layout().coordinateName(f.wrt(j)) + "' is " + g[j]
                        + "; lower the learning rate or the step size, or regularise the energy");
            }
        }
        if (!Double.isFinite(loss)) {
            throw new ArithmeticException("step " + step + ": the loss estimate is " + loss);
        }
    }

    static double norm(double[] v) {
        double s = 0;
        for (double e : v) {
            s += e * e;
        }
        return Math.sqrt(s);
    }
}
