package org.joule.samples;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.function.DoubleBinaryOperator;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeriesCollection;
import org.joule.compiler.Compiler;
import org.joule.graph.Energy;
import org.joule.graph.Graph;
import org.joule.graph.Node;
import org.joule.graph.Tensor;
import org.joule.runtime.EnergyFunction;
import org.joule.runtime.Layout;
import org.joule.runtime.Role;
import org.joule.runtime.gibbs.GibbsDistribution;
import org.joule.runtime.gibbs.Grid;
import org.joule.runtime.optimize.Lbfgs;
import org.joule.runtime.optimize.OptimizationResult;
import org.joule.runtime.optimize.StoppingRules;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code joule gibbs-ml}: maximum likelihood of an energy on a 2-D grid. The energy is a
 * polynomial of degree four, E(y; W) = Σ_k W_k m_k(y) over the 14 monomials
 * y₁^a y₂^b with 1 ≤ a + b ≤ 4; its Gibbs distribution P(y | W) = exp(−E) / Z(W) is
 * normalised over a grid on [−3, 3]² ({@link GibbsDistribution}). The data come from a ring,
 * P(y) ∝ exp(−(|y|² − r²)² / (2τ²)) with r = 1.5, τ = 0.6, sampled exactly (θ uniform,
 * |y|² ~ N(r², τ²) restricted to positive values); that energy is in the family, so the
 * learned density can match it. W is learned from 0 (the uniform density) by L-BFGS on
 * {@link GibbsDistribution#negativeLogLikelihood}.
 */
@Command(name = "gibbs-ml", mixinStandardHelpOptions = true,
        description = {"Maximum likelihood of a quartic polynomial energy E(y; W) on a 2-D grid: P(y|W) = exp(-E) / Z(W),"
                + " Z summed over the grid; data from a ring; W learned from 0 by L-BFGS on the negative"
                + " log-likelihood; the learned density beside the data's histogram and the true density.",
                "Writes gibbs-ml.png and gibbs-ml-training.png into --out."})
final class GibbsMlCommand implements Callable<Integer> {
    /** The most points --points may ask for. */
    static final int MAX_POINTS = 1_000_000;
    /** The most cells per axis --cells may ask for. */
    static final int MAX_CELLS = 1000;
    /** The box of the grid, [−BOX, BOX]². */
    static final double BOX = 3;
    /** The radius of the ring. */
    static final double RADIUS = 1.5;
    /** The spread of |y|² around r². */
    static final double TAU = 0.6;
    /** The exponents (a, b) of the monomials y₁^a y₂^b, in parameter order. */
    static final int[][] MONOMIALS = monomials();
    /** The name of the density figure in --out. */
    static final String DENSITY = "gibbs-ml.png";
    /** The name of the training figure in --out. */
    static final String TRAINING = "gibbs-ml-training.png";

    @Option(names = "--points", defaultValue = "2000", description = "number of data points (default: ${DEFAULT-VALUE})")
    int points;

    @Option(names = "--cells", defaultValue = "100",
            description = "cells per axis of the grid over [-3, 3]^2 (default: ${DEFAULT-VALUE})")
    int cells;

    @Option(names = "--iterations", defaultValue = "300",
            description = "most L-BFGS iterations (default: ${DEFAULT-VALUE})")
    int iterations;



    @Mixin
    SampleOptions common;

    private static int[][] monomials() {
        List<int[]> m = new ArrayList<>();
        for (int degree = 1; degree <= 4; degree++) {
            for (int b = 0; b <= degree; b++) {
                m.add(new int[] {degree - b, b});
            }
        }
        return m.toArray(new int[0][]);
    }

    /** Every option, checked before the work starts. */
    private void checkOptions() {
        SampleOptions.inRange("--points", points, 1, MAX_POINTS);
        SampleOptions.inRange("--cells", cells, 2, MAX_CELLS);
        SampleOptions.inRange("--iterations", iterations, 1, 100_000);
        common.check();
    }


    /** The polynomial energy Σ_k W_k y₁^a y₂^b, compiled with its gradient with respect to W. */
    static EnergyFunction energy() {
        Graph g = new Graph();
        Tensor y = g.vector("y", 2, Role.DATA);
        Tensor w = g.vector("W", MONOMIALS.length, Role.PARAMETER);
        Node e = null;
        for (int k = 0; k < MONOMIALS.length; k++) {
            Node m = w.get(k);
            for (int c = 0; c < 2; c++) {
                for (int p = 0; p < MONOMIALS[k][c]; p++) {
                    m = m.times(y.get(c));
                }
            }
            e = e == null ? m : e.plus(m);
        }
        return Compiler.compile(Energy.of(e).wrt(Role.PARAMETER));
    }

    /** The ring's energy (|y|² − r²)² / (2τ²) up to a constant, as parameters of {@link #energy()}. */
    static double[] trueParameters() {
        double[] w = new double[MONOMIALS.length];
        double s = 1 / (2 * TAU * TAU);
        for (int k = 0; k < MONOMIALS.length; k++) {
            int a = MONOMIALS[k][0];
            int b = MONOMIALS[k][1];
            if (a + b == 4 && a % 2 == 0) {
                w[k] = a == 2 ? 2 * s : s; // y1^4 + 2 y1^2 y2^2 + y2^4
            } else if (a + b == 2 && a % 2 == 0) {
                w[k] = -2 * RADIUS * RADIUS * s; // -2 r^2 (y1^2 + y2^2)
            }
        }
        return w;
    }

    /** n points of the ring: θ uniform, |y|² ~ N(r², τ²) restricted to positive values. */
    static double[] ring(int n, Random random) {
        double[] rows = new double[2 * n];
        for (int i = 0; i < n; i++) {
            double u;
            do {
                u = RADIUS * RADIUS + TAU * random.nextGaussian();
            } while (u <= 0);
            double theta = 2 * Math.PI * random.nextDouble();
            rows[2 * i] = Math.sqrt(u) * Math.cos(theta);
            rows[2 * i + 1] = Math.sqrt(u) * Math.sin(theta);
        }
        return rows;
    }

    /** The negative log-likelihood of the data as an energy of W, for the optimisers. */
    private record Likelihood(GibbsDistribution gibbs, EnergyFunction f, double[] data, int threads)
            implements EnergyFunction {
        @Override
        public Layout layout() {
            return f.layout();
        }

        @Override
        public int wrtLength() {
            return f.wrtLength();
        }

        @Override
        public int wrt(int k) {
            return f.wrt(k);
        }

        @Override
        public double value(double[] x) {
            return gibbs.negativeLogLikelihood(x, data, new double[f.wrtLength()], threads);
        }

        @Override
        public double valueAndGradient(double[] x, double[] gradient) {
            return gibbs.negativeLogLikelihood(x, data, gradient, threads);
        }

        @Override
        public void hessianVectorProduct(double[] x, double[] v, double[] out) {
            throw new UnsupportedOperationException("the likelihood has no Hessian-vector product; use L-BFGS");
        }
    }

    @Override
    public Integer call() throws Exception {
        checkOptions();
        System.setProperty("java.awt.headless", "true");
        System.out.println("joule gibbs-ml: maximum likelihood of an energy on a 2-D grid");
        System.out.printf("  E(y; W) = sum_k W_k y1^a y2^b over the %d monomials of degree 1 to 4;"
                + " P(y|W) = exp(-E) / Z(W), Z over %d x %d cells of [-3, 3]^2%n", MONOMIALS.length, cells, cells);
        double[] data = ring(points, new Random(common.seed));
        System.out.printf("  %d points from the ring P(y) ~ exp(-(|y|^2 - %.2f)^2 / (2 * %.2f^2)) (seed %d)%n", points,
                RADIUS * RADIUS, TAU, common.seed);
        EnergyFunction f = energy();
        Grid grid = Grid.of(-BOX, BOX, cells, -BOX, BOX, cells);
        GibbsDistribution gibbs = GibbsDistribution.of(f, grid, 1.0);
        Likelihood nll = new Likelihood(gibbs, f, data, common.threads);
        int wOffset = f.layout().variable("W").offset();
        double[] truth = new double[f.layout().size()];
        System.arraycopy(trueParameters(), 0, truth, wOffset, MONOMIALS.length);
        double trueNll = nll.value(truth);

        double[] start = new double[f.layout().size()];
        List<Double> curve = new ArrayList<>();
        curve.add(nll.value(start));
        StoppingRules rules = StoppingRules.defaults().withGradientTolerance(1e-7).withMaxIterations(iterations);
        long t0 = System.nanoTime();
        OptimizationResult result;
        try (Progress bar = Progress.of("maximum likelihood", iterations)) {
            result = new Lbfgs().minimize(nll, start, rules, (iteration, x, value, gradientNorm) -> {
                curve.add(value);
                bar.at(iteration, String.format("NLL %.5f", value));
                return true;
            });
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("  L-BFGS from W = 0 (uniform on the grid): %d iterations, %.2f s, %s%n", result.iterations(),
                seconds, result.stopReason());
        System.out.printf("  NLL: start %.6f, end %.6f; true density on the same grid %.6f (end - true %+.6f)%n",
                curve.get(0), result.value(), trueNll, result.value() - trueNll);

        Path density = common.out.resolve(DENSITY);
        Path training = common.out.resolve(TRAINING);
        try {
            drawDensities(density, gibbs, grid, result.x(), truth, data);
        } catch (IOException e) {
            throw Outputs.writeError(density, e);
        }
        try {
            Charts.write(training, 900, 600, TrainingCurve.of("Maximum likelihood: negative log-likelihood of the data",
                    "NLL = mean E(y_i; W) + log Z(W)", false,
                    List.of(new TrainingCurve.Curve("L-BFGS from W = 0", curve)),
                    List.of(new TrainingCurve.Reference(String.format("true density: %.4f", trueNll), trueNll))));
        } catch (IOException e) {
            throw Outputs.writeError(training, e);
        }
        System.out.println("  wrote " + density + " (the learned density P(y|W), the data's histogram, the true density)");
        System.out.println("  wrote " + training + " (the NLL against the L-BFGS iteration)");
        return 0;
    }

    private void drawDensities(Path file, GibbsDistribution gibbs, Grid grid, double[] learned, double[] truth,
            double[] data) throws IOException {
        Charts.Square square = new Charts.Square(-BOX, BOX, cells);
        double volume = grid.cellVolume();
        double[] p = gibbs.probabilities(learned, common.threads);
        double[] q = gibbs.probabilities(truth, common.threads);
        double[] histogram = new double[cells * cells];
        int n = data.length / 2;
        for (int r = 0; r < n; r++) {
            int i = cell(data[2 * r]);
            int j = cell(data[2 * r + 1]);
            if (i >= 0 && j >= 0) {
                histogram[i * cells + j] += 1.0 / n;
            }
        }
        String bar = "density, log scale";
        Charts.write(file, 640, 600,
                bare(Charts.landscape("Learned density P(y|W)", bar, lookUp(p, volume), square, false,
                        new double[0][], new double[0][])),
                bare(Charts.landscape(String.format("Data: histogram of %d points", n), bar, lookUp(histogram, volume),
                        square, false, new double[0][], new double[0][])),
                bare(Charts.landscape("True density of the ring", bar, lookUp(q, volume), square, false,
                        new double[0][], new double[0][])));
    }

    /** The cell of a coordinate, or −1 outside the box. */
    private int cell(double v) {
        int i = (int) Math.floor((v + BOX) / (2 * BOX) * cells);
        return i >= 0 && i < cells ? i : -1;
    }

    /** The density at the centre (u, v) of a cell: its mass divided by the cell's area. */
    private DoubleBinaryOperator lookUp(double[] mass, double volume) {
        return (u, v) -> mass[cell(u) * cells + cell(v)] / volume;
    }

    /** A landscape without overlay nor legend. */
    private static JFreeChart bare(JFreeChart chart) {
        XYPlot plot = chart.getXYPlot();
        ((XYSeriesCollection) plot.getDataset(1)).removeAllSeries();
        chart.removeLegend();
        return chart;
    }
}
