package org.joule.compiler;

import org.joule.graph.Energy;
import org.joule.graph.EnergyPrograms;
import org.joule.graph.Graph;
import org.joule.graph.Interpreter;
import org.joule.graph.Node;
import org.joule.graph.Op;
import org.joule.runtime.Role;
import org.junit.jupiter.api.Test;

/**
 * Every one-argument op, at the extreme and special arguments of the derivative-tails table
 * (DerivativeTailsTest in the graph module): value, gradient and Hessian-vector product of the
 * compiled class have the interpreter's bits, so the tail accuracy holds in both backends.
 */
class CompiledTailsTest {
    private static final double[] POINTS = {20, -20, 40, -40, 354, 355, 700, -700, 745, -745, 0.5, -0.5, 1e-8, -1e-8,
        0.0, -0.0, Double.MIN_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN};

    @Test
    void everyUnaryOpAgreesBitForBitAtExtremeArguments() {
        for (Op op : Op.values()) {
            if (op.arity() != 1) {
                continue;
            }
            Graph g = new Graph();
            Node x = g.scalar("x", Role.DATA);
            Node f = g.node(op, op == Op.POWI ? 3 : 0, x);
            check(f, op.textName());
        }
        Graph g = new Graph();
        check(g.scalar("x", Role.DATA).sigmoid().log(), "log(sigmoid(x))");
    }

    private static void check(Node f, String name) {
        EnergyPrograms programs = EnergyPrograms.of(Energy.of(f));
        Interpreter interpreted = new Interpreter(programs);
        var compiled = Compiler.compile(programs);
        var split = Compiler.compile(programs, CompiledPropertiesTest.TINY);
        for (double x : POINTS) {
            double[] at = {x};
            double[] v = {1};
            CompiledPropertiesTest.assertAgree(interpreted, compiled, at, v, name + " at " + x);
            CompiledPropertiesTest.assertAgree(interpreted, split, at, v, name + " (split) at " + x);
        }
    }
}
