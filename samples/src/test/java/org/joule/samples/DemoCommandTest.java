package org.joule.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code joule demo}: options are checked before the work starts; errors are one line. */
class DemoCommandTest {

    private static void refusedBeforeWork(String expected, String... args) {
        Cli.Result r = Cli.run(args);
        assertEquals(2, r.status(), r.out());
        assertEquals("", r.out(), "nothing done before the options are checked");
        assertEquals("joule: " + expected, r.err().strip());
    }

    @Test
    void badNumbersAreRefusedBeforeTheWorkStarts(@TempDir Path dir) {
        String out = dir.resolve("d.png").toString();
        refusedBeforeWork("--threads must be positive, not 0", "demo", "--threads", "0", "--out", out);
        refusedBeforeWork("--k must be positive, not -1", "demo", "--k", "-1", "--out", out);
        refusedBeforeWork("--epochs must be positive, not 0", "demo", "--epochs", "0", "--out", out);
        refusedBeforeWork("--threads must be at most 1024, not 5000", "demo", "--threads", "5000", "--out", out);
    }

    @Test
    void anUnwritableOutIsAOneLineErrorBeforeTheWorkStarts(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("plain-file"), "x");
        Path inFile = file.resolve("d.png");
        refusedBeforeWork("--out " + inFile + ": " + file + " is a file, not a directory",
                "demo", "--out", inFile.toString());
        Path missing = dir.resolve("missing").resolve("d.png");
        refusedBeforeWork("--out " + missing + ": the directory " + missing.getParent() + " does not exist",
                "demo", "--out", missing.toString());
        refusedBeforeWork("--out " + dir + " is a directory; give a file name", "demo", "--out", dir.toString());
    }

    @Test
    void aSmallRunWritesThePicture(@TempDir Path dir) {
        Path png = dir.resolve("small.png");
        Cli.Result r = Cli.run("demo", "--k", "3", "--points", "40", "--epochs", "2", "--out", png.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(Files.exists(png));
        assertTrue(r.out().contains("wrote " + png), r.out());
        assertFalse(r.out().contains("Exception"));
    }
}
