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
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code joule eval EXPR --at x0=1.5,x1=-2 [--grad] [--hessian]}, or {@code joule eval --jsonl}
 * reading one JSON case per line from standard input (see {@link JsonLines}, {@link EvalCases}).
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Evaluate EXPR at a point and print JSON.",
                "With --jsonl, read cases {\"id\": ..., \"expr\": ..., \"at\": {\"x0\": 1.5, ...}} from standard input,"
                        + " one per line, and write one line per case with id, value, grad and hessian"
                        + " (or error); the exit status is 1 when a case failed.",
                "Values may be given for variables EXPR does not use: they are part of the point, and their"
                        + " derivatives are 0 (unless --strict)."})
final class EvalCommand implements Callable<Integer> {
    /** A comma outside brackets: W[1,0]=2,x=3 is two items. */
    static final String ITEMS = ",(?![^\\[]*\\])";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameters(index = "0", arity = "0..1", paramLabel = "EXPR", description = "the expression")
    String expression;

    @Option(names = "--at", split = ITEMS, splitSynopsisLabel = ",", paramLabel = "NAME=VALUE",
            description = "values of the variables, e.g. 'x=1.5,W[1,0]=2'")
    List<String> at;

    @Option(names = "--grad", negatable = true, description = "print the gradient (default: only with --jsonl)")
    Boolean grad;

    @Option(names = "--hessian", negatable = true, description = "print the Hessian (default: only with --jsonl)")
    Boolean hessian;

    @Option(names = "--wrt", split = ITEMS, splitSynopsisLabel = ",", paramLabel = "VAR",
            description = "variables of the gradient (default: every variable of the point)")
    List<String> wrt;

    @Option(names = "--strict", description = "reject values and --wrt names for variables EXPR does not use")
    boolean strict;

    @Option(names = "--max-hessian", paramLabel = "N", defaultValue = "" + Evaluation.DEFAULT_MAX_HESSIAN,
            description = "refuse Hessians of more than N variables, which take N^2 entries (default: ${DEFAULT-VALUE})")
    int maxHessian;

    @Option(names = "--jsonl", description = "stream cases from standard input as JSON lines")
    boolean jsonl;

    @Option(names = "--backend", defaultValue = "interpreter", paramLabel = "BACKEND",
            description = "interpreter or compiled (default: ${DEFAULT-VALUE})")
    Evaluation.Backend backend;

    @Override
    public Integer call() throws IOException {
        if (maxHessian < 0) {
            throw new IllegalArgumentException("--max-hessian must not be negative");
        }
        return jsonl ? stream() : evaluate();
    }

    private int evaluate() throws IOException {
        if (expression == null) {
            throw new IllegalArgumentException("missing EXPR (or use --jsonl)");
        }
        Map<String, Double> values = Evaluation.parseAssignments(at);
        Evaluation e = Evaluation.prepare(expression, values.keySet(), wrt, strict, backend::of);
        double[] x = e.point(values);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator out = JSON.getFactory().createGenerator(bytes, JsonEncoding.UTF8)) {
            out.useDefaultPrettyPrinter();
            out.writeStartObject();
            e.write(out, x, Boolean.TRUE.equals(grad), Boolean.TRUE.equals(hessian), maxHessian);
            out.writeEndObject();
        }
        System.out.println(bytes.toString(StandardCharsets.UTF_8));
        return 0;
    }

    private int stream() throws IOException {
        List<String> misplaced = new ArrayList<>();
        if (expression != null) {
            misplaced.add("EXPR (each case gives its \"expr\")");
        }
        if (at != null) {
            misplaced.add("--at (each case gives its point in \"at\")");
        }
        if (wrt != null) {
            misplaced.add("--wrt (each case is differentiated with respect to its \"at\")");
        }
        if (!misplaced.isEmpty()) {
            throw new IllegalArgumentException("--jsonl reads cases from standard input; "
                    + String.join(" and ", misplaced) + (misplaced.size() > 1 ? " do" : " does") + " not apply");
        }
        JsonLines lines = new JsonLines(new EvalCases(backend::of, strict, !Boolean.FALSE.equals(grad),
                !Boolean.FALSE.equals(hessian), maxHessian));
        JsonLines.Summary summary = lines.stream(new InputStreamReader(System.in, StandardCharsets.UTF_8), System.out);
        if (!summary.allOk()) {
            System.err.println("joule eval: " + summary);
            return 1;
        }
        return 0;
    }
}
