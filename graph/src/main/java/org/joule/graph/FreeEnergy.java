package org.joule.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.joule.runtime.Role;
import org.joule.runtime.Variable;

/**
 * The free energy of a latent-variable energy E(y, z; W) marginalised over a finite set of
 * latent values z_1..z_K with weights w_k ({@link LatentSet}), as ordinary nodes of the
 * energy's graph: differentiated, simplified, interpreted and compiled like any other.
 *
 * <pre>
 *   E_k      = E(y, z_k; W)                                   ({@link #energies()}: E with z substituted)
 *   F_β(y)   = −(1/β) log Σ_k w_k exp(−β E_k)                 ({@link #at(double)})
 *   F_∞(y)   = min_k E_k                                      ({@link #minimum()})
 *   P(z_k|y) = w_k exp(−β E_k) / Σ_j w_j exp(−β E_j)
 *            = w_k exp(−β (E_k − F_β))                        ({@link #posterior(double)})
 *   argmin   = the first k with E_k = F_∞, as a number        ({@link #argmin()})
 *   ∂F_β/∂θ  = Σ_k P(z_k|y) ∂E_k/∂θ, the posterior mean of ∂E, for θ in (y, W)
 * </pre>
 *
 * The sum is the max-shifted log-sum-exp of a_k = −β E_k + log w_k (see
 * {@link Joule#softMin}), so nothing overflows for any finite energies and β: with the
 * maximum a_max subtracted, every term lies in [0, 1] and the largest is 1.
 *
 * <p><b>Limits</b> (unit weights, K values, energies E_k in [E_min, E_max]).
 * As β → ∞: e^{−β E_min} &lt;= Σ_k e^{−β E_k} &lt;= K e^{−β E_min}, so
 * E_min − (1/β) log K &lt;= F_β &lt;= E_min, and F_β = E_min to rounding once the gap Δ to
 * the second-smallest energy has β Δ &gt; 37 + log K: the other terms then add up to less
 * than 2^−53, the sum rounds to 1 and its log to 0.
 * As β → 0: F_β + (1/β) log K = −(1/β) log mean_k e^{−β E_k} = κ(β), and the cumulant
 * expansion gives κ(β) = mean − (β/2) Var + R with |R| &lt;= β² L³ / 24, L = E_max − E_min
 * (the third derivative of the cumulant generating function is a third central moment,
 * at most L · L²/4 in size); Jensen and Hoeffding bound it without expansion:
 * mean − β L²/8 &lt;= κ(β) &lt;= mean. For a grid, log K becomes log of the box volume
 * (Σ_k w_k), the continuous analogue.
 *
 * <p>A grid set approximates the continuous free energy −(1/β) log ∫ exp(−β E(y, z)) dz by
 * the quadrature of {@link LatentSet#grid}; the cell volume enters F_β as the additive
 * constant −(1/β) log(h_1 h_2) and leaves the posterior unchanged.
 *
 * <pre>{@code
 * Graph g = new Graph();
 * Tensor y = g.vector("y", 2, Role.DATA);
 * Tensor w = g.matrix("W", 2, 3, Role.PARAMETER);
 * Tensor z = g.vector("z", 3, Role.LATENT);
 * Node e = y.minus(w.matVec(z)).squaredNorm();          // K-means: ||y − W z||²
 * FreeEnergy free = FreeEnergy.over(e, z, LatentSet.oneHot(3));
 * Energy f = Energy.of(free.at(10.0));                   // F_10(y; W), a node like any other
 * }</pre>
 *
 * <p>Reference: Y. LeCun, S. Chopra, R. Hadsell, M. Ranzato and F. J. Huang, "A tutorial on
 * energy-based learning", in Predicting Structured Data, MIT Press, 2006, section "Latent
 * variable architectures": E(Y, X) = −(1/β) log ∫_z exp(−β E(z, Y, X)), which tends to
 * min_z E(z, Y, X) as β → ∞.
 */
public final class FreeEnergy {
    private final Node energy;
    private final Tensor latent;
    private final LatentSet set;
    private final List<Node> energies;

    private FreeEnergy(Node energy, Tensor latent, LatentSet set, List<Node> energies) {
        this.energy = energy;
        this.latent = latent;
        this.set = set;
        this.energies = energies;
    }

