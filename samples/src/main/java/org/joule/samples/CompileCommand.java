package org.joule.samples;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.joule.compiler.Compiler;
import org.joule.graph.Energy;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code joule compile EXPR --name NAME --out DIR}: writes the compiled classes of an energy
 * ahead of time. The energy is either text (EXPR, or {@code -} to read it from standard
 * input) or a Java-DSL method {@code --energy com.example.Energies#kmeans}, a public static
 * method without parameters returning an {@link Energy}, found on the class path; the latter
 * is how a Maven build generates classes with exec-maven-plugin.
 */
@Command(name = "compile", mixinStandardHelpOptions = true,
        description = "Compile an energy to .class files (or a jar) that need only joule-runtime at run time.")
final class CompileCommand implements Callable<Integer> {
    static final class Source {
        @Parameters(index = "0", paramLabel = "EXPR", description = "the expression, or - to read it from standard input")
        String expression;

        @Option(names = "--energy", paramLabel = "CLASS#METHOD",
                description = "a public static method returning org.joule.graph.Energy")
        String method;
    }

    @ArgGroup(multiplicity = "1")
    Source source;

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "binary class name, e.g. com.example.Kmeans")
    String name;

    @Option(names = "--out", required = true, paramLabel = "DIR|FILE.jar", description = "class directory, or a .jar file")
    Path out;

    @Option(names = "--wrt", split = ",", paramLabel = "VAR", description = "variables of the gradient (text EXPR only)")
    List<String> wrt;

    @Override
    public Integer call() throws Exception {
        Energy energy = source.method != null ? fromMethod(source.method) : fromText(source.expression);
        if (out.toString().endsWith(".jar")) {
            Compiler.writeJar(energy, name, out);
            System.out.println("wrote " + out);
        } else {
            for (Path p : Compiler.writeClasses(energy, name, out)) {
                System.out.println("wrote " + p);
            }
        }
        return 0;
    }

    private Energy fromText(String text) throws IOException {
        if ("-".equals(text)) {
            InputStream in = System.in;
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
        return Expressions.energy(Expressions.parse(text), wrt);
    }

    private static Energy fromMethod(String spec) throws ReflectiveOperationException {
        int hash = spec.indexOf('#');
        if (hash <= 0 || hash == spec.length() - 1) {
            throw new IllegalArgumentException("--energy expects CLASS#METHOD, not '" + spec + "'");
        }
        Class<?> owner = Class.forName(spec.substring(0, hash), true, Thread.currentThread().getContextClassLoader());
        Method m = owner.getMethod(spec.substring(hash + 1));
        if (!Modifier.isStatic(m.getModifiers()) || !Energy.class.isAssignableFrom(m.getReturnType())) {
            throw new IllegalArgumentException(spec + " must be a public static method returning " + Energy.class.getName());
        }
        return (Energy) m.invoke(null);
    }
}
