package org.joule.compiler;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import org.joule.graph.Energy;
import org.joule.graph.EnergyPrograms;
import org.joule.graph.Graph;
import org.joule.graph.Node;
import org.joule.runtime.CompiledEnergy;
import org.joule.runtime.Role;
import org.junit.jupiter.api.Test;

/** Hidden classes are unloaded when unreachable: compiling in a loop does not grow Metaspace without bound. */
class MetaspaceTest {

    private static long metaspaceUsed() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getName().equals("Metaspace")) {
                return pool.getUsage().getUsed();
            }
        }
        throw new IllegalStateException("no Metaspace pool");
    }

    @Test
    void hundredThousandCompilationsDoNotLeakMetaspace() {
        Graph g = new Graph();
        Node x = g.scalar("x", Role.DATA);
        Node y = g.scalar("y", Role.DATA);
        EnergyPrograms programs = EnergyPrograms.of(Energy.of(x.times(y).sin().plus(y.square())));
        double sink = 0;
        for (int i = 0; i < 10_000; i++) {
            sink += Compiler.compile(programs).value(new double[] {i, 1});
        }
        long afterWarmUp = metaspaceUsed();
        for (int i = 0; i < 90_000; i++) {
            CompiledEnergy f = Compiler.compile(programs);
            sink += f.value(new double[] {i, 1});
        }
        long afterAll = metaspaceUsed();
        // 90,000 classes kept alive would take well over 50 MB of Metaspace
        assertTrue(afterAll - afterWarmUp < 20L << 20,
                "Metaspace grew from " + afterWarmUp + " to " + afterAll + " bytes (" + sink + ")");
    }
}
