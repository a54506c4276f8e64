package org.joule.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;
import org.apache.commons.math3.analysis.differentiation.DerivativeStructure;
import org.joule.graph.testing.Expr;
import org.joule.graph.testing.GraphArbitraries;
import org.joule.runtime.EnergyFunction;
import org.joule.runtime.Role;

/**
 * NaN inputs propagate to NaN outputs, through the value, the gradient and the Hessian: the
 * {@link EnergyFunction} contract. Where the result depends on a NaN coordinate it is NaN;
 * "depends" is decided by an independent oracle (forward mode, Commons Math) at the same point
 * with the coordinate finite: if dE/dx_i != 0 there, E is NaN at x_i = NaN; if
 * d2E/dx_k dx_i != 0, gradient entry k is; if d3E/dx_k dx_l dx_i != 0, Hessian entry (k, l)
 * is. Entries that do not depend on x_i may be finite: d(x y)/dx = y at x = NaN.
 */
class NanPropagationTest {
    static final int VARS = 3;

    @Provide
    Arbitrary<Expr> exprs() {
        return GraphArbitraries.expressions(VARS, 4);
    }

    @Provide
    Arbitrary<double[]> points() {
        return GraphArbitraries.points(VARS, -1.5, 1.5);
    }

    @Property(tries = 1000)
    void aNaNCoordinateMakesNaNWhateverDependsOnIt(@ForAll("exprs") Expr e, @ForAll("points") double[] x,
                                                   @ForAll @IntRange(max = VARS - 1) int start) {
        Graph g = new Graph();
        Energy energy = Energy.of(e.buildOrDiscard(g, VARS)).wrt(Role.values());
        Interpreter f = (Interpreter) energy.interpreter();
        DerivativeStructure oracle = ForwardOracle.evaluate(f.valueProgram(), 0, x, energy.wrtIndices(), 3);
        Assume.that(Arrays.stream(oracle.getAllDerivatives()).allMatch(Double::isFinite));
        int i = dependedOn(oracle, start);
        double[] at = x.clone();
        at[i] = Double.NaN;
        double[] grad = new double[VARS];
        double value = f.valueAndGradient(at, grad);
        double[][] hessian = f.hessian(at);
        int demands = 0;
        if (oracle.getPartialDerivative(orders(i)) != 0) {
            demands++;
            assertTrue(Double.isNaN(value), () -> e + " at " + Arrays.toString(at) + " is " + value);
        }
        for (int k = 0; k < VARS; k++) {
            if (oracle.getPartialDerivative(orders(i, k)) != 0) {
                demands++;
                int kk = k;
                assertTrue(Double.isNaN(grad[k]), () -> "d/dx" + kk + " of " + e + " at " + Arrays.toString(at)
                        + " is " + grad[kk]);
            }
            for (int l = 0; l < VARS; l++) {
                if (oracle.getPartialDerivative(orders(i, k, l)) != 0) {
                    demands++;
                    int kk = k;
                    int ll = l;
                    assertTrue(Double.isNaN(hessian[k][l]), () -> "H[" + kk + "][" + ll + "] of " + e + " at "
                            + Arrays.toString(at) + " is " + hessian[kk][ll]);
                }
            }
        }
        Statistics.label("entries that must be NaN").collect(demands == 0 ? "none" : demands < 5 ? "1-4" : "5 or more");
    }

    /** The first coordinate from {@code start} on (cyclically) that E depends on at x, else start. */
    private static int dependedOn(DerivativeStructure oracle, int start) {
        for (int j = 0; j < VARS; j++) {
            int c = (start + j) % VARS;
            if (oracle.getPartialDerivative(orders(c)) != 0) {
                return c;
            }
        }
        return start;
    }

    /** The derivative orders of d/dx_a d/dx_b ... as Commons Math wants them. */
    private static int[] orders(int... coordinates) {
        int[] o = new int[VARS];
        for (int c : coordinates) {
            o[c]++;
        }
        return o;
    }

    /**
     * The piecewise ops and their derivatives, one by one: a NaN selector gives NaN, never a
     * branch. Each energy is (something piecewise in x) times or chosen by x, so its value and
     * dE/dy depend on x; relu'(NaN) and the Hessian entry d2(relu(x) y)/dx dy = step(x) are NaN.
     */
    @Example
    void piecewiseOpsAndTheirDerivativesPropagateNaN() {
        Graph g = new Graph();
        Node x = g.scalar("x", Role.DATA);
        Node y = g.scalar("y", Role.DATA);
        Node[] energies = {x.relu().times(y), x.abs().times(y), x.step().plus(x.relu()).times(y),
            Joule.max(x, g.constant(0)).times(y), Joule.min(x, y.square()).times(y), Joule.logSumExp(x, y).times(y),
            g.select(x, y.square(), y.times(3)), g.select(x.less(g.constant(1)), y.square(), y.exp()),
            x.sigmoid().times(y), x.softplus().times(y)};
        double[] at = {Double.NaN, 0.75};
        for (Node n : energies) {
            EnergyFunction f = Energy.of(n).interpreter();
            double[] grad = new double[2];
            assertTrue(Double.isNaN(f.valueAndGradient(at, grad)), n + " at x = NaN");
            assertTrue(Double.isNaN(grad[1]), () -> "d/dy of " + n + " at x = NaN: " + grad[1]);
        }
        assertTrue(Double.isNaN(Energy.of(x.relu()).interpreter().gradient(at)[0]), "relu'(NaN)");
        assertTrue(Double.isNaN(Energy.of(x.relu().times(y)).interpreter().hessian(at)[1][0]), "d2/dx dy of relu(x) y");
        EnergyFunction product = Energy.of(x.times(y)).interpreter();
        assertEquals(0.75, product.gradient(at)[0], "d(x y)/dx = y is finite at x = NaN");
    }
}
