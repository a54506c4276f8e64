package org.joule.runtime.training;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.joule.runtime.Batch;
import org.joule.runtime.EnergyFunction;
import org.joule.runtime.Role;

/**
 * Contrastive divergence: trains the parameters W of an energy E(y; W) so that data points get
 * low energy and points the model itself would sample get high energy. The maximum-likelihood
 * gradient of the Gibbs model p(y | W) ∝ exp(−β E(y; W)) is ∂E(Y)/∂W − E_{y~p}[∂E(y)/∂W]
 * (LeCun et al. 2006, "A tutorial on energy-based learning", §2.2); contrastive divergence
 * replaces the intractable expectation by negative samples Y⁻ from a short Markov chain and
 * descends, per minibatch of data Y⁺ of size n,
 * <pre>
 *   L(W) = (1/n) Σ E(Y⁺ᵢ; W) − (1/n) Σ E(Y⁻ᵢ; W) + α (1/n) Σ (E(Y⁺ᵢ; W)² + E(Y⁻ᵢ; W)²),
 * </pre>
 * with Y⁻ held fixed while differentiating. The optional L2 term on the energy values (α ≥ 0)
 * keeps them bounded, as in Du &amp; Mordatch 2019. How Y⁻ is made is the {@link NegativePhase}:
 * <ul>
 *   <li>CD-k (Hinton 2002, "Training products of experts by minimizing contrastive divergence",
 *       Neural Computation 14(8)): k Langevin (or MALA) steps started at the minibatch's data
 *       points — the lecture's "kick and descend": kick a data point, descend the energy, push
 *       up where it lands;</li>
 *   <li>PCD (Tieleman 2008, "Training restricted Boltzmann machines using approximations to the
 *       likelihood gradient", ICML): one chain per minibatch row, started at random data rows and
 *       continued, k steps per update, across updates, so that they approach the model's
 *       distribution as W moves slowly.</li>
 * </ul>
 *
 * <p>The trainer needs two compiled views of one energy: {@code inData}, differentiated in the
 * {@link Role#DATA} coordinates y (for the Langevin dynamics), and {@code inParameters},
 * differentiated in the parameters W (for the update); their layouts must be equal. Other
 * coordinates (latents, fixed inputs) keep their values from the start array. Data rows hold the
 * DATA coordinates in layout order.
 *
 * <p>Reproducible: per update a stream is split from the seed; it draws the minibatch, and (CD)
 * one stream per negative sample is split from it in row order; PCD chains each keep a stream
 * split once at the start. Negative samples run in parallel, each alone; energy sums go through
 * {@link Batch}. The result is therefore the same bits whatever the thread count. A Langevin step
 * that lands where the energy or its gradient is not finite is refused (the chain stays put).
 * Example:
 * <pre>{@code
 * ContrastiveDivergence cd = new ContrastiveDivergence(compiledInY, compiledInW, NegativePhase.cd(10, 0.1), 0);
 * TrainingResult r = cd.train(start, data, TrainingPlan.of(2000, 64, ParameterUpdate.adam(0.01)),
 *         TrainingListener.NONE);
 * }</pre>
 */
public final class ContrastiveDivergence {
    private final EnergyFunction inData;
    private final EnergyFunction inParameters;
    private final NegativePhase negatives;
    private final double regularization;
    private final int[] dataCoordinates;

