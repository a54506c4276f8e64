package org.joule.bench;

import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.joule.compiler.Compiler;
import org.joule.graph.Energy;
import org.joule.graph.Graph;
import org.joule.graph.Joule;
import org.joule.graph.Node;
import org.joule.graph.Tensor;
import org.joule.runtime.EnergyFunction;
import org.joule.runtime.Role;
import org.joule.runtime.sampling.Hmc;
import org.joule.runtime.sampling.Langevin;
import org.joule.runtime.sampling.Mala;
import org.joule.runtime.sampling.Nuts;
import org.joule.runtime.sampling.Sampler;
import org.joule.runtime.sampling.SamplingPlan;
import org.joule.runtime.sampling.SamplingResult;
import org.joule.runtime.sampling.Summary;

/**
 * Effective samples per gradient evaluation and per second, per sampler and target, on
 * compiled energies: a correlated 10-dimensional Gaussian (covariance 0.5^|i-j|), an
 * ill-conditioned one (variances log-spaced from 1 to 10^4, rotated by a seeded random
 * orthogonal matrix) and Neal's funnel in 2-D. The ESS is the smallest bulk ESS over the
 * coordinates; gradient evaluations and time include warm-up. One run each, 4 chains, on the
 * calling machine: treat the per-second column as rough.
 *
 * <pre>java -cp bench/target/benchmarks.jar org.joule.bench.SamplerTable</pre>
 */
public final class SamplerTable {
    private SamplerTable() {
    }

    /**
     * Prints the Markdown table.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        System.out.println("| target | sampler | draws/chain | min bulk ESS | max R-hat | divergences | gradients | ESS/gradient | ESS/s |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        row("correlated 10-D", gaussian(correlated()), new Nuts(), 1000);
        row("correlated 10-D", gaussian(correlated()), new Hmc(10), 1000);
        row("correlated 10-D", gaussian(correlated()), new Mala(), 5000);
        row("correlated 10-D", gaussian(correlated()), new Langevin(0.2), 20000);
        row("ill-conditioned 10-D", gaussian(illConditioned()), new Nuts(), 1000);
        row("ill-conditioned 10-D", gaussian(illConditioned()), new Hmc(10), 1000);
        row("ill-conditioned 10-D", gaussian(illConditioned()), new Mala(), 5000);
        row("funnel 2-D", funnel(), new Nuts(), 1000);
        row("funnel 2-D", funnel(), new Hmc(10), 1000);
        row("funnel 2-D", funnel(), new Mala(), 5000);
    }

    private static void row(String target, EnergyFunction e, Sampler s, int draws) {
        SamplingPlan plan = SamplingPlan.defaults().withDraws(draws).withWarmup(1000).withSeed(11);
        long t0 = System.nanoTime();
        SamplingResult r = s.sample(e, new double[e.layout().size()], plan);
        double seconds = (System.nanoTime() - t0) / 1e9;
        double ess = Double.POSITIVE_INFINITY;
        double rhat = 0;
        for (Summary sum : r.summaries()) {
            ess = Math.min(ess, sum.essBulk());
            rhat = Math.max(rhat, sum.rhat());
        }
        long gradients = r.totalGradientEvaluations();
        System.out.printf(Locale.ROOT, "| %s | %s | %d | %.0f | %.3f | %d | %d | %.2e | %.0f |%n", target,
                s.getClass().getSimpleName(), draws, ess, rhat, r.divergences(), gradients, ess / gradients, ess / seconds);
    }

    private static double[][] correlated() {
        double[][] c = new double[10][10];
        for (int i = 0; i < 10; i++) {
            for (int j = 0; j < 10; j++) {
                c[i][j] = Math.pow(0.5, Math.abs(i - j));
            }
        }
        return c;
    }

    private static double[][] illConditioned() {
        Random random = new Random(5);
        double[][] g = new double[10][10];
        for (double[] row : g) {
            for (int j = 0; j < 10; j++) {
                row[j] = random.nextGaussian();
            }
        }
        RealMatrix q = new QRDecomposition(new Array2DRowRealMatrix(g)).getQ();
        RealMatrix d = new Array2DRowRealMatrix(10, 10);
        for (int i = 0; i < 10; i++) {
            d.setEntry(i, i, Math.pow(1e4, i / 9.0));
        }
        return q.multiply(d).multiply(q.transpose()).getData();
    }

    /** E = y' P y / 2 with P the inverse of the covariance. */
    private static EnergyFunction gaussian(double[][] covariance) {
        double[][] p = new LUDecomposition(new Array2DRowRealMatrix(covariance)).getSolver().getInverse().getData();
        Graph g = new Graph();
        Tensor y = g.vector("y", p.length, Role.DATA);
        List<Node> terms = new java.util.ArrayList<>();
        for (int i = 0; i < p.length; i++) {
            for (int j = 0; j < p.length; j++) {
                terms.add(y.get(i).times(y.get(j)).times(0.5 * p[i][j]));
            }
        }
        return Compiler.compile(Energy.of(Joule.sum(terms)).wrt(Role.DATA));
    }

    /** Neal's funnel: v ~ N(0, 9), x | v ~ N(0, e^v). */
    private static EnergyFunction funnel() {
        Graph g = new Graph();
        Node v = g.scalar("v", Role.DATA);
        Node x = g.scalar("x", Role.DATA);
        Node e = v.square().times(1.0 / 18).plus(x.square().times(v.neg().exp()).times(0.5)).plus(v.times(0.5));
        return Compiler.compile(Energy.of(e).wrt(Role.DATA));
    }
}
