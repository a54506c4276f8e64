package org.joule.samples;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import org.apache.commons.math3.ml.clustering.CentroidCluster;
import org.apache.commons.math3.ml.clustering.DoublePoint;
import org.apache.commons.math3.ml.clustering.KMeansPlusPlusClusterer;
import org.apache.commons.math3.ml.distance.EuclideanDistance;
import org.apache.commons.math3.random.JDKRandomGenerator;
import org.jfree.chart.JFreeChart;
import org.joule.graph.GradientChecker;
import org.joule.runtime.EnergyFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code joule kmeans-spiral} (also {@code joule demo}): K-means as a latent-variable
 * energy-based model on points along a spiral, E(y, z) = ||y − Wᵀz||² with z one-hot,
 * trained by {@link SoftKMeans} (deterministic annealing of the data free energy, then a hard
 * step), compared with Commons Math's {@code KMeansPlusPlusClusterer}, and drawn: F(y) =
 * min_z E(y, z) over the plane with the data and the prototypes, and F_β for three β side by
 * side.
 */
@Command(name = "kmeans-spiral", aliases = "demo", mixinStandardHelpOptions = true,
        description = {"K-means as a latent-variable energy-based model on a spiral: E(y, z) = ||y - W z||^2,"
                + " z one-hot; soft K-means by annealing the free energy F_beta over W, then a hard step;"
                + " the WCSS against Commons Math's KMeansPlusPlusClusterer (best of 10);"
                + " figures of F(y) = min_z E(y, z) and of F_beta for three beta.",
                "Writes kmeans-spiral.png and kmeans-spiral-beta.png into --out."})
final class KMeansSpiralCommand implements Callable<Integer> {
    /** The most points --points may ask for. */
    static final int MAX_POINTS = 1_000_000;
    /** The most restarts --restarts may ask for. */
    static final int MAX_RESTARTS = 100;
    /** Runs of Commons Math's clusterer, the best of which is the reference. */
    static final int REFERENCE_RUNS = 10;
    /** The inverse temperatures of the side-by-side figure: cold, warm, hot. */
    static final double[] FIGURE_BETAS = {10, 100, 1000};
    /** The name of the landscape figure in --out. */
    static final String LANDSCAPE = "kmeans-spiral.png";
    /** The name of the side-by-side figure in --out. */
    static final String BETAS = "kmeans-spiral-beta.png";

    @Option(names = {"-k", "--k"}, defaultValue = "20", description = "number of prototypes (default: ${DEFAULT-VALUE})")
    int k;

    @Option(names = "--points", defaultValue = "1000",
            description = "number of points on the spiral (default: ${DEFAULT-VALUE})")
    int points;

    @Option(names = "--restarts", defaultValue = "4",
            description = "annealing runs from k-means++ starts; the lowest WCSS wins (default: ${DEFAULT-VALUE})")
    int restarts;



    @Mixin
    SampleOptions common;

    /** Every option, checked before the work starts. */
    private void checkOptions() {
        SampleOptions.inRange("--k", k, 1, KMeansEnergy.MAX_K);
        SampleOptions.inRange("--points", points, 1, MAX_POINTS);
        if (k > points) {
            throw new IllegalArgumentException("--k " + k + " is more than --points " + points
                    + ": every prototype needs a point");
        }
        SampleOptions.inRange("--restarts", restarts, 1, MAX_RESTARTS);
        common.check();
    }


