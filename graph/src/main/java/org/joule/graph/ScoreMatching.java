package org.joule.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.joule.runtime.Variable;

/**
 * Score-matching objectives of an energy E(y; W), built symbolically as nodes of the energy's
 * graph: training objectives that need neither the partition function nor samples from the
 * model. Each builder returns the objective of one example (one data row, and for the sliced
 * and denoising forms one draw of the projection or the noise); the loss is its mean over rows,
 * which {@link org.joule.runtime.Batch} sums (or {@link org.joule.runtime.RowMean} averages) with
 * the bits independent of the thread count. The objective is an ordinary node: differentiate it
 * in W with {@code Energy.of(j).wrt(Role.PARAMETER)} (third-order mixed derivatives of E, built
 * by the same reverse sweep), simplify, interpret and compile it like any energy.
 *
 * <p>With the model density p(y; W) ∝ exp(−E(y; W)) the model score is ∇_y log p = −∇_y E,
 * so every objective below is written in E:
 * <pre>
 *   exact      J   = ½ ‖∇_y E‖² − Δ_y E                      Hyvärinen 2005, Theorem 1
 *   sliced     J_v = ½ (vᵀ ∇_y E)² − vᵀ ∇²_y E v              Song et al. 2019, SSM
 *   sliced-VR  J_v = ½ ‖∇_y E‖² − vᵀ ∇²_y E v                 Song et al. 2019, SSM-VR
 *   denoising  J_ε = ½ ‖∇_y E(ỹ) − (ỹ − y)/σ²‖²,  ỹ = y + σ ε  Vincent 2011, DSM
 *                  = ½ ‖∇_y E(y + σ ε) − ε/σ‖²
 * </pre>
 * When E[v vᵀ] = I (v ~ N(0, I), Rademacher v, or ±√d e_i), E_v[J_v] = J for both sliced forms:
 * E_v[(vᵀ g)²] = gᵀ E[v vᵀ] g = ‖g‖², E_v[vᵀ H v] = tr(H E[v vᵀ]) = Δ E. The exact form costs d
 * reverse sweeps over the gradient (one per diagonal entry of the Hessian); the sliced forms cost
 * one (a Hessian-vector product, ∇_y(∇_y E · v)), whatever d, and suit a high-dimensional y.
 *
 * <p>Known answer (tested): for the Gaussian energy E = ½ (y − μ)ᵀ P (y − μ), the exact objective
 * averaged over data is minimised by μ = the sample mean and P = the inverse of the biased (1/N)
 * sample covariance S; the denoising objective, with noise whose mean is 0 and second moment
 * I for every data row, by μ = the sample mean and P = (S + σ² I)^{-1}, which tends to S^{-1}
 * as σ → 0 (see {@link #denoising}).
 *
 * <pre>{@code
 * Graph g = new Graph();
 * Tensor y = g.vector("y", 2, Role.DATA);
 * Tensor mu = g.vector("mu", 2, Role.PARAMETER);
 * Tensor a = g.matrix("A", 2, 2, Role.PARAMETER);
 * Node e = a.matVec(y.minus(mu)).squaredNorm().times(0.5);   // P = AᵀA
 * Energy loss = Energy.of(ScoreMatching.exact(e, y)).wrt(Role.PARAMETER);
 * }</pre>
 *
 * <p>References: A. Hyvärinen, "Estimation of non-normalized statistical models by score
 * matching", JMLR 6 (2005) 695–709; Y. Song, S. Garg, J. Shi and S. Ermon, "Sliced score
 * matching: a scalable approach to density and score estimation", UAI 2019; P. Vincent, "A
 * connection between score matching and denoising autoencoders", Neural Computation 23 (2011)
 * 1661–1674.
 */
public final class ScoreMatching {
    private ScoreMatching() {
    }

    /**
     * Hyvärinen's (2005) exact score-matching objective of one example,
     * J = ½ ‖∇_y E‖² − Δ_y E = Σ_i (½ (∂E/∂y_i)² − ∂²E/∂y_i²), from the symbolic gradient
     * and the diagonal of the Hessian in y (the gradient of each ∂E/∂y_i in y_i alone).
     * Its mean over data rows equals, up to a constant independent of W, ½ E_data‖∇ log p −
     * ∇ log p_data‖² (Hyvärinen 2005, Theorem 1), for energies smooth in y whose density
     * vanishes fast enough at infinity.
     *
     * @param energy the energy E(y; W), a scalar node that uses y
     * @param y      the coordinates of y: VAR nodes of the energy's graph, each once
     * @return the objective node J(y; W)
     * @throws IllegalArgumentException naming the culprit: a null argument, an element of y
     *     that is not a variable of the energy's graph or is repeated, an energy that does not
     *     use y
     */
    public static Node exact(Node energy, Tensor y) {
        checkEnergyAndY("exact score matching", energy, y);
        List<Node> ys = y.elements();
        Node[] gradient = Differentiator.gradient(energy, ys);
        List<Node> terms = new ArrayList<>(2 * gradient.length);
        for (int i = 0; i < gradient.length; i++) {
            Node curvature = Differentiator.gradient(gradient[i], List.of(ys.get(i)))[0];
            terms.add(gradient[i].square().times(0.5).minus(curvature));
        }
        return Joule.sum(terms);
    }

