package org.joule.runtime.optimize;

import org.joule.runtime.Checks;
import org.joule.runtime.EnergyFunction;

/**
 * The loop every optimiser runs: check the input, evaluate the start, then step, report and
 * test the stopping rules until one holds. A {@link Stop} thrown by a step (evaluation limit,
 * non-finite number, failed line search) ends the run at the last accepted iterate, with the
 * iteration named in the message.
 */
final class Driver {
    private final Objective objective;
    private final StoppingRules rules;
    private final IterationListener listener;
    private final Step step;
    private final Iterate it;
    private final double[] previousU;
    private final double[] listenerX;
    private double value;
    private double gradientNorm;
    private int iterations;

    private Driver(Objective objective, StoppingRules rules, IterationListener listener, Step step, double[] u) {
        this.objective = objective;
        this.rules = rules;
        this.listener = listener;
        this.step = step;
        this.it = new Iterate(u);
        this.previousU = new double[u.length];
        this.listenerX = objective.full(u);
    }

    static OptimizationResult run(EnergyFunction energy, double[] start, StoppingRules rules,
            IterationListener listener, Optimizer optimizer) {
        checkArguments(energy, start, rules, listener);
        Objective objective = new Objective(energy, start, rules.maxEvaluations());
        double[] u = objective.gather(start);
        Driver driver = new Driver(objective, rules, listener, optimizer.newStep(u.length), u);
        return driver.loop();
    }

    /** The argument checks of every optimiser, the Commons Math one included. */
    static void checkArguments(EnergyFunction energy, double[] start, StoppingRules rules, IterationListener listener) {
        if (energy == null) {
            throw new IllegalArgumentException("energy is null");
        }
        Checks.length(start, energy.layout().size(), "start");
        if (rules == null) {
            throw new IllegalArgumentException("rules is null; use StoppingRules.defaults()");
        }
        if (listener == null) {
            throw new IllegalArgumentException("listener is null; use IterationListener.NONE");
        }
        for (int i = 0; i < start.length; i++) {
            if (!Double.isFinite(start[i])) {
                throw new IllegalArgumentException("start coordinate '" + energy.layout().coordinateName(i)
                        + "' is " + start[i] + "; expected a finite number");
            }
        }
    }

    private OptimizationResult loop() {
        try {
            it.energy = objective.valueAndGradient(it.u, it.gradient);
        } catch (Stop s) {
            throw new IllegalArgumentException("at the start: " + s.getMessage());
        }
        value = it.energy + step.penalty(it.u);
        gradientNorm = step.gradientNorm(it);
        if (gradientNorm <= rules.gradientTolerance()) {
            return result(StopReason.GRADIENT_TOLERANCE, "gradient inf-norm " + gradientNorm + " <= "
                    + rules.gradientTolerance() + " at the start");
        }
        while (true) {
            if (iterations >= rules.maxIterations()) {
                return result(StopReason.MAX_ITERATIONS, iterations + " iterations done");
            }
            int k = iterations + 1;
            Vectors.copy(it.u, previousU);
            double previousValue = value;
            double previousEnergy = it.energy;
            try {
                step.advance(it, objective);
            } catch (Stop s) {
                Vectors.copy(previousU, it.u);
                it.energy = previousEnergy;
                return result(s.reason, s.getMessage() + " at iteration " + k);
            }
            iterations = k;
            value = it.energy + step.penalty(it.u);
            gradientNorm = step.gradientNorm(it);
            boolean goOn = listener.iterationDone(k, objective.full(it.u, listenerX), value, gradientNorm);
            StringBuilder message = new StringBuilder();
            StopReason reason = rules.convergence(gradientNorm, previousValue, value, previousU, it.u, message);
            if (reason != null) {
                return result(reason, message.append(" at iteration ").append(k).toString());
            }
            if (!goOn) {
                return result(StopReason.LISTENER, "the listener asked to stop at iteration " + k);
            }
        }
    }

    private OptimizationResult result(StopReason reason, String message) {
        return new OptimizationResult(objective.full(it.u), value, gradientNorm, iterations,
                objective.evaluations(), objective.hessianVectorProducts(), reason, message);
    }
}