    /**
     * A trainer over two views of one energy.
     *
     * @param inData         the energy differentiated in exactly its DATA coordinates, in layout order
     * @param inParameters   the same energy differentiated in the parameters (no DATA coordinate)
     * @param negatives      how negative samples are made
     * @param regularization α &gt;= 0, finite: weight of the L2 term on the energy values
     * @throws IllegalArgumentException naming the culprit: a null argument, layouts that differ,
     *     a data view not differentiated in exactly the DATA coordinates, a parameter view
     *     differentiated in none or in a data coordinate, α out of range
     */
    public ContrastiveDivergence(EnergyFunction inData, EnergyFunction inParameters, NegativePhase negatives,
            double regularization) {
        this.inData = Inputs.require(inData, "inData");
        this.inParameters = Inputs.require(inParameters, "inParameters");
        this.negatives = Inputs.require(negatives, "negatives");
        String a = inData.layout().toSpec();
        String b = inParameters.layout().toSpec();
        if (!a.equals(b)) {
            throw new IllegalArgumentException("layout mismatch: inData has " + inData.layout()
                    + " but inParameters has " + inParameters.layout());
        }
        this.dataCoordinates = Inputs.coordinates(inData, Role.DATA);
        if (dataCoordinates.length == 0) {
            throw new IllegalArgumentException("the energy has no DATA variable: " + inData.layout());
        }
        if (!Arrays.equals(dataCoordinates, Inputs.wrt(inData))) {
            throw new IllegalArgumentException("inData must differentiate in exactly the DATA coordinates "
                    + Inputs.names(inData, dataCoordinates) + ", in layout order; it differentiates in "
                    + Inputs.names(inData, Inputs.wrt(inData)));
        }
        Inputs.requireParameterView(inParameters, dataCoordinates, "inParameters");
        if (!(regularization >= 0) || regularization == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("regularization is " + regularization
                    + "; expected a finite number >= 0");
        }
        this.regularization = regularization;
    }

    /**
     * The number of numbers per data row: the DATA coordinates of the layout.
     *
     * @return the data dimension
     */
    public int dataDimension() {
        return dataCoordinates.length;
    }

    /**
     * Trains the parameters.
     *
     * @param start    the full layout array: the initial parameters (and fixed coordinates);
     *                 its DATA coordinates are ignored; not modified
     * @param data     data rows one after another, {@link #dataDimension()} finite numbers each,
     *                 at least one row; not modified
     * @param plan     steps, minibatch size, update rule, seed and threads
     * @param listener called after each update
     * @return the trained layout array and the per-step losses and gradient norms
     * @throws IllegalArgumentException naming the culprit: a null argument, a start of the wrong
     *     length or with a non-finite entry, data of the wrong dimension or with a non-finite entry
     * @throws ArithmeticException naming the step and parameter when the gradient is not finite
     */
    public TrainingResult train(double[] start, double[] data, TrainingPlan plan, TrainingListener listener) {
        double[] x = Inputs.start(inParameters, start);
        int rows = Inputs.rows(data, dataCoordinates.length);
        Inputs.require(plan, "plan");
        Inputs.require(listener, "listener");
        SplittableRandom root = new SplittableRandom(plan.seed());
        Phase phase = new Phase(data, rows, plan, root.split());
        return Loop.run(inParameters, x, root, plan, listener, phase::lossAndGradient);
    }

    /** One run's state: the minibatch buffers and, for PCD, the persistent chains. */
    private final class Phase {
        private final double[] data;
        private final int rows;
        private final int n;
        private final int d;
        private final int threads;
        private final double[] both;
        private final double[] weights;
        private final SplittableRandom[] chainStreams;
        private final Batch batch = Batch.of(inParameters, Role.DATA);

        Phase(double[] data, int rows, TrainingPlan plan, SplittableRandom init) {
            this.data = data;
            this.rows = rows;
            this.n = plan.batchSize();
            this.d = dataCoordinates.length;
            this.threads = plan.threads();
            this.both = new double[2 * n * d];
            this.weights = new double[2 * n];
            if (negatives.persistent()) {
                chainStreams = new SplittableRandom[n];
                for (int i = 0; i < n; i++) {
                    System.arraycopy(data, init.nextInt(rows) * d, both, (n + i) * d, d);
                    chainStreams[i] = init.split();
                }
            } else {
                chainStreams = null;
            }
        }

        double lossAndGradient(SplittableRandom stream, double[] x, double[] gradient) {
            for (int i = 0; i < n; i++) {
                System.arraycopy(data, stream.nextInt(rows) * d, both, i * d, d);
            }
            SplittableRandom[] streams = chainStreams;
            if (!negatives.persistent()) {
                System.arraycopy(both, 0, both, n * d, n * d);
                streams = new SplittableRandom[n];
                for (int i = 0; i < n; i++) {
                    streams[i] = stream.split();
                }
            }
            SplittableRandom[] s = streams;
            Workers.forRanges(n, threads, (from, to) -> new Chains(x).run(both, n, from, to, s));
            return weightedGradient(x, gradient);
        }

