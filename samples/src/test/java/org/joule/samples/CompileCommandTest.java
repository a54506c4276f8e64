package org.joule.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

    /** A Java-DSL method that fails, as a user's method might. */
    public static Energy failing() {
        throw new IllegalStateException("no prototypes configured", new ArithmeticException("k = 0"));
    }

    @Test
    void anEnergyMethodsExceptionKeepsItsMessageAndCause() {
        String spec = CompileCommandTest.class.getName() + "#failing";
        Cli.Result r = Cli.run("compile", "--energy", spec, "--name", "a.B", "--disassemble");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("threw java.lang.IllegalStateException: no prototypes configured"), r.err());
        Main.Failure f = assertThrows(Main.Failure.class,
                () -> Main.main(new String[] {"compile", "--energy", spec, "--disassemble"}));
        assertEquals(2, f.status());
        assertTrue(f.getMessage().contains("no prototypes configured"), f.getMessage());
        Throwable user = f.getCause().getCause();
        assertTrue(user instanceof IllegalStateException, String.valueOf(user));
        assertEquals("no prototypes configured", user.getMessage());
        assertEquals("k = 0", user.getCause().getMessage());
    }

    /** Inside another JVM (exec-maven-plugin) a failure is an exception, never System.exit. */
    @Test
    void mainThrowsInsteadOfExiting(@TempDir Path dir) {
        Main.Failure f = assertThrows(Main.Failure.class, () -> Main.main(new String[] {
            "compile", "--energy", "no.Such#thing", "--name", "a.B", "--out", dir.toString()}));
        assertEquals(2, f.status());
        assertTrue(f.getMessage().contains("class no.Such is not on the class path"), f.getMessage());
        assertThrows(Main.Failure.class, () -> Main.main(new String[] {"eval", "--no-such-option"}));
        Main.main(new String[] {"compile", "x", "--disassemble"}); // success returns normally
    }

    @Test
    void refusesClassNamesThatCannotLoad(@TempDir Path dir) throws Exception {
        for (String name : List.of("java.lang.Evil", "java.Evil", "class.Foo", "a..B", "1abc", "a.b-c", "Foo.")) {
            Cli.Result r = Cli.run("compile", "x^2", "--name", name, "--out", dir.toString());
            assertEquals(2, r.status(), name);
            assertTrue(r.err().startsWith("joule: --name '" + name + "'"), r.err());
        }
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            assertEquals(0, files.count(), "nothing written");
        }
    }

    @Test
    void anUnwritableOutputIsAOneLineError(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("plain-file"), "x");
        Cli.Result classes = Cli.run("compile", "x^2", "--name", "gen.E", "--out", file.resolve("sub").toString());
        assertEquals(2, classes.status());
        assertEquals("joule: --out " + file.resolve("sub") + ": " + file + " is a file, not a directory",
                classes.err().strip());
        Cli.Result jar = Cli.run("compile", "x^2", "--name", "gen.E", "--out", file.resolve("e.jar").toString());
        assertEquals(2, jar.status());
        assertTrue(jar.err().contains("is a file, not a directory"), jar.err());
        Cli.Result onFile = Cli.run("compile", "x^2", "--name", "gen.E", "--out", file.toString());
        assertEquals("joule: --out " + file + " is a file, not a directory", onFile.err().strip());
        Cli.Result jarIsDir = Cli.run("compile", "x^2", "--name", "gen.E", "--out",
                Files.createDirectory(dir.resolve("d.jar")).toString());
        assertTrue(jarIsDir.err().contains("is a directory; give a file name"), jarIsDir.err());
    }

    @Test
    void disassembleHonoursName() {
        Cli.Result r = Cli.run("compile", "exp(x) * x", "--disassemble", "--name", "com.example.Named");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("class com/example/Named"), r.out().substring(0, 300));
        assertFalse(r.out().contains("Disassembled"));
    }

    /** org.joule.runtime.Run prints what eval prints: the same value and grad, keyed by name. */
    @Test
    void runPrintsTheShapeAndNumbersOfEval(@TempDir Path dir) throws Exception {
        assertEquals(0, Main.run("compile", "x0^2 * sin(x1) + W[1,0]", "--name", "gen.Shape", "--out", dir.toString()));
        ClassLoader old = Thread.currentThread().getContextClassLoader();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, old)) {
            Thread.currentThread().setContextClassLoader(loader);
            int status = org.joule.runtime.Run.run(new java.io.PrintStream(out, true, StandardCharsets.UTF_8),
                    System.err, "gen.Shape", "1.5", "-2", "0", "0.1");
            assertEquals(0, status);
        } finally {
            Thread.currentThread().setContextClassLoader(old);
        }
        ObjectMapper json = new ObjectMapper();
        JsonNode run = json.readTree(out.toString(StandardCharsets.UTF_8));
        Cli.Result eval = Cli.run("eval", "x0^2 * sin(x1) + W[1,0]", "--at", "x0=1.5,x1=-2,W[1,0]=0.1", "--grad");
        JsonNode expected = json.readTree(eval.out());
        assertEquals(expected, run, "value and grad: the same names and the same bits");
    }
}
