package org.joule.graph.testing;

import java.util.ArrayList;
import java.util.List;
import org.joule.graph.Graph;
import org.joule.graph.Joule;
import org.joule.graph.Node;
import org.joule.graph.Tensor;
import org.joule.runtime.Role;

/**
 * The energies of the design notes, built with the DSL: canonical workloads for tests and
 * benchmarks, and examples of the DSL. Each method declares its variables in {@code g}.
 */
public final class Workloads {
    private Workloads() {
    }

    /**
     * K-means free energy F(y) = -(1/beta) logsumexp_k(-beta ||y - w_k||^2) over k prototypes in R^d.
     *
     * @param g    the graph; declares y (data, length d) and W (parameters, k x d)
     * @param k    the number of prototypes
     * @param d    the dimension
     * @param beta the inverse temperature
     * @return the free energy
     */
    public static Node kmeansSoftMin(Graph g, int k, int d, double beta) {
        Tensor y = g.vector("y", d, Role.DATA);
        Tensor w = g.matrix("W", k, d, Role.PARAMETER);
        List<Node> energies = new ArrayList<>();
        for (int j = 0; j < k; j++) {
            energies.add(y.minus(w.row(j)).squaredNorm());
        }
        return Joule.softMin(beta, energies);
    }

    /**
     * K-means with a hard minimum over prototypes: F(y) = min_k ||y - w_k||^2.
     *
     * @param g the graph; declares y (data, length d) and W (parameters, k x d)
     * @param k the number of prototypes
     * @param d the dimension
     * @return the energy
     */
    public static Node kmeansHardMin(Graph g, int k, int d) {
        Tensor y = g.vector("y", d, Role.DATA);
        Tensor w = g.matrix("W", k, d, Role.PARAMETER);
        List<Node> energies = new ArrayList<>();
        for (int j = 0; j < k; j++) {
            energies.add(y.minus(w.row(j)).squaredNorm());
        }
        return Joule.min(energies);
    }

    /**
     * MLP energy E(y) = v . tanh(A y + b).
     *
     * @param g      the graph; declares y (data, length d), A (hidden x d), b and v (length hidden)
     * @param d      the input dimension
     * @param hidden the number of hidden units
     * @return the energy
     */
    public static Node mlp(Graph g, int d, int hidden) {
        Tensor y = g.vector("y", d, Role.DATA);
        Tensor a = g.matrix("A", hidden, d, Role.PARAMETER);
        Tensor b = g.vector("b", hidden, Role.PARAMETER);
        Tensor v = g.vector("v", hidden, Role.PARAMETER);
        return a.matVec(y).plus(b).map(Node::tanh).dot(v);
    }

    /**
     * Extended Rosenbrock: sum_i 100 (x_{i+1} - x_i^2)^2 + (1 - x_i)^2.
     *
     * @param g the graph; declares x (data, length n)
     * @param n the dimension, at least 2
     * @return the energy
     */
    public static Node rosenbrock(Graph g, int n) {
        Tensor x = g.vector("x", n, Role.DATA);
        List<Node> terms = new ArrayList<>();
        for (int i = 0; i + 1 < n; i++) {
            terms.add(x.get(i + 1).minus(x.get(i).square()).square().times(100));
            terms.add(g.constant(1).minus(x.get(i)).square());
        }
        return Joule.sum(terms);
    }

    /**
     * Sparse coding: E(y, z) = ||y - W z||^2 + lambda sum_i |z_i|.
     *
     * @param g      the graph; declares y (data, length d), z (latent, length k) and W (d x k)
     * @param d      the data dimension
     * @param k      the number of dictionary atoms
     * @param lambda the weight of the L1 penalty
     * @return the energy
     */
    public static Node sparseCoding(Graph g, int d, int k, double lambda) {
        Tensor y = g.vector("y", d, Role.DATA);
        Tensor z = g.vector("z", k, Role.LATENT);
        Tensor w = g.matrix("W", d, k, Role.PARAMETER);
        return y.minus(w.matVec(z)).squaredNorm().plus(z.map(Node::abs).sum().times(lambda));
    }

    /**
     * Denoising-autoencoder energy with one hidden layer: ||y - D relu(E y + c)||^2.
     *
     * @param g      the graph; declares y (data, length d), E (hidden x d), c (length hidden) and D
     *               (d x hidden)
     * @param d      the data dimension
     * @param hidden the number of hidden units
     * @return the energy
     */
    public static Node autoencoder(Graph g, int d, int hidden) {
        Tensor y = g.vector("y", d, Role.DATA);
        Tensor enc = g.matrix("E", hidden, d, Role.PARAMETER);
        Tensor c = g.vector("c", hidden, Role.PARAMETER);
        Tensor dec = g.matrix("D", d, hidden, Role.PARAMETER);
        Tensor h = enc.matVec(y).plus(c).map(Node::relu);
        return y.minus(dec.matVec(h)).squaredNorm();
    }

    /**
     * A wide graph of about 4 x terms nodes with distinct constants, sum_i sin(c_i x_(i mod n))
     * over a vector x of length n: a stress test of compilation at scale.
     *
     * @param g     the graph; declares x (data, length n)
     * @param terms the number of terms
     * @param n     the length of x
     * @return the energy
     */
    public static Node wide(Graph g, int terms, int n) {
        Tensor x = g.vector("x", n, Role.DATA);
        List<Node> parts = new ArrayList<>(terms);
        for (int i = 0; i < terms; i++) {
            parts.add(x.get(i % n).times(1 + i * 1e-6).sin());
        }
        return Joule.sum(parts);
    }
}
