package org.joule.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.joule.compiler.Compiler;
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
}
