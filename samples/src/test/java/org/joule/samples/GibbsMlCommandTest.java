package org.joule.samples;

import static org.joule.samples.EllipseCommandTest.decodes;
import static org.joule.samples.EllipseCommandTest.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code joule gibbs-ml} run small: it exits 0, writes both figures as PNGs of the expected
 * size, its final negative log-likelihood is below the start and within a stated margin of
 * the true density's on the same grid; bad options exit 2 naming the option before any work.
 */
class GibbsMlCommandTest {
    private static final Pattern NLL = Pattern.compile(
            "NLL: start ([0-9.]+), end ([0-9.]+); true density on the same grid ([0-9.]+)");

    /**
     * The energy is linear in W, so the NLL mean E + log Z is convex in W and L-BFGS reaches
     * its global minimum up to its stopping rule (a relative change of 1e-12 or a gradient of
     * 1e-7: far below 1e-3 in value). The true W is in the family, so the maximum-likelihood
     * fit on n points is below the true NLL by about χ²_p / (2n) (Wilks), p = 14: mean 0.007,
     * standard deviation 0.0026 for n = 1000. Hence end ≤ true + 1e-3 and end ≥ true − 0.05
     * (seventeen standard deviations); the start, the uniform density on [−3, 3]², has
     * NLL log 36 = 3.58.
     */
    @Test
    void aSmallRunEndsNearTheTrueDensitysLikelihood(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("figures"); // created by the command
        Cli.Result r = Cli.run("gibbs-ml", "--points", "1000", "--cells", "40", "--seed", "3", "--out",
                out.toString());
        assertEquals(0, r.status(), r.err());
        assertEquals("", r.err(), "no progress bar nor warning off a terminal");
        decodes(out.resolve(GibbsMlCommand.DENSITY), 3 * 640, 600);
        decodes(out.resolve(GibbsMlCommand.TRAINING), 900, 600);
        Matcher m = NLL.matcher(r.out());
        assertTrue(m.find(), r.out());
        double start = Double.parseDouble(m.group(1));
        double end = Double.parseDouble(m.group(2));
        double truth = Double.parseDouble(m.group(3));
        assertEquals(Math.log(36), start, 1e-5, "the uniform density on [-3, 3]^2:\n" + r.out());
        assertTrue(end < start, r.out());
        assertTrue(end <= truth + 1e-3, "the maximum of the likelihood is above the true density's:\n" + r.out());
        assertTrue(end >= truth - 0.05, "overfitting beyond the Wilks margin:\n" + r.out());
        assertTrue(r.out().contains("wrote " + out.resolve(GibbsMlCommand.DENSITY)), r.out());
    }

    @Test
    void badOptionsExitTwoNamingTheOption(@TempDir Path dir) throws Exception {
        String out = dir.toString();
        refused("joule: --points must be at least 1, not 0", "gibbs-ml", "--points", "0", "--out", out);
        refused("joule: --cells must be at least 2, not 1", "gibbs-ml", "--cells", "1", "--out", out);
        refused("joule: --iterations must be at least 1, not 0", "gibbs-ml", "--iterations", "0", "--out", out);
        refused("joule: --threads must be at least 1, not 0", "gibbs-ml", "--threads", "0", "--out", out);
        refused("--seed", "gibbs-ml", "--seed", "x", "--out", out);
        Path file = Files.writeString(dir.resolve("plain-file"), "x");
        refused("joule: --out " + file + " is a file, not a directory", "gibbs-ml", "--out", file.toString());
    }

    @Test
    void helpNamesEveryOption() {
        Cli.Result r = Cli.run("gibbs-ml", "--help");
        assertEquals(0, r.status(), r.err());
        for (String option : new String[] {"--out", "--seed", "--threads", "--points", "--cells", "--iterations"}) {
            assertTrue(r.out().contains(option), option + " missing from:\n" + r.out());
        }
    }
}
