package org.joule.samples;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.joule.runtime.EnergyFunction;
import org.joule.runtime.sampling.Adaptation;
import org.joule.runtime.sampling.Diagnostics;
import org.joule.runtime.sampling.Hmc;
import org.joule.runtime.sampling.Nuts;
import org.joule.runtime.sampling.Sampler;
import org.joule.runtime.sampling.SamplingListener;
import org.joule.runtime.sampling.SamplingPlan;
import org.joule.runtime.sampling.SamplingResult;
import org.joule.runtime.sampling.Summary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code joule hmc}: draws from p ∝ exp(−E) of the {@link BananaEnergy} (a curved valley
 * written with the DSL and compiled) by HMC and by NUTS, prints Stan's diagnostics per sampler
 * and coordinate, compares the draws' means and covariance with the moments computed by
 * quadrature on a fine grid (within 4 Monte Carlo standard errors), and draws both samplers'
 * draws over the energy's heat map. The README's figure, {@code docs/hmc.png}, is
 * {@code java -jar samples/target/joule.jar hmc --out docs}.
 */
@Command(name = "hmc", mixinStandardHelpOptions = true,
        description = {"HMC and NUTS on a banana-shaped energy"
                + " E(y) = (y1 - 0.25)^2/2 + (y2 - 0.4 y1^2 + 1.2)^2/(2 0.5^2):"
                + " the diagnostics of each sampler (mean, sd, bulk ESS, R-hat, acceptance, divergences,"
                + " gradient evaluations, ESS per gradient), and the draws' means and covariance against"
                + " quadrature on a fine grid, within 4 Monte Carlo standard errors.",
                "Writes hmc.png into --out."})
final class HmcCommand implements Callable<Integer> {
    /** The most chains --chains may ask for. */
    static final int MAX_CHAINS = 64;
    /** The most draws or warm-up iterations per chain. */
    static final int MAX_DRAWS = 1_000_000;
    /** The most leapfrog steps per HMC trajectory. */
    static final int MAX_LEAPFROG = 1000;
    /** How many Monte Carlo standard errors a moment may be from the reference. */
    static final double TOLERANCE = 4;
    /** The quadrature's grid step (see {@link BananaEnergy#quadrature}). */
    static final double GRID_STEP = BananaEnergy.S / 15;
    /** The most draws of one sampler the figure shows. */
    static final int SHOWN = 1500;
    /**
     * HMC's target acceptance during warm-up: Stan's 0.8 rather than the Gaussian optimum 0.651,
     * whose larger step diverges in the banana's narrow, curved tails (with the defaults and
     * seed 1: 325 divergent draws of 8000 at 0.651 without jitter, 7 at 0.8 with it).
     */
    static final double HMC_TARGET = 0.8;
    /** HMC's step jitter: each trajectory's step is uniform in ε (1 ± 0.2), against resonances. */
    static final double JITTER = 0.2;
    /** The name of the figure in --out. */
    static final String FIGURE = "hmc.png";

    @Option(names = "--chains", defaultValue = "4", description = "chains per sampler (default: ${DEFAULT-VALUE})")
    int chains;

    @Option(names = "--warmup", defaultValue = "1000",
            description = "warm-up iterations per chain, adapting step and mass matrix (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--draws", defaultValue = "2000", description = "kept draws per chain (default: ${DEFAULT-VALUE})")
    int draws;

    @Option(names = "--leapfrog", defaultValue = "10",
            description = "leapfrog steps per HMC trajectory (default: ${DEFAULT-VALUE})")
    int leapfrog;



    @Mixin
    SampleOptions common;

    /** Every option, checked before the work starts. */
    private void checkOptions() {
        SampleOptions.inRange("--chains", chains, 1, MAX_CHAINS);
        SampleOptions.inRange("--warmup", warmup, 1, MAX_DRAWS);
        SampleOptions.inRange("--draws", draws, 10, MAX_DRAWS);
        SampleOptions.inRange("--leapfrog", leapfrog, 1, MAX_LEAPFROG);
        common.check();
    }


    /** One sampler's name, draws and the seconds it took. */
    private record Run(String name, SamplingResult result, double seconds) {
    }

