package org.joule.compiler;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.joule.graph.Energy;
import org.joule.graph.EnergyPrograms;
import org.joule.runtime.CompiledEnergy;
import org.joule.runtime.EnergyFunction;
import org.joule.runtime.Kernel;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.util.TraceClassVisitor;

/**
 * Compiles an energy to JVM bytecode: a class implementing {@link EnergyFunction} whose
 * value, value-and-gradient and Hessian-vector-product kernels are straight-line code
 * generated from the same flattened programs the interpreter walks, so the two agree bit for
 * bit. Switching a user from the interpreter is one line:
 *
 * <pre>{@code
 * EnergyFunction f = Compiler.compile(Energy.of(e).wrt(Role.PARAMETER));   // was .interpreter()
 * }</pre>
 *
 * <p>In process, classes are defined as hidden classes that are unloaded once the returned
 * object is unreachable. {@link #writeClasses} and {@link #writeJar} write the same classes
 * under a chosen name for ahead-of-time use; they need only the {@code runtime} module at run
 * time. Setting the system property {@code joule.dumpClasses} to a directory writes every
 * class compiled in process there too; {@link #disassemble} gives a textual listing;
 * {@code joule.checked=true} validates every program before it is compiled.
 *
 * <p>Any graph size compiles: code is split into methods under HotSpot's 8,000-byte
 * JIT limit and into several classes before a constant pool fills; values cross method
 * boundaries through a per-thread work array whose slots are reused by liveness. A single
 * n-ary node of any width (a min, max or log-sum-exp over 100,000 arguments) is read in pieces
 * over several methods, computing the same bits as the interpreter.
 */
public final class Compiler {
    /** System property naming a directory into which in-process compilations are dumped. */
    public static final String DUMP_PROPERTY = "joule.dumpClasses";
    /** System property that, when true, validates every program before it is compiled. */
    public static final String CHECKED_PROPERTY = "joule.checked";
    private static final String HIDDEN_NAME = "org/joule/compiler/GeneratedEnergy";

    private Compiler() {
    }

    /**
     * Differentiates and compiles {@code energy} into a new hidden class.
     *
     * @param energy the energy to compile
     * @return an energy function that agrees with {@code energy.interpreter()} bit for bit
     */
    public static CompiledEnergy compile(Energy energy) {
        return compile(EnergyPrograms.of(energy));
    }

    /**
     * Compiles already derived programs into a new hidden class.
     *
     * @param programs the value, gradient and Hessian-vector-product programs
     * @return an energy function that agrees with the interpreter of {@code programs} bit for bit
     */
    public static CompiledEnergy compile(EnergyPrograms programs) {
        return compile(programs, ClassAssembler.Limits.DEFAULT);
    }

    static CompiledEnergy compile(EnergyPrograms programs, ClassAssembler.Limits limits) {
        return define(assembleHidden(programs, limits));
    }

    /** The classes {@link #compile} defines, before they are defined (tests read their method sizes). */
    static ClassAssembler.Output assembleHidden(EnergyPrograms programs, ClassAssembler.Limits limits) {
        if (Boolean.getBoolean(CHECKED_PROPERTY)) {
            validate(programs);
        }
        ClassAssembler.Output out = new ClassAssembler(HIDDEN_NAME, false, limits).assemble(programs);
        dump(out);
        return out;
    }

    /**
     * The generated classes of {@code energy} under {@code binaryName}, main class first.
     *
     * @param energy     the energy to compile
     * @param binaryName the main class's binary name, such as {@code com.example.Kmeans}
     * @return the class files keyed by internal name ({@code com/example/Kmeans}), in order
     * @throws IllegalArgumentException when {@code binaryName} is not a class name
     */
    public static Map<String, byte[]> generate(Energy energy, String binaryName) {
        return generate(EnergyPrograms.of(energy), binaryName, true).classes();
    }

    static ClassAssembler.Output generate(EnergyPrograms programs, String binaryName, boolean aheadOfTime) {
        return generate(programs, binaryName, aheadOfTime, ClassAssembler.Limits.DEFAULT);
    }

    static ClassAssembler.Output generate(EnergyPrograms programs, String binaryName, boolean aheadOfTime,
                                          ClassAssembler.Limits limits) {
        String internal = binaryName.replace('.', '/');
        for (String part : binaryName.split("\\.")) {
            if (!isJavaIdentifier(part)) {
                throw new IllegalArgumentException("'" + binaryName + "' is not a class name");
            }
        }
        return new ClassAssembler(internal, aheadOfTime, limits).assemble(programs);
    }

