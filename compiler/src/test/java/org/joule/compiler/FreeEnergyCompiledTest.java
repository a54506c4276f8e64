package org.joule.compiler;

import java.util.SplittableRandom;
import org.joule.graph.Energy;
import org.joule.graph.FreeEnergy;
import org.joule.graph.Graph;
import org.joule.graph.LatentSet;
import org.joule.graph.LatentSet.Axis;
import org.joule.graph.LatentSet.Quadrature;
import org.joule.graph.Node;
import org.joule.graph.Tensor;
import org.joule.runtime.EnergyFunction;
import org.joule.runtime.Role;
import org.junit.jupiter.api.Test;

/**
 * A free energy is an ordinary node: compiled, it agrees bit for bit with the interpreter
 * (value, gradient and Hessian-vector product), for a discrete latent and for a grid.
 */
class FreeEnergyCompiledTest {
    private static final double[] BETAS = {1e-3, 1, 1e6};

    @Test
    void kMeansFreeEnergyCompiledAgreesWithTheInterpreterBitForBit() {
        Graph g = new Graph();
        Tensor y = g.vector("y", 2, Role.DATA);
        Tensor w = g.matrix("W", 2, 4, Role.PARAMETER);
        Tensor z = g.vector("z", 4, Role.LATENT);
        FreeEnergy free = FreeEnergy.over(y.minus(w.matVec(z)).squaredNorm(), z, LatentSet.oneHot(4));
        for (double beta : BETAS) {
            check(Energy.of(free.at(beta)).wrt(Role.DATA, Role.PARAMETER), 31, "k-means F at beta " + beta);
            check(Energy.of(free.posterior(beta).get(1)).wrt(Role.DATA, Role.PARAMETER), 32,
                    "k-means P(z_1 | y) at beta " + beta);
        }
        check(Energy.of(free.minimum()).wrt(Role.DATA, Role.PARAMETER), 33, "k-means F_inf");
    }

    @Test
    void ellipseGridFreeEnergyCompiledAgreesWithTheInterpreterBitForBit() {
        Graph g = new Graph();
        Tensor y = g.vector("y", 2, Role.DATA);
        Tensor w = g.vector("w", 2, Role.PARAMETER);
        Node z = g.scalar("z", Role.LATENT);
        Node e = y.get(0).minus(w.get(0).times(z.cos())).square()
                .plus(y.get(1).minus(w.get(1).times(z.sin())).square());
        FreeEnergy free = FreeEnergy.over(e, g.tensor("z"),
                LatentSet.grid(Quadrature.TRAPEZOID, new Axis(0, 2 * Math.PI, 65)));
        for (double beta : BETAS) {
            check(Energy.of(free.at(beta)).wrt(Role.DATA, Role.PARAMETER), 34, "ellipse F at beta " + beta);
        }
    }

    private static void check(Energy energy, long seed, String what) {
        EnergyFunction interpreted = energy.interpreter();
        EnergyFunction compiled = Compiler.compile(energy);
        SplittableRandom random = new SplittableRandom(seed);
        int n = energy.layout().size();
        for (int trial = 0; trial < 50; trial++) {
            double[] x = new double[n];
            double[] v = new double[energy.wrtIndices().length];
            for (int i = 0; i < n; i++) {
                x[i] = random.nextDouble(-3, 3);
            }
            for (int i = 0; i < v.length; i++) {
                v[i] = random.nextDouble(-1, 1);
            }
            CompiledPropertiesTest.assertAgree(interpreted, compiled, x, v, what);
        }
    }
}
