package org.joule.graph;

import org.joule.graph.testing.Workloads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.joule.runtime.EnergyFunction;
import org.joule.runtime.Role;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The energies of DESIGN.md: gradients checked, cost of the gradient bounded. */
class EnergiesTest {

    static Stream<Arguments> energies() {
        return Stream.of(
                Arguments.of("kmeans soft-min k=16 d=2", (Function<Graph, Node>) g -> Workloads.kmeansSoftMin(g, 16, 2, 1.0)),
                Arguments.of("kmeans soft-min k=64 d=16", (Function<Graph, Node>) g -> Workloads.kmeansSoftMin(g, 64, 16, 1.0)),
                Arguments.of("kmeans hard-min k=16 d=2", (Function<Graph, Node>) g -> Workloads.kmeansHardMin(g, 16, 2)),
                Arguments.of("mlp 16x32", (Function<Graph, Node>) g -> Workloads.mlp(g, 16, 32)),
                Arguments.of("mlp 16x128", (Function<Graph, Node>) g -> Workloads.mlp(g, 16, 128)),
                Arguments.of("rosenbrock 100", (Function<Graph, Node>) g -> Workloads.rosenbrock(g, 100)),
                Arguments.of("sparse coding 8x16", (Function<Graph, Node>) g -> Workloads.sparseCoding(g, 8, 16, 0.1)),
                Arguments.of("autoencoder 4x8", (Function<Graph, Node>) g -> Workloads.autoencoder(g, 4, 8)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("energies")
    void gradientCostsAtMostFourTimesTheValue(String name, Function<Graph, Node> build) {
        Graph g = new Graph();
        Interpreter f = (Interpreter) Energy.of(build.apply(g)).interpreter();
        double ratio = f.gradientProgram().cost() / f.valueProgram().cost();
        assertTrue(ratio <= 4, name + ": gradient/value cost " + ratio);
        assertTrue(ratio >= 1, name + ": gradient program cheaper than the value?");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("energies")
    void gradientMatchesFiniteDifferences(String name, Function<Graph, Node> build) {
        Graph g = new Graph();
        EnergyFunction f = Energy.of(build.apply(g)).interpreter();
        GradientChecker.Report r = GradientChecker.of(f).box(-1, 1).points(3).entriesPerPoint(100).seed(7).check();
        assertTrue(r.passes(1e-6), name + ": " + r);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("energies")
    void gradientWithRespectToParametersOnlyIsTheMatchingSlice(String name, Function<Graph, Node> build) {
        Graph g = new Graph();
        Energy all = Energy.of(build.apply(g));
        Energy params = all.wrt(Role.PARAMETER);
        EnergyFunction fa = all.interpreter();
        EnergyFunction fp = params.interpreter();
        double[] x = new Random(3).doubles(g.layout().size(), -1, 1).toArray();
        double[] ga = fa.gradient(x);
        double[] gp = fp.gradient(x);
        for (int k = 0; k < fp.wrtLength(); k++) {
            assertEquals(ga[fp.wrt(k)], gp[k], 1e-12 * Math.max(1, Math.abs(gp[k])), name + " entry " + k);
        }
        assertEquals(fa.value(x), fp.value(x));
    }

    @org.junit.jupiter.api.Test
    void softMinTendsToTheMinimumAsBetaGrows() {
        double[] x = {0.3, -0.2, 1, 1, -1, 0.5, 0.2, -0.1};
        Graph hard = new Graph();
        double min = Energy.of(Workloads.kmeansHardMin(hard, 3, 2)).interpreter().value(x);
        double previousGap = Double.POSITIVE_INFINITY;
        for (double beta : new double[] {1, 10, 100, 1000}) {
            Graph g = new Graph();
            double soft = Energy.of(Workloads.kmeansSoftMin(g, 3, 2, beta)).interpreter().value(x);
            assertTrue(soft <= min + 1e-12, "soft-min is a lower bound of the min");
            double gap = min - soft;
            assertTrue(gap <= previousGap, "gap shrinks with beta");
            previousGap = gap;
        }
        assertTrue(previousGap < 2e-3);
    }
}
