package org.joule.samples;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.joule.runtime.EnergyFunction;
import org.joule.runtime.optimize.IterationListener;
import org.joule.runtime.optimize.Lbfgs;
import org.joule.runtime.optimize.OptimizationResult;
import org.joule.runtime.optimize.Optimizer;
import org.joule.runtime.optimize.StopReason;
import org.joule.runtime.optimize.StoppingRules;

/**
 * Soft K-means by deterministic annealing: gradient-based minimisation of the data free energy
 * L_β(W) = Σ_i F_β(y_i; W), F_β(y; W) = −(1/β) log Σ_j exp(−β ||y − w_j||²), the K-means
 * energy E(y, z; W) = ||y − Wᵀ z||² marginalised over its one-hot latent z
 * ({@link KMeansEnergy#dataFreeEnergy}: built by {@code FreeEnergy}, compiled, summed over
 * the data by {@code Batch}), while β grows along an {@link Annealing} schedule.
 *
 * <p>The algorithm (Rose 1998, section III):
 * <ol>
 *   <li>W ← k-means++ prototypes from the seed (Arthur &amp; Vassilvitskii 2007);</li>
 *   <li>for each β of the schedule: add to every coordinate of W a Gaussian perturbation of
 *       standard deviation {@code perturbation} · s (s² the mean squared distance of the data to
 *       their mean; default 1e−3), so that prototypes merged at a smaller β can split once β
 *       passes their critical value instead of resting on the saddle point where the gradient
 *       vanishes; then minimise L_β over W with the optimiser (default {@link Lbfgs}) from the
 *       current W, stopping at gradient inf-norm 1e−9 · n · s (the gradient of L is a sum of n
 *       terms of size about s), relative change 1e−12 or 500 iterations;</li>
 *   <li>finish with a hard step: {@link HardKMeans#descend} from the annealed prototypes
 *       (argmin assignments, re-centring until no assignment changes), so that the WCSS is
 *       that of a hard clustering and compares with any K-means.</li>
 * </ol>
 * The gradient of L_β with respect to w_j is Σ_i P(z_j | y_i) 2 (w_j − y_i), the posterior mean
 * of ∂E/∂W, so a stationary point puts each prototype at the posterior-weighted mean of the
 * data (Rose's centroid condition); as β → ∞ the posterior becomes the hard assignment.
 *
 * <p>Deterministic: the same data, seed and settings give the same bits for any thread count
 * (the perturbations come from {@code new SplittableRandom(seed)}, the sums from Batch).
 * Immutable.
 *
 * <pre>{@code
 * SoftKMeans.Result r = new SoftKMeans(12).seed(7).threads(2).fit(points);
 * System.out.println(r.clustering().wcss() + " (annealed: " + r.annealedWcss() + ")");
 * }</pre>
 *
 * <p>References: K. Rose, "Deterministic annealing for clustering, compression,
 * classification, regression, and related optimization problems", Proc. IEEE 86(11), 1998;
 * Y. LeCun, S. Chopra, R. Hadsell, M. Ranzato and F. J. Huang, "A tutorial on energy-based
 * learning", 2006 (the free energy of a latent-variable model and its loss); D. Arthur and
 * S. Vassilvitskii, "k-means++: the advantages of careful seeding", SODA 2007.
 */
public final class SoftKMeans {
    /** The default relative size of the per-stage perturbation. */
    public static final double DEFAULT_PERTURBATION = 1e-3;

    private final int k;
    private final long seed;
    private final int threads;
    private final Annealing annealing;
    private final Optimizer optimizer;
    private final double perturbation;
    private final IterationListener listener;
    private final int restarts;

    /**
     * One stage of the schedule.
     *
     * @param beta        the inverse temperature
     * @param freeEnergy  L_β(W) at the end of the stage
     * @param iterations  the optimiser's iterations
     * @param evaluations its value-and-gradient evaluations of L_β (each a pass over the data)
     * @param stopped     why it stopped
     */
    public record Stage(double beta, double freeEnergy, int iterations, int evaluations, StopReason stopped) {
    }

