package org.joule.samples;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.joule.runtime.JsonText;
import org.joule.runtime.sampling.Sampler;
import org.joule.runtime.sampling.SamplingPlan;
import org.joule.runtime.sampling.SamplingResult;
import org.joule.runtime.sampling.Summary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code joule sample EXPR --at x0=0,x1=0 [--method nuts|hmc|mala|langevin] [--draws 2000]
 * [--warmup 1000] [--chains 4] [--seed 1] [--beta 1] [--wrt x0,x1] [--threads N] [--step EPS]
 * [--leapfrog L] [--draws-out FILE.csv] [--backend compiled|interpreter]}: samples
 * p ∝ exp(−β E) with the samplers of {@link org.joule.runtime.sampling} and prints a JSON
 * summary (see {@link Sampling}). The exit status is 0 on success, with a warning on standard
 * error when an R-hat exceeds 1.01 or a kept transition diverged, and 2 for bad arguments.
 * Chain c's random stream is split from the seed, so the output is the same bits whatever
 * {@code --threads}.
 */
@Command(name = "sample", mixinStandardHelpOptions = true,
        description = {"Sample p(y) ~ exp(-beta * EXPR) by Markov chain Monte Carlo from the start point --at and"
                + " print JSON: method, chains, draws, warmup, seed, beta, variables (per sampled coordinate: mean,"
                + " sd, q05, q50, q95, essBulk and rhat as Stan defines them), cov (the covariance of the draws),"
                + " acceptance (mean acceptance statistic), divergences (divergent transitions after warm-up) and"
                + " gradientEvaluations (all chains, warm-up included).",
                "Variables not in --wrt keep their start values. The exit status is 0 on success, with a warning"
                        + " on standard error when an R-hat is above 1.01 or a transition diverged, and 2 for bad"
                        + " arguments. The same seed gives the same output whatever --threads."})
final class SampleCommand implements Callable<Integer> {
    /** R-hat above this is reported as a warning (Vehtari et al. 2021). */
    static final double RHAT_LIMIT = 1.01;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameters(index = "0", arity = "0..1", paramLabel = "EXPR", description = "the energy E")
    String expression;

    @Option(names = "--at", split = EvalCommand.ITEMS, splitSynopsisLabel = ",", paramLabel = "NAME=VALUE",
            description = "the start of every chain: values of the variables, e.g. 'x0=0,x1=0'")
    List<String> at;

    @Option(names = "--wrt", split = EvalCommand.ITEMS, splitSynopsisLabel = ",", paramLabel = "VAR",
            description = "variables to sample; the others stay fixed (default: every variable of the point)")
    List<String> wrt;

    @Option(names = "--method", defaultValue = "nuts", paramLabel = "METHOD",
            description = "nuts (No-U-Turn Sampler), hmc (Hamiltonian Monte Carlo, --leapfrog steps), mala"
                    + " (Metropolis-adjusted Langevin) or langevin (unadjusted Langevin, fixed --step); nuts, hmc"
                    + " and mala adapt the step size and a diagonal mass matrix during warm-up (default: ${DEFAULT-VALUE})")
    Sampling.Method method;

    @Option(names = "--draws", defaultValue = "2000", paramLabel = "N",
            description = "kept draws per chain (default: ${DEFAULT-VALUE})")
    int draws;