    @Override
    public Integer call() throws Exception {
        checkOptions();
        System.setProperty("java.awt.headless", "true");
        System.out.println("joule hmc: Hamiltonian Monte Carlo and NUTS on a banana-shaped energy");
        System.out.printf(Locale.ROOT, "  E(y) = (y1 - %.2f)^2 / 2 + (y2 - %.1f y1^2 %s %.1f)^2 / (2 * %.1f^2),"
                + " p(y) ~ exp(-E(y))%n", BananaEnergy.M, BananaEnergy.A, BananaEnergy.C < 0 ? "+" : "-",
                Math.abs(BananaEnergy.C), BananaEnergy.S);
        EnergyFunction energy = BananaEnergy.compiled();
        BananaEnergy.Moments reference = BananaEnergy.quadrature(energy, GRID_STEP);
        System.out.printf(Locale.ROOT, "  reference by quadrature (trapezoid, step %.3f): mean (%.5f, %.5f),"
                + " cov [[%.5f, %.5f], [%.5f, %.5f]]%n", GRID_STEP, reference.mean()[0], reference.mean()[1],
                reference.cov()[0][0], reference.cov()[0][1], reference.cov()[1][0], reference.cov()[1][1]);
        System.out.printf(Locale.ROOT, "  %d chains x (%d warm-up + %d draws) per sampler, seed %d, %d threads;%n"
                + "  step and diagonal mass matrix adapted, HMC towards acceptance %.2f (step jitter %.1f),"
                + " NUTS %.2f%n",
                chains, warmup, draws, common.seed, common.threads, HMC_TARGET, JITTER, Nuts.DEFAULT_TARGET);

        SamplingPlan plan = new SamplingPlan(1, chains, warmup, draws, common.seed);
        Sampler hmc = new Hmc(1, leapfrog, JITTER, Adaptation.full(HMC_TARGET));
        Sampler nuts = Sampling.Method.nuts.sampler(null, null);
        long perSampler = (long) chains * (warmup + draws);
        Run[] runs = new Run[2];
        ExecutorService pool = Executors.newFixedThreadPool(common.threads);
        try (Progress bar = Progress.of("sampling", 2 * perSampler)) {
            AtomicLong done = new AtomicLong();
            runs[0] = run("HMC (L = " + leapfrog + ")", hmc, energy, plan, pool, listener(bar, done, "HMC"));
            runs[1] = run("NUTS", nuts, energy, plan, pool, listener(bar, done, "NUTS"));
            bar.at(2 * perSampler, "done");
        } finally {
            pool.shutdown();
        }

        System.out.println();
        for (Run r : runs) {
            printDiagnostics(r);
        }
        System.out.println();
        int within = 0;
        int compared = 0;
        System.out.printf(Locale.ROOT, "  %-12s %-10s %12s %12s %10s %8s%n", "sampler", "moment", "estimate",
                "reference", "MCSE", "z");
        for (Run r : runs) {
            double[] estimate = moments(r.result()).flat();
            double[] mcse = mcse(r.result());
            double[] ref = reference.flat();
            for (int i = 0; i < estimate.length; i++) {
                double z = (estimate[i] - ref[i]) / mcse[i];
                compared++;
                within += Math.abs(z) <= TOLERANCE ? 1 : 0;
                System.out.printf(Locale.ROOT, "  %-12s %-10s %12.5f %12.5f %10.5f %8.2f%n", r.name().split(" ")[0],
                        BananaEnergy.MOMENTS[i], estimate[i], ref[i], mcse[i], z);
            }
        }
        System.out.printf(Locale.ROOT, "  moments within %.0f MCSE of the quadrature: %d of %d%n", TOLERANCE, within,
                compared);

        Path figure = common.out.resolve(FIGURE);
        try {
            draw(figure, energy, runs);
        } catch (IOException e) {
            throw Outputs.writeError(figure, e);
        }
        System.out.println("  wrote " + figure + " (E(y) with the HMC draws and the NUTS draws)");
        return 0;
    }

    private static Run run(String name, Sampler sampler, EnergyFunction energy, SamplingPlan plan,
            ExecutorService pool, SamplingListener listener) {
        long start = System.nanoTime();
        SamplingResult r = sampler.sample(energy, new double[] {BananaEnergy.M, BananaEnergy.C}, plan, pool, listener);
        return new Run(name, r, (System.nanoTime() - start) / 1e9);
    }

    /** Advances the bar from the chains' threads, one step per iteration. */
    private static SamplingListener listener(Progress bar, AtomicLong done, String name) {
        return (chain, iteration, warmup, draw, e) -> {
            long n = done.incrementAndGet();
            if (n % 500 == 0) {
                synchronized (bar) {
                    bar.at(n, name + (warmup ? " warm-up" : " draws"));
                }
            }
        };
    }