    /**
     * What soft K-means returns.
     *
     * @param clustering   the hard clustering after the final hard step
     * @param annealedWcss the WCSS of the nearest-prototype assignment at the annealed prototypes,
     *                     before the hard step
     * @param stages       one record per β of the schedule, in order
     */
    public record Result(Clustering clustering, double annealedWcss, List<Stage> stages) {
        /**
         * Copies the stages.
         *
         * @param clustering   the hard clustering
         * @param annealedWcss the WCSS before the hard step
         * @param stages       the stages
         */
        public Result {
            stages = List.copyOf(stages);
        }
    }

    /**
     * Soft K-means with k prototypes, seed 1, one thread, the schedule
     * {@link Annealing#scaledTo} the data, L-BFGS and no listener.
     *
     * @param k the number of prototypes, 1 or more (at most the number of points, checked by {@link #fit})
     * @throws IllegalArgumentException naming k when it is below 1
     */
    public SoftKMeans(int k) {
        this(k, 1, 1, null, new Lbfgs(), DEFAULT_PERTURBATION, IterationListener.NONE, 1);
    }

    private SoftKMeans(int k, long seed, int threads, Annealing annealing, Optimizer optimizer, double perturbation,
            IterationListener listener, int restarts) {
        if (k < 1) {
            throw new IllegalArgumentException("k = " + k + ": need at least one prototype");
        }
        HardKMeans.positive("threads", threads);
        HardKMeans.positive("restarts", restarts);
        if (optimizer == null || listener == null) {
            throw new IllegalArgumentException((optimizer == null ? "optimizer" : "listener") + " is null");
        }
        if (!(perturbation >= 0) || !Double.isFinite(perturbation)) {
            throw new IllegalArgumentException("perturbation = " + perturbation + ": need a finite number >= 0");
        }
        this.k = k;
        this.seed = seed;
        this.threads = threads;
        this.annealing = annealing;
        this.optimizer = optimizer;
        this.perturbation = perturbation;
        this.listener = listener;
        this.restarts = restarts;
    }

    /**
     * The same settings with another seed (k-means++ and the perturbations).
     *
     * @param seed the seed
     * @return new settings
     */
    public SoftKMeans seed(long seed) {
        return new SoftKMeans(k, seed, threads, annealing, optimizer, perturbation, listener, restarts);
    }

    /**
     * The same settings with another thread count for the sums over the data.
     *
     * @param threads 1 or more; the result does not depend on it
     * @return new settings
     * @throws IllegalArgumentException naming threads when below 1
     */
    public SoftKMeans threads(int threads) {
        return new SoftKMeans(k, seed, threads, annealing, optimizer, perturbation, listener, restarts);
    }

    /**
     * The same settings with a given schedule instead of {@link Annealing#scaledTo} the data.
     *
     * @param annealing the schedule, not null
     * @return new settings
     * @throws IllegalArgumentException when it is null
     */
    public SoftKMeans annealing(Annealing annealing) {
        if (annealing == null) {
            throw new IllegalArgumentException("annealing schedule is null");
        }
        return new SoftKMeans(k, seed, threads, annealing, optimizer, perturbation, listener, restarts);
    }

    /**
     * The same settings with another optimiser for each stage.
     *
     * @param optimizer a minimiser from {@code org.joule.runtime.optimize}, not null
     * @return new settings
     * @throws IllegalArgumentException when it is null
     */
    public SoftKMeans optimizer(Optimizer optimizer) {
        return new SoftKMeans(k, seed, threads, annealing, optimizer, perturbation, listener, restarts);
    }

    /**
     * The same settings with another per-stage perturbation, relative to the data's spread s.
     *
     * @param perturbation finite, 0 or more; 0 turns it off
     * @return new settings
     * @throws IllegalArgumentException naming it when negative or not finite
     */
    public SoftKMeans perturbation(double perturbation) {
        return new SoftKMeans(k, seed, threads, annealing, optimizer, perturbation, listener, restarts);
    }

