package org.joule.graph.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.joule.graph.Energy;
import org.joule.graph.Graph;
import org.joule.graph.Tensor;
import org.joule.runtime.EnergyFunction;
import org.joule.runtime.Role;
import org.junit.jupiter.api.Test;

/**
 * The helical valley's theta(x1, x2), built without an arctangent, against the paper's
 * definition evaluated with {@link Math#atan}: within 1e-14 absolute (theta is below 1 and
 * the construction rounds a few ulps per half-angle step, see {@link HelicalAngle}), at
 * random points of [-10, 10]^2 and near the negative x2 axis, where theta jumps.
 */
class HelicalAngleTest {
    private static final double TOLERANCE = 1e-14;

    private static final EnergyFunction THETA = theta();

    private static EnergyFunction theta() {
        Graph g = new Graph();
        Tensor x = g.vector("x", 2, Role.PARAMETER);
        return Energy.of(HelicalAngle.theta(x.get(0), x.get(1))).interpreter();
    }

    /** The paper: 2 pi theta = arctan(x2/x1), plus pi for x1 &lt; 0. */
    private static double paper(double x1, double x2) {
        return Math.atan(x2 / x1) / (2 * Math.PI) + (x1 < 0 ? 0.5 : 0);
    }

    @Test
    void matchesThePapersDefinitionAwayFromTheCut() {
        SplittableRandom random = new SplittableRandom(7);
        int checked = 0;
        while (checked < 10_000) {
            double x1 = 20 * random.nextDouble() - 10;
            double x2 = 20 * random.nextDouble() - 10;
            if (checked % 2 == 1) {
                x1 = x2 * 1e-9 * (2 * random.nextDouble() - 1); // within 1e-9 rad of the x2 axis
            }
            assertEquals(paper(x1, x2), THETA.value(new double[] {x1, x2}), TOLERANCE, x1 + ", " + x2);
            checked++;
        }
    }

    @Test
    void takesTheLimitOnThePositiveX2AxisTheValuesOfTheAxesAndNaNOnTheCut() {
        assertEquals(0.25, THETA.value(new double[] {0, 3}), TOLERANCE);
        assertEquals(0, THETA.value(new double[] {2, 0}), TOLERANCE);
        assertEquals(0.5, THETA.value(new double[] {-2, 0}), TOLERANCE);
        assertEquals(-0.125, THETA.value(new double[] {1, -1}), TOLERANCE);
        assertEquals(0.625, THETA.value(new double[] {-1, -1}), TOLERANCE);
        assertTrue(Double.isNaN(THETA.value(new double[] {0, -1})), "the cut, where theta jumps");
    }
}
