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
 * {@code joule kmeans-spiral} run small: it exits 0, writes both figures as PNGs of the
 * expected size, and its within-cluster sum of squares is within 2% of Commons Math's
 * KMeansPlusPlusClusterer (best of 10), as issue 10 asks; bad options exit 2 naming the
 * option before any work.
 */
class KMeansSpiralCommandTest {
    private static final Pattern RATIO = Pattern.compile("WCSS: ([0-9.]+), Commons Math ([0-9.]+), ratio ([0-9.]+)");

    @Test
    void aSmallRunWritesBothFiguresAndIsWithinTwoPercentOfCommonsMath(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("figures"); // created by the command
        Cli.Result r = Cli.run("kmeans-spiral", "--points", "300", "-k", "10", "--restarts", "2", "--seed", "3",
                "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        assertEquals("", r.err(), "no progress bar nor warning off a terminal");
        decodes(out.resolve(KMeansSpiralCommand.LANDSCAPE), 900, 800);
        decodes(out.resolve(KMeansSpiralCommand.BETAS), 3 * 640, 600);
        Matcher m = RATIO.matcher(r.out());
        assertTrue(m.find(), r.out());
        double ours = Double.parseDouble(m.group(1));
        double commonsMath = Double.parseDouble(m.group(2));
        double ratio = Double.parseDouble(m.group(3));
        assertTrue(ours > 0 && commonsMath > 0, r.out());
        assertEquals(ours / commonsMath, ratio, 1e-3, "the printed ratio is the ratio of the printed WCSS");
        assertTrue(ratio <= 1.02, "WCSS ratio " + ratio + " above 1.02:\n" + r.out());
        assertTrue(r.out().contains("wrote " + out.resolve(KMeansSpiralCommand.LANDSCAPE)), r.out());
    }

    private static void decodes(Path png, int width, int height) throws Exception {
        assertTrue(Files.isRegularFile(png), png + " missing");
        BufferedImage image = ImageIO.read(png.toFile());
        assertTrue(image != null, png + " does not decode as an image");
        assertEquals(width, image.getWidth(), png + " width");
        assertEquals(height, image.getHeight(), png + " height");
    }

    private static void refused(String expected, String... args) {
        Cli.Result r = Cli.run(args);
        assertEquals(2, r.status(), r.out());
        assertEquals("", r.out(), "nothing done before the options are checked");
        assertTrue(r.err().contains(expected), r.err());
    }

    @Test
    void badOptionsExitTwoNamingTheOption(@TempDir Path dir) throws Exception {
        String out = dir.toString();
        refused("joule: --k must be at least 1, not 0", "kmeans-spiral", "-k", "0", "--out", out);
        refused("joule: --k 50 is more than --points 10", "kmeans-spiral", "-k", "50", "--points", "10", "--out", out);
        refused("joule: --points must be at most 1000000, not 2000000", "kmeans-spiral", "--points", "2000000",
                "--out", out);
        refused("joule: --restarts must be at least 1, not 0", "kmeans-spiral", "--restarts", "0", "--out", out);
        refused("joule: --threads must be at least 1, not 0", "kmeans-spiral", "--threads", "0", "--out", out);
        refused("--seed", "kmeans-spiral", "--seed", "x", "--out", out);
        refused("--bogus", "kmeans-spiral", "--bogus", "--out", out);
        Path file = Files.writeString(dir.resolve("plain-file"), "x");
        refused("joule: --out " + file + " is a file, not a directory", "kmeans-spiral", "--out", file.toString());
    }

    @Test
    void helpNamesEveryOption() {
        Cli.Result r = Cli.run("kmeans-spiral", "--help");
        assertEquals(0, r.status(), r.err());
        for (String option : new String[] {"--out", "--seed", "--threads", "-k", "--points", "--restarts"}) {
            assertTrue(r.out().contains(option), option + " missing from:\n" + r.out());
        }
    }
}