    @Override
    public Integer call() throws Exception {
        checkOptions();
        System.setProperty("java.awt.headless", "true");
        System.out.println("joule kmeans-spiral: K-means as a latent-variable EBM on a spiral");
        System.out.println("  E(y, z) = ||y - W z||^2, z one-hot over k = " + k + " prototypes (the rows of W);");
        System.out.println("  F(y) = min_z E(y, z);  F_beta(y) = -(1/beta) log sum_z exp(-beta E(y, z))");
        double[][] data = SpiralKMeans.spiral(points, new Random(common.seed));
        Annealing schedule = Annealing.scaledTo(data);
        int stages = schedule.betas().size();
        System.out.printf("  %d points on a spiral (seed %d); soft K-means: L-BFGS on sum_i F_beta(y_i) over W,"
                + " beta %.4g -> %.4g (x%.2g, %d stages), best of %d runs, then a hard step%n", points, common.seed,
                schedule.betaStart(), schedule.betaEnd(), schedule.factor(), stages, restarts);

        KMeansEnergy model = KMeansEnergy.of(k, 2);
        GradientChecker.Report check = GradientChecker.of(model.freeEnergy(FIGURE_BETAS[1])).box(-1, 1).points(20)
                .seed(common.seed).check();
        System.out.printf("  gradient check of dF_beta/dW (beta = %.0f) against finite differences: %d entries,"
                + " worst relative error %.2e (%s)%n", FIGURE_BETAS[1], check.entriesCompared(),
                check.worstRelativeError(), check.passes(1e-6) ? "passes 1e-6" : "FAILS 1e-6");

        long start = System.nanoTime();
        SoftKMeans.Result result;
        try (Progress bar = Progress.of("annealing", (long) stages * restarts)) {
            long[] stage = {0};
            List<Double> betas = schedule.betas();
            result = new SoftKMeans(k).seed(common.seed).threads(common.threads).restarts(restarts).annealing(schedule)
                    .listener((iteration, x, value, gradientNorm) -> {
                        if (iteration == 1) {
                            stage[0]++;
                        }
                        bar.at(stage[0] - 1, String.format("beta %.4g, L_beta %.5g",
                                betas.get((int) Math.floorMod(stage[0] - 1, (long) stages)), value));
                        return true;
                    }).fit(data);
            bar.at((long) stages * restarts, "done");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Clustering ours = result.clustering();
        double reference = commonsMathBest(data, k, common.seed);
        double ratio = ours.wcss() / reference;
        System.out.printf("  trained in %.1f s on %d threads (hard step after the annealing: %d assignment pass(es))%n", seconds,
                common.threads, ours.iterations());
        System.out.printf("  K-means energy (WCSS / n): %.6f (Commons Math KMeansPlusPlusClusterer, best of %d:"
                + " %.6f)%n", ours.wcss() / points, REFERENCE_RUNS, reference / points);
        System.out.printf("  WCSS: %.6f, Commons Math %.6f, ratio %.4f (%s 1.02)%n", ours.wcss(), reference, ratio,
                ratio <= 1.02 ? "within" : "ABOVE");

        Path landscape = common.out.resolve(LANDSCAPE);
        Path betas = common.out.resolve(BETAS);
        try {
            drawLandscape(landscape, model, ours.centres(), data);
        } catch (IOException e) {
            throw Outputs.writeError(landscape, e);
        }
        try {
            drawBetas(betas, model, ours.centres(), data);
        } catch (IOException e) {
            throw Outputs.writeError(betas, e);
        }
        System.out.println("  wrote " + landscape + " (F(y) = min_z E(y, z), the data, the prototypes)");
        System.out.println("  wrote " + betas + " (F_beta for beta = 10, 100, 1000)");
        return 0;
    }

    /** The square the figures show: the spiral reaches radius 0.92 plus noise. */
    private static final Charts.Square SQUARE = new Charts.Square(-1.1, 1.1, 200);

    private void drawLandscape(Path file, KMeansEnergy model, double[][] w, double[][] data) throws IOException {
        JFreeChart chart = Charts.landscape("K-means on a spiral: F(y) = min_z E(y, z), k = " + k,
                "F(y), log scale", at(model, model.minimum(), w), SQUARE, false, data, w);
        Charts.write(file, 900, 800, chart);
    }

    private void drawBetas(Path file, KMeansEnergy model, double[][] w, double[][] data) throws IOException {
        Charts.Square square = new Charts.Square(SQUARE.lo(), SQUARE.hi(), 150);
        JFreeChart[] charts = new JFreeChart[FIGURE_BETAS.length];
        for (int i = 0; i < charts.length; i++) {
            double beta = FIGURE_BETAS[i];
            charts[i] = Charts.landscape(String.format("F_\u03b2(y), \u03b2 = %.0f, k = %d", beta, k),
                    "F_\u03b2(y) \u2212 min F_\u03b2, log scale", at(model, model.freeEnergy(beta), w), square, true,
                    data, w);
        }
        Charts.write(file, 640, 600, charts);
    }

    /** The compiled function of y at the prototypes w, as a function of (y1, y2). */
    private static java.util.function.DoubleBinaryOperator at(KMeansEnergy model, EnergyFunction f, double[][] w) {
        double[] x = model.input(w);
        return (u, v) -> {
            double[] in = x.clone();
            in[0] = u;
            in[1] = v;
            return f.value(in);
        };
    }

    /**
     * The lowest WCSS of {@link #REFERENCE_RUNS} runs of Commons Math 3.6.1's
     * {@code KMeansPlusPlusClusterer} (k-means++ seeding then Lloyd until no change), run r
     * seeded with seed + r.
     */
    static double commonsMathBest(double[][] data, int k, long seed) {
        List<DoublePoint> points = new ArrayList<>();
        for (double[] p : data) {
            points.add(new DoublePoint(p));
        }
        double best = Double.POSITIVE_INFINITY;
        for (int run = 0; run < REFERENCE_RUNS; run++) {
            JDKRandomGenerator random = new JDKRandomGenerator();
            random.setSeed(seed + run);
            KMeansPlusPlusClusterer<DoublePoint> clusterer =
                    new KMeansPlusPlusClusterer<>(k, -1, new EuclideanDistance(), random);
            double wcss = 0;
            for (CentroidCluster<DoublePoint> cluster : clusterer.cluster(points)) {
                double[] centre = cluster.getCenter().getPoint();
                for (DoublePoint q : cluster.getPoints()) {
                    double[] p = q.getPoint();
                    double du = p[0] - centre[0];
                    double dv = p[1] - centre[1];
                    wcss += du * du + dv * dv;
                }
            }
            best = Math.min(best, wcss);
        }
        return best;
    }
}
