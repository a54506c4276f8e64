package org.joule.samples;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.joule.graph.GradientChecker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code joule demo}: K-means as a latent-variable EBM on spiral data, with a PNG of the energy. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Train K-means as a latent-variable energy-based model on a spiral, by gradient descent on"
                + " the free energy with annealed beta; check its gradient; draw the energy landscape.")
final class DemoCommand implements Callable<Integer> {
    /** The most threads --threads may ask for. */
    static final int MAX_THREADS = 1024;

    @Option(names = "--k", defaultValue = "12", description = "number of prototypes (default: ${DEFAULT-VALUE})")
    int k;

    @Option(names = "--points", defaultValue = "600", description = "number of data points (default: ${DEFAULT-VALUE})")
    int points;

    @Option(names = "--epochs", defaultValue = "120", description = "gradient steps (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--out", defaultValue = "kmeans-spiral.png", description = "PNG to write (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--seed", defaultValue = "1", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--threads", defaultValue = "2",
            description = "threads summing over the data; the result does not depend on it (default: ${DEFAULT-VALUE})")
    int threads;

    /** Every option, checked before the work starts. */
    private void checkOptions() {
        positive("--k", k);
        positive("--points", points);
        positive("--epochs", epochs);
        positive("--threads", threads);
        if (threads > MAX_THREADS) {
            throw new IllegalArgumentException("--threads must be at most " + MAX_THREADS + ", not " + threads);
        }
        Outputs.checkFile("--out", out, false);
    }

    private static void positive(String option, long value) {
        if (value < 1) {
            throw new IllegalArgumentException(option + " must be positive, not " + value);
        }
    }

    @Override
    public Integer call() throws Exception {
        checkOptions();
        System.out.println("Joule demo: K-means as a latent-variable EBM on a spiral");
        System.out.println("  E(y, z) = ||y - W z||^2, z one-hot over " + k + " prototypes;");
        System.out.println("  F_beta(y) = -(1/beta) log sum_k exp(-beta ||y - w_k||^2), descended in W;");
        System.out.println("  differentiated symbolically, compiled to JVM bytecode, summed over the data in parallel");
        SpiralKMeans model = new SpiralKMeans(k, points, seed);
        GradientChecker.Report check = GradientChecker.of(model.freeEnergy).box(-1, 1).points(50).seed(seed).check();
        System.out.printf("  gradient check of dF/dW against finite differences: %d entries at %d points,"
                        + " worst relative error %.2e (%s)%n", check.entriesCompared(), check.pointsChecked(),
                check.worstRelativeError(), check.passes(1e-6) ? "passes 1e-6" : "FAILS 1e-6");
        double beta = 1;
        double betaEnd = 400;
        double growth = Math.pow(betaEnd / beta, 1.0 / Math.max(1, epochs - 1));
        long start = System.nanoTime();
        System.out.println("  epoch      beta   mean F_beta   K-means energy");
        for (int epoch = 1; epoch <= epochs; epoch++) {
            double f = model.step(beta, 0.5 * k, threads);
            if (epoch == 1 || epoch % Math.max(1, epochs / 8) == 0 || epoch == epochs) {
                System.out.printf("  %5d  %8.2f  %12.5f  %15.5f%n", epoch, beta, f, model.kmeansEnergy());
            }
            beta *= growth;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("  %d compiled gradient evaluations in %.2f s on %d threads%n", (long) epochs * points,
                seconds, threads);
        if (k <= points) { // hard K-means needs a point per prototype
            Clustering hard = new HardKMeans(k).seed(seed).threads(threads).fit(model.data);
            System.out.printf("  hard K-means (argmin over z, re-centre; k-means++ seed): K-means energy %.5f"
                    + " after %d iterations%n", hard.wcss() / points, hard.iterations());
        }
        double[][] protos = new double[k][];
        for (int j = 0; j < k; j++) {
            protos[j] = model.prototype(j);
        }
        double finalBeta = betaEnd;
        try {
            Png.landscape(out, 400, (u, v) -> model.energyAt(u, v, finalBeta), model.data, protos,
                    "free energy F(y), beta=" + (int) betaEnd + ", k=" + k);
        } catch (IOException e) {
            throw Outputs.writeError(out, e);
        }
        System.out.println("  wrote " + out + " (sqrt of the free energy; red crosses: prototypes)");
        return 0;
    }
}
