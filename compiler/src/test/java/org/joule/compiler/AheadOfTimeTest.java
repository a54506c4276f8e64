package org.joule.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.joule.graph.Energy;
import org.joule.graph.Graph;
import org.joule.graph.testing.Workloads;
import org.joule.runtime.CompiledEnergy;
import org.joule.runtime.EnergyFunction;
import org.joule.runtime.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Classes written ahead of time run in a JVM that has only the runtime module. */
class AheadOfTimeTest {

    private static String runtimeClassPath() throws Exception {
        return Path.of(CompiledEnergy.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    private static String run(String classPath, String className, double[] x) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath, "org.joule.runtime.Run", className));
        for (double d : x) {
            cmd.add(Double.toString(d));
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, p.waitFor(), out);
        return out;
    }

    @Test
    void classFilesAndJarRunWithOnlyTheRuntime(@TempDir Path dir) throws Exception {
        Graph g = new Graph();
        Energy e = Energy.of(Workloads.kmeansSoftMin(g, 64, 16, 1.0)).wrt(Role.PARAMETER);
        List<Path> files = Compiler.writeClasses(e, "com.example.Kmeans", dir.resolve("classes"));
        assertTrue(files.size() >= 1);
        assertTrue(Files.exists(dir.resolve("classes/com/example/Kmeans.class")));
        Path jar = dir.resolve("kmeans.jar");
        Compiler.writeJar(e, "com.example.Kmeans", jar);

        double[] x = CompilerTest.random(g.layout().size(), 9);
        EnergyFunction reference = e.interpreter();
        double[] grad = reference.gradient(x);
        StringBuilder expected = new StringBuilder("{\"value\":").append(reference.value(x)).append(",\"grad\":{");
        for (int k = 0; k < grad.length; k++) {
            expected.append(k > 0 ? "," : "").append('"').append(g.layout().coordinateName(reference.wrt(k)))
                    .append("\":").append(grad[k]);
        }
        expected.append("}}");
        String runtime = runtimeClassPath();
        String want = expected.toString();
        assertEquals(want, run(runtime + File.pathSeparator + dir.resolve("classes"), "com.example.Kmeans", x));
        assertEquals(want, run(runtime + File.pathSeparator + jar, "com.example.Kmeans", x));
    }

    @Test
    void aheadOfTimeClassWithPartsLoadsInProcess(@TempDir Path dir) throws Exception {
        Graph g = new Graph();
        Energy e = Energy.of(HugeGraphTest.wide(g, 30_000, 100));
        var out = Compiler.generate(org.joule.graph.EnergyPrograms.of(e), "big.Wide", true,
                new ClassAssembler.Limits(6_000, 5_000, 50));
        assertTrue(out.classes().size() > 2, "several part classes");
        for (var c : out.classes().entrySet()) {
            Path file = dir.resolve(c.getKey() + ".class");
            Files.createDirectories(file.getParent());
            Files.write(file, c.getValue());
        }
        try (var loader = new java.net.URLClassLoader(new java.net.URL[] {dir.toUri().toURL()},
                getClass().getClassLoader())) {
            EnergyFunction f = (EnergyFunction) loader.loadClass("big.Wide").getConstructor().newInstance();
            double[] x = CompilerTest.random(100, 3);
            assertEquals(e.interpreter().value(x), f.value(x));
        }
    }
}
