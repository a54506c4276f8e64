package org.joule.runtime.sampling;

import java.util.SplittableRandom;
import org.joule.runtime.EnergyFunction;

/**
 * One chain of a run: warm-up with adaptation, then the kept draws. Everything a transition
 * touches is allocated before the first iteration; the loop allocates nothing.
 */
final class Chain {
    private final int index;
    private final EnergyFunction energy;
    private final double[] start;
    private final SamplingPlan plan;
    private final Sampler sampler;
    private final SplittableRandom random;
    private final SamplingListener listener;

    /** What a finished chain hands back: its draws (draw-major), energies and statistics. */
    record Output(double[] draws, double[] energies, ChainStatistics statistics) {
    }

    Chain(int index, EnergyFunction energy, double[] start, SamplingPlan plan, Sampler sampler,
            SplittableRandom random, SamplingListener listener) {
        this.index = index;
        this.energy = energy;
        this.start = start;
        this.plan = plan;
        this.sampler = sampler;
        this.random = random;
        this.listener = listener;
    }

    Output run() {
        Hamiltonian h = new Hamiltonian(energy, start, plan.beta());
        int n = h.dimension();
        Point current = new Point(n);
        Point scratch = new Point(n);
        h.startPosition(start, current.q);
        h.evaluate(current);
        Transition transition = sampler.newTransition(h);
        Adaptation adaptation = sampler.adaptation();
        int warmup = plan.warmup();
        int draws = plan.draws();
        DualAveraging dual = adaptation.stepSize() && warmup > 0
                ? new DualAveraging(adaptation.targetAcceptance()) : null;
        MetricWindows metric = adaptation.metric() && warmup >= 20 ? new MetricWindows(n, warmup) : null;
        double epsilon = sampler.stepSize();
        if (dual != null) {
            epsilon = initialStepSize(h, current, scratch, epsilon);
            dual.restart(epsilon);
        }
        double[] kept = new double[draws * n];
        double[] energies = new double[draws];
        long warmupGradients = h.gradientEvaluations;
        int warmupDivergences = 0;
        int divergences = 0;
        int saturations = 0;
        double acceptanceSum = 0;
        for (int it = 0; it < warmup + draws; it++) {
            transition.next(current, epsilon, random);
            if (it < warmup) {
                warmupDivergences += transition.divergent ? 1 : 0;
                if (dual != null) {
                    epsilon = dual.learn(transition.acceptance);
                }
                if (metric != null && metric.learn(current.q, h.inverseMetric)) {
                    h.metricChanged();
                    if (dual != null) {
                        epsilon = initialStepSize(h, current, scratch, epsilon);
                        dual.restart(epsilon);
                    }
                }
                if (it == warmup - 1 && dual != null && dual.learned()) {
                    epsilon = dual.averaged();
                }
                warmupGradients = h.gradientEvaluations;
            } else {
                int d = it - warmup;
                System.arraycopy(current.q, 0, kept, d * n, n);
                energies[d] = h.energyOf(current.potential);
                divergences += transition.divergent ? 1 : 0;
                saturations += transition.saturated ? 1 : 0;
                acceptanceSum += transition.acceptance;
            }
            listener.iterationDone(index, it + 1, it < warmup, current.q, h.energyOf(current.potential));
        }
        ChainStatistics stats = new ChainStatistics(index, acceptanceSum / draws, divergences, warmupDivergences,
                h.gradientEvaluations - warmupGradients, warmupGradients, epsilon, h.inverseMetric, saturations);
        return new Output(kept, energies, stats);
    }

    /**
     * Stan's heuristic for a starting step size (Hoffman &amp; Gelman 2014, Algorithm 4): from
     * the chain's state, one leapfrog step with a fresh momentum; double ε while the
     * Metropolis probability exceeds 0.8, or halve it while it does not, until that flips.
     */
    private double initialStepSize(Hamiltonian h, Point current, Point z, double epsilon) {
        double logTarget = Math.log(0.8);
        int direction = 0;
        double eps = epsilon;
        for (int i = 0; i < 200; i++) {
            z.copyPositionFrom(current);
            h.sampleMomentum(z.p, random);
            double h0 = h.hamiltonian(z);
            h.leapfrog(z, eps);
            boolean high = h0 - h.hamiltonian(z) > logTarget;
            if (direction == 0) {
                direction = high ? 1 : -1;
                continue;
            }
            if (direction == 1 != high) {
                break;
            }
            double next = direction == 1 ? 2 * eps : 0.5 * eps;
            if (next > 1e7 || next < 1e-300) {
                break;
            }
            eps = next;
        }
        return eps;
    }
}