    /**
     * Marginalises the latent {@code latent} of {@code energy} over {@code set}: builds
     * E_k = E(y, z_k; W) for each value by {@link Graph#substitute}, with z_k as constants.
     *
     * @param energy the energy E(y, z; W), a node that uses z
     * @param latent the coordinates of z: VAR nodes of the energy's graph, of variables
     *               declared with {@link Role#LATENT}, each once (usually a whole variable)
     * @param set    the latent values, each of length {@code latent.size()}
     * @return the free-energy builder
     * @throws IllegalArgumentException naming the culprit for a null argument, a latent
     *         element that is not a variable of the energy's graph or not LATENT or repeated,
     *         an energy that uses no coordinate of z, values of the wrong length, or a value at
     *         which the energy folds to an undefined constant (log 0, say)
     */
    public static FreeEnergy over(Node energy, Tensor latent, LatentSet set) {
        if (energy == null || latent == null || set == null) {
            throw new IllegalArgumentException("free energy: the " + (energy == null ? "energy"
                    : latent == null ? "latent tensor" : "latent set") + " is null");
        }
        Graph g = energy.graph();
        checkLatent(g, latent);
        checkUsed(g, energy, latent);
        if (set.dimension() != latent.size()) {
            throw new IllegalArgumentException("free energy: the latent values (" + set + ") have length "
                    + set.dimension() + ", but the latent " + latentName(g, latent) + " has "
                    + latent.size() + " coordinates");
        }
        List<Node> energies = new ArrayList<>(set.size());
        for (int k = 0; k < set.size(); k++) {
            energies.add(substituted(g, energy, latent, set, k));
        }
        return new FreeEnergy(energy, latent, set, List.copyOf(energies));
    }

    private static Node substituted(Graph g, Node energy, Tensor latent, LatentSet set, int k) {
        double[] zk = set.value(k);
        Map<Node, Node> map = new HashMap<>();
        for (int i = 0; i < zk.length; i++) {
            map.put(latent.get(i), g.constant(zk[i]));
        }
        try {
            return g.substitute(energy, map);
        } catch (ArithmeticException undefined) {
            throw new IllegalArgumentException("free energy: the energy is undefined at latent value #" + k
                    + ", " + latentName(g, latent) + " = " + Arrays.toString(zk) + ": " + undefined.getMessage(),
                    undefined);
        }
    }

    private static void checkLatent(Graph g, Tensor latent) {
        java.util.Set<Node> seen = new java.util.HashSet<>();
        for (int i = 0; i < latent.size(); i++) {
            Node n = latent.get(i);
            if (n.op() != Op.VAR || n.graph() != g) {
                throw new IllegalArgumentException("free energy: latent element " + i + " is "
                        + (n.op() != Op.VAR ? "a " + n.op().textName() + " node, not a variable"
                        : "a variable of another graph"));
            }
            Variable v = g.variableOf(n);
            if (v.role() != Role.LATENT) {
                throw new IllegalArgumentException("free energy: variable '" + v.name() + "' is " + v.role()
                        + ", not LATENT: declare the variable to marginalise with Role.LATENT");
            }
            if (!seen.add(n)) {
                throw new IllegalArgumentException("free energy: latent coordinate '"
                        + g.layout().coordinateName((int) n.parameter()) + "' appears twice");
            }
        }
    }

    private static void checkUsed(Graph g, Node energy, Tensor latent) {
        java.util.Set<Node> coordinates = new java.util.HashSet<>(latent.elements());
        for (Node n : g.reachable(List.of(energy))) {
            if (coordinates.contains(n)) {
                return;
            }
        }
        throw new IllegalArgumentException("free energy: the energy does not use the latent "
                + latentName(g, latent) + ", so there is nothing to marginalise");
    }

    private static String latentName(Graph g, Tensor latent) {
        Variable first = g.variableOf(latent.get(0));
        Variable last = g.variableOf(latent.get(latent.size() - 1));
        return "'" + first.name() + (first == last ? "" : "'..'" + last.name()) + "'";
    }

    /**
     * The free energy at inverse temperature β:
     * F_β = −(1/β) log Σ_k w_k exp(−β E_k), formed as −(1/β) (logsumexp_k(−β E_k + log w_k / c)
     * + log c) with c the cell volume ({@link LatentSet#logCellVolume()}; 1 for a discrete set,
     * where this is exactly {@link Joule#softMin}). See the class comment for its limits.
     *
     * @param beta the inverse temperature, finite and positive, with 1/β finite
     * @return the free-energy node
     * @throws IllegalArgumentException naming β when it is not finite and positive
     */
    public Node at(double beta) {
        checkBeta(beta);
        if (set.uniform() && set.logCellVolume() == 0) {
            return Joule.softMin(beta, energies);
        }
        Node lse = Joule.logSumExp(List.of(exponents(beta)));
        if (set.logCellVolume() != 0) {
            lse = lse.plus(set.logCellVolume());
        }
        return lse.times(-1.0 / beta);
    }

