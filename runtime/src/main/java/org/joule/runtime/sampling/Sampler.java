package org.joule.runtime.sampling;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import org.joule.runtime.Checks;
import org.joule.runtime.EnergyFunction;

/**
 * A Markov chain Monte Carlo sampler of the Gibbs density p(y) ∝ exp(−β E(y)) over an
 * energy's wrt coordinates; every other coordinate of the layout keeps its value from the start
 * array, so the same code samples the latents z of E(x, y, z) with the data fixed, or y with the
 * parameters fixed. Instances are immutable and thread-safe.
 *
 * <p>A run starts every chain from the same start array, warms up (adapting what the sampler's
 * {@link Adaptation} says), then keeps {@link SamplingPlan#draws()} draws per chain. Chains run
 * as tasks on an executor (the common fork-join pool by default); chain c's random stream is the
 * c-th {@link SplittableRandom#split()} of {@code new SplittableRandom(seed)}, taken in order on
 * the calling thread, so the result is the same bits whatever the executor and thread count.
 * Example:
 * <pre>{@code
 * SamplingResult r = new Nuts().sample(energy, start, SamplingPlan.defaults().withSeed(7));
 * Summary s = r.summary(0);   // mean, sd, quantiles, bulk ESS, R-hat of the first coordinate
 * }</pre>
 */
public abstract sealed class Sampler permits Langevin, Mala, Hmc, Nuts {

    Sampler() {
    }

    /** The step size the run starts with. */
    abstract double stepSize();

    /** What warm-up tunes. */
    abstract Adaptation adaptation();

    /** A fresh transition, with its scratch, for one chain. */
    abstract Transition newTransition(Hamiltonian hamiltonian);

    /**
     * Samples with the common fork-join pool and no listener.
     *
     * @param energy the energy; sampled over its wrt coordinates
     * @param start  the full layout array every chain starts from, length
     *               {@code energy.layout().size()}; not modified
     * @param plan   β, chains, warm-up, draws and seed
     * @return the draws and their diagnostics
     * @throws IllegalArgumentException naming the culprit as {@link #sample(EnergyFunction,
     *     double[], SamplingPlan, Executor, SamplingListener)} says
     */
    public final SamplingResult sample(EnergyFunction energy, double[] start, SamplingPlan plan) {
        return sample(energy, start, plan, ForkJoinPool.commonPool(), SamplingListener.NONE);
    }

    /**
     * Samples p(y) ∝ exp(−β E(y)) over the energy's wrt coordinates.
     *
     * @param energy   the energy; sampled over its wrt coordinates, thread-safe as
     *                 {@link EnergyFunction} promises
     * @param start    the full layout array every chain starts from, length
     *                 {@code energy.layout().size()}; not modified
     * @param plan     β, chains, warm-up, draws and seed
     * @param executor runs one task per chain, for example {@link ForkJoinPool#commonPool()} or a
     *                 fixed thread pool; it does not change the result
     * @param listener called after every iteration of every chain, from the chains' threads
     * @return the draws and their diagnostics
     * @throws IllegalArgumentException naming the culprit when an argument is null, the energy has
     *     no wrt coordinates, the start has the wrong length or a non-finite coordinate, or the
     *     energy or a gradient entry is not finite at the start
     */
    public final SamplingResult sample(EnergyFunction energy, double[] start, SamplingPlan plan, Executor executor,
            SamplingListener listener) {
        require(energy, "energy");
        require(plan, "plan");
        require(executor, "executor");
        require(listener, "listener");
        double[] x0 = checkStart(energy, start, plan.beta());
        SplittableRandom root = new SplittableRandom(plan.seed());
        List<CompletableFuture<Chain.Output>> tasks = new ArrayList<>();
        for (int c = 0; c < plan.chains(); c++) {
            Chain chain = new Chain(c, energy, x0, plan, this, root.split(), listener);
            tasks.add(CompletableFuture.supplyAsync(chain::run, executor));
        }
        List<Chain.Output> outputs = new ArrayList<>();
        for (CompletableFuture<Chain.Output> task : tasks) {
            try {
                outputs.add(task.join());
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw e;
            }
        }
        String[] names = new String[energy.wrtLength()];
        for (int k = 0; k < names.length; k++) {
            names[k] = energy.layout().coordinateName(energy.wrt(k));
        }
        return new SamplingResult(names, plan, outputs);
    }

    private static double[] checkStart(EnergyFunction energy, double[] start, double beta) {
        int n = energy.wrtLength();
        if (n == 0) {
            throw new IllegalArgumentException("energy has no wrt coordinates to sample");
        }
        Checks.length(start, energy.layout().size(), "start");
        for (int i = 0; i < start.length; i++) {
            if (!Double.isFinite(start[i])) {
                throw new IllegalArgumentException("start coordinate '" + energy.layout().coordinateName(i) + "' is "
                        + start[i] + "; expected a finite number");
            }
        }
        double[] x0 = start.clone();
        double[] g = new double[n];
        double e = energy.valueAndGradient(x0, g);
        if (!Double.isFinite(e) || !Double.isFinite(beta * e)) {
            throw new IllegalArgumentException("energy at the start is " + e + (Double.isFinite(e) ? " (beta * energy "
                    + beta * e + ")" : "") + "; expected a finite number");
        }
        for (int k = 0; k < n; k++) {
            if (!Double.isFinite(g[k]) || !Double.isFinite(beta * g[k])) {
                throw new IllegalArgumentException("gradient entry for '" + energy.layout().coordinateName(energy.wrt(k))
                        + "' at the start is " + g[k] + "; expected a finite number");
            }
        }
        return x0;
    }

    private static void require(Object o, String name) {
        if (o == null) {
            throw new IllegalArgumentException(name + " is null");
        }
    }

    /** Checks a step size: finite and &gt; 0. */
    static double requireStepSize(double stepSize) {
        if (!(stepSize > 0) || stepSize == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("stepSize is " + stepSize + "; expected a finite number > 0");
        }
        return stepSize;
    }

    /** Checks an adaptation setting for null. */
    static Adaptation requireAdaptation(Adaptation adaptation) {
        require(adaptation, "adaptation");
        return adaptation;
    }
}
