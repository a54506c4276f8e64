package org.joule.samples;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.joule.graph.Energy;
import org.joule.runtime.EnergyFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code joule eval EXPR --at x0=1.5,x1=-2 [--grad] [--hessian]}, or {@code joule eval --jsonl}
 * reading one JSON case per line from standard input.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Evaluate EXPR at a point and print JSON.",
                "With --jsonl, read cases {\"id\": ..., \"expr\": ..., \"at\": {\"x0\": 1.5, ...}} from standard input,"
                        + " one per line, and write one line per case with id, value, grad and hessian"
                        + " (or error)."})
final class EvalCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameters(index = "0", arity = "0..1", paramLabel = "EXPR", description = "the expression")
    String expression;

    @Option(names = "--at", split = ",", paramLabel = "NAME=VALUE", description = "values of the variables")
    List<String> at;

    @Option(names = "--grad", description = "also print the gradient")
    boolean grad;

    @Option(names = "--hessian", description = "also print the Hessian")
    boolean hessian;

    @Option(names = "--wrt", split = ",", paramLabel = "VAR", description = "variables of the gradient (default: all)")
    List<String> wrt;

    @Option(names = "--jsonl", description = "stream cases from standard input as JSON lines")
    boolean jsonl;

    @Option(names = "--backend", defaultValue = "interpreter", paramLabel = "BACKEND",
            description = "interpreter or compiled (default: ${DEFAULT-VALUE})")
    Evaluation.Backend backend;

    @Override
    public Integer call() throws IOException {
        if (jsonl) {
            if (expression != null) {
                throw new IllegalArgumentException("--jsonl reads expressions from standard input; drop EXPR");
            }
            stream(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), System.out, backend);
            return 0;
        }
        if (expression == null) {
            throw new IllegalArgumentException("missing EXPR (or use --jsonl)");
        }
        Energy e = Expressions.energy(Expressions.parse(expression), wrt);
        double[] x = Evaluation.inputs(e.layout(), Evaluation.parseAssignments(at));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator out = JSON.getFactory().createGenerator(bytes, JsonEncoding.UTF8)) {
            out.useDefaultPrettyPrinter();
            out.writeStartObject();
            Evaluation.write(out, e, backend.of(e), x, grad, hessian);
            out.writeEndObject();
        }
        System.out.println(bytes.toString(StandardCharsets.UTF_8));
        return 0;
    }

    /** Answers every case of {@code in}, one output line per non-blank input line. */
    static void stream(BufferedReader in, PrintStream out, Evaluation.Backend backend) throws IOException {
        String line;
        int number = 0;
        while ((line = in.readLine()) != null) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            out.println(answer(line, number, backend));
        }
        out.flush();
    }

    static String answer(String line, int number, Evaluation.Backend backend) throws IOException {
        JsonNode id = null;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            JsonNode c = JSON.readTree(line);
            if (!(c instanceof ObjectNode)) {
                throw new IllegalArgumentException("line " + number + " is not a JSON object");
            }
            id = c.get("id");
            JsonNode expr = c.get("expr");
            if (expr == null || !expr.isTextual()) {
                throw new IllegalArgumentException("\"expr\" must be a string");
            }
            Energy e = Energy.of(Expressions.parse(expr.asText()));
            double[] x = Evaluation.inputs(e.layout(), values(c.get("at")));
            EnergyFunction f = backend.of(e);
            try (JsonGenerator out = JSON.getFactory().createGenerator(bytes, JsonEncoding.UTF8)) {
                out.writeStartObject();
                writeId(out, id);
                Evaluation.write(out, e, f, x, true, true);
                out.writeEndObject();
            }
        } catch (IOException | RuntimeException ex) {
            bytes.reset();
            try (JsonGenerator out = JSON.getFactory().createGenerator(bytes, JsonEncoding.UTF8)) {
                out.writeStartObject();
                writeId(out, id);
                String message = ex instanceof com.fasterxml.jackson.core.JsonProcessingException jpe
                        ? "line " + number + " is not valid JSON: " + jpe.getOriginalMessage()
                        : ex.getMessage() == null ? ex.toString() : ex.getMessage();
                out.writeStringField("error", message);
                out.writeEndObject();
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static void writeId(JsonGenerator out, JsonNode id) throws IOException {
        out.writeFieldName("id");
        if (id == null) {
            out.writeNull();
        } else {
            out.writeTree(id);
        }
    }

    private static Map<String, Double> values(JsonNode at) {
        Map<String, Double> values = new LinkedHashMap<>();
        if (at == null || at.isNull()) {
            return values;
        }
        if (!at.isObject()) {
            throw new IllegalArgumentException("\"at\" must be an object of variable values");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = at.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            double d;
            if (v.isNumber()) {
                d = v.asDouble();
            } else if (v.isTextual() && List.of("NaN", "Infinity", "-Infinity").contains(v.asText())) {
                d = Double.parseDouble(v.asText());
            } else {
                throw new IllegalArgumentException("value of '" + e.getKey() + "' is not a number: " + v);
            }
            values.put(e.getKey(), d);
        }
        return values;
    }
}
