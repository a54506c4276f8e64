package org.joule.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.joule.graph.Energy;
import org.joule.graph.EnergyPrograms;
import org.joule.graph.Graph;
import org.joule.graph.Interpreter;
import org.joule.graph.Node;
import org.joule.graph.testing.Workloads;
import org.joule.runtime.CompiledEnergy;
import org.joule.runtime.Role;
import org.junit.jupiter.api.Test;

/** Graphs of a million nodes compile into methods HotSpot will JIT-compile. */
class HugeGraphTest {

    static Node wide(Graph g, int terms, int n) {
        return Workloads.wide(g, terms, n);
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
