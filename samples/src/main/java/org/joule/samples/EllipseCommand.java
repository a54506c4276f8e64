package org.joule.samples;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.function.DoubleBinaryOperator;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.joule.runtime.EnergyFunction;
import org.joule.runtime.Role;
import org.joule.runtime.RowMean;
import org.joule.runtime.optimize.Lbfgs;
import org.joule.runtime.optimize.OptimizationResult;
import org.joule.runtime.optimize.StoppingRules;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code joule ellipse}: the lecture's latent-variable model y = (2 cos θ, 1.5 sin θ) + noise
 * with the energy E(y, z; w) = (y₁ − w₁ cos z)² + (y₂ − w₂ sin z)² and a continuous latent
 * z ({@link EllipseEnergy}). Draws F_∞(y) = min_z E and F_β for a cold, a warm and a hot β
 * over the plane at the true w = (2, 1.5), prints F_∞ at the origin (2.25, at z = ±π/2), and
 * learns w from a wrong start by L-BFGS on the mean free energy of the data, with its training
 * curve.
 */
@Command(name = "ellipse", mixinStandardHelpOptions = true,
        description = {"The latent-variable ellipse: y = (2 cos t, 1.5 sin t) + noise (sigma = 1/20),"
                + " E(y, z; w) = (y1 - w1 cos z)^2 + (y2 - w2 sin z)^2, z continuous;"
                + " heat maps of F_inf(y) = min_z E and of F_beta for a cold, a warm and a hot beta at w = (2, 1.5);"
                + " w learned from (1, 1) by L-BFGS on the mean F_beta of the data.",
                "Writes ellipse.png and ellipse-training.png into --out."})
final class EllipseCommand implements Callable<Integer> {
    /** The most points --points may ask for. */
    static final int MAX_POINTS = 100_000;
    /** The most cells per axis --cells may ask for. */
    static final int MAX_CELLS = 1000;
    /** The inverse temperatures of the figure: cold, warm, hot. */
    static final double[] FIGURE_BETAS = {100, 10, 1};
    /** The names of the figure's β panels. */
    private static final String[] BETA_NAMES = {"cold", "warm", "hot"};
    /** The wrong start of the training. */
    static final double[] START_W = {1, 1};
    /** The name of the landscape figure in --out. */
    static final String LANDSCAPE = "ellipse.png";
    /** The name of the training figure in --out. */
    static final String TRAINING = "ellipse-training.png";

    @Option(names = "--points", defaultValue = "500", description = "number of data points (default: ${DEFAULT-VALUE})")
    int points;

    @Option(names = "--beta", defaultValue = "100",
            description = "inverse temperature of the training loss, the mean F_beta of the data (default: ${DEFAULT-VALUE})")
    double beta;

    @Option(names = "--cells", defaultValue = "150",
            description = "cells per axis of each heat map (default: ${DEFAULT-VALUE})")
    int cells;



    @Mixin
    SampleOptions common;

    /** Every option, checked before the work starts. */
    private void checkOptions() {
        SampleOptions.inRange("--points", points, 1, MAX_POINTS);
        if (!(beta > 0) || !Double.isFinite(beta) || beta > 1e6) {
            throw new IllegalArgumentException("--beta must be positive and at most 1e6, not " + beta);
        }
        SampleOptions.inRange("--cells", cells, 2, MAX_CELLS);
        common.check();
    }


