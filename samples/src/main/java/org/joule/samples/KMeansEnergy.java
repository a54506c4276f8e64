package org.joule.samples;

import java.util.HashMap;
import java.util.Map;
import org.joule.compiler.Compiler;
import org.joule.graph.Energy;
import org.joule.graph.FreeEnergy;
import org.joule.graph.Graph;
import org.joule.graph.LatentSet;
import org.joule.graph.Node;
import org.joule.graph.Tensor;
import org.joule.runtime.Batch;
import org.joule.runtime.EnergyFunction;
import org.joule.runtime.Layout;
import org.joule.runtime.Role;

/**
 * K-means as a latent-variable energy-based model: the energy
 * E(y, z; W) = ||y − Wᵀ z||² of a point y in R^d, a latent one-hot code z in {e_1, ..., e_k}
 * ({@link Role#LATENT}) and the k×d {@link Role#PARAMETER} matrix W whose row j is prototype
 * w_j, so that E(y, e_j; W) = ||y − w_j||². The latent is marginalised by the general
 * machinery, {@link FreeEnergy#over FreeEnergy.over(E, z, LatentSet.oneHot(k))}, never by a
 * hand-written soft-min; the nodes it gives are compiled to bytecode:
 * <ul>
 *   <li>{@link #assignment()}: the argmin over z, the cluster of y (inference);</li>
 *   <li>{@link #minimum()}: F_∞(y; W) = min_j ||y − w_j||², whose sum over the data is the
 *       within-cluster sum of squares (WCSS) of the nearest-prototype assignment;</li>
 *   <li>{@link #freeEnergy(double)}: F_β(y; W) = −(1/β) log Σ_j exp(−β ||y − w_j||²),
 *       differentiated with respect to W, and {@link #dataFreeEnergy} its sum over the data,
 *       L(W) = Σ_i F_β(y_i; W), the loss of soft K-means.</li>
 * </ul>
 * The input array of every compiled function has the layout {@code y:[d] data, z:[k] latent,
 * W:[k,d] parameter}; z is not used after marginalisation. Sums over the data go through
 * {@link Batch}, so they are the same bits for any thread count. Instances are thread-safe.
 *
 * <pre>{@code
 * KMeansEnergy model = KMeansEnergy.of(3, 2);
 * double[] x = model.input(new double[][] {{0, 0}, {1, 0}, {0, 1}});
 * int[] clusters = model.assign(x, KMeansEnergy.rows(data, 2), 2);   // argmin z, 2 threads
 * }</pre>
 *
 * <p>Reference: Y. LeCun, S. Chopra, R. Hadsell, M. Ranzato and F. J. Huang, "A tutorial on
 * energy-based learning", in Predicting Structured Data, MIT Press, 2006: latent-variable
 * energies, inference by minimisation over z, and the free energy
 * −(1/β) log Σ_z exp(−β E(y, z)) that tends to min_z E as β → ∞.
 */
public final class KMeansEnergy {
    /** The most prototypes: each is one copy of ||y − w_j||² per free-energy term. */
    public static final int MAX_K = 4096;

    private final int k;
    private final int dimension;
    private final FreeEnergy free;
    private final Layout layout;
    private final int wOffset;
    private final EnergyFunction assignment;
    private final EnergyFunction minimum;
    private final Batch assignmentRows;
    private final Batch minimumRows;
    private final Map<Double, EnergyFunction> byBeta = new HashMap<>();

    private KMeansEnergy(int k, int dimension) {
        this.k = k;
        this.dimension = dimension;
        Graph g = new Graph();
        Tensor y = g.vector("y", dimension, Role.DATA);
        Tensor z = g.vector("z", k, Role.LATENT);
        Tensor w = g.matrix("W", k, dimension, Role.PARAMETER);
        Node energy = y.minus(w.transpose().matVec(z)).squaredNorm();
        this.free = FreeEnergy.over(energy, z, LatentSet.oneHot(k));
        this.layout = g.layout();
        this.wOffset = layout.variable("W").offset();
        this.assignment = Compiler.compile(Energy.of(free.argmin()).wrt(new Role[0]));
        this.minimum = Compiler.compile(Energy.of(free.minimum()).wrt(Role.PARAMETER));
        this.assignmentRows = Batch.byVariables(assignment, "y");
        this.minimumRows = Batch.byVariables(minimum, "y");
    }

