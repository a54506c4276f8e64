package org.joule.samples;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.joule.runtime.optimize.OptimizationResult;
import org.joule.runtime.optimize.StoppingRules;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code joule minimize EXPR --at x0=-1.2,x1=1 [--method lbfgs|newton|cg] [--wrt x0,x1]}, or
 * {@code joule minimize --jsonl} reading one JSON case per line from standard input (see
 * {@link MinimizeCases}). Prints the fields of {@link Minimization}; the exit status is 0 when
 * the run converged, 1 when it stopped without converging (or, with --jsonl, when a case
 * failed or did not converge), 2 for bad arguments.
 */
@Command(name = "minimize", mixinStandardHelpOptions = true,
        description = {"Minimise EXPR from the start point --at and print JSON: value, x (every coordinate of the"
                + " point), gradNorm (largest absolute gradient entry), iterations, evaluations, converged, stopped"
                + " (the reason: gradient_tolerance, relative_change, max_iterations, max_evaluations,"
                + " line_search_failed, non_finite) and message.",
                "Variables not in --wrt keep their start values. The exit status is 0 when the run converged"
                        + " (gradient or relative change within tolerance), 1 when it stopped without converging"
                        + " (the JSON is printed all the same), 2 for bad arguments.",
                "With --jsonl, read cases {\"id\": ..., \"expr\": ..., \"at\": {\"x0\": -1.2, ...}, \"method\": ...,"
                        + " \"wrt\": [...]} (method and wrt optional) from standard input, one per line, and write"
                        + " one line per case (or an error); the exit status is 1 when a case failed or did not"
                        + " converge."})
final class MinimizeCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameters(index = "0", arity = "0..1", paramLabel = "EXPR", description = "the expression")
    String expression;

    @Option(names = "--at", split = EvalCommand.ITEMS, splitSynopsisLabel = ",", paramLabel = "NAME=VALUE",
            description = "the start: values of the variables, e.g. 'x0=-1.2,x1=1'")
    List<String> at;

    @Option(names = "--wrt", split = EvalCommand.ITEMS, splitSynopsisLabel = ",", paramLabel = "VAR",
            description = "variables to minimise over; the others stay fixed (default: every variable of the point)")
    List<String> wrt;

    @Option(names = "--method", defaultValue = "lbfgs", paramLabel = "METHOD",
            description = "lbfgs (L-BFGS, strong-Wolfe line search), newton (trust-region Newton-CG on"
                    + " Hessian-vector products) or cg (Commons Math's nonlinear conjugate gradient, for"
                    + " comparison) (default: ${DEFAULT-VALUE})")
    Minimization.Method method;

    @Option(names = "--backend", defaultValue = "interpreter", paramLabel = "BACKEND",
            description = "interpreter or compiled (default: ${DEFAULT-VALUE})")
    Evaluation.Backend backend;

    @Option(names = "--gtol", defaultValue = "1e-8", paramLabel = "TOL",
            description = "converged when the largest absolute gradient entry is at most TOL (default: ${DEFAULT-VALUE})")
    double gradientTolerance;

    @Option(names = "--rtol", defaultValue = "1e-12", paramLabel = "TOL",
            description = "converged also when the value, or x, changes by at most TOL relative to its size in"
                    + " one iteration; 0 turns this off (default: ${DEFAULT-VALUE})")
    double relativeChange;

    @Option(names = "--max-iterations", defaultValue = "1000", paramLabel = "N",
            description = "stop after N iterations (default: ${DEFAULT-VALUE})")
    int maxIterations;

    @Option(names = "--max-evaluations", defaultValue = "10000", paramLabel = "N",
            description = "stop before value-and-gradient call N + 1, the start's counted (default: ${DEFAULT-VALUE})")
    int maxEvaluations;

    @Option(names = "--jsonl", description = "stream cases from standard input as JSON lines")
    boolean jsonl;

    @Override
    public Integer call() throws IOException {
        StoppingRules rules = rules();
        return jsonl ? stream(rules) : minimize(rules);
    }

    /** The stopping rules of the options, each checked with a message naming its option. */
    private StoppingRules rules() {
        requireTolerance(gradientTolerance, "--gtol");
        requireTolerance(relativeChange, "--rtol");
        if (maxIterations < 0) {
            throw new IllegalArgumentException("--max-iterations is " + maxIterations + "; expected 0 or more");
        }
        if (maxEvaluations < 1) {
            throw new IllegalArgumentException("--max-evaluations is " + maxEvaluations + "; expected 1 or more");
        }
        return new StoppingRules(gradientTolerance, relativeChange, maxIterations, maxEvaluations);
    }

    private static void requireTolerance(double value, String option) {
        if (!(value >= 0) || value == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException(option + " is " + value + "; expected a finite number 0 or more");
        }
    }

    private int minimize(StoppingRules rules) throws IOException {
        if (expression == null) {
            throw new IllegalArgumentException("missing EXPR (or use --jsonl)");
        }
        Map<String, Double> values = Evaluation.parseAssignments(at);
        Evaluation e = Evaluation.prepare(expression, values.keySet(), wrt, false, backend::of);
        Minimization minimization = Minimization.of(e, values);
        OptimizationResult r = minimization.run(method, rules);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator out = JSON.getFactory().createGenerator(bytes, JsonEncoding.UTF8)) {
            out.useDefaultPrettyPrinter();
            out.writeStartObject();
            minimization.write(out, r);
            out.writeEndObject();
        }
        System.out.println(bytes.toString(StandardCharsets.UTF_8));
        if (!r.converged()) {
            System.err.println("joule minimize: did not converge: stopped by "
                    + r.stopReason().name().toLowerCase(java.util.Locale.ROOT) + " (" + r.message() + ")");
            return 1;
        }
        return 0;
    }

    private int stream(StoppingRules rules) throws IOException {
        List<String> misplaced = new ArrayList<>();
        if (expression != null) {
            misplaced.add("EXPR (each case gives its \"expr\")");
        }
        if (at != null) {
            misplaced.add("--at (each case gives its start in \"at\")");
        }
        if (wrt != null) {
            misplaced.add("--wrt (each case may give its \"wrt\")");
        }
        if (!misplaced.isEmpty()) {
            throw new IllegalArgumentException("--jsonl reads cases from standard input; "
                    + String.join(" and ", misplaced) + (misplaced.size() > 1 ? " do" : " does") + " not apply");
        }
        JsonLines lines = new JsonLines(new MinimizeCases(backend::of, method, rules));
        JsonLines.Summary summary = lines.stream(new InputStreamReader(System.in, StandardCharsets.UTF_8), System.out);
        if (!summary.allOk()) {
            System.err.println("joule minimize: " + summary);
            return 1;
        }
        return 0;
    }
}
