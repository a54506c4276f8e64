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
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.joule.graph.Energy;
import org.joule.runtime.EnergyFunction;
import org.joule.runtime.JsonText;

/**
 * The streaming mode of {@code joule eval --jsonl} and {@code joule minimize --jsonl}: one case
 * per input line, one answer per output line, in order. What a case holds and what its answer
 * says is up to its {@link Cases} ({@link EvalCases}, {@link MinimizeCases}); the stream, the
 * limits, the error lines and the cache of prepared expressions are shared.
 *
 * <p>A case is a JSON object such as {@code {"id": ..., "expr": "...", "at": {"x0": 1.5, ...}}};
 * the id (any JSON value) is echoed, the values are numbers or the strings "NaN", "Infinity",
 * "-Infinity", and fields its {@link Cases} does not list are errors. Lines end at {@code \n}
 * only: a carriage return elsewhere is JSON whitespace, one before the {@code \n} is dropped;
 * blank lines are skipped.
 *
 * <p>No line can end the stream: whatever a case throws becomes an {@code error} field of
 * its own answer line, with a message for the user (no class names, no stack traces). The
 * work per line is bounded: a line holds at most {@link #MAX_LINE_CHARS} characters (and each
 * kind of case bounds its own work, such as the size of a Hessian). Prepared expressions are
 * cached ({@link Cache}), so a stream of points for one expression parses, differentiates and
 * compiles it once.
 */
final class JsonLines {
    /** The most prepared expressions kept. */
    static final int CACHE_SIZE = 256;
    /** The longest line read, in characters; a longer one is answered with an error. */
    static final int MAX_LINE_CHARS = 1 << 24;
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

    private final Cases cases;

    /**
     * One kind of case: the fields it may have and how it is answered. Implementations keep
     * their own {@link Cache}; a stream is read by one thread.
     */
    interface Cases {
        /** The fields a case may have, {@code id} first, in the order error messages list them. */
        List<String> fields();

        /**
         * Answers the case {@code c}, whose fields are among {@link #fields()}, by writing the
         * answer's fields (after the id, which is written already) into {@code out}.
         *
         * @return {@link Status#OK}, or {@link Status#UNCONVERGED} for a complete answer that
         *     still counts against the exit status (a minimisation that did not converge)
         * @throws IllegalArgumentException with a message for the user, which becomes the line's
         *     {@code error} field (as do an {@link ArithmeticException}'s and an
         *     {@link IllegalStateException}'s)
         */
        Status answer(JsonNode c, JsonGenerator out) throws IOException;
    }

    /** How a case went: answered, answered without converging, or failed (an error line). */
    enum Status {
        OK, UNCONVERGED, FAILED
    }

    /** A stream answering {@code cases}. */
    JsonLines(Cases cases) {
        this.cases = cases;
    }

    /**
     * A stream answering {@code eval} cases ({@link EvalCases}) with {@code backend}; {@code grad}
     * and {@code hessian} say what each answer holds besides the value, {@code strict} whether
     * names an expression does not use are errors.
     */
    JsonLines(Function<Energy, EnergyFunction> backend, boolean strict, boolean grad, boolean hessian,
              int maxHessian) {
        this(new EvalCases(backend, strict, grad, hessian, maxHessian));
    }

    /**
     * How a stream went: cases answered, the line numbers of the failed ones (error lines) and
     * of those answered without converging.
     */
    record Summary(long cases, List<Long> failedLines, List<Long> unconvergedLines) {
        /** Number of failed cases. */
        long failed() {
            return failedLines.size();
        }

        /** Number of cases answered without converging. */
        long unconverged() {
            return unconvergedLines.size();
        }

        /** Whether every case was answered and converged: the exit status is then 0. */
        boolean allOk() {
            return failedLines.isEmpty() && unconvergedLines.isEmpty();
        }

        /** "2 of 4 cases failed (lines 2, 4)", "1 of 4 cases did not converge (line 3)", or both, joined by "; ". */
        @Override
        public String toString() {
            StringBuilder b = new StringBuilder();
            if (failed() > 0) {
                b.append(failed()).append(" of ").append(cases).append(cases == 1 ? " case" : " cases")
                        .append(" failed");
                lines(b, failedLines);
            }
            if (unconverged() > 0) {
                if (b.length() > 0) {
                    b.append("; ").append(unconverged());
                } else {
                    b.append(unconverged()).append(" of ").append(cases).append(cases == 1 ? " case" : " cases");
                }
                b.append(" did not converge");
                lines(b, unconvergedLines);
            }
            return b.toString();
        }

        private static void lines(StringBuilder b, List<Long> numbers) {
            int shown = Math.min(numbers.size(), 10);
            b.append(shown > 1 ? " (lines " : " (line ");
            for (int i = 0; i < shown; i++) {
                b.append(i > 0 ? ", " : "").append(numbers.get(i));
            }
            b.append(numbers.size() > shown ? ", ...)" : ")");
        }
    }

