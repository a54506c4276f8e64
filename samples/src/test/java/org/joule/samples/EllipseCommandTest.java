package org.joule.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code joule ellipse} run small: it exits 0, writes both figures as PNGs of the expected
 * size, prints F_∞ at the origin with w = (2, 1.5) equal to 2.25 and learns w close to
 * (2, 1.5) from (1, 1), as issue 10 asks; bad options exit 2 naming the option before any work.
 */
class EllipseCommandTest {
    private static final Pattern ORIGIN = Pattern.compile("F_inf\\(0, 0\\) with w = \\(2, 1.5\\): ([0-9.]+)");
    private static final Pattern LEARNED = Pattern.compile("learned w = \\(([0-9.]+), ([0-9.]+)\\)");

    /**
     * F_∞(0) = min_z 4 cos² z + 2.25 sin² z = 2.25 at z = π/2. The inner L-BFGS stops with
     * |∂E/∂z| = |−3.5 sin z cos z| at most 1e-10, so |z − π/2| ≤ 1e-10 / 3.5 and the value
     * is above 2.25 by at most 1.75 (z − π/2)² ≈ 1e-21: the 12 printed decimals must read
     * 2.25 to within 1e-9.
     *
     * <p>Learned w: the least-squares fit of 200 points with noise σ = 1/20 has a standard
     * error about σ / sqrt(200 / 2) = 0.005 per semi-axis; the entropy term of F_β at
     * β = 100 biases w by about (1/β) · O(1) ≈ 0.01 (the full run, 500 points, learns
     * (2.0025, 1.4945)). 0.05 is ten standard errors plus the bias; the start (1, 1) is 1.1 away.
     */
    @Test
    void aSmallRunPrintsFInfinityAtTheOriginAndLearnsW(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("figures"); // created by the command
        Cli.Result r = Cli.run("ellipse", "--points", "200", "--cells", "40", "--seed", "3", "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        assertEquals("", r.err(), "no progress bar nor warning off a terminal");
        decodes(out.resolve(EllipseCommand.LANDSCAPE), 4 * 640, 600);
        decodes(out.resolve(EllipseCommand.TRAINING), 2 * 760, 600);
        Matcher origin = ORIGIN.matcher(r.out());
        assertTrue(origin.find(), r.out());
        assertEquals(2.25, Double.parseDouble(origin.group(1)), 1e-9, r.out());
        Matcher learned = LEARNED.matcher(r.out());
        assertTrue(learned.find(), r.out());
        assertEquals(2.0, Double.parseDouble(learned.group(1)), 0.05, r.out());
        assertEquals(1.5, Double.parseDouble(learned.group(2)), 0.05, r.out());
        assertTrue(r.out().contains("wrote " + out.resolve(EllipseCommand.LANDSCAPE)), r.out());
        assertTrue(r.out().contains("wrote " + out.resolve(EllipseCommand.TRAINING)), r.out());
    }

    static void decodes(Path png, int width, int height) throws Exception {
        assertTrue(Files.isRegularFile(png), png + " missing");
        BufferedImage image = ImageIO.read(png.toFile());
        assertTrue(image != null, png + " does not decode as an image");
        assertEquals(width, image.getWidth(), png + " width");
        assertEquals(height, image.getHeight(), png + " height");
    }

    static void refused(String expected, String... args) {
        Cli.Result r = Cli.run(args);
        assertEquals(2, r.status(), r.out());
        assertEquals("", r.out(), "nothing done before the options are checked");
        assertTrue(r.err().contains(expected), r.err());
    }

    @Test
    void badOptionsExitTwoNamingTheOption(@TempDir Path dir) throws Exception {
        String out = dir.toString();
        refused("joule: --points must be at least 1, not 0", "ellipse", "--points", "0", "--out", out);
        refused("joule: --beta must be positive and at most 1e6, not -1.0", "ellipse", "--beta", "-1", "--out", out);
        refused("joule: --beta must be positive and at most 1e6, not NaN", "ellipse", "--beta", "NaN", "--out", out);
        refused("joule: --cells must be at most 1000, not 5000", "ellipse", "--cells", "5000", "--out", out);
        refused("joule: --threads must be at least 1, not 0", "ellipse", "--threads", "0", "--out", out);
        refused("--seed", "ellipse", "--seed", "x", "--out", out);
        refused("--bogus", "ellipse", "--bogus", "--out", out);
        Path file = Files.writeString(dir.resolve("plain-file"), "x");
        refused("joule: --out " + file + " is a file, not a directory", "ellipse", "--out", file.toString());
    }

    @Test
    void helpNamesEveryOption() {
        Cli.Result r = Cli.run("ellipse", "--help");
        assertEquals(0, r.status(), r.err());
        for (String option : new String[] {"--out", "--seed", "--threads", "--points", "--beta", "--cells"}) {
            assertTrue(r.out().contains(option), option + " missing from:\n" + r.out());
        }
    }
}
