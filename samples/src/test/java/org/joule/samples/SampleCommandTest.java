package org.joule.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.joule.runtime.sampling.Diagnostics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code joule sample}: known moments of a correlated Gaussian, the raw draws, fixed
 * variables, the same output on any number of threads, warnings and bad arguments. Runs are
 * short (a few hundred draws) so that the class takes a few seconds; every tolerance is a
 * number of Monte Carlo standard errors computed from the run's own effective sample size.
 */
class SampleCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** E = ½ yᵀ Σ⁻¹ y with Σ = [[1, 0.8], [0.8, 1]]: Σ⁻¹ = [[1, −0.8], [−0.8, 1]] / 0.36. */
    private static final String GAUSSIAN = "(x^2 - 1.6*x*y + y^2)/(2*0.36)";
    private static final double[][] SIGMA = {{1, 0.8}, {0.8, 1}};
    private static final String[] NAMES = {"x", "y"};
    private static final String[] SHORT = {"--draws", "1000", "--warmup", "500"};

    @TempDir
    Path dir;

    private static JsonNode ok(String... args) throws Exception {
        Cli.Result r = Cli.run(args);
        assertEquals(0, r.status(), r.err());
        assertEquals("", r.err());
        return JSON.readTree(r.out());
    }

    private static String[] args(String[] head, String... tail) {
        String[] all = new String[head.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }

    /** {@code args} followed by the short run's --draws and --warmup. */
    private static String[] withShortRun(String... args) {
        return args(args, SHORT);
    }

    /** Status 2, nothing on standard output, and the message on standard error. */
    private static String error(String... args) {
        Cli.Result r = Cli.run(args);
        assertEquals(2, r.status(), r.out() + r.err());
        assertEquals("", r.out());
        return r.err();
    }

    /** The draws of the CSV as [chain][draw][coordinate], checking its header and row count. */
    private static double[][][] readCsv(Path file, int chains, int draws, String header) throws Exception {
        List<String> lines = Files.readAllLines(file);
        assertEquals(header, lines.get(0));
        assertEquals(1 + chains * draws, lines.size());
        int n = header.split(",").length - 2;
        double[][][] out = new double[chains][draws][n];
        for (int row = 1; row < lines.size(); row++) {
            String[] cells = lines.get(row).split(",");
            int c = Integer.parseInt(cells[0]);
            int d = Integer.parseInt(cells[1]);
            assertEquals((row - 1) / draws, c);
            assertEquals((row - 1) % draws, d);
            for (int k = 0; k < n; k++) {
                out[c][d][k] = Double.parseDouble(cells[2 + k]);
            }
        }
        return out;
    }

    /**
     * NUTS on the correlated Gaussian: each mean within 4 Monte Carlo standard errors
     * (sd / √essBulk, as printed) of 0, R-hat below 1.01, and each covariance entry within 4 of
     * its Monte Carlo standard errors of Σ. The covariance entry Σ_ij is the mean of the series
     * z = (y_i − ȳ_i)(y_j − ȳ_j), so its standard error is sd(z) / √ESS(z), with ESS(z) the
     * effective sample size of that series (Diagnostics.ess over the chains, from the CSV);
     * the bias from centring at ȳ rather than at 0 is O(1/S) = O(2.5e-4), well inside. For iid
     * draws this would be √((Σ_ii Σ_jj + Σ_ij²) / S) ≈ 0.02; NUTS's draws of squares are
     * correlated, which ESS(z) accounts for. With 4 standard errors a correct sampler fails
     * with probability about 6e-5 per entry; the seed is fixed, so the test is deterministic.
     */
    @Test
    void nutsRecoversTheMomentsOfACorrelatedGaussian() throws Exception {
        Path csv = dir.resolve("draws.csv");
        JsonNode out = ok(withShortRun("sample", GAUSSIAN, "--at", "x=0,y=0", "--draws-out", csv.toString()));
        assertEquals(List.of("method", "chains", "draws", "warmup", "seed", "beta", "variables", "cov", "acceptance",
                "divergences", "gradientEvaluations"), EvalCommandTest.fieldNames(out));
        assertEquals("nuts", out.get("method").asText());
        assertEquals(4, out.get("chains").asInt());
        assertEquals(1, out.get("seed").asLong());
        assertEquals(0, out.get("divergences").asInt());
        assertTrue(out.get("gradientEvaluations").asLong() > 4 * 1500, out.toString());
        double acceptance = out.get("acceptance").asDouble();
        assertTrue(acceptance > 0.6 && acceptance <= 1, out.toString());
        for (String name : NAMES) {
            JsonNode v = out.get("variables").get(name);
            assertEquals(List.of("mean", "sd", "q05", "q50", "q95", "essBulk", "rhat"), EvalCommandTest.fieldNames(v));
            double se = v.get("sd").asDouble() / Math.sqrt(v.get("essBulk").asDouble());
            assertEquals(0, v.get("mean").asDouble(), 4 * se, name + ": " + v);
            assertTrue(v.get("rhat").asDouble() < 1.01, name + ": " + v);
            assertTrue(v.get("q05").asDouble() < v.get("q50").asDouble()
                    && v.get("q50").asDouble() < v.get("q95").asDouble(), name + ": " + v);
        }
        double[][][] draws = readCsv(csv, 4, 1000, "chain,draw,x,y");
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                double printed = out.get("cov").get(NAMES[i]).get(NAMES[j]).asDouble();
                double se = covarianceStandardError(draws, i, j);
                assertTrue(se < 0.1, "se " + se);
                assertEquals(SIGMA[i][j], printed, 4 * se, NAMES[i] + "," + NAMES[j] + ": se " + se);
            }
        }
    }

    /** The Monte Carlo standard error of the sample covariance of coordinates i and j. */
    private static double covarianceStandardError(double[][][] draws, int i, int j) {
        double[] mean = columnMeans(draws);
        double[][] z = new double[draws.length][draws[0].length];
        double sum = 0;
        double sumSq = 0;
        for (int c = 0; c < draws.length; c++) {
            for (int d = 0; d < draws[c].length; d++) {
                z[c][d] = (draws[c][d][i] - mean[i]) * (draws[c][d][j] - mean[j]);
                sum += z[c][d];
                sumSq += z[c][d] * z[c][d];
            }
        }
        int s = draws.length * draws[0].length;
        double sd = Math.sqrt((sumSq - sum * sum / s) / (s - 1));
        return sd / Math.sqrt(Diagnostics.ess(z));
    }

    /** The means of the columns, summed chain by chain in draw order, as the summary sums them. */
    private static double[] columnMeans(double[][][] draws) {
        int n = draws[0][0].length;
        double[] mean = new double[n];
        int s = 0;
        for (double[][] chain : draws) {
            for (double[] row : chain) {
                for (int k = 0; k < n; k++) {
                    mean[k] += row[k];
                }
                s++;
            }
        }
        for (int k = 0; k < n; k++) {
            mean[k] /= s;
        }
        return mean;
    }

    /** The CSV's column means are the printed means: both print doubles that parse back exactly. */
    @Test
    void theDrawsFileHoldsEveryDrawOfEveryChain() throws Exception {
        Path csv = dir.resolve("draws.csv");
        JsonNode out = ok("sample", GAUSSIAN, "--at", "x=0,y=0", "--draws", "300", "--warmup", "200", "--chains", "3",
                "--method", "hmc", "--leapfrog", "5", "--draws-out", csv.toString());
        double[] mean = columnMeans(readCsv(csv, 3, 300, "chain,draw,x,y"));
        for (int k = 0; k < 2; k++) {
            assertEquals(out.get("variables").get(NAMES[k]).get("mean").asDouble(), mean[k], 1e-15, NAMES[k]);
        }
    }

    /**
     * With y fixed at 0.5, x given y is Gaussian with mean Σ_xy / Σ_yy · 0.5 = 0.4 and variance
     * Σ_xx − Σ_xy² / Σ_yy = 0.36; y is neither sampled nor printed.
     */
    @Test
    void wrtSamplesOneVariableWithTheOtherFixed() throws Exception {
        Path csv = dir.resolve("x.csv");
        JsonNode out = ok(withShortRun("sample", GAUSSIAN, "--at", "x=0,y=0.5", "--wrt", "x", "--draws-out",
                csv.toString()));
        assertEquals(List.of("x"), EvalCommandTest.fieldNames(out.get("variables")));
        assertEquals(List.of("x"), EvalCommandTest.fieldNames(out.get("cov")));
        JsonNode x = out.get("variables").get("x");
        double se = x.get("sd").asDouble() / Math.sqrt(x.get("essBulk").asDouble());
        assertEquals(0.4, x.get("mean").asDouble(), 4 * se, x.toString());
        // sd of the sample sd is about sd / sqrt(2 ESS) ~ 0.6 / 60 = 0.01; 0.05 leaves room for ESS of squares
        assertEquals(0.6, x.get("sd").asDouble(), 0.05, x.toString());
        readCsv(csv, 4, 1000, "chain,draw,x");
    }

    /** Chain c's stream is split from the seed, so the thread count changes nothing; the seed does. */
    @Test
    void theSameSeedGivesTheSameOutputOnOneOrTwoThreads() throws Exception {
        Path one = dir.resolve("one.csv");
        Path two = dir.resolve("two.csv");
        String[] common = {"sample", GAUSSIAN, "--at", "x=0,y=0", "--draws", "200", "--warmup", "100", "--seed", "7"};
        Cli.Result a = Cli.run(args(common, "--threads", "1", "--draws-out", one.toString()));
        Cli.Result b = Cli.run(args(common, "--threads", "2", "--draws-out", two.toString()));
        assertEquals(0, a.status(), a.err());
        assertEquals(a.out(), b.out());
        assertEquals(a.err(), b.err());
        assertEquals(Files.readString(one), Files.readString(two));
        Cli.Result other = Cli.run(args(common, "--seed", "8"));
        assertTrue(!other.out().equals(a.out()));
    }

    /** Every method samples; the interpreter and the compiled class give the same bits. */
    @Test
    void eachMethodAndBothBackendsRun() throws Exception {
        for (String method : List.of("nuts", "hmc", "mala", "langevin")) {
            String[] common = {"sample", "x^2/2", "--at", "x=0", "--method", method, "--draws", "200",
                    "--warmup", "100", "--chains", "2"};
            Cli.Result compiled = Cli.run(common);
            Cli.Result interpreted = Cli.run(args(common, "--backend", "interpreter"));
            assertEquals(0, compiled.status(), method + ": " + compiled.err());
            assertEquals(compiled.out(), interpreted.out(), method);
            assertEquals(method, JSON.readTree(compiled.out()).get("method").asText());
        }
    }

    /** β scales the energy: exp(−4 · x²/2) has sd 1/2. */
    @Test
    void betaSharpensTheDensity() throws Exception {
        JsonNode out = ok(withShortRun("sample", "x^2/2", "--at", "x=0", "--beta", "4"));
        assertEquals(0.5, out.get("variables").get("x").get("sd").asDouble(), 0.05, out.toString());
        assertEquals(4.0, out.get("beta").asDouble());
    }

    /** Neal's funnel makes NUTS diverge: a warning, but the JSON and status 0 all the same. */
    @Test
    void divergencesAndHighRhatAreWarnings() throws Exception {
        Cli.Result funnel = Cli.run("sample", "v^2/18 + x^2*exp(-v)/2 + v/2", "--at", "v=0,x=1", "--draws", "500",
                "--warmup", "300");
        assertEquals(0, funnel.status(), funnel.err());
        JsonNode out = JSON.readTree(funnel.out());
        assertTrue(out.get("divergences").asInt() > 0, out.toString());
        assertTrue(funnel.err().contains("joule sample: warning: " + out.get("divergences").asInt()
                + " divergent transitions"), funnel.err());
        // no warm-up and a step far too small: the chains stay near their start and disagree
        Cli.Result stuck = Cli.run("sample", "(x-3)^2/2", "--at", "x=0", "--method", "langevin", "--step", "0.01",
                "--draws", "50", "--warmup", "0");
        assertEquals(0, stuck.status(), stuck.err());
        assertTrue(JSON.readTree(stuck.out()).get("variables").get("x").get("rhat").asDouble() > 1.01);
        assertTrue(stuck.err().contains("warning: R-hat above 1.01 (x "), stuck.err());
    }

    @Test
    void badArgumentsNameTheOption() {
        String[] good = {"sample", "x^2", "--at", "x=0"};
        assertTrue(error(args(good, "--beta", "0")).contains("--beta is 0.0; expected a finite number > 0"));
        assertTrue(error(args(good, "--beta", "-1")).contains("--beta is -1.0"));
        assertTrue(error(args(good, "--beta", "NaN")).contains("--beta is NaN"));
        assertTrue(error(args(good, "--draws", "0")).contains("--draws is 0; expected 1 or more"));
        assertTrue(error(args(good, "--chains", "0")).contains("--chains is 0; expected 1 or more"));
        assertTrue(error(args(good, "--warmup", "-1")).contains("--warmup is -1; expected 0 or more"));
        assertTrue(error(args(good, "--threads", "0")).contains("--threads is 0; expected 1 or more"));
        assertTrue(error(args(good, "--step", "0")).contains("--step is 0.0; expected a finite number > 0"));
        assertTrue(error(args(good, "--method", "hmc", "--leapfrog", "0")).contains("--leapfrog is 0"));
        assertTrue(error(args(good, "--leapfrog", "5")).contains("--leapfrog applies only to --method hmc"));
        assertTrue(error(args(good, "--method", "gibbs")).contains("'--method'"));
        assertTrue(error("sample", "--at", "x=0").contains("missing EXPR"));
        assertTrue(error("sample", "x^2", "--at", "x=NaN").contains("start coordinate 'x' is NaN"));
        assertTrue(error("sample", "x^2 + y^2", "--at", "x=0,y=Infinity", "--wrt", "x")
                .contains("start coordinate 'y' is Infinity"));
        assertTrue(error("sample", "x * y", "--at", "x=1").contains("variable 'y' has no value"));
        assertTrue(error("sample", "x^2", "--at", "x=1", "--wrt", "x,q")
                .contains("'q' is to be sampled (wrt) but has no start value"));
        assertTrue(error("sample", "log(x)", "--at", "x=-1").contains("domain error at the start: log(-1.0) = NaN"));
        String noDir = dir.resolve("missing").resolve("d.csv").toString();
        assertTrue(error(args(good, "--draws", "10", "--warmup", "0", "--draws-out", noDir)).contains("--draws-out"));
    }

    @Test
    void theUsageListsSample() {
        Cli.Result top = Cli.run("--help");
        assertEquals(0, top.status());
        assertTrue(top.out().contains("sample") && top.out().contains("sampling"), top.out());
        Cli.Result help = Cli.run("sample", "--help");
        assertEquals(0, help.status());
        for (String option : List.of("--at", "--wrt", "--method", "--draws", "--warmup", "--chains", "--seed",
                "--beta", "--threads", "--step", "--leapfrog", "--draws-out", "--backend", "nuts", "hmc", "mala",
                "langevin", "essBulk", "rhat")) {
            assertTrue(help.out().contains(option), option + " in:\n" + help.out());
        }
    }
}