    /** The table of one sampler: per coordinate, then acceptance, divergences, gradients. */
    private static void printDiagnostics(Run run) {
        SamplingResult r = run.result();
        long gradients = r.totalGradientEvaluations();
        System.out.printf(Locale.ROOT, "  %s: acceptance %.3f, %d divergences, %d gradient evaluations"
                + " (warm-up included), %.2f s%n", run.name(), r.acceptanceRate(), r.divergences(), gradients,
                run.seconds());
        System.out.printf(Locale.ROOT, "    %-4s %10s %10s %10s %8s %14s%n", "", "mean", "sd", "bulk ESS", "R-hat",
                "ESS/gradient");
        for (Summary s : r.summaries()) {
            System.out.printf(Locale.ROOT, "    %-4s %10.5f %10.5f %10.0f %8.4f %14.2e%n", s.name(), s.mean(), s.sd(),
                    s.essBulk(), s.rhat(), s.essBulk() / gradients);
        }
    }

    /** The draws' means and covariance (divisor S − 1), pooled over chains. */
    static BananaEnergy.Moments moments(SamplingResult r) {
        return new BananaEnergy.Moments(r.mean(), r.covariance());
    }

    /**
     * The Monte Carlo standard errors of {@link BananaEnergy.Moments#flat()}: for a mean,
     * sd / √ESS of the coordinate; for a (co)variance, the same for the products
     * (y_i − ȳ_i)(y_j − ȳ_j) whose mean it is, with the ESS of the mean over split chains.
     */
    static double[] mcse(SamplingResult r) {
        double[] mean = r.mean();
        double[][] y1 = r.coordinateDraws(0);
        double[][] y2 = r.coordinateDraws(1);
        return new double[] {r.summary(0).mcseMean(), r.summary(1).mcseMean(),
                mcseOfMean(products(y1, mean[0], y1, mean[0])), mcseOfMean(products(y2, mean[1], y2, mean[1])),
                mcseOfMean(products(y1, mean[0], y2, mean[1]))};
    }

    private static double[][] products(double[][] a, double ma, double[][] b, double mb) {
        double[][] p = new double[a.length][];
        for (int c = 0; c < a.length; c++) {
            p[c] = new double[a[c].length];
            for (int i = 0; i < p[c].length; i++) {
                p[c][i] = (a[c][i] - ma) * (b[c][i] - mb);
            }
        }
        return p;
    }

    private static double mcseOfMean(double[][] chains) {
        double s = 0;
        double ss = 0;
        int n = 0;
        for (double[] chain : chains) {
            for (double v : chain) {
                s += v;
                ss += v * v;
                n++;
            }
        }
        double m = s / n;
        double sd = Math.sqrt((ss - n * m * m) / (n - 1));
        return sd / Math.sqrt(Diagnostics.ess(chains));
    }

    /** The square the figure shows: y1 within m ± 3.75 sd, the valley's bottom up to y2 ≈ 3.4. */
    private static final Charts.Square SQUARE = new Charts.Square(-3.5, 4, 200);

    private static void draw(Path file, EnergyFunction energy, Run[] runs) throws IOException {
        Color[] colours = {new Color(255, 120, 40), Color.WHITE};
        JFreeChart[] charts = new JFreeChart[runs.length];
        for (int k = 0; k < runs.length; k++) {
            SamplingResult r = runs[k].result();
            charts[k] = Charts.landscape(String.format(Locale.ROOT, "%s: %d draws over E(y)", runs[k].name(),
                    r.chains() * r.draws()), "E(y) \u2212 min E, log scale",
                    (u, v) -> energy.value(new double[] {u, v}), SQUARE, true, new double[0][], new double[0][]);
            XYSeries series = new XYSeries(String.format(Locale.ROOT, "%s draws (1 in %d of %d shown)",
                    runs[k].name().split(" ")[0], stride(r), r.chains() * r.draws()), false, true);
            int stride = stride(r);
            int i = 0;
            for (int c = 0; c < r.chains(); c++) {
                for (int d = 0; d < r.draws(); d++, i++) {
                    if (i % stride == 0) {
                        series.add(r.draw(c, d, 0), r.draw(c, d, 1));
                    }
                }
            }
            XYPlot plot = charts[k].getXYPlot();
            XYLineAndShapeRenderer dots = new XYLineAndShapeRenderer(false, true);
            dots.setUseOutlinePaint(true);
            dots.setSeriesShape(0, new Ellipse2D.Double(-2.5, -2.5, 5, 5));
            dots.setSeriesPaint(0, colours[k]);
            dots.setSeriesOutlinePaint(0, new Color(30, 30, 30));
            dots.setSeriesOutlineStroke(0, new BasicStroke(0.6f));
            plot.setDataset(1, new XYSeriesCollection(series));
            plot.setRenderer(1, dots);
        }
        Charts.write(file, 760, 700, charts);
    }

    private static int stride(SamplingResult r) {
        return Math.max(1, (r.chains() * r.draws() + SHOWN - 1) / SHOWN);
    }
}
