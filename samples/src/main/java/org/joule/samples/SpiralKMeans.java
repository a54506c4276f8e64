package org.joule.samples;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.joule.compiler.Compiler;
import org.joule.graph.Energy;
import org.joule.graph.Graph;
import org.joule.graph.Joule;
import org.joule.graph.Node;
import org.joule.graph.Tensor;
import org.joule.runtime.Batch;
import org.joule.runtime.EnergyFunction;
import org.joule.runtime.Role;

/**
 * K-means as a latent-variable energy-based model, trained on points along a spiral (the
 * example of LeCun's lecture "SSL, EBM with details and examples").
 *
 * <p>The energy of a point y with latent one-hot z is E(y, z) = ||y - W z||^2; the free
 * energy marginalises z at inverse temperature beta,
 * F_beta(y) = -(1/beta) log sum_k exp(-beta ||y - w_k||^2). Training descends the mean free
 * energy of the data with respect to W while beta grows (deterministic annealing): at small
 * beta all prototypes sit at the mean; as beta grows they split and spread along the spiral,
 * and F_beta tends to the K-means energy min_k ||y - w_k||^2.
 */
public final class SpiralKMeans {
    /** Number of prototypes. */
    public final int k;
    /** The data, one row per point. */
    public final double[][] data;
    /** The free energy F(y; W, beta), differentiated with respect to W, compiled to bytecode. */
    public final EnergyFunction freeEnergy;
    private final Batch batch;
    private final double[] rows;
    private final int wOffset;
    private final int betaIndex;
    /** Current parameters: the input array without y (y is written per point). */
    public final double[] x;

    /** A model with {@code k} prototypes over {@code n} spiral points drawn with {@code seed}. */
    public SpiralKMeans(int k, int n, long seed) {
        this.k = k;
        this.data = spiral(n, new Random(seed));
        Graph g = new Graph();
        Tensor y = g.vector("y", 2, Role.DATA);
        Node beta = g.scalar("beta", Role.DATA);
        Tensor w = g.matrix("W", k, 2, Role.PARAMETER);
        List<Node> scaled = new ArrayList<>();
        for (int j = 0; j < k; j++) {
            scaled.add(y.minus(w.row(j)).squaredNorm().times(beta).neg());
        }
        Node f = Joule.logSumExp(scaled).div(beta).neg();
        this.freeEnergy = Compiler.compile(Energy.of(f).wrt(Role.PARAMETER));
        this.batch = Batch.byVariables(freeEnergy, "y");
        this.rows = new double[2 * n];
        for (int i = 0; i < n; i++) {
            rows[2 * i] = data[i][0];
            rows[2 * i + 1] = data[i][1];
        }
        this.wOffset = g.layout().variable("W").offset();
        this.betaIndex = g.layout().indexOf("beta");
        this.x = new double[g.layout().size()];
        Random r = new Random(seed + 1);
        for (int j = 0; j < 2 * k; j++) {
            x[wOffset + j] = 0.01 * r.nextGaussian();
        }
    }

    /** n points along a two-turn spiral in [-1, 1]^2, with a little noise. */
    public static double[][] spiral(int n, Random r) {
        double[][] p = new double[n][];
        for (int i = 0; i < n; i++) {
            double t = 0.5 + 3.5 * Math.PI * r.nextDouble();
            double radius = t / (4 * Math.PI);
            p[i] = new double[] {radius * Math.cos(t) + 0.02 * r.nextGaussian(),
                    radius * Math.sin(t) + 0.02 * r.nextGaussian()};
        }
        return p;
    }

    /**
     * One full-batch gradient step at inverse temperature beta, the sum over the data computed
     * by {@link Batch} on {@code threads} threads; returns the mean free energy before the step.
     */
    public double step(double beta, double learningRate, int threads) {
        x[betaIndex] = beta;
        double[] sum = new double[freeEnergy.wrtLength()];
        double total = batch.valueAndGradientSum(x, rows, sum, threads);
        for (int j = 0; j < sum.length; j++) {
            x[freeEnergy.wrt(j)] -= learningRate * sum[j] / data.length;
        }
        return total / data.length;
    }

    /** The free energy at point (u, v) with the current prototypes and the given beta. */
    public double energyAt(double u, double v, double beta) {
        double[] at = x.clone();
        at[0] = u;
        at[1] = v;
        at[betaIndex] = beta;
        return freeEnergy.value(at);
    }

    /** The K-means energy: mean over the data of min_k ||y - w_k||^2. */
    public double kmeansEnergy() {
        double total = 0;
        for (double[] p : data) {
            double best = Double.POSITIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                double du = p[0] - x[wOffset + 2 * j];
                double dv = p[1] - x[wOffset + 2 * j + 1];
                best = Math.min(best, du * du + dv * dv);
            }
            total += best;
        }
        return total / data.length;
    }

    /** Prototype j as (u, v). */
    public double[] prototype(int j) {
        return new double[] {x[wOffset + 2 * j], x[wOffset + 2 * j + 1]};
    }
}
