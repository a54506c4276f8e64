package org.joule.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * README's "Gradient tests of your own" runs as written. Its {@code pom.xml} and test class
 * are copied verbatim from the README's code blocks into a project of their own, which a
 * nested Maven builds and tests against the jars of this very build; the test report must
 * count every test of the README's class, none failed or skipped. So the README cannot
 * drift from what works.
 *
 * <p>The nested build is offline and hermetic: its local repository lives in
 * {@code target/recipe} and holds only the Joule modules of this build (installed by copying
 * the POMs and jars, as {@code mvn install} would); everything else (JUnit, jqwik, ASM,
 * Maven plugins) it takes read-only from the outer build's local repository, declared as a
 * file repository with snapshots disabled, so a stale Joule snapshot there is never used and
 * the shared repository is never written. Offline mode is kept except for that file
 * repository ({@code aether.offline.protocols=file}).
 */
class ReadmeRecipeTest {
    static final String RECIPE = "Gradient tests of your own";
    static final String DEPENDING = "Depending on Joule";
    private static final Pattern TEST_ANNOTATION = Pattern.compile("^\\s*@(Example|Property|Test)\\b", Pattern.MULTILINE);

    @Test
    void dependencySnippetNamesALibraryOfThisBuild() {
        Document dependency = Build.xml(Build.onlyCodeBlock(DEPENDING, "xml"));
        assertEquals("org.joule", Build.one(dependency, "/dependency/groupId"));
        String artifact = Build.one(dependency, "/dependency/artifactId");
        Path module = Build.root().resolve(artifact.replaceFirst("^joule-", "")).resolve("pom.xml");
        assertTrue(Files.exists(module), "README names artifact " + artifact + ", which this build does not make");
        assertEquals(artifact, Build.one(Build.xml(Build.read(module)), "/project/artifactId"));
        assertEquals(Build.version(), Build.one(dependency, "/dependency/version"), "version in README's dependency");
    }

    @Test
    void recipeUsesTheVersionsOfThisBuild() {
        Document recipe = Build.xml(Build.onlyCodeBlock(RECIPE, "xml"));
        Document parent = Build.xml(Build.read(Build.root().resolve("pom.xml")));
        String deps = "/project/dependencies/dependency";
        assertEquals(Build.version(), Build.one(recipe, deps + "[artifactId='joule-compiler']/version"), "Joule");
        assertEquals(Build.property("joule.jqwik.version"), Build.one(recipe, deps + "[artifactId='jqwik']/version"),
                "jqwik");
        assertEquals(Build.property("joule.junit.version"),
                Build.one(recipe, "/project/dependencyManagement/dependencies/dependency[artifactId='junit-bom']/version"), "JUnit BOM");
        for (String plugin : List.of("maven-surefire-plugin", "maven-compiler-plugin")) {
            assertEquals(Build.one(parent, "/project/build/pluginManagement/plugins/plugin[artifactId='" + plugin + "']/version"),
                    Build.one(recipe, "/project/build/plugins/plugin[artifactId='" + plugin + "']/version"), plugin);
        }
        assertEquals(Build.one(parent, "/project/properties/maven.compiler.release"),
                Build.one(recipe, "/project/properties/maven.compiler.release"), "Java release");
    }

