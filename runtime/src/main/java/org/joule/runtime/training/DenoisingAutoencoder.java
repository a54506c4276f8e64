package org.joule.runtime.training;

import java.util.SplittableRandom;
import org.joule.runtime.Batch;
import org.joule.runtime.Checks;
import org.joule.runtime.EnergyFunction;
import org.joule.runtime.Role;
import org.joule.runtime.Variable;

/**
 * The denoising autoencoder (Vincent, Larochelle, Bengio &amp; Manzagol 2008, "Extracting and
 * composing robust features with denoising autoencoders", ICML): corrupt a data point,
 * ỹ = y + σ ε with ε ~ N(0, I), and train an autoencoder g_W to reconstruct it, minimising
 * E_{data, ε} ‖g_W(ỹ) − y‖². Its reconstruction energy E(y; W) = ‖g_W(y) − y‖² is then low on
 * the data manifold and grows quadratically away from it: a contrastive method in the sense of
 * LeCun et al. 2006 and of the lecture, where the corrupted points are the ones pushed up.
 *
 * <p>The trainer sees one compiled view, the loss {@code ℓ(ỹ, y; W)} (for example
 * ‖g_W(ỹ) − y‖²) with two {@link Role#DATA} variables of equal size, the corrupted input and the
 * clean target, differentiated in the parameters. Each update draws a minibatch of data rows
 * (uniformly, with replacement) and fresh noise from a stream split from the seed, in row order
 * on the calling thread, and sums the loss through {@link Batch}; so the result is the same bits
 * whatever the thread count. The reported loss is the minibatch mean of ℓ; the gradient its mean
 * gradient. {@link #reconstructionEnergy(double[], double[])} evaluates the same view with
 * ỹ = y.
 */
public final class DenoisingAutoencoder {
    private final EnergyFunction loss;
    private final Variable corrupted;
    private final Variable clean;
    private final double noise;
    private final Batch batch;

    /**
     * A trainer for the loss ℓ(ỹ, y; W).
     *
     * @param loss      the loss, differentiated in the parameters (no coordinate of the two
     *                  DATA variables)
     * @param corrupted the name of the DATA variable that receives ỹ
     * @param clean     the name of the DATA variable that receives y, of the same size
     * @param noise     σ &gt; 0, finite: the corruption's standard deviation
     * @throws IllegalArgumentException naming the culprit: a null argument, an unknown variable, a
     *     variable that is not DATA, sizes that differ, a loss differentiated in none of the
     *     parameters or in a data coordinate, σ out of range
     */
    public DenoisingAutoencoder(EnergyFunction loss, String corrupted, String clean, double noise) {
        this.loss = Inputs.require(loss, "loss");
        this.corrupted = dataVariable(loss, Inputs.require(corrupted, "corrupted"));
        this.clean = dataVariable(loss, Inputs.require(clean, "clean"));
        if (corrupted.equals(clean)) {
            throw new IllegalArgumentException("corrupted and clean are the same variable '" + clean + "'");
        }
        if (this.corrupted.size() != this.clean.size()) {
            throw new IllegalArgumentException("corrupted '" + corrupted + "' has " + this.corrupted.size()
                    + " coordinates but clean '" + clean + "' has " + this.clean.size());
        }
        int d = this.clean.size();
        int[] data = new int[2 * d];
        for (int k = 0; k < d; k++) {
            data[k] = this.corrupted.offset() + k;
            data[d + k] = this.clean.offset() + k;
        }
        Inputs.requireParameterView(loss, data, "loss");
        if (!(noise > 0) || noise == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("noise is " + noise + "; expected a finite number > 0");
        }
        this.noise = noise;
        this.batch = Batch.byVariables(loss, corrupted, clean);
    }

    private static Variable dataVariable(EnergyFunction f, String name) {
        Variable v = f.layout().variable(name);
        if (v.role() != Role.DATA) {
            throw new IllegalArgumentException("variable '" + name + "' has role " + v.role() + "; expected DATA");
        }
        return v;
    }

    /**
     * The number of numbers per data row: the size of the clean variable.
     *
     * @return the data dimension
     */
    public int dataDimension() {
        return clean.size();
    }

    /**
     * The reconstruction energy E(y; W) = ℓ(y, y; W) at the parameters in {@code x}.
     *
     * @param x the full layout array (its two data variables are ignored); not modified
     * @param y a point, {@link #dataDimension()} numbers
     * @return the loss with ỹ = y
     * @throws IllegalArgumentException naming {@code x} or {@code y} when null or of the wrong length
     */
    public double reconstructionEnergy(double[] x, double[] y) {
        double[] xl = Checks.length(x, loss.layout().size(), "x").clone();
        Checks.length(y, clean.size(), "y");
        System.arraycopy(y, 0, xl, corrupted.offset(), y.length);
        System.arraycopy(y, 0, xl, clean.offset(), y.length);
        return loss.value(xl);
    }

    /**
     * Trains the parameters.
     *
     * @param start    the full layout array with the initial parameters; its two data variables
     *                 are ignored; not modified
     * @param data     clean data rows one after another, {@link #dataDimension()} finite numbers
     *                 each, at least one row; not modified
     * @param plan     steps, minibatch size, update rule, seed and threads
     * @param listener called after each update
     * @return the trained layout array and the per-step losses and gradient norms
     * @throws IllegalArgumentException naming the culprit: a null argument, a start of the wrong
     *     length or with a non-finite entry, data of the wrong dimension or with a non-finite entry
     * @throws ArithmeticException naming the step and parameter when the gradient is not finite
     */
    public TrainingResult train(double[] start, double[] data, TrainingPlan plan, TrainingListener listener) {
        double[] x = Inputs.start(loss, start);
        int d = clean.size();
        int rows = Inputs.rows(data, d);
        Inputs.require(plan, "plan");
        Inputs.require(listener, "listener");
        int n = plan.batchSize();
        // Batch rows hold the two variables in layout order
        int noisyAt = corrupted.offset() < clean.offset() ? 0 : d;
        int cleanAt = d - noisyAt;
        double[] pairs = new double[2 * d * n];
        return Loop.run(loss, x, new SplittableRandom(plan.seed()), plan, listener, (stream, at, gradient) -> {
            for (int i = 0; i < n; i++) {
                int row = stream.nextInt(rows) * d;
                int base = 2 * d * i;
                for (int k = 0; k < d; k++) {
                    double y = data[row + k];
                    pairs[base + cleanAt + k] = y;
                    pairs[base + noisyAt + k] = y + noise * stream.nextGaussian();
                }
            }
            double sum = batch.valueAndGradientSum(at, pairs, gradient, plan.threads());
            for (int j = 0; j < gradient.length; j++) {
                gradient[j] /= n;
            }
            return sum / n;
        });
    }
}