        /** ∂L/∂W as one weighted sum over the 2n rows [Y⁺; Y⁻]; returns mean E(Y⁺) − mean E(Y⁻). */
        private double weightedGradient(double[] x, double[] gradient) {
            if (regularization == 0) {
                Arrays.fill(weights, 0, n, 1.0 / n);
                Arrays.fill(weights, n, 2 * n, -1.0 / n);
                return batch.weightedValueAndGradientSum(x, both, weights, gradient, threads);
            }
            double[] e = batch.values(x, both, threads);
            double loss = 0;
            for (int i = 0; i < 2 * n; i++) {
                double sign = i < n ? 1 : -1;
                weights[i] = (sign + 2 * regularization * e[i]) / n;
                loss += sign * e[i] / n;
            }
            batch.weightedValueAndGradientSum(x, both, weights, gradient, threads);
            return loss;
        }
    }

    /** Langevin / MALA moves of negative samples in y, with one range's scratch arrays. */
    private final class Chains {
        private final double[] xl;
        private final double[] q;
        private final double[] g;
        private final double[] p;
        private final double[] q1;
        private final double[] g1;

        Chains(double[] x) {
            int d = dataCoordinates.length;
            xl = x.clone();
            q = new double[d];
            g = new double[d];
            p = new double[d];
            q1 = new double[d];
            g1 = new double[d];
        }

        /** Moves rows n + from .. n + to − 1 of {@code both}, k steps each, with their own streams. */
        void run(double[] both, int n, int from, int to, SplittableRandom[] streams) {
            int d = dataCoordinates.length;
            for (int i = from; i < to; i++) {
                int base = (n + i) * d;
                System.arraycopy(both, base, q, 0, d);
                walk(streams[i]);
                System.arraycopy(q, 0, both, base, d);
            }
        }

        /**
         * k steps from q: p = ξ − (ε/2) ∇U(q), q' = q + ε p, that is
         * q' = q − (ε²/2) ∇U(q) + ε ξ with U = β E; MALA accepts with probability
         * exp(H(q, ξ) − H(q', p')), p' = p − (ε/2) ∇U(q') (one leapfrog step, Neal 2011 §5.5.3).
         */
        private void walk(SplittableRandom random) {
            double eps = negatives.stepSize();
            double u = potential(q, g);
            int d = q.length;
            for (int step = 0; step < negatives.k(); step++) {
                double kinetic0 = 0;
                for (int j = 0; j < d; j++) {
                    double xi = random.nextGaussian();
                    kinetic0 += 0.5 * xi * xi;
                    p[j] = xi - 0.5 * eps * g[j];
                    q1[j] = q[j] + eps * p[j];
                }
                double u1 = potential(q1, g1);
                if (!accept(random, u, kinetic0, u1)) {
                    continue;
                }
                System.arraycopy(q1, 0, q, 0, d);
                System.arraycopy(g1, 0, g, 0, d);
                u = u1;
            }
        }

        private boolean accept(SplittableRandom random, double u, double kinetic0, double u1) {
            if (!Double.isFinite(u1)) {
                return false;
            }
            for (double v : g1) {
                if (!Double.isFinite(v)) {
                    return false;
                }
            }
            if (!negatives.metropolis()) {
                return true;
            }
            double eps = negatives.stepSize();
            double kinetic1 = 0;
            for (int j = 0; j < p.length; j++) {
                double pj = p[j] - 0.5 * eps * g1[j];
                kinetic1 += 0.5 * pj * pj;
            }
            return Math.log(random.nextDouble()) < (u + kinetic0) - (u1 + kinetic1);
        }

        /** U = β E at y = q, and ∇U into {@code grad}; +∞ where the energy is not finite. */
        private double potential(double[] at, double[] grad) {
            for (int j = 0; j < at.length; j++) {
                xl[dataCoordinates[j]] = at[j];
            }
            double beta = negatives.beta();
            double e = inData.valueAndGradient(xl, grad);
            for (int j = 0; j < grad.length; j++) {
                grad[j] *= beta;
            }
            return Double.isFinite(e) ? beta * e : Double.POSITIVE_INFINITY;
        }
    }
}
