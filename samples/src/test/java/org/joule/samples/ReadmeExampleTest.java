package org.joule.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.joule.compiler.Compiler;
import org.joule.graph.Energy;
import org.joule.graph.FreeEnergy;
import org.joule.graph.LatentSet;
import org.joule.graph.GradientChecker;
import org.joule.graph.Graph;
import org.joule.graph.Joule;
import org.joule.graph.Node;
import org.joule.graph.Tensor;
import org.joule.runtime.EnergyFunction;
import org.joule.runtime.Role;
import org.joule.runtime.optimize.Lbfgs;
import org.joule.runtime.sampling.Nuts;
import org.joule.runtime.sampling.SamplingPlan;
import org.joule.runtime.sampling.SamplingResult;
import org.joule.runtime.sampling.Summary;
import org.joule.runtime.optimize.OptimizationResult;
import org.junit.jupiter.api.Test;

/** The ten-line example of README.md, kept compiling and correct. */
class ReadmeExampleTest {

    @Test
    void readmeExampleRuns() {
        Graph g = new Graph();
        Tensor y = g.vector("y", 2, Role.DATA);
        Tensor w = g.matrix("W", 3, 2, Role.PARAMETER);
        Node f = Joule.softMin(1.0, java.util.List.of(
                y.minus(w.row(0)).squaredNorm(), y.minus(w.row(1)).squaredNorm(), y.minus(w.row(2)).squaredNorm()));
        EnergyFunction e = Compiler.compile(Energy.of(f).wrt(Role.PARAMETER));
        double[] x = {0.5, -0.2, 0, 0, 1, 1, -1, 0};
        double[] grad = new double[e.wrtLength()];
        double value = e.valueAndGradient(x, grad);
        GradientChecker.Report report = GradientChecker.of(e).points(100).check();

        double[] d = {0.29, 0.25 + 1.44, 2.25 + 0.04};
        double z = 0;
        for (double di : d) {
            z += Math.exp(-di);
        }
        assertEquals(-Math.log(z), value, 1e-12);
        // dF/dw_0 = -2 p_0 (y - w_0)
        assertEquals(-2 * Math.exp(-d[0]) / z * 0.5, grad[0], 1e-12);
        assertTrue(report.passes(1e-6), report.toString());
    }

    /**
     * The free-energy example: E(y, z) = (y - z)^2 + (z - 1)^2 integrates in closed form,
     * F_beta(y) = (y - 1)^2 / 2 - (1 / (2 beta)) log(pi / (2 beta)); the midpoint rule over
     * [-5, 5] with 200 points leaves only tail mass below e^-20 and rounding.
     */
    @Test
    void readmeFreeEnergyExampleRuns() {
        Graph g = new Graph();
        Node y = g.scalar("y", Role.DATA);
        Node z = g.scalar("z", Role.LATENT);
        Node e = y.minus(z).square().plus(z.minus(1).square());
        FreeEnergy free = FreeEnergy.over(e, g.tensor("z"),
                LatentSet.grid(LatentSet.Quadrature.MIDPOINT, new LatentSet.Axis(-5, 5, 200)));
        EnergyFunction f = Compiler.compile(Energy.of(free.at(2.0)).wrt(Role.DATA));
        OptimizationResult r = new Lbfgs().minimize(f, new double[] {4, 0});

        assertTrue(r.converged(), r.toString());
        assertEquals(1, r.x()[0], 1e-6);
        assertEquals(-0.25 * Math.log(Math.PI / 4), r.value(), 1e-9);
    }

    /** The sampling example: N(3, 1/4); mean within 4 Monte Carlo standard errors, sd within 5%. */
    @Test
    void readmeSamplingExampleRuns() {
        Graph g = new Graph();
        Node y = g.scalar("y", Role.DATA);
        EnergyFunction e = Compiler.compile(Energy.of(y.minus(3).square().times(2)).wrt(Role.DATA));
        SamplingResult r = new Nuts().sample(e, new double[] {0}, SamplingPlan.defaults().withSeed(7));
        Summary s = r.summary(0);
        assertEquals(3, s.mean(), 4 * s.mcseMean(), s.toString());
        assertEquals(0.5, s.sd(), 0.025, s.toString());
        assertTrue(s.rhat() < 1.01, s.toString());
    }
}