    @Option(names = "--warmup", defaultValue = "1000", paramLabel = "N",
            description = "warm-up iterations per chain, discarded (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--chains", defaultValue = "4", paramLabel = "N",
            description = "number of chains (default: ${DEFAULT-VALUE})")
    int chains;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "SEED",
            description = "the seed every chain's random stream is split from (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--beta", defaultValue = "1", paramLabel = "BETA",
            description = "inverse temperature, finite and > 0 (default: ${DEFAULT-VALUE})")
    double beta;

    @Option(names = "--threads", paramLabel = "N",
            description = "threads running the chains; does not change the output (default: the smaller of"
                    + " --chains and the number of processors)")
    Integer threads;

    @Option(names = "--step", paramLabel = "EPS",
            description = "step size: where warm-up's adaptation starts for nuts, hmc and mala (default 1), the"
                    + " fixed step for langevin (default " + Sampling.DEFAULT_LANGEVIN_STEP + ")")
    Double step;

    @Option(names = "--leapfrog", paramLabel = "L",
            description = "leapfrog steps per trajectory of --method hmc (default " + Sampling.DEFAULT_LEAPFROG + ")")
    Integer leapfrog;

    @Option(names = "--draws-out", paramLabel = "FILE.csv",
            description = "also write the raw draws as CSV: header chain,draw,<names>, one row per chain per draw")
    Path drawsOut;

    @Option(names = "--backend", defaultValue = "compiled", paramLabel = "BACKEND",
            description = "compiled or interpreter; they agree bit for bit (default: ${DEFAULT-VALUE})")
    Evaluation.Backend backend;

    @Override
    public Integer call() throws IOException {
        SamplingPlan plan = plan();
        Sampler sampler = sampler();
        if (expression == null) {
            throw new IllegalArgumentException("missing EXPR");
        }
        Map<String, Double> values = Evaluation.parseAssignments(at);
        Evaluation e = Evaluation.prepare(expression, values.keySet(), wrt, false, backend::of);
        Sampling sampling = Sampling.of(e, values);
        ExecutorService pool = Executors.newFixedThreadPool(threads != null ? threads
                : Math.min(chains, Runtime.getRuntime().availableProcessors()));
        SamplingResult r;
        try {
            r = sampling.run(sampler, plan, pool);
        } finally {
            pool.shutdown();
        }
        if (drawsOut != null) {
            writeDraws(r);
        }
        System.out.println(json(r));
        warn(r);
        return 0;
    }

    /** The plan of the options, each checked with a message naming its option. */
    private SamplingPlan plan() {
        if (!(beta > 0) || beta == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("--beta is " + beta + "; expected a finite number > 0");
        }
        atLeast(draws, 1, "--draws");
        atLeast(warmup, 0, "--warmup");
        atLeast(chains, 1, "--chains");
        if (threads != null) {
            atLeast(threads, 1, "--threads");
        }
        return new SamplingPlan(beta, chains, warmup, draws, seed);
    }

    /** The sampler of --method, --step and --leapfrog, each checked with a message naming its option. */
    private Sampler sampler() {
        if (step != null && (!(step > 0) || step == Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("--step is " + step + "; expected a finite number > 0");
        }
        if (leapfrog != null) {
            if (method != Sampling.Method.hmc) {
                throw new IllegalArgumentException("--leapfrog applies only to --method hmc, not " + method);
            }
            atLeast(leapfrog, 1, "--leapfrog");
        }
        return method.sampler(step, leapfrog);
    }

    private static void atLeast(int value, int least, String option) {
        if (value < least) {
            throw new IllegalArgumentException(option + " is " + value + "; expected " + least + " or more");
        }
    }

    private void writeDraws(SamplingResult r) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(drawsOut, StandardCharsets.UTF_8)) {
            Sampling.writeCsv(out, r);
        } catch (IOException x) {
            throw new IOException("--draws-out: cannot write " + drawsOut + ": " + x, x);
        }
    }

    private String json(SamplingResult r) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator out = JSON.getFactory().createGenerator(bytes, JsonEncoding.UTF8)) {
            out.useDefaultPrettyPrinter();
            out.writeStartObject();
            out.writeStringField("method", method.name());
            out.writeNumberField("chains", chains);
            out.writeNumberField("draws", draws);
            out.writeNumberField("warmup", warmup);
            out.writeNumberField("seed", seed);
            out.writeFieldName("beta");
            out.writeRawValue(JsonText.number(beta));
            Sampling.write(out, r);
            out.writeEndObject();
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Warns on standard error about R-hat above {@link #RHAT_LIMIT} and divergent transitions. */
    private static void warn(SamplingResult r) {
        List<String> high = new ArrayList<>();
        for (Summary s : r.summaries()) {
            if (s.rhat() > RHAT_LIMIT) {
                high.add(s.name() + " " + s.rhat());
            }
        }
        if (!high.isEmpty()) {
            System.err.println("joule sample: warning: R-hat above " + RHAT_LIMIT + " (" + String.join(", ", high)
                    + "): the chains disagree; run longer (--warmup, --draws) before trusting the summary");
        }
        if (r.divergences() > 0) {
            System.err.println("joule sample: warning: " + r.divergences() + " divergent transitions after warm-up:"
                    + " the draws may miss regions where the energy curves sharply; consider reparametrising EXPR");
        }
    }
}