    private static boolean isJavaIdentifier(String s) {
        if (s.isEmpty() || !Character.isJavaIdentifierStart(s.charAt(0))) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            if (!Character.isJavaIdentifierPart(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Writes the classes of {@code energy}, named {@code binaryName} (e.g. {@code com.example.Kmeans}),
     * as .class files under {@code directory} in their package folders. The main class has a
     * public no-argument constructor; load it with only the runtime module on the class path.
     *
     * @param energy     the energy to compile
     * @param binaryName the main class's binary name
     * @param directory  the root of the class output, created where missing
     * @return the files written
     * @throws IOException when a file cannot be written
     */
    public static List<Path> writeClasses(Energy energy, String binaryName, Path directory) throws IOException {
        List<Path> written = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : generate(energy, binaryName).entrySet()) {
            Path file = directory.resolve(e.getKey() + ".class");
            Files.createDirectories(file.getParent());
            Files.write(file, e.getValue());
            written.add(file);
        }
        return written;
    }

    /**
     * Writes the classes of {@code energy}, named {@code binaryName}, into a jar.
     *
     * @param energy     the energy to compile
     * @param binaryName the main class's binary name
     * @param jar        the jar file to write, replaced if it exists
     * @throws IOException when the jar cannot be written
     */
    public static void writeJar(Energy energy, String binaryName, Path jar) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (jar.getParent() != null) {
            Files.createDirectories(jar.getParent());
        }
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            for (Map.Entry<String, byte[]> e : generate(energy, binaryName).entrySet()) {
                out.putNextEntry(new JarEntry(e.getKey() + ".class"));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
    }

    /**
     * Diagnostics: the bytecode size of every generated method of {@code energy}, keyed by
     * {@code class.method}. Every size is below HotSpot's 8,000-byte JIT limit.
     *
     * @param energy the energy to compile
     * @return bytes of bytecode per method
     */
    public static Map<String, Integer> methodSizes(Energy energy) {
        return generate(EnergyPrograms.of(energy), "Sizes", true).methodSizes();
    }

    /**
     * A textual disassembly (ASM Textifier) of the classes compiled for {@code energy}.
     *
     * @param energy the energy to compile
     * @return the listing of every generated class, main class first
     */
    public static String disassemble(Energy energy) {
        return disassemble(energy, "Disassembled");
    }

    /**
     * A textual disassembly of the classes {@link #writeClasses} writes for {@code energy} as {@code binaryName}.
     *
     * @param energy     the energy to compile
     * @param binaryName the main class's binary name, such as {@code com.example.Kmeans}
     * @return the ASM Textifier listing of every generated class, main class first
     * @throws IllegalArgumentException when {@code binaryName} is not a class name
     */
    public static String disassemble(Energy energy, String binaryName) {
        StringWriter text = new StringWriter();
        PrintWriter pw = new PrintWriter(text);
        for (byte[] bytes : generate(energy, binaryName).values()) {
            new ClassReader(bytes).accept(new TraceClassVisitor(pw), 0);
        }
        pw.flush();
        return text.toString();
    }

    static void validate(EnergyPrograms programs) {
        int n = programs.layout().size();
        int m = programs.wrtLength();
        programs.value().validate(n, 0);
        programs.gradient().validate(n, 0);
        programs.hessianVectorProduct().validate(n, m);
    }

    private static void dump(ClassAssembler.Output out) {
        String dir = System.getProperty(DUMP_PROPERTY);
        if (dir == null || dir.isEmpty()) {
            return;
        }
        try {
            for (Map.Entry<String, byte[]> e : out.classes().entrySet()) {
                Path file = Path.of(dir).resolve(e.getKey() + "-" + System.nanoTime() + ".class");
                Files.createDirectories(file.getParent());
                Files.write(file, e.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot dump generated classes to " + dir, e);
        }
    }

    /** Defines the hidden classes of {@code out} (from {@link #assembleHidden}) and instantiates the main one. */
    static CompiledEnergy define(ClassAssembler.Output out) {
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        try {
            List<Kernel> parts = new ArrayList<>();
            byte[] mainBytes = null;
            for (Map.Entry<String, byte[]> e : out.classes().entrySet()) {
                if (e.getKey().equals(out.mainName())) {
                    mainBytes = e.getValue();
                    continue;
                }
                MethodHandles.Lookup part = lookup.defineHiddenClass(e.getValue(), true);
                MethodHandle ctor = part.findConstructor(part.lookupClass(), MethodType.methodType(void.class));
                parts.add((Kernel) ctor.invoke());
            }
            MethodHandles.Lookup main = lookup.defineHiddenClass(mainBytes, true);
            MethodHandle ctor = main.findConstructor(main.lookupClass(),
                    MethodType.methodType(void.class, Kernel[].class));
            return (CompiledEnergy) ctor.invoke(parts.toArray(new Kernel[0]));
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("could not define the generated classes", t);
        }
    }
}
