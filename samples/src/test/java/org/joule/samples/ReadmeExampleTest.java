package org.joule.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.joule.compiler.Compiler;
import org.joule.graph.Energy;
import org.joule.graph.GradientChecker;
import org.joule.graph.Graph;
import org.joule.graph.Joule;
import org.joule.graph.Node;
import org.joule.graph.Tensor;
import org.joule.runtime.EnergyFunction;
import org.joule.runtime.Role;
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
}