    /**
     * The free energy at zero temperature, F_∞ = min_k E_k, the limit of F_β as β → ∞ (the
     * weights drop out). Its derivative is that of the first minimal E_k.
     *
     * @return the minimum node
     */
    public Node minimum() {
        return Joule.min(energies);
    }

    /**
     * The index of the first minimal energy, 0 &lt;= k &lt; K, as a number: the latent value
     * z_k = {@link LatentSet#value(int)} that inference picks (the cluster of K-means). A
     * piecewise-constant output, with derivative 0.
     *
     * @return the argmin node
     */
    public Node argmin() {
        return energy.graph().node(Op.ARGMIN, energies.toArray(new Node[0]));
    }

    /**
     * The posterior over the latent values, P(z_k | y) = w_k exp(−β E_k) / Σ_j w_j exp(−β E_j)
     * = w_k exp(−β (E_k − F_β)): the softmax of a_k = −β E_k + log w_k, the gradient of the
     * log-sum-exp in {@link #at(double)} and built from the same max-shifted terms, so it sums
     * to 1 to rounding and has no overflow. For a grid, the probability mass of each point.
     *
     * @param beta the inverse temperature, finite and positive
     * @return K nodes P(z_1 | y), ..., P(z_K | y)
     * @throws IllegalArgumentException naming β when it is not finite and positive
     */
    public List<Node> posterior(double beta) {
        checkBeta(beta);
        Node[] a = exponents(beta);
        LogSumExpParts parts = LogSumExpParts.of(energy.graph(), a);
        List<Node> p = new ArrayList<>(a.length);
        for (int k = 0; k < a.length; k++) {
            p.add(parts.softmax(k));
        }
        return List.copyOf(p);
    }

    /**
     * The posterior mean of the latent, E[z | y] = Σ_k P(z_k | y) z_k, shaped like z. For
     * one-hot codes it is the posterior itself (the soft assignment of K-means).
     *
     * @param beta the inverse temperature, finite and positive
     * @return a tensor of the latent's shape
     * @throws IllegalArgumentException naming β when it is not finite and positive
     */
    public Tensor posteriorMean(double beta) {
        List<Node> p = posterior(beta);
        Graph g = energy.graph();
        Node[] mean = new Node[latent.size()];
        for (int i = 0; i < mean.length; i++) {
            List<Node> terms = new ArrayList<>();
            for (int k = 0; k < p.size(); k++) {
                double zki = set.value(k)[i];
                if (zki != 0) {
                    terms.add(p.get(k).times(zki));
                }
            }
            mean[i] = terms.isEmpty() ? g.constant(0) : Joule.sum(terms);
        }
        return new Tensor(latent.rank(), latent.rows(), latent.cols(), mean);
    }

    /** a_k = −β E_k + (log w_k − log c): the arguments of the log-sum-exp. */
    private Node[] exponents(double beta) {
        Node[] a = new Node[energies.size()];
        for (int k = 0; k < a.length; k++) {
            a[k] = energies.get(k).times(-beta);
            if (set.logWeight(k) != 0) {
                a[k] = a[k].plus(set.logWeight(k));
            }
        }
        return a;
    }

    private static void checkBeta(double beta) {
        if (!(beta > 0) || !Double.isFinite(beta) || !Double.isFinite(1 / beta)) {
            throw new IllegalArgumentException("free energy: beta = " + beta
                    + ": need a finite positive inverse temperature with finite 1/beta"
                    + (beta == Double.POSITIVE_INFINITY ? " (minimum() is the free energy at beta = infinity)" : ""));
        }
    }

    /**
     * The energies E_k = E(y, z_k; W), one per latent value, in the order of the set.
     *
     * @return K nodes
     */
    public List<Node> energies() {
        return energies;
    }

    /**
     * The energy E(y, z; W) that was marginalised.
     *
     * @return the energy node, which still uses z
     */
    public Node energy() {
        return energy;
    }

    /**
     * The latent that was marginalised.
     *
     * @return its coordinates, as given
     */
    public Tensor latent() {
        return latent;
    }

    /**
     * The latent values and their weights.
     *
     * @return the set
     */
    public LatentSet latentSet() {
        return set;
    }
}
