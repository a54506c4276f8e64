package org.joule.packaging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * What the checks know about the build they run in: the repository root, the version, the
 * README and its fenced code blocks, and XPath look-ups in POMs. The values come from system
 * properties that this module's POM passes to Surefire.
 */
final class Build {
    private static final Pattern FENCE = Pattern.compile("^```(\\w*)\\n(.*?)^```", Pattern.MULTILINE | Pattern.DOTALL);

    private Build() {
    }

    /** A system property that the POM must set; a clear failure when run outside Maven. */
    static String property(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank() || value.startsWith("${")) {
            throw new IllegalStateException("system property " + name
                    + " is not set: run these checks with `mvn verify` from the repository root");
        }
        return value;
    }

    /** The repository root (the parent POM's directory). */
    static Path root() {
        return Path.of(property("joule.root")).toAbsolutePath().normalize();
    }

    /** The version being built, e.g. 0.1.0-SNAPSHOT. */
    static String version() {
        return property("joule.version");
    }

    /** The main jar of module {@code module} (directory name), as packaged by this build. */
    static Path jar(String module, String classifier) {
        String name = "joule-" + module + "-" + version() + (classifier.isEmpty() ? "" : "-" + classifier) + ".jar";
        return root().resolve(module).resolve("target").resolve(name);
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text of README.md under the level-2 heading {@code heading}, up to the next one. */
    static String readmeSection(String heading) {
        String readme = read(root().resolve("README.md"));
        String start = "\n## " + heading + "\n";
        int from = readme.indexOf(start);
        if (from < 0) {
            throw new AssertionError("README.md has no section '## " + heading + "'");
        }
        int to = readme.indexOf("\n## ", from + start.length());
        return readme.substring(from + 1, to < 0 ? readme.length() : to + 1);
    }

    /** The fenced code blocks of {@code text} tagged {@code language} (```xml, ```java), in order. */
    static List<String> codeBlocks(String text, String language) {
        List<String> blocks = new ArrayList<>();
        Matcher m = FENCE.matcher(text);
        while (m.find()) {
            if (m.group(1).equals(language)) {
                blocks.add(m.group(2));
            }
        }
        return blocks;
    }

    /** The one code block of {@code section} tagged {@code language}; fails if there is not exactly one. */
    static String onlyCodeBlock(String heading, String language) {
        List<String> blocks = codeBlocks(readmeSection(heading), language);
        if (blocks.size() != 1) {
            throw new AssertionError("README section '" + heading + "' has " + blocks.size() + " ```" + language
                    + " blocks, expected one");
        }
        return blocks.get(0);
    }

    /** Parses XML text without namespaces, so XPath can say /project/version. */
    static Document xml(String text) {
        try {
            return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new org.xml.sax.InputSource(new java.io.StringReader(text)));
        } catch (Exception e) {
            throw new AssertionError("not well-formed XML: " + e.getMessage(), e);
        }
    }

    /** The trimmed text of every node {@code xpath} selects in {@code doc}. */
    static List<String> all(Document doc, String xpath) {
        try {
            NodeList nodes = (NodeList) XPathFactory.newInstance().newXPath().evaluate(xpath, doc, XPathConstants.NODESET);
            List<String> values = new ArrayList<>();
            for (int i = 0; i < nodes.getLength(); i++) {
                values.add(nodes.item(i).getTextContent().trim());
            }
            return values;
        } catch (Exception e) {
            throw new AssertionError("bad XPath " + xpath, e);
        }
    }

    /** The text of the one node {@code xpath} selects; fails naming the path if there is not exactly one. */
    static String one(Document doc, String xpath) {
        List<String> values = all(doc, xpath);
        if (values.size() != 1) {
            throw new AssertionError(xpath + " selects " + values.size() + " nodes, expected one: " + values);
        }
        return values.get(0);
    }
}
