package org.joule.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@code joule eval --jsonl}: hundreds of cases in one process, errors in their own lines. */
class StreamingTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] TEMPLATES = {
        "%s * x0^2 + sin(x1)", "logsumexp(x0, %s * x1, x0 * x1)", "log(1 + exp(%s * x0)) - x1",
        "sqrt(x0^2 + %s) * tanh(x1)", "sigmoid(x0 - %s) / (1 + x1^2)", "max(x0, x1, %s) + abs(x0)",
        "pow(x0^2 + 1, %s) * cos(x1)", "expm1(x0 * %s) + log1p(x1^2)"};

    private static String run(String input) throws Exception {
        return run(input, Evaluation.Backend.interpreter);
    }

    private static String run(String input, Evaluation.Backend backend) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        EvalCommand.stream(new BufferedReader(new StringReader(input)),
                new PrintStream(bytes, true, StandardCharsets.UTF_8), backend);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void answersHundredsOfCasesWithValueGradientAndHessian() throws Exception {
        Random r = new Random(5);
        StringBuilder in = new StringBuilder();
        int cases = 400;
        double[][] points = new double[cases][];
        for (int i = 0; i < cases; i++) {
            String expr = String.format(TEMPLATES[i % TEMPLATES.length], r.nextInt(5) + 1);
            points[i] = new double[] {r.nextDouble() * 4 - 2, r.nextDouble() * 4 - 2};
            in.append(JSON.writeValueAsString(java.util.Map.of("id", i, "expr", expr,
                    "at", java.util.Map.of("x0", points[i][0], "x1", points[i][1])))).append('\n');
        }
        String[] lines = run(in.toString()).split("\n");
        assertEquals(cases, lines.length);
        String[] compiledLines = run(in.toString(), Evaluation.Backend.compiled).split("\n");
        for (int i = 0; i < cases; i++) {
            assertEquals(lines[i], compiledLines[i], "compiled backend answers the same bits");
        }
        for (int i = 0; i < cases; i++) {
            JsonNode out = JSON.readTree(lines[i]);
            assertEquals(i, out.get("id").asInt());
            assertTrue(out.get("value").isNumber(), lines[i]);
            double g0 = out.get("grad").get("x0").asDouble();
            double h01 = out.get("hessian").get("x0").get("x1").asDouble();
            double h10 = out.get("hessian").get("x1").get("x0").asDouble();
            assertEquals(h01, h10, 1e-9 * Math.max(1, Math.abs(h01)), "symmetric Hessian, line " + i);
            String expr = JSON.readTree(in.toString().split("\n")[i]).get("expr").asText();
            double h = 1e-6;
            double fp = value(expr, points[i][0] + h, points[i][1]);
            double fm = value(expr, points[i][0] - h, points[i][1]);
            assertEquals((fp - fm) / (2 * h), g0, 1e-5 * Math.max(1, Math.abs(g0)), "d/dx0 of " + expr);
        }
    }

    private static double value(String expr, double x0, double x1) throws Exception {
        String line = JSON.writeValueAsString(java.util.Map.of("expr", expr, "at", java.util.Map.of("x0", x0, "x1", x1)));
        return JSON.readTree(EvalCommand.answer(line, 1, Evaluation.Backend.interpreter)).get("value").asDouble();
    }

    @Test
    void aFailingCaseGetsAnErrorAndTheStreamGoesOn() throws Exception {
        String input = String.join("\n",
                "{\"id\": 1, \"expr\": \"x +* 2\", \"at\": {\"x\": 1}}",
                "{\"id\": 2, \"expr\": \"log(x)\", \"at\": {\"x\": -1}}",
                "not json",
                "{\"id\": 4, \"expr\": \"x * y\", \"at\": {\"x\": 1}}",
                "{\"id\": 5, \"expr\": \"x\", \"at\": {\"x\": 1, \"q\": 2}}",
                "",
                "{\"id\": \"six\", \"expr\": \"relu(x)\", \"at\": {\"x\": \"NaN\"}}",
                "{\"id\": 7, \"expr\": \"x^2\", \"at\": {\"x\": 0.1}}");
        String[] lines = run(input).split("\n");
        assertEquals(7, lines.length);
        assertTrue(JSON.readTree(lines[0]).get("error").asText().contains("position 3"), lines[0]);
        assertTrue(JSON.readTree(lines[1]).get("error").asText().contains("log(-1.0) = NaN"), lines[1]);
        assertTrue(JSON.readTree(lines[2]).get("error").asText().contains("not valid JSON"), lines[2]);
        assertTrue(JSON.readTree(lines[3]).get("error").asText().contains("'y' has no value"), lines[3]);
        assertTrue(JSON.readTree(lines[4]).get("error").asText().contains("'q'"), lines[4]);
        JsonNode six = JSON.readTree(lines[5]);
        assertEquals("six", six.get("id").asText());
        assertEquals("NaN", six.get("value").asText());
        JsonNode seven = JSON.readTree(lines[6]);
        assertEquals(0.1 * 0.1, seven.get("value").asDouble(), 0.0, "numbers parse back to the same double");
        assertEquals(0.2, seven.get("grad").get("x").asDouble(), 0.0);
    }

    @Test
    void diffPrintsSimplifiedDerivatives() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream old = System.out;
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, Main.run("diff", "log(1 + exp(x0 * x1))", "--wrt", "x0,x1"));
        } finally {
            System.setOut(old);
        }
        assertEquals("d/dx0 = x1 * sigmoid(x0 * x1)\nd/dx1 = x0 * sigmoid(x0 * x1)\n",
                bytes.toString(StandardCharsets.UTF_8));
    }
}