    /**
     * The sliced score-matching objective of one example and one projection v (Song et al.
     * 2019), J_v = ½ (vᵀ ∇_y E)² − vᵀ ∇²_y E v, with the Hessian-vector product built
     * symbolically as ∇_y (∇_y E · v) (v is an input, constant in y). Averaged over projections
     * with E[v vᵀ] = I it is the exact objective {@link #exact}; draw v with
     * {@link NoiseRows#gaussian}, {@link NoiseRows#rademacher} or enumerate {@link NoiseRows#allSigns}.
     *
     * @param energy     the energy E(y; W), a scalar node that uses y and not v
     * @param y          the coordinates of y: VAR nodes of the energy's graph, each once
     * @param projection the coordinates of v: as many VAR nodes as y, of variables declared
     *                   after those of y (so a data row holds y, then v), distinct from y
     * @return the objective node J_v(y; W)
     * @throws IllegalArgumentException naming the culprit: as {@link #exact}, and a projection
     *     of another length than y, not variables, repeated, overlapping y, used by the energy,
     *     or declared before y
     */
    public static Node sliced(Node energy, Tensor y, Tensor projection) {
        return slicedTerms("sliced score matching", energy, y, projection, false);
    }

    /**
     * The variance-reduced sliced objective of one example and one projection v (Song et al.
     * 2019, "SSM-VR"), J_v = ½ ‖∇_y E‖² − vᵀ ∇²_y E v: the first term is taken in
     * expectation in closed form, which lowers the variance when v is Gaussian or Rademacher.
     * Same expectation as {@link #sliced} when E[v vᵀ] = I.
     *
     * @param energy     the energy E(y; W), a scalar node that uses y and not v
     * @param y          the coordinates of y: VAR nodes of the energy's graph, each once
     * @param projection the coordinates of v, as for {@link #sliced}
     * @return the objective node J_v(y; W)
     * @throws IllegalArgumentException as {@link #sliced}
     */
    public static Node slicedVarianceReduced(Node energy, Tensor y, Tensor projection) {
        return slicedTerms("sliced score matching (variance reduced)", energy, y, projection, true);
    }

    private static Node slicedTerms(String what, Node energy, Tensor y, Tensor v, boolean reduced) {
        checkEnergyAndY(what, energy, y);
        checkCompanion(what, "projection", energy, y, v);
        List<Node> ys = y.elements();
        Node[] gradient = Differentiator.gradient(energy, ys);
        Tensor flatV = Tensor.vector(v.elements());
        Node directional = Tensor.vector(gradient).dot(flatV); // vᵀ ∇E
        Node curvature = Tensor.vector(Differentiator.gradient(directional, ys)).dot(flatV); // vᵀ H v
        Node first = reduced ? Tensor.vector(gradient).squaredNorm() : directional.square();
        return first.times(0.5).minus(curvature);
    }

    /**
     * Vincent's (2011) denoising score-matching objective of one example and one noise draw ε:
     * J_ε = ½ ‖∇_y E(ỹ) − (ỹ − y)/σ²‖² with ỹ = y + σ ε, formed as ½ ‖∇_y E(y + σ ε) − ε/σ‖²
     * (the target ε/σ exactly, not rounded through ỹ − y). The gradient is built in y and
     * evaluated at ỹ by substitution. With ε ~ N(0, I) its mean over data and noise equals, up
     * to a constant, the explicit score-matching objective of the data smoothed by N(0, σ² I)
     * (Vincent 2011); draw ε with {@link NoiseRows#gaussian}.
     *
     * <p>Closed form for the Gaussian energy E = ½ (y − μ)ᵀ P (y − μ): ∇E(ỹ) = P ỹ − P μ is
     * linear in (P, Pμ), so the mean objective over pairs (y_k, ε_k) is a least-squares problem
     * whose minimiser is P = C_tỹ C_ỹỹ^{-1}, P μ = P mean(ỹ) − mean(t), with t = ε/σ and C the
     * (1/N) covariances. When the noise of every data row has mean 0 and second moment I (exact
     * for {@link NoiseRows#allSigns}, in expectation for Gaussian noise) the cross terms vanish:
     * C_tỹ = I, C_ỹỹ = S + σ² I, so μ = the sample mean and P = (S + σ² I)^{-1}, which is
     * symmetric and tends to the exact score-matching answer S^{-1} as σ → 0.
     *
     * @param energy the energy E(y; W), a scalar node that uses y and not ε
     * @param y      the coordinates of y: VAR nodes of the energy's graph, each once
     * @param noise  the coordinates of ε: as many VAR nodes as y, of variables declared after
     *               those of y (so a data row holds y, then ε), distinct from y
     * @param sigma  the noise scale σ, finite and positive
     * @return the objective node J_ε(y; W)
     * @throws IllegalArgumentException naming the culprit: σ not finite and positive, and as
     *     {@link #sliced} for y and the noise
     */
    public static Node denoising(Node energy, Tensor y, Tensor noise, double sigma) {
        String what = "denoising score matching";
        if (!(sigma > 0) || sigma == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException(what + ": sigma is " + sigma + "; expected a finite number > 0");
        }
        checkEnergyAndY(what, energy, y);
        checkCompanion(what, "noise", energy, y, noise);
        Graph g = energy.graph();
        List<Node> ys = y.elements();
        Map<Node, Node> noisy = new HashMap<>();
        for (int i = 0; i < ys.size(); i++) {
            noisy.put(ys.get(i), ys.get(i).plus(noise.get(i).times(sigma)));
        }
        List<Node> scoreAtNoisy = g.substitute(List.of(Differentiator.gradient(energy, ys)), noisy);
        List<Node> residuals = new ArrayList<>(ys.size());
        for (int i = 0; i < ys.size(); i++) {
            residuals.add(scoreAtNoisy.get(i).minus(noise.get(i).div(sigma)));
        }
        return Tensor.vector(residuals).squaredNorm().times(0.5);
    }

