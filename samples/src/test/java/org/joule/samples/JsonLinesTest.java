package org.joule.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.joule.compiler.Compiler;
import org.joule.runtime.optimize.StoppingRules;
import org.junit.jupiter.api.Test;

/** {@link JsonLines} with a backend that counts its work. */
class JsonLinesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** 20,000 identical lines compile once: compilations counted, not timed. */
    @Test
    void theCompiledBackendCompilesEachExpressionOnce() throws Exception {
        AtomicInteger compilations = new AtomicInteger();
        JsonLines lines = new JsonLines(e -> {
            compilations.incrementAndGet();
            return Compiler.compile(e);
        }, false, true, true, Evaluation.DEFAULT_MAX_HESSIAN);
        StringBuilder in = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            in.append("{\"id\": ").append(i).append(", \"expr\": \"x * sin(y)\", \"at\": {\"x\": ").append(i)
                    .append(", \"y\": 0.5}}\n");
        }
        in.append("{\"id\": \"other\", \"expr\": \"x + y\", \"at\": {\"x\": 1, \"y\": 2}}\n");
        in.append("{\"id\": \"more names\", \"expr\": \"x * sin(y)\", \"at\": {\"x\": 1, \"y\": 2, \"z\": 3}}\n");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        JsonLines.Summary summary = lines.stream(new StringReader(in.toString()),
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertEquals(20_002, summary.cases());
        assertEquals(0, summary.failed());
        assertEquals(3, compilations.get(), "one compilation per expression and set of names");
        String[] out = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(19_999 * Math.sin(0.5), JSON.readTree(out[19_999]).get("value").asDouble(), 0.0);
    }

    /**
     * A stream of minimisations of one expression from many starts compiles it once per set of
     * names and wrt: compilations counted, not timed.
     */
    @Test
    void minimizeCompilesEachExpressionOnceToo() throws Exception {
        AtomicInteger compilations = new AtomicInteger();
        JsonLines lines = new JsonLines(new MinimizeCases(e -> {
            compilations.incrementAndGet();
            return Compiler.compile(e);
        }, Minimization.Method.lbfgs, StoppingRules.defaults().withGradientTolerance(1e-10)));
        StringBuilder in = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            in.append("{\"id\": ").append(i).append(", \"expr\": \"(x - y)^2 + (y - 1)^2\", \"at\": {\"x\": ")
                    .append(i).append(", \"y\": ").append(-i).append("}}\n");
        }
        in.append("{\"id\": \"x only\", \"expr\": \"(x - y)^2 + (y - 1)^2\", \"at\": {\"x\": 5, \"y\": 3},"
                + " \"wrt\": [\"x\"], \"method\": \"newton\"}\n");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        JsonLines.Summary summary = lines.stream(new StringReader(in.toString()),
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertEquals(201, summary.cases());
        assertEquals(true, summary.allOk(), summary.toString());
        assertEquals(2, compilations.get(), "one compilation per expression, set of names and wrt");
        String[] out = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(1.0, JSON.readTree(out[199]).get("x").get("y").asDouble(), 1e-9, out[199]);
        assertEquals(3.0, JSON.readTree(out[200]).get("x").get("x").asDouble(), 1e-9, out[200]);
        assertEquals(3.0, JSON.readTree(out[200]).get("x").get("y").asDouble(), 0.0, out[200]);
    }

    @Test
    void theSummaryNamesFailedAndUnconvergedLines() {
        assertEquals("2 of 4 cases failed (lines 2, 4)", new JsonLines.Summary(4, List.of(2L, 4L), List.of()).toString());
        assertEquals("1 of 1 case did not converge (line 1)",
                new JsonLines.Summary(1, List.of(), List.of(1L)).toString());
        assertEquals("1 of 12 cases failed (line 3); 11 did not converge (lines 1, 2, 4, 5, 6, 7, 8, 9, 10, 11, ...)",
                new JsonLines.Summary(12, List.of(3L), List.of(1L, 2L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L))
                        .toString());
    }
}