    @Override
    public Integer call() throws Exception {
        checkOptions();
        System.setProperty("java.awt.headless", "true");
        System.out.println("joule ellipse: a latent-variable EBM with a continuous latent");
        System.out.println("  E(y, z; w) = (y1 - w1 cos z)^2 + (y2 - w2 sin z)^2;  F_inf(y) = min_z E (L-BFGS over z,"
                + " 4 starts);");
        System.out.printf("  F_beta(y) = -(1/beta) log int_0^2pi exp(-beta E) dz (midpoint rule, %d angles)%n",
                EllipseEnergy.LATENT_POINTS);
        double[][] data = EllipseEnergy.data(points, new Random(common.seed));
        System.out.printf("  %d points y = (2 cos t, 1.5 sin t) + N(0, (1/20)^2 I), t uniform (seed %d)%n", points,
                common.seed);
        EllipseEnergy model = new EllipseEnergy();
        double origin = model.minimum().value(EllipseEnergy.input(0, 0, EllipseEnergy.TRUE_W));
        System.out.printf("  F_inf(0, 0) with w = (2, 1.5): %.12f (exact: 2.25 = 1.5^2, at z = pi/2 and 3 pi/2)%n",
                origin);

        double[] rows = KMeansEnergy.rows(data, 2);
        EnergyFunction loss = RowMean.of(model.freeEnergy(beta), rows, common.threads, Role.DATA);
        List<Double> curve = new ArrayList<>();
        double[] start = EllipseEnergy.input(0, 0, START_W);
        curve.add(loss.value(start));
        List<Double> w1 = new ArrayList<>(List.of(START_W[0]));
        List<Double> w2 = new ArrayList<>(List.of(START_W[1]));
        StoppingRules rules = StoppingRules.defaults().withGradientTolerance(1e-9).withMaxIterations(200);
        long t0 = System.nanoTime();
        OptimizationResult result;
        try (Progress bar = Progress.of("training w", rules.maxIterations())) {
            result = new Lbfgs().minimize(loss, start, rules, (iteration, x, value, gradientNorm) -> {
                curve.add(value);
                w1.add(x[EllipseEnergy.W]);
                w2.add(x[EllipseEnergy.W + 1]);
                bar.at(iteration, String.format("w = (%.4f, %.4f), loss %.6g", x[EllipseEnergy.W],
                        x[EllipseEnergy.W + 1], value));
                return true;
            });
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        double[] w = {result.x()[EllipseEnergy.W], result.x()[EllipseEnergy.W + 1]};
        System.out.printf("  training: L-BFGS on the mean F_beta of the data, beta = %s, from w = (%.1f, %.1f):"
                + " %d iterations, %.2f s, %s%n", fmt(beta), START_W[0], START_W[1], result.iterations(), seconds,
                result.stopReason());
        System.out.printf("  loss %.6f -> %.6f; learned w = (%.4f, %.4f), true (2, 1.5), error %.4f%n", curve.get(0),
                result.value(), w[0], w[1], Math.hypot(w[0] - 2, w[1] - 1.5));

        Path landscape = common.out.resolve(LANDSCAPE);
        Path training = common.out.resolve(TRAINING);
        try {
            drawLandscapes(landscape, model, data);
        } catch (IOException e) {
            throw Outputs.writeError(landscape, e);
        }
        try {
            boolean positive = curve.stream().allMatch(v -> v > 0);
            Charts.write(training, 760, 600, TrainingCurve.of(
                    String.format("Training loss: mean F_\u03b2 of the data, \u03b2 = %s", fmt(beta)),
                    "mean F_\u03b2(y) over the data" + (positive ? ", log scale" : ""), positive,
                    List.of(new TrainingCurve.Curve("L-BFGS from w = (1, 1)", curve)), List.of()),
                    TrainingCurve.of(String.format("Learned w = (%.3f, %.3f)", w[0], w[1]), "semi-axis", false,
                            List.of(new TrainingCurve.Curve("w\u2081", w1), new TrainingCurve.Curve("w\u2082", w2)),
                            List.of(new TrainingCurve.Reference("true w\u2081 = 2", 2),
                                    new TrainingCurve.Reference("true w\u2082 = 1.5", 1.5))));
        } catch (IOException e) {
            throw Outputs.writeError(training, e);
        }
        System.out.println("  wrote " + landscape + " (F_inf and F_beta for beta = 100, 10, 1 at w = (2, 1.5),"
                + " the data)");
        System.out.println("  wrote " + training + " (the training loss against the L-BFGS iteration)");
        return 0;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
    }

    private void drawLandscapes(Path file, EllipseEnergy model, double[][] data) throws IOException {
        Charts.Square square = new Charts.Square(-3, 3, cells);
        JFreeChart[] charts = new JFreeChart[1 + FIGURE_BETAS.length];
        charts[0] = withEllipse(Charts.landscape("F\u221e(y) = min_z E(y, z), w = (2, 1.5)", "F\u221e(y), log scale",
                at(model.minimum()), square, false, data, new double[0][]));
        for (int i = 0; i < FIGURE_BETAS.length; i++) {
            charts[i + 1] = withEllipse(Charts.landscape(String.format("F_\u03b2(y), %s: \u03b2 = %s", BETA_NAMES[i],
                    fmt(FIGURE_BETAS[i])), "F_\u03b2(y) \u2212 min F_\u03b2, log scale",
                    at(model.freeEnergy(FIGURE_BETAS[i])), square, true, data, new double[0][]));
        }
        Charts.write(file, 640, 600, charts);
    }

    /** The function of (y₁, y₂) at the true w. */
    private static DoubleBinaryOperator at(EnergyFunction f) {
        return (u, v) -> f.value(EllipseEnergy.input(u, v, EllipseEnergy.TRUE_W));
    }

    /** Replaces the (empty) prototypes of a landscape by the ellipse of the true w, drawn as a line. */
    private static JFreeChart withEllipse(JFreeChart chart) {
        XYPlot plot = chart.getXYPlot();
        XYSeriesCollection marks = (XYSeriesCollection) plot.getDataset(1);
        marks.removeSeries(1);
        XYSeries ellipse = new XYSeries("ellipse w = (2, 1.5)", false, true);
        for (int i = 0; i <= 200; i++) {
            double t = 2 * Math.PI * i / 200;
            ellipse.add(EllipseEnergy.TRUE_W[0] * Math.cos(t), EllipseEnergy.TRUE_W[1] * Math.sin(t));
        }
        marks.addSeries(ellipse);
        XYLineAndShapeRenderer r = (XYLineAndShapeRenderer) plot.getRenderer(1);
        r.setSeriesLinesVisible(1, true);
        r.setSeriesShapesVisible(1, false);
        r.setSeriesPaint(1, new Color(230, 20, 20));
        r.setSeriesStroke(1, new BasicStroke(1.5f));
        return chart;
    }
}