    /**
     * The K-means energy for k prototypes in R^d, with its argmin and minimum compiled.
     *
     * @param k         the number of prototypes, 1 &lt;= k &lt;= {@link #MAX_K}
     * @param dimension the dimension d of a point, 1 or more
     * @return the model
     * @throws IllegalArgumentException naming k or the dimension when out of range
     */
    public static KMeansEnergy of(int k, int dimension) {
        if (k < 1 || k > MAX_K) {
            throw new IllegalArgumentException("k = " + k + ": need 1 <= k <= " + MAX_K + " prototypes");
        }
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension = " + dimension + ": a point needs at least one coordinate");
        }
        return new KMeansEnergy(k, dimension);
    }

    /**
     * The number of prototypes k.
     *
     * @return k
     */
    public int k() {
        return k;
    }

    /**
     * The dimension d of a point.
     *
     * @return d
     */
    public int dimension() {
        return dimension;
    }

    /**
     * The layout of the input array of every compiled function here.
     *
     * @return {@code y:[d] data, z:[k] latent, W:[k,d] parameter}
     */
    public Layout layout() {
        return layout;
    }

    /**
     * The free-energy construction over the latent z, for other outputs (the posterior, say).
     *
     * @return the free energy of E(y, z; W) over the one-hot codes of length k
     */
    public FreeEnergy latentFreeEnergy() {
        return free;
    }

    /**
     * Inference: the compiled argmin over z, whose value is the index j of the nearest
     * prototype (the first of equally near ones), as a double.
     *
     * @return a compiled function with an empty gradient
     */
    public EnergyFunction assignment() {
        return assignment;
    }

    /**
     * The compiled free energy at zero temperature, F_∞(y; W) = min_j ||y − w_j||², with its
     * gradient with respect to W.
     *
     * @return a compiled function
     */
    public EnergyFunction minimum() {
        return minimum;
    }

    /**
     * The compiled free energy at inverse temperature β,
     * F_β(y; W) = −(1/β) log Σ_j exp(−β ||y − w_j||²), with its gradient with respect to W,
     * the posterior mean of ∂E/∂W. β is a constant of the graph, so each β is compiled once
     * and kept by this model (an annealing schedule compiles a dozen or so; restarts share them).
     *
     * @param beta the inverse temperature, finite and positive
     * @return a compiled function
     * @throws IllegalArgumentException naming β when it is not finite and positive
     */
    public synchronized EnergyFunction freeEnergy(double beta) {
        checkBeta(beta);
        return byBeta.computeIfAbsent(beta,
                b -> Compiler.compile(Energy.of(free.at(b)).wrt(Role.PARAMETER)));
    }

    /**
     * The data free energy L(W) = Σ_i F_β(y_i; W) over the rows, as an energy of W that an
     * optimiser of {@code org.joule.runtime.optimize} minimises.
     *
     * @param beta    the inverse temperature, finite and positive
     * @param rows    the points one after another, d numbers each ({@link #rows})
     * @param threads the threads {@link Batch} may use; the result does not depend on it
     * @return the sum, over the layout of {@link #layout()}
     * @throws IllegalArgumentException naming β, the rows or the thread count when bad
     */
    public EnergyFunction dataFreeEnergy(double beta, double[] rows, int threads) {
        return new DataSum(freeEnergy(beta), rows, threads, "y");
    }

    /**
     * The input array with the given prototypes in W (y and z are 0).
     *
     * @param prototypes k rows of d numbers
     * @return a new array of length {@code layout().size()}
     * @throws IllegalArgumentException naming the row when the shape is wrong
     */
    public double[] input(double[][] prototypes) {
        if (prototypes == null || prototypes.length != k) {
            throw new IllegalArgumentException((prototypes == null ? "no" : String.valueOf(prototypes.length))
                    + " prototypes for a model with k = " + k);
        }
        double[] x = new double[layout.size()];
        for (int j = 0; j < k; j++) {
            if (prototypes[j] == null || prototypes[j].length != dimension) {
                throw new IllegalArgumentException("prototype " + j + " has length "
                        + (prototypes[j] == null ? "null" : prototypes[j].length) + ", expected " + dimension);
            }
            System.arraycopy(prototypes[j], 0, x, wOffset + j * dimension, dimension);
        }
        return x;
    }

    /**
     * The prototypes held in W of an input array.
     *
     * @param x an input array of length {@code layout().size()}
     * @return k new rows of d numbers
     */
    public double[][] prototypes(double[] x) {
        double[][] p = new double[k][dimension];
        for (int j = 0; j < k; j++) {
            System.arraycopy(x, wOffset + j * dimension, p[j], 0, dimension);
        }
        return p;
    }

    /**
     * Inference for every point: the compiled argmin over z, by {@link Batch#values}.
     *
     * @param x       an input array holding W
     * @param rows    the points one after another, d numbers each
     * @param threads the threads to use, 1 or more; the result does not depend on it
     * @return the cluster of each point, in 0..k−1
     */
    public int[] assign(double[] x, double[] rows, int threads) {
        double[] index = assignmentRows.values(x, rows, threads);
        int[] a = new int[index.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = (int) index[i];
        }
        return a;
    }

    /**
     * The energy of every point at its nearest prototype, min_j ||y_i − w_j||², by
     * {@link Batch#values} on the compiled {@link #minimum()}.
     *
     * @param x       an input array holding W
     * @param rows    the points one after another, d numbers each
     * @param threads the threads to use, 1 or more; the result does not depend on it
     * @return one energy per point
     */
    public double[] nearestEnergies(double[] x, double[] rows, int threads) {
        return minimumRows.values(x, rows, threads);
    }

    /**
     * Checks that β is a finite positive inverse temperature.
     *
     * @param beta the inverse temperature
     * @throws IllegalArgumentException naming β otherwise
     */
    static void checkBeta(double beta) {
        if (!(beta > 0) || !Double.isFinite(beta) || !Double.isFinite(1 / beta)) {
            throw new IllegalArgumentException("beta = " + beta + ": need a finite positive inverse temperature");
        }
    }

    /**
     * The points as one flat array of rows, after checking them: at least one point, every
     * row of the same length d as row 0 (or as {@code dimension} when it is positive), every
     * coordinate finite.
     *
     * @param data      the points, one row each
     * @param dimension the expected length of a row, or 0 to take that of row 0
     * @return the rows one after another
     * @throws IllegalArgumentException naming the row (and coordinate) that is wrong
     */
    public static double[] rows(double[][] data, int dimension) {
        if (data == null || data.length == 0) {
            throw new IllegalArgumentException("data: no points");
        }
        if (data[0] == null || data[0].length == 0) {
            throw new IllegalArgumentException("data row 0 is " + (data[0] == null ? "null" : "empty"));
        }
        int d = dimension > 0 ? dimension : data[0].length;
        double[] rows = new double[Math.multiplyExact(data.length, d)];
        for (int i = 0; i < data.length; i++) {
            double[] p = data[i];
            if (p == null || p.length != d) {
                throw new IllegalArgumentException("data row " + i + " has length " + (p == null ? "null" : p.length)
                        + ", expected " + d + (dimension > 0 ? "" : " (the length of row 0)"));
            }
            for (int c = 0; c < d; c++) {
                if (!Double.isFinite(p[c])) {
                    throw new IllegalArgumentException("data row " + i + ", coordinate " + c + " is " + p[c]
                            + ": need finite numbers");
                }
            }
            System.arraycopy(p, 0, rows, i * d, d);
        }
        return rows;
    }
}