    @Test
    void recipeRunsWithEveryTestCounted() throws Exception {
        String pom = Build.onlyCodeBlock(RECIPE, "xml");
        String test = Build.onlyCodeBlock(RECIPE, "java");
        Path dir = Path.of(Build.property("joule.recipeDirectory"));
        deleteRecursively(dir.resolve("project"));
        Path project = dir.resolve("project");
        String testClass = qualifiedName(test);
        write(project.resolve("pom.xml"), pom);
        write(project.resolve("src/test/java").resolve(testClass.replace('.', '/') + ".java"), test);
        Path repository = dir.resolve("repository");
        installThisBuild(repository);
        Path settings = write(dir.resolve("settings.xml"), settings(Path.of(Build.property("joule.localRepository"))));

        Path log = dir.resolve("build.log");
        int exit = maven(project, log, List.of("-B", "-ntp", "-o", "-s", settings.toString(), "-gs", settings.toString(),
                "-Dmaven.repo.local=" + repository, "-Daether.offline.protocols=file", "test"));
        if (exit != 0) {
            fail("the README recipe's build failed (exit " + exit + "), log " + log + ":\n" + tail(log, 60));
        }
        Path report = project.resolve("target/surefire-reports/TEST-" + testClass + ".xml");
        assertTrue(Files.exists(report), "no test report " + report + ": Surefire ran no tests\n" + tail(log, 60));
        Element suite = Build.xml(Build.read(report)).getDocumentElement();
        int expected = countMatches(TEST_ANNOTATION, test);
        assertTrue(expected > 0, "the README's test class has no @Example, @Property or @Test");
        assertEquals(expected, Integer.parseInt(suite.getAttribute("tests")), "tests run of " + testClass);
        for (String bad : List.of("failures", "errors", "skipped")) {
            assertEquals(0, Integer.parseInt(suite.getAttribute(bad)), bad + " in " + report);
        }
    }

    /** Copies this build's parent POM and the library modules' POMs and jars into a local repository. */
    static void installThisBuild(Path repository) throws IOException {
        String v = Build.version();
        Path joule = repository.resolve("org/joule");
        copy(Build.root().resolve("pom.xml"), joule.resolve("joule-parent/" + v + "/joule-parent-" + v + ".pom"));
        for (String module : List.of("runtime", "graph", "compiler")) {
            String artifact = "joule-" + module;
            Path jar = Build.jar(module, "");
            assertTrue(Files.exists(jar), jar + " is missing: run `mvn verify` from the repository root");
            copy(Build.root().resolve(module).resolve("pom.xml"), joule.resolve(artifact + "/" + v + "/" + artifact + "-" + v + ".pom"));
            copy(jar, joule.resolve(artifact + "/" + v + "/" + artifact + "-" + v + ".jar"));
        }
    }

    /** Settings with the outer local repository as a read-only file repository for releases only. */
    static String settings(Path outerRepository) {
        String url = outerRepository.toAbsolutePath().toUri().toString();
        String repo = "<id>outer-local</id><url>" + url + "</url>"
                + "<releases><enabled>true</enabled></releases><snapshots><enabled>false</enabled></snapshots>";
        return "<settings><profiles><profile><id>outer-local</id>"
                + "<repositories><repository>" + repo + "</repository></repositories>"
                + "<pluginRepositories><pluginRepository>" + repo + "</pluginRepository></pluginRepositories>"
                + "</profile></profiles><activeProfiles><activeProfile>outer-local</activeProfile></activeProfiles></settings>\n";
    }

    /** Runs the Maven that runs this build in {@code project}; output to {@code log}; the exit status. */
    static int maven(Path project, Path log, List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(mavenExecutable());
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).directory(project.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("MAVEN_OPTS", "-XX:TieredStopAtLevel=1");  // a short build: start fast, skip the C2 compiler
        env.remove("MAVEN_ARGS");
        Process p = pb.start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            fail("the README recipe's build did not finish in 10 minutes, log " + log + ":\n" + tail(log, 60));
        }
        return p.exitValue();
    }

    static String mavenExecutable() {
        boolean windows = System.getProperty("os.name").toLowerCase().startsWith("windows");
        String home = System.getProperty("joule.mavenHome");
        if (home == null || home.isBlank() || home.startsWith("${")) {
            return windows ? "mvn.cmd" : "mvn";
        }
        return Path.of(home, "bin", windows ? "mvn.cmd" : "mvn").toString();
    }

    /** The fully qualified name of the first class declared in {@code source}. */
    static String qualifiedName(String source) {
        Matcher pkg = Pattern.compile("^package\\s+([\\w.]+);", Pattern.MULTILINE).matcher(source);
        Matcher cls = Pattern.compile("^(?:public\\s+)?(?:final\\s+)?class\\s+(\\w+)", Pattern.MULTILINE).matcher(source);
        assertTrue(cls.find(), "no class declaration in the README's test");
        return (pkg.find() ? pkg.group(1) + "." : "") + cls.group(1);
    }

    static int countMatches(Pattern p, String text) {
        Matcher m = p.matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    static Path write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        Files.copy(from, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    static String tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
