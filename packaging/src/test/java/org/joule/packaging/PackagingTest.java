package org.joule.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * What {@code mvn package} ships, checked like a user of the jars would see it: module names
 * in the manifests, sources and Javadoc jars, the license, and documentation of every package.
 */
class PackagingTest {
    static final List<String> MODULES = List.of("runtime", "graph", "compiler", "samples", "bench");
    static final List<String> LIBRARIES = List.of("runtime", "graph", "compiler");
    /** SHA-256 of https://www.apache.org/licenses/LICENSE-2.0.txt, byte for byte. */
    static final String APACHE_2_SHA256 = "cfc7749b96f63bd31c3c42b5c471bf756814053e847c10f3eb003417bc523d30";
    /** Fewest words a package comment must have to count as a paragraph rather than a label. */
    static final int PARAGRAPH_WORDS = 25;

    @Test
    void everyJarNamesItsModule() throws IOException {
        for (String module : MODULES) {
            assertEquals("org.joule." + module, mainAttribute(Build.jar(module, ""), "Automatic-Module-Name"), module);
        }
    }

    @Test
    void executableJarsKeepTheirMainClassAndModuleName() throws IOException {
        Path joule = Build.root().resolve("samples/target/joule.jar");
        assertEquals("org.joule.samples.Launcher", mainAttribute(joule, "Main-Class"));
        assertEquals("org.joule.samples", mainAttribute(joule, "Automatic-Module-Name"));
        Path benchmarks = Build.root().resolve("bench/target/benchmarks.jar");
        assertEquals("org.openjdk.jmh.Main", mainAttribute(benchmarks, "Main-Class"));
        assertEquals("org.joule.bench", mainAttribute(benchmarks, "Automatic-Module-Name"));
    }

    @Test
    void everyModuleShipsItsSources() throws IOException {
        for (String module : MODULES) {
            Path sources = Build.root().resolve(module).resolve("src/main/java");
            Set<String> expected;
            try (Stream<Path> files = Files.walk(sources)) {
                expected = files.filter(p -> p.toString().endsWith(".java"))
                        .map(p -> sources.relativize(p).toString().replace('\\', '/'))
                        .collect(Collectors.toCollection(TreeSet::new));
            }
            Set<String> entries = entries(Build.jar(module, "sources"));
            assertTrue(entries.containsAll(expected), module + " sources jar lacks some of " + expected);
        }
    }

    @Test
    void librariesShipJavadocForEveryPackage() throws IOException {
        for (String module : LIBRARIES) {
            Set<String> entries = entries(Build.jar(module, "javadoc"));
            assertTrue(entries.contains("index.html"), module + " Javadoc jar has no index.html");
            for (String pkg : packages(module)) {
                String summary = pkg.replace('.', '/') + "/package-summary.html";
                assertTrue(entries.contains(summary), module + " Javadoc jar lacks " + summary);
            }
        }
    }

    @Test
    void licenseIsTheApacheLicenseVerbatim() throws Exception {
        byte[] license = Files.readAllBytes(Build.root().resolve("LICENSE"));
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(license));
        assertEquals(APACHE_2_SHA256, sha, "LICENSE differs from the Apache License 2.0 text");
    }

    @Test
    void parentPomDeclaresLicenseHomeAndSource() {
        Document pom = Build.xml(Build.read(Build.root().resolve("pom.xml")));
        assertEquals("Apache-2.0", Build.one(pom, "/project/licenses/license/name"));
        assertEquals("https://www.apache.org/licenses/LICENSE-2.0.txt", Build.one(pom, "/project/licenses/license/url"));
        assertTrue(Build.one(pom, "/project/url").startsWith("https://"), "project url");
        assertTrue(Build.one(pom, "/project/scm/connection").startsWith("scm:git:"), "scm connection");
        assertTrue(!Build.one(pom, "/project/developers/developer/name").isEmpty(), "developer");
        for (String module : MODULES) {
            Document child = Build.xml(Build.read(Build.root().resolve(module).resolve("pom.xml")));
            for (String inherited : List.of("licenses", "url", "scm")) {
                assertEquals(List.of(), Build.all(child, "/project/" + inherited), module + " overrides " + inherited);
            }
        }
    }

    @Test
    void everyPackageHasAPackageComment() throws IOException {
        Pattern comment = Pattern.compile("\\A\\s*/\\*\\*(.*?)\\*/\\s*package\\s+([\\w.]+);", Pattern.DOTALL);
        for (String module : MODULES) {
            for (String pkg : packages(module)) {
                Path info = Build.root().resolve(module).resolve("src/main/java")
                        .resolve(pkg.replace('.', '/')).resolve("package-info.java");
                assertTrue(Files.exists(info), "no " + info);
                Matcher m = comment.matcher(Build.read(info));
                assertTrue(m.find(), info + " does not start with a Javadoc comment and the package declaration");
                assertEquals(pkg, m.group(2), info.toString());
                String text = m.group(1).replaceAll("(?m)^\\s*\\*", " ").replaceAll("<[^>]+>|\\{@\\w+|}", " ");
                int words = text.trim().split("\\s+").length;
                assertTrue(words >= PARAGRAPH_WORDS, info + " says " + words + " words; write a paragraph");
            }
        }
    }

    /** The packages of a module: the directories under src/main/java that hold Java classes. */
    static Set<String> packages(String module) throws IOException {
        Path sources = Build.root().resolve(module).resolve("src/main/java");
        try (Stream<Path> files = Files.walk(sources)) {
            return files.filter(p -> p.toString().endsWith(".java") && !p.endsWith("package-info.java"))
                    .map(p -> sources.relativize(p.getParent()).toString().replace('\\', '/').replace('/', '.'))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    static String mainAttribute(Path jar, String name) throws IOException {
        assertTrue(Files.exists(jar), jar + " is missing: run `mvn verify` from the repository root");
        try (JarFile file = new JarFile(jar.toFile())) {
            assertTrue(file.getManifest() != null, jar + " has no manifest");
            return file.getManifest().getMainAttributes().getValue(new Attributes.Name(name));
        }
    }

    static Set<String> entries(Path jar) throws IOException {
        assertTrue(Files.exists(jar), jar + " is missing: run `mvn verify` from the repository root");
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.stream().map(e -> e.getName()).collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