    // ---------------------------------------------------------------- checks

    private static void checkEnergyAndY(String what, Node energy, Tensor y) {
        if (energy == null || y == null) {
            throw new IllegalArgumentException(what + ": the " + (energy == null ? "energy" : "tensor y")
                    + " is null");
        }
        checkVariables(what, "y", energy.graph(), y);
        Set<Node> coordinates = new HashSet<>(y.elements());
        for (Node n : energy.graph().reachable(List.of(energy))) {
            if (coordinates.contains(n)) {
                return;
            }
        }
        throw new IllegalArgumentException(what + ": the energy does not use y (" + names(energy.graph(), y)
                + "), so its score in y is 0");
    }

    /** Checks the projection or noise tensor that goes with y. */
    private static void checkCompanion(String what, String role, Node energy, Tensor y, Tensor companion) {
        if (companion == null) {
            throw new IllegalArgumentException(what + ": the " + role + " tensor is null");
        }
        Graph g = energy.graph();
        if (companion.size() != y.size()) {
            throw new IllegalArgumentException(what + ": the " + role + " has " + companion.size()
                    + " coordinates but y has " + y.size() + "; they must have the same dimension d");
        }
        checkVariables(what, role, g, companion);
        int lastY = -1;
        for (Node n : y.elements()) {
            lastY = Math.max(lastY, (int) n.parameter());
        }
        Set<Node> own = new HashSet<>(companion.elements());
        for (int i = 0; i < companion.size(); i++) {
            Node n = companion.get(i);
            if (y.elements().contains(n)) {
                throw new IllegalArgumentException(what + ": " + role + " coordinate '" + name(g, n)
                        + "' is also a coordinate of y");
            }
            if ((int) n.parameter() < lastY) {
                throw new IllegalArgumentException(what + ": " + role + " coordinate '" + name(g, n)
                        + "' is declared before y's coordinate '" + g.layout().coordinateName(lastY)
                        + "'; declare the " + role + " variable after y, so a data row holds y, then the " + role);
            }
        }
        for (Node n : g.reachable(List.of(energy))) {
            if (own.contains(n)) {
                throw new IllegalArgumentException(what + ": the energy uses " + role + " coordinate '" + name(g, n)
                        + "'; the " + role + " must be an input of its own, not of the energy");
            }
        }
    }

    private static void checkVariables(String what, String role, Graph g, Tensor t) {
        Set<Node> seen = new HashSet<>();
        for (int i = 0; i < t.size(); i++) {
            Node n = t.get(i);
            if (n.op() != Op.VAR || n.graph() != g) {
                throw new IllegalArgumentException(what + ": " + role + " element " + i + " is "
                        + (n.op() != Op.VAR ? "a " + n.op().textName() + " node, not a variable"
                        : "a variable of another graph than the energy's"));
            }
            if (!seen.add(n)) {
                throw new IllegalArgumentException(what + ": " + role + " coordinate '" + name(g, n)
                        + "' appears twice");
            }
        }
    }

    private static String name(Graph g, Node var) {
        return g.layout().coordinateName((int) var.parameter());
    }

    private static String names(Graph g, Tensor t) {
        Variable first = g.variableOf(t.get(0));
        Variable last = g.variableOf(t.get(t.size() - 1));
        return "'" + first.name() + (first == last ? "" : "'..'" + last.name()) + "'";
    }
}
