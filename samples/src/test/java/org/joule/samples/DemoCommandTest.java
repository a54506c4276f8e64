package org.joule.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code joule demo}, README's main command: an alias of {@code kmeans-spiral}; options are
 * checked before the work starts; errors are one line.
 */
class DemoCommandTest {

    private static void refusedBeforeWork(String expected, String... args) {
        Cli.Result r = Cli.run(args);
        assertEquals(2, r.status(), r.out());
        assertEquals("", r.out(), "nothing done before the options are checked");
        assertEquals("joule: " + expected, r.err().strip());
    }

    @Test
    void badNumbersAreRefusedBeforeTheWorkStarts(@TempDir Path dir) {
        String out = dir.toString();
        refusedBeforeWork("--threads must be at least 1, not 0", "demo", "--threads", "0", "--out", out);
        refusedBeforeWork("--k must be at least 1, not -1", "demo", "--k", "-1", "--out", out);
        refusedBeforeWork("--points must be at least 1, not 0", "demo", "--points", "0", "--out", out);
        refusedBeforeWork("--threads must be at most 1024, not 5000", "demo", "--threads", "5000", "--out", out);
    }

    @Test
    void anUnwritableOutIsAOneLineErrorBeforeTheWorkStarts(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("plain-file"), "x");
        refusedBeforeWork("--out " + file + " is a file, not a directory", "demo", "--out", file.toString());
        Path below = file.resolve("figures");
        assertEquals(2, Cli.run("demo", "--out", below.toString()).status());
    }

    @Test
    void aSmallRunWritesThePictures(@TempDir Path dir) {
        Cli.Result r = Cli.run("demo", "--k", "3", "--points", "40", "--restarts", "1", "--out", dir.toString());
        assertEquals(0, r.status(), r.err());
        Path landscape = dir.resolve(KMeansSpiralCommand.LANDSCAPE);
        Path betas = dir.resolve(KMeansSpiralCommand.BETAS);
        assertTrue(Files.exists(landscape) && Files.exists(betas));
        assertTrue(r.out().contains("wrote " + landscape) && r.out().contains("wrote " + betas), r.out());
        assertFalse(r.out().contains("Exception"));
    }
}
