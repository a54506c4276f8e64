package org.joule.compiler.training;

import java.util.Random;
import org.joule.compiler.Compiler;
import org.joule.graph.Energy;
import org.joule.graph.Graph;
import org.joule.graph.Joule;
import org.joule.graph.Node;
import org.joule.graph.Tensor;
import org.joule.runtime.EnergyFunction;
import org.joule.runtime.Role;

/** Energies and data sets the training tests share. */
final class TrainingEnergies {
    private TrainingEnergies() {
    }

    /** Two compiled views, in y and in W, of one energy. */
    record Views(EnergyFunction inData, EnergyFunction inParameters) {
    }

    /**
     * A one-dimensional soft-min of two wells, E(y) = −log(exp(−a (y − μ₁)²) + exp(−a (y − μ₂)²))
     * with a = exp(s): parameters mu (2) and s. At β = 1 its Gibbs density is an equal mixture of
     * two Gaussians with sd 1/√(2a), so the maximum-likelihood fit to the test's mixture has
     * μ at the sample means of the two halves (≈ ±2) and a ≈ 2; fitting s needs the negative
     * phase (the positive phase alone drives a to 0 and below).
     */
    static Views twoWells() {
        Graph g = new Graph();
        Node y = g.scalar("y", Role.DATA);
        Tensor mu = g.vector("mu", 2, Role.PARAMETER);
        Node a = g.scalar("s", Role.PARAMETER).exp();
        Node e = Joule.logSumExp(a.times(y.minus(mu.get(0)).square()).neg(),
                a.times(y.minus(mu.get(1)).square()).neg()).neg();
        Energy energy = Energy.of(e);
        return new Views(Compiler.compile(energy.wrt(Role.DATA)), Compiler.compile(energy.wrt(Role.PARAMETER)));
    }

    /** n points, half from N(−2, 0.5²) and half from N(2, 0.5²), shuffled by the seed. */
    static double[] mixture(int n, long seed) {
        Random r = new Random(seed);
        double[] data = new double[n];
        for (int i = 0; i < n; i++) {
            data[i] = (r.nextBoolean() ? 2 : -2) + 0.5 * r.nextGaussian();
        }
        return data;
    }

    /** The layout array of {@link #twoWells()} with μ = (−0.5, 0.7) and s = 0 (a = 1). */
    static double[] twoWellsStart(EnergyFunction f) {
        double[] x = new double[f.layout().size()];
        x[f.layout().indexOf("mu[0]")] = -0.5;
        x[f.layout().indexOf("mu[1]")] = 0.7;
        return x;
    }

    /** The argmin of the energy on a grid of step 0.001 over [from, to], parameters from x. */
    static double gridMinimum(EnergyFunction f, double[] x, double from, double to) {
        double[] xl = x.clone();
        int yi = f.layout().indexOf("y");
        double best = Double.POSITIVE_INFINITY;
        double arg = Double.NaN;
        for (int i = 0; from + i * 0.001 <= to + 1e-12; i++) {
            xl[yi] = from + i * 0.001;
            double e = f.value(xl);
            if (e < best) {
                best = e;
                arg = xl[yi];
            }
        }
        return arg;
    }

    /**
     * The denoising loss ‖g_W(ỹ) − y‖² of a 2-h-2 autoencoder g(u) = C tanh(A u + b) + c, with
     * DATA variables "yt" (ỹ) and "y", differentiated in A, b, C, c.
     */
    static EnergyFunction autoencoderLoss(int hidden) {
        Graph g = new Graph();
        Tensor yt = g.vector("yt", 2, Role.DATA);
        Tensor y = g.vector("y", 2, Role.DATA);
        Tensor a = g.matrix("A", hidden, 2, Role.PARAMETER);
        Tensor b = g.vector("b", hidden, Role.PARAMETER);
        Tensor c = g.matrix("C", 2, hidden, Role.PARAMETER);
        Tensor c0 = g.vector("c", 2, Role.PARAMETER);
        Tensor out = c.matVec(a.matVec(yt).plus(b).map(Node::tanh)).plus(c0);
        return Compiler.compile(Energy.of(out.minus(y).squaredNorm()).wrt(Role.PARAMETER));
    }

    /**
     * n points on the Archimedean spiral r = θ/π, θ uniform in [π, 4π] (radius 1 to 4, arms 2
     * apart), with N(0, 0.02²) jitter; rows (u, v).
     */
    static double[] spiral(int n, Random r) {
        double[] p = new double[2 * n];
        for (int i = 0; i < n; i++) {
            double t = Math.PI + 3 * Math.PI * r.nextDouble();
            double radius = t / Math.PI;
            p[2 * i] = radius * Math.cos(t) + 0.02 * r.nextGaussian();
            p[2 * i + 1] = radius * Math.sin(t) + 0.02 * r.nextGaussian();
        }
        return p;
    }
}
