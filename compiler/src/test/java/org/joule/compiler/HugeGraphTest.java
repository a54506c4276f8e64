package org.joule.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.joule.graph.Energy;
import org.joule.graph.EnergyPrograms;
import org.joule.graph.Graph;
import org.joule.graph.Interpreter;
import org.joule.graph.Joule;
import org.joule.graph.Node;
import org.joule.graph.Tensor;
import org.joule.runtime.CompiledEnergy;
import org.joule.runtime.Role;
import org.junit.jupiter.api.Test;

/** Graphs of a million nodes compile into methods HotSpot will JIT-compile. */
class HugeGraphTest {

    /** A value graph of about {@code 4 * terms} nodes with distinct constants: sum_i sin(c_i x_(i mod n)). */
    static Node wide(Graph g, int terms, int n) {
        Tensor x = g.vector("x", n, Role.DATA);
        List<Node> parts = new ArrayList<>(terms);
        for (int i = 0; i < terms; i++) {
            parts.add(x.get(i % n).times(1 + i * 1e-6).sin());
        }
        return Joule.sum(parts);
    }

    @Test
    void millionNodeGraphCompilesIntoSmallMethodsAndAgreesWithInterpreter() {
        Graph g = new Graph();
        Node f = wide(g, 250_000, 1000);
        assertTrue(g.size() >= 1_000_000, "graph has " + g.size() + " nodes");
        EnergyPrograms programs = EnergyPrograms.of(Energy.of(f));
        ClassAssembler.Output out = Compiler.generate(programs, "huge.Energy", true);
        int largest = 0;
        for (int size : out.methodSizes().values()) {
            largest = Math.max(largest, size);
        }
        assertTrue(largest < ClassAssembler.HUGE_METHOD_LIMIT, "largest method " + largest + " bytes");
        assertTrue(out.classes().size() > 1, "constants spread over part classes");
        CompiledEnergy compiled = Compiler.compile(programs);
        Interpreter interpreted = new Interpreter(programs);
        double[] x = CompilerTest.random(1000, 4);
        double[] gi = new double[1000];
        double[] gc = new double[1000];
        assertEquals(interpreted.valueAndGradient(x, gi), compiled.valueAndGradient(x, gc));
        for (int j = 0; j < 1000; j++) {
            assertEquals(gi[j], gc[j]);
        }
    }

    @Test
    void deepChainCompiles() {
        Graph g = new Graph();
        Node x = g.scalar("x", Role.DATA);
        Node e = x;
        for (int i = 0; i < 100_000; i++) {
            e = e.sin().plus(x.times(1e-6));
        }
        EnergyPrograms programs = EnergyPrograms.of(Energy.of(e));
        Map<String, Integer> sizes = Compiler.generate(programs, "deep.Chain", true).methodSizes();
        assertTrue(sizes.values().stream().allMatch(s -> s < ClassAssembler.HUGE_METHOD_LIMIT));
        double[] at = {0.5};
        assertEquals(new Interpreter(programs).value(at), Compiler.compile(programs).value(at));
    }
}
