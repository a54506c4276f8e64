package org.joule.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.joule.graph.Energy;
import org.joule.graph.EnergyPrograms;
import org.joule.graph.Graph;
import org.joule.graph.Interpreter;
import org.joule.graph.Node;
import org.joule.graph.testing.Workloads;
import org.joule.runtime.CompiledEnergy;
import org.joule.runtime.EnergyFunction;
import org.joule.runtime.Role;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.util.CheckClassAdapter;

class CompilerTest {

    static double[] random(int n, long seed) {
        return new Random(seed).doubles(n, -1, 1).toArray();
    }

    /** Runs ASM's CheckClassAdapter (with data-flow verification) over every generated class. */
    static void verify(ClassAssembler.Output out) {
        ClassLoader loader = new ClassLoader(CompilerTest.class.getClassLoader()) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                byte[] b = out.classes().get(name.replace('.', '/'));
                if (b == null) {
                    throw new ClassNotFoundException(name);
                }
                return defineClass(name, b, 0, b.length);
            }
        };
        for (Map.Entry<String, byte[]> c : out.classes().entrySet()) {
            StringWriter problems = new StringWriter();
            CheckClassAdapter.verify(new ClassReader(c.getValue()), loader, false, new PrintWriter(problems));
            assertEquals("", problems.toString(), c.getKey());
        }
    }

    @Test
    void everyGeneratedClassPassesCheckClassAdapter() {
        for (ClassAssembler.Limits limits : List.of(ClassAssembler.Limits.DEFAULT, CompiledPropertiesTest.TINY)) {
            Graph g = new Graph();
            Energy e = Energy.of(Workloads.kmeansSoftMin(g, 4, 3, 1.0));
            ClassAssembler.Output out = Compiler.generate(EnergyPrograms.of(e), "check.Kmeans", true, limits);
            assertTrue(limits == ClassAssembler.Limits.DEFAULT || out.classes().size() > 1, "parts were made");
            verify(out);
        }
    }

    @Test
    void systemPropertyDumpsCompiledClasses(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        Graph g = new Graph();
        Node x = g.scalar("x", Role.DATA);
        System.setProperty(Compiler.DUMP_PROPERTY, dir.toString());
        try {
            Compiler.compile(Energy.of(x.square()));
        } finally {
            System.clearProperty(Compiler.DUMP_PROPERTY);
        }
        try (var files = java.nio.file.Files.walk(dir)) {
            assertTrue(files.anyMatch(p -> p.toString().endsWith(".class")), "a class file was dumped");
        }
    }

    @Test
    void compiledDesignEnergiesAgreeWithInterpreter() {
        List<java.util.function.Function<Graph, Node>> energies = List.of(
                g -> Workloads.kmeansSoftMin(g, 64, 16, 1.0),
                g -> Workloads.kmeansHardMin(g, 16, 2),
                g -> Workloads.mlp(g, 16, 128),
                g -> Workloads.rosenbrock(g, 100),
                g -> Workloads.sparseCoding(g, 8, 16, 0.1),
                g -> Workloads.autoencoder(g, 4, 8));
        for (var build : energies) {
            Graph g = new Graph();
            EnergyPrograms programs = EnergyPrograms.of(Energy.of(build.apply(g)).wrt(Role.PARAMETER, Role.DATA));
            Interpreter interpreted = new Interpreter(programs);
            CompiledEnergy compiled = Compiler.compile(programs);
            double[] x = random(g.layout().size(), 1);
            double[] v = random(programs.wrtLength(), 2);
            CompiledPropertiesTest.assertAgree(interpreted, compiled, x, v, g.layout().toString());
        }
    }

    @Test
    void badInputIsRejectedBeforeComputing() {
        Graph g = new Graph();
        Energy e = Energy.of(Workloads.rosenbrock(g, 3));
        EnergyFunction f = Compiler.compile(e);
        assertThrows(IllegalArgumentException.class, () -> f.value(new double[2]), "x has length 2; expected 3");
        var ex = assertThrows(IllegalArgumentException.class, () -> f.value(null));
        assertTrue(ex.getMessage().contains("x is null"));
        ex = assertThrows(IllegalArgumentException.class, () -> f.valueAndGradient(new double[3], new double[4]));
        assertTrue(ex.getMessage().contains("gradient has length 4"));
        double[] x = new double[3];
        ex = assertThrows(IllegalArgumentException.class, () -> f.valueAndGradient(x, x));
        assertTrue(ex.getMessage().contains("same array"));
        ex = assertThrows(IllegalArgumentException.class,
                () -> f.hessianVectorProduct(new double[3], null, new double[3]));
        assertTrue(ex.getMessage().contains("v is null"));
    }

    @Test
    void nanInputsPropagateAsNaN() {
        Graph g = new Graph();
        Energy e = Energy.of(Workloads.mlp(g, 4, 8)).wrt(Role.PARAMETER);
        EnergyFunction f = Compiler.compile(e);
        double[] x = random(g.layout().size(), 3);
        x[0] = Double.NaN;
        assertTrue(Double.isNaN(f.value(x)));
        double[] grad = f.gradient(x);
        int nan = 0;
        for (double d : grad) {
            nan += Double.isNaN(d) ? 1 : 0;
        }
        assertTrue(nan > 0, "some gradient entries depend on the NaN input");
        for (int k = 0; k < grad.length; k++) {
            String name = g.layout().coordinateName(f.wrt(k));
            if (name.startsWith("A[") && name.endsWith(",0]")) {
                assertTrue(Double.isNaN(grad[k]), name + " multiplies y[0] = NaN");
            }
        }
    }

    @Test
    void oneCompiledObjectServesManyThreads() throws Exception {
        Graph g = new Graph();
        Energy e = Energy.of(Workloads.kmeansSoftMin(g, 64, 16, 1.0));
        CompiledEnergy f = Compiler.compile(e);
        assertTrue(f.workSize() > 0, "this program is split and uses the work array");
        Interpreter reference = (Interpreter) e.interpreter();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                long seed = t;
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 200; i++) {
                        double[] x = random(g.layout().size(), seed * 1000 + i);
                        double[] a = new double[f.wrtLength()];
                        double[] b = new double[f.wrtLength()];
                        if (f.valueAndGradient(x, a) != reference.valueAndGradient(x, b)
                                || !java.util.Arrays.equals(a, b)) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> r : results) {
                assertTrue(r.get());
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void disassemblyListsTheKernels() {
        Graph g = new Graph();
        Node x = g.scalar("x", Role.DATA);
        String text = Compiler.disassemble(Energy.of(x.exp().times(x)));
        assertTrue(text.contains("gradient0"), text);
        assertTrue(text.contains("INVOKESTATIC java/lang/Math.exp (D)D"), text);
    }
}