    /**
     * The same settings with a listener that every stage's optimiser calls after each
     * iteration (a progress bar, say).
     *
     * @param listener the listener, not null; returning false ends the stage
     * @return new settings
     * @throws IllegalArgumentException when it is null
     */
    public SoftKMeans listener(IterationListener listener) {
        return new SoftKMeans(k, seed, threads, annealing, optimizer, perturbation, listener, restarts);
    }

    /**
     * Clusters the data by annealing, then a hard step.
     *
     * @param data the points, one row each, all of one length d, finite, not all equal
     *             unless a schedule is given
     * @return the clustering, the WCSS before the hard step and the stages
     * @throws IllegalArgumentException naming the culprit: no data, a row of another length
     *         than row 0, a coordinate that is not finite, k greater than the number of points
     * @throws IllegalStateException when the free energy or its gradient becomes non-finite
     *         during a stage, with the optimiser's message
     */
    public Result fit(double[][] data) {
        double[] rows = KMeansEnergy.rows(data, 0);
        KMeansPlusPlus.checkK(k, data.length);
        int d = data[0].length;
        Annealing schedule = annealing != null ? annealing : Annealing.scaledTo(data);
        KMeansEnergy model = KMeansEnergy.of(k, d);
        SplittableRandom seeds = new SplittableRandom(seed);
        Result best = null;
        for (int r = 0; r < restarts; r++) {
            long s = restarts == 1 ? seed : seeds.nextLong();
            Result result = anneal(model, data, rows, schedule, s);
            if (best == null || result.clustering().wcss() < best.clustering().wcss()) {
                best = result;
            }
        }
        return best;
    }

    /** One annealing run from the k-means++ prototypes of {@code seed}, then the hard step. */
    private Result anneal(KMeansEnergy model, double[][] data, double[] rows, Annealing schedule, long seed) {
        int n = data.length;
        double s = Math.sqrt(Annealing.spread(rows, model.dimension()));
        double[] x = model.input(KMeansPlusPlus.seed(data, k, seed));
        SplittableRandom noise = new SplittableRandom(seed);
        StoppingRules rules = StoppingRules.defaults().withGradientTolerance(1e-9 * n * s).withMaxIterations(500);
        List<Stage> stages = new ArrayList<>();
        for (double beta : schedule.betas()) {
            perturb(x, model, perturbation * s, noise);
            EnergyFunction loss = model.dataFreeEnergy(beta, rows, threads);
            OptimizationResult r = optimizer.minimize(loss, x, rules, listener);
            if (r.stopReason() == StopReason.NON_FINITE) {
                throw new IllegalStateException("soft K-means at beta = " + beta + ": " + r.message());
            }
            x = r.x();
            stages.add(new Stage(beta, r.value(), r.iterations(), r.evaluations(), r.stopReason()));
        }
        double annealed = 0;
        for (double e : model.nearestEnergies(x, rows, threads)) {
            annealed += e;
        }
        Clustering hard = HardKMeans.descend(model, rows, model.prototypes(x), threads,
                HardKMeans.DEFAULT_MAX_ITERATIONS);
        return new Result(hard, annealed, stages);
    }

    /**
     * The same settings with another number of annealing runs, each from the k-means++
     * prototypes of a seed drawn by {@code new SplittableRandom(seed)}; the run of lowest final
     * WCSS wins (the first on a tie). The compiled free energies are shared by the runs.
     *
     * @param restarts 1 or more
     * @return new settings
     * @throws IllegalArgumentException naming restarts when below 1
     */
    public SoftKMeans restarts(int restarts) {
        return new SoftKMeans(k, seed, threads, annealing, optimizer, perturbation, listener, restarts);
    }

    private static void perturb(double[] x, KMeansEnergy model, double size, SplittableRandom noise) {
        if (size == 0) {
            return;
        }
        double[][] w = model.prototypes(x);
        for (double[] row : w) {
            for (int c = 0; c < row.length; c++) {
                row[c] += size * noise.nextGaussian();
            }
        }
        double[] moved = model.input(w);
        System.arraycopy(moved, 0, x, 0, x.length);
    }
}
