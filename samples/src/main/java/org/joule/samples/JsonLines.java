package org.joule.samples;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.joule.graph.Energy;
import org.joule.runtime.EnergyFunction;
import org.joule.runtime.JsonText;

/**
 * The streaming mode of {@code joule eval --jsonl}: one case per input line, one answer per
 * output line, in order.
 *
 * <p>A case is a JSON object {@code {"id": ..., "expr": "...", "at": {"x0": 1.5, ...}}}; the id
 * (any JSON value) is echoed, the values are numbers or the strings "NaN", "Infinity",
 * "-Infinity", and other fields are errors. Lines end at {@code \n} only: a carriage return
 * elsewhere is JSON whitespace, one before the {@code \n} is dropped; blank lines are skipped.
 *
 * <p>No line can end the stream: whatever a case throws becomes an {@code error} field of
 * its own answer line, with a message for the user (no class names, no stack traces). The
 * work per line is bounded: a line holds at most {@link #MAX_LINE_CHARS} characters and a
 * Hessian at most {@code maxHessian} variables. Prepared expressions are cached by
 * expression text and names of the point ({@link #CACHE_SIZE} of them, least recently used
 * first out), so a stream of points for one expression parses, differentiates and compiles
 * it once.
 */
final class JsonLines {
    /** The most prepared expressions kept. */
    static final int CACHE_SIZE = 256;
    /** The longest line read, in characters; a longer one is answered with an error. */
    static final int MAX_LINE_CHARS = 1 << 24;
    private static final Set<String> FIELDS = Set.of("id", "expr", "at");
    /** What {@link #readLine} found: the end of the input, a line, or a line longer than the limit. */
    private static final int END = 0;
    private static final int LINE = 1;
    private static final int TOO_LONG = 2;
    private static final Pattern SOURCE = Pattern.compile(
            "\\s*\\(start marker at \\[Source:[^]]*][^)]*\\)|\\s*at \\[Source:[^]]*][^)]*$|, from `[^`]*`");
    private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(MAX_LINE_CHARS).build())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .build();

    private final Function<Energy, EnergyFunction> backend;
    private final boolean strict;
    private final boolean grad;
    private final boolean hessian;
    private final int maxHessian;
    private final Map<String, Evaluation> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Evaluation> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    /**
     * A stream answering with {@code backend}; {@code grad} and {@code hessian} say what each
     * answer holds besides the value, {@code strict} whether names an expression does not use
     * are errors.
     */
    JsonLines(Function<Energy, EnergyFunction> backend, boolean strict, boolean grad, boolean hessian,
              int maxHessian) {
        this.backend = backend;
        this.strict = strict;
        this.grad = grad;
        this.hessian = hessian;
        this.maxHessian = maxHessian;
    }

    /** How a stream went: cases answered, and the line numbers of the failed ones. */
    record Summary(long cases, List<Long> failedLines) {
        /** Number of failed cases. */
        long failed() {
            return failedLines.size();
        }

        @Override
        public String toString() {
            StringBuilder b = new StringBuilder().append(failed()).append(" of ").append(cases)
                    .append(cases == 1 ? " case" : " cases").append(" failed (line");
            int shown = (int) Math.min(failed(), 10);
            b.append(shown > 1 ? "s " : " ");
            for (int i = 0; i < shown; i++) {
                b.append(i > 0 ? ", " : "").append(failedLines.get(i));
            }
            return b.append(failed() > shown ? ", ...)" : ")").toString();
        }
    }

    /** Answers every case of {@code in}, one output line per non-blank input line. */
    Summary stream(Reader in, PrintStream out) throws IOException {
        BufferedReader reader = in instanceof BufferedReader b ? b : new BufferedReader(in, 1 << 16);
        StringBuilder line = new StringBuilder();
        List<Long> failed = new ArrayList<>();
        long cases = 0;
        long number = 0;
        int status;
        while ((status = readLine(reader, line)) != END) {
            number++;
            String text = status == LINE ? line.toString() : null;
            if (text != null && text.isBlank()) {
                continue;
            }
            cases++;
            Answer a = text == null
                    ? Answer.failure(null, "line " + number + " is longer than " + MAX_LINE_CHARS + " characters")
                    : answer(text, number);
            if (a.failed()) {
                failed.add(number);
            }
            out.println(a.json());
            if (!reader.ready()) {
                out.flush();
            }
        }
        out.flush();
        return new Summary(cases, failed);
    }

    /** Reads up to the next '\n' into {@code line} (without it, nor a '\r' before it). */
    private static int readLine(BufferedReader in, StringBuilder line) throws IOException {
        line.setLength(0);
        boolean tooLong = false;
        int c = in.read();
        if (c < 0) {
            return END;
        }
        while (c >= 0 && c != '\n') {
            if (line.length() < MAX_LINE_CHARS) {
                line.append((char) c);
            } else {
                tooLong = true;
            }
            c = in.read();
        }
        if (!tooLong && line.length() > 0 && line.charAt(line.length() - 1) == '\r') {
            line.setLength(line.length() - 1);
        }
        return tooLong ? TOO_LONG : LINE;
    }

    /** One answer line, and whether it reports a failure. */
    record Answer(String json, boolean failed) {
        static Answer failure(JsonNode id, String message) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (JsonGenerator out = JSON.getFactory().createGenerator(bytes, JsonEncoding.UTF8)) {
                out.writeStartObject();
                writeId(out, id);
                out.writeStringField("error", message);
                out.writeEndObject();
            } catch (IOException e) {
                throw new IllegalStateException("cannot write JSON to memory", e);
            }
            return new Answer(bytes.toString(StandardCharsets.UTF_8), true);
        }
    }

    /** The answer to input line {@code number}; never throws. */
    Answer answer(String line, long number) {
        JsonNode id = null;
        try (JsonParser p = JSON.createParser(line)) {
            JsonNode c = JSON.readTree(p);
            if (c == null || !c.isObject()) {
                throw new IllegalArgumentException("line " + number + " is not a JSON object");
            }
            id = c.get("id");
            requireEnd(p, number);
            return new Answer(evaluate(c), false);
        } catch (JsonProcessingException e) {
            return Answer.failure(id, "line " + number + " is not valid JSON: " + clean(e.getOriginalMessage()));
        } catch (IllegalArgumentException | ArithmeticException | IllegalStateException e) {
            return Answer.failure(id, e.getMessage() != null ? e.getMessage() : "invalid case");
        } catch (StackOverflowError e) {
            return Answer.failure(id, "the expression is nested too deeply to evaluate");
        } catch (OutOfMemoryError e) {
            return Answer.failure(id, "not enough memory to answer this case");
        } catch (IOException | RuntimeException e) {
            return Answer.failure(id, "internal error while answering this case; please report it with the line");
        }
    }

    /** Nothing but whitespace may follow the case object on its line. */
    private static void requireEnd(JsonParser p, long number) throws IOException {
        boolean more;
        try {
            more = p.nextToken() != null;
        } catch (JsonProcessingException e) {
            more = true;
        }
        if (more) {
            throw new IllegalArgumentException("line " + number + " has text after the JSON object (column "
                    + p.currentLocation().getColumnNr() + "); one case per line");
        }
    }

    /** Jackson's message without its source excerpts and class names. */
    static String clean(String message) {
        String m = message == null ? "" : message;
        int newline = m.indexOf('\n');
        if (newline >= 0) {
            m = m.substring(0, newline);
        }
        return SOURCE.matcher(m).replaceAll("").strip();
    }

    private String evaluate(JsonNode c) throws IOException {
        for (Iterator<String> it = c.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!FIELDS.contains(field)) {
                throw new IllegalArgumentException("unknown field '" + field + "'; a case has the fields id, expr and at");
            }
        }
        JsonNode expr = c.get("expr");
        if (expr == null || !expr.isTextual()) {
            throw new IllegalArgumentException("\"expr\" must be a string");
        }
        Map<String, Double> at = values(c.get("at"));
        Evaluation e = prepared(expr.asText(), at);
        double[] x = e.point(at);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator out = JSON.getFactory().createGenerator(bytes, JsonEncoding.UTF8)) {
            out.writeStartObject();
            writeId(out, c.get("id"));
            e.write(out, x, grad, hessian, maxHessian);
            out.writeEndObject();
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** The cached evaluation of {@code text} over the names of {@code at}, prepared on a miss. */
    private Evaluation prepared(String text, Map<String, Double> at) {
        String key = text + '\u0000' + String.join("\u0000", at.keySet());
        Evaluation e = cache.get(key);
        if (e == null) {
            e = Evaluation.prepare(text, at.keySet(), List.of(), strict, backend);
            cache.put(key, e);
        }
        return e;
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
            values.put(e.getKey(), number(e.getKey(), e.getValue()));
        }
        return values;
    }

    private static double number(String name, JsonNode v) {
        if (v.isNumber()) {
            double d = v.asDouble();
            if (Double.isInfinite(d)) {
                throw new IllegalArgumentException("value of '" + name + "' is out of the range of a double");
            }
            return d;
        }
        if (v.isTextual() && List.of("NaN", "Infinity", "-Infinity").contains(v.asText())) {
            return JsonText.parseNumber(v.asText());
        }
        throw new IllegalArgumentException("value of '" + name + "' is not a number (nor \"NaN\", \"Infinity\","
                + " \"-Infinity\") but " + (v.isTextual() ? "the string " + JsonText.string(shorten(v.asText()))
                : "a " + v.getNodeType().name().toLowerCase(java.util.Locale.ROOT)));
    }

    private static String shorten(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
