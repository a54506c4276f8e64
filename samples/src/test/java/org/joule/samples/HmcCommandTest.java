package org.joule.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code joule hmc} run small with a fixed seed: it exits 0, writes a PNG that decodes, prints
 * each sampler's diagnostics, and every printed moment of the HMC and the NUTS draws is within
 * 4 of its printed Monte Carlo standard errors of the exact moments (closed form, computed here
 * independently of the command's quadrature); bad options exit 2 naming the option before any
 * work.
 */
class HmcCommandTest {
    private static final Pattern ROW = Pattern.compile(
            "(?m)^  (HMC|NUTS)\\s+(mean y1|mean y2|var y1|var y2|cov y1 y2)\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)$");

    /** The moments of p ∝ exp(−E) in closed form: y1 ~ N(m, 1), y2 | y1 ~ N(a y1² + c, s²). */
    private static Map<String, Double> exact() {
        double m = BananaEnergy.M;
        double a = BananaEnergy.A;
        double c = BananaEnergy.C;
        double s = BananaEnergy.S;
        Map<String, Double> e = new HashMap<>();
        e.put("mean y1", m);
        e.put("mean y2", a * (1 + m * m) + c);
        e.put("var y1", 1.0);
        // Var(y1^2) for y1 ~ N(m, 1) is E y1^4 - (E y1^2)^2 = (m^4 + 6 m^2 + 3) - (1 + m^2)^2 = 2 + 4 m^2
        e.put("var y2", s * s + a * a * (2 + 4 * m * m));
        // Cov(y1, y1^2) = E y1^3 - m E y1^2 = (m^3 + 3 m) - m (1 + m^2) = 2 m
        e.put("cov y1 y2", a * 2 * m);
        return e;
    }

    @Test
    void aSmallRunWritesTheFigureAndItsMomentsAreWithinFourMcseOfTheExactOnes(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("figures"); // created by the command
        Cli.Result r = Cli.run("hmc", "--chains", "2", "--warmup", "300", "--draws", "600", "--seed", "7",
                "--threads", "2", "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        assertEquals("", r.err(), "no progress bar nor warning off a terminal");
        Path png = out.resolve(HmcCommand.FIGURE);
        assertTrue(Files.isRegularFile(png), png + " missing");
        BufferedImage image = ImageIO.read(png.toFile());
        assertTrue(image != null, png + " does not decode as an image");
        assertEquals(2 * 760, image.getWidth());
        assertEquals(700, image.getHeight());
        for (String column : new String[] {"bulk ESS", "R-hat", "ESS/gradient", "acceptance", "divergences",
                "gradient evaluations"}) {
            assertTrue(r.out().contains(column), column + " missing from:\n" + r.out());
        }

        Map<String, Double> exact = exact();
        Matcher m = ROW.matcher(r.out());
        int rows = 0;
        while (m.find()) {
            rows++;
            String what = m.group(1) + " " + m.group(2);
            double estimate = Double.parseDouble(m.group(3));
            double reference = Double.parseDouble(m.group(4));
            double mcse = Double.parseDouble(m.group(5));
            double truth = exact.get(m.group(2));
            assertEquals(truth, reference, 1e-5, what + ": the quadrature's reference against the closed form");
            assertTrue(mcse > 0 && mcse < 0.5, what + ": MCSE " + mcse);
            assertTrue(Math.abs(estimate - truth) <= 4 * mcse, what + ": " + estimate + " is more than 4 MCSE ("
                    + mcse + ") from " + truth + "\n" + r.out());
        }
        assertEquals(10, rows, "five moments per sampler in:\n" + r.out());
        assertTrue(r.out().contains("moments within 4 MCSE of the quadrature: 10 of 10"), r.out());
        assertTrue(r.out().contains("wrote " + png), r.out());
    }

    @Test
    void theQuadratureMatchesTheClosedForm() {
        // The trapezoid rule on a smooth integrand decaying like e^-50 at the box's edges: exact
        // to rounding (about 1e-12 relative over ~3e6 terms); 1e-8 leaves room.
        BananaEnergy.Moments q = BananaEnergy.quadrature(BananaEnergy.compiled(), HmcCommand.GRID_STEP);
        BananaEnergy.Moments e = BananaEnergy.exact();
        double[] got = q.flat();
        double[] want = e.flat();
        for (int i = 0; i < got.length; i++) {
            assertEquals(want[i], got[i], 1e-8, BananaEnergy.MOMENTS[i]);
        }
        Map<String, Double> independent = exact();
        for (int i = 0; i < want.length; i++) {
            assertEquals(independent.get(BananaEnergy.MOMENTS[i]), want[i], 1e-15, BananaEnergy.MOMENTS[i]);
        }
    }

    @Test
    void theCompiledEnergyIsTheFormula() {
        var energy = BananaEnergy.compiled();
        double[][] points = {{0, 0}, {0.25, -1.175}, {-2, 1.5}, {3, -0.5}};
        for (double[] y : points) {
            double along = y[0] - BananaEnergy.M;
            double across = y[1] - BananaEnergy.A * y[0] * y[0] - BananaEnergy.C;
            double want = along * along / 2 + across * across / (2 * BananaEnergy.S * BananaEnergy.S);
            assertEquals(want, energy.value(y.clone()), 1e-12 * Math.max(1, want), "E at " + y[0] + ", " + y[1]);
        }
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
        refused("joule: --chains must be at least 1, not 0", "hmc", "--chains", "0", "--out", out);
        refused("joule: --chains must be at most 64, not 65", "hmc", "--chains", "65", "--out", out);
        refused("joule: --warmup must be at least 1, not 0", "hmc", "--warmup", "0", "--out", out);
        refused("joule: --draws must be at least 10, not 5", "hmc", "--draws", "5", "--out", out);
        refused("joule: --leapfrog must be at least 1, not 0", "hmc", "--leapfrog", "0", "--out", out);
        refused("joule: --threads must be at least 1, not 0", "hmc", "--threads", "0", "--out", out);
        refused("--seed", "hmc", "--seed", "x", "--out", out);
        refused("--bogus", "hmc", "--bogus", "--out", out);
        Path file = Files.writeString(dir.resolve("plain-file"), "x");
        refused("joule: --out " + file + " is a file, not a directory", "hmc", "--out", file.toString());
    }

    @Test
    void helpNamesEveryOption() {
        Cli.Result r = Cli.run("hmc", "--help");
        assertEquals(0, r.status(), r.err());
        for (String option : new String[] {"--out", "--seed", "--threads", "--chains", "--warmup", "--draws",
                "--leapfrog"}) {
            assertTrue(r.out().contains(option), option + " missing from:\n" + r.out());
        }
    }
}
