package org.joule.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.joule.graph.Energy;
import org.joule.graph.Graph;
import org.joule.graph.testing.Workloads;
import org.joule.runtime.EnergyFunction;
import org.joule.runtime.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code joule compile}: text expressions and Java-DSL methods to class files and jars. */
class CompileCommandTest {

    /** A Java-DSL energy, as a build would name it with --energy. */
    public static Energy rosenbrock() {
        return Energy.of(Workloads.rosenbrock(new Graph(), 4)).wrt(Role.DATA);
    }

    private static EnergyFunction load(Path where, String name) throws Exception {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {where.toUri().toURL()},
                CompileCommandTest.class.getClassLoader())) {
            return (EnergyFunction) loader.loadClass(name).getConstructor().newInstance();
        }
    }

    @Test
    void compilesAJavaDslMethodToClassFiles(@TempDir Path dir) throws Exception {
        assertEquals(0, Main.run("compile", "--energy", CompileCommandTest.class.getName() + "#rosenbrock",
                "--name", "gen.Rosen", "--out", dir.toString()));
        assertTrue(Files.exists(dir.resolve("gen/Rosen.class")));
        EnergyFunction f = load(dir, "gen.Rosen");
        double[] x = {1, 1, 1, 1};
        assertEquals(0.0, f.value(x));
        assertEquals(0.0, f.gradient(x)[2]);
    }

    @Test
    void compilesTextToAJar(@TempDir Path dir) throws Exception {
        Path jar = dir.resolve("e.jar");
        assertEquals(0, Main.run("compile", "x * exp(y)", "--name", "gen.Text", "--out", jar.toString(), "--wrt", "y"));
        EnergyFunction f = load(jar, "gen.Text");
        assertEquals(1, f.wrtLength());
        assertEquals(2 * Math.E, f.gradient(new double[] {2, 1})[0]);
    }

    @Test
    void disassemblesOnRequest() {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.io.PrintStream old = System.out;
        System.setOut(new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            assertEquals(0, Main.run("compile", "exp(x) * x", "--disassemble"));
        } finally {
            System.setOut(old);
        }
        String text = bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(text.contains("gradient0") && text.contains("java/lang/Math.exp"), text);
    }

    @Test
    void badEnergyMethodIsNamed() {
        assertEquals(2, Main.run("compile", "--energy", "no.Such#thing", "--name", "a.B", "--out", "/tmp/x"));
    }
}