    /** Answers every case of {@code in}, one output line per non-blank input line. */
    Summary stream(Reader in, PrintStream out) throws IOException {
        BufferedReader reader = in instanceof BufferedReader b ? b : new BufferedReader(in, 1 << 16);
        StringBuilder line = new StringBuilder();
        List<Long> failed = new ArrayList<>();
        List<Long> unconverged = new ArrayList<>();
        long count = 0;
        long number = 0;
        int status;
        while ((status = readLine(reader, line)) != END) {
            number++;
            String text = status == LINE ? line.toString() : null;
            if (text != null && text.isBlank()) {
                continue;
            }
            count++;
            Answer a = text == null
                    ? Answer.failure(null, "line " + number + " is longer than " + MAX_LINE_CHARS + " characters")
                    : answer(text, number);
            if (a.status() == Status.FAILED) {
                failed.add(number);
            } else if (a.status() == Status.UNCONVERGED) {
                unconverged.add(number);
            }
            out.println(a.json());
            if (!reader.ready()) {
                out.flush();
            }
        }
        out.flush();
        return new Summary(count, failed, unconverged);
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

    /** One answer line, and how its case went. */
    record Answer(String json, Status status) {
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
            return new Answer(bytes.toString(StandardCharsets.UTF_8), Status.FAILED);
        }

        /** Whether the case failed (an error line). */
        boolean failed() {
            return status == Status.FAILED;
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
            requireKnownFields(c);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            Status status;
            try (JsonGenerator out = JSON.getFactory().createGenerator(bytes, JsonEncoding.UTF8)) {
                out.writeStartObject();
                writeId(out, id);
                status = cases.answer(c, out);
                out.writeEndObject();
            }
            return new Answer(bytes.toString(StandardCharsets.UTF_8), status);
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

    private void requireKnownFields(JsonNode c) {
        List<String> known = cases.fields();
        for (Iterator<String> it = c.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!known.contains(field)) {
                throw new IllegalArgumentException("unknown field '" + field + "'; a case has the fields "
                        + String.join(", ", known.subList(0, known.size() - 1)) + " and " + known.get(known.size() - 1));
            }
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

    private static void writeId(JsonGenerator out, JsonNode id) throws IOException {
        out.writeFieldName("id");
        if (id == null) {
            out.writeNull();
        } else {
            out.writeTree(id);
        }
    }

    /**
     * The case's {@code "expr"}.
     *
     * @throws IllegalArgumentException when it is missing or not a string
     */
    static String expression(JsonNode c) {
        JsonNode expr = c.get("expr");
        if (expr == null || !expr.isTextual()) {
            throw new IllegalArgumentException("\"expr\" must be a string");
        }
        return expr.asText();
    }

    /**
     * The variable values of the object {@code at} (the field {@code "at"} of a case), in
     * order; empty when it is missing or null.
     *
     * @throws IllegalArgumentException when it is not an object, or a value is not a number
     *     (nor "NaN", "Infinity", "-Infinity") or out of the range of a double
     */
    static Map<String, Double> values(JsonNode at) {
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

    /**
     * The names of the array {@code node}, the field {@code field} of a case; empty when it is
     * missing or null.
     *
     * @throws IllegalArgumentException when it is not an array of strings
     */
    static List<String> names(JsonNode node, String field) {
        List<String> names = new ArrayList<>();
        if (node == null || node.isNull()) {
            return names;
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException("\"" + field + "\" must be an array of variable names");
        }
        for (JsonNode n : node) {
            if (!n.isTextual()) {
                throw new IllegalArgumentException("\"" + field + "\" must be an array of variable names, not "
                        + (n.isNull() ? "null" : "a " + n.getNodeType().name().toLowerCase(java.util.Locale.ROOT)));
            }
            names.add(n.asText());
        }
        return names;
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

    /**
     * Prepared expressions by expression text, names of the point and wrt names, at most
     * {@link #CACHE_SIZE} of them, least recently used first out. Not thread-safe.
     */
    static final class Cache {
        private final Function<Energy, EnergyFunction> backend;
        private final boolean strict;
        private final Map<String, Evaluation> prepared = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Evaluation> eldest) {
                return size() > CACHE_SIZE;
            }
        };

        /** A cache preparing with {@code backend}; {@code strict} as in {@link Evaluation#prepare}. */
        Cache(Function<Energy, EnergyFunction> backend, boolean strict) {
            this.backend = backend;
            this.strict = strict;
        }

        /** The evaluation of {@code text} over {@code names} with respect to {@code wrt}, prepared on a miss. */
        Evaluation get(String text, Collection<String> names, List<String> wrt) {
            String key = text + '\u0000' + String.join("\u0000", names) + "\u0000\u0000" + String.join("\u0000", wrt);
            Evaluation e = prepared.get(key);
            if (e == null) {
                e = Evaluation.prepare(text, names, wrt, strict, backend);
                prepared.put(key, e);
            }
            return e;
        }
    }
}
