package org.joule.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@code joule eval --jsonl}: hundreds of cases in one process, errors in their own lines. */
class StreamingTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] TEMPLATES = {
        "%s * x0^2 + sin(x1)", "logsumexp(x0, %s * x1, x0 * x1)", "log(1 + exp(%s * x0)) - x1",
        "sqrt(x0^2 + %s) * tanh(x1)", "sigmoid(x0 - %s) / (1 + x1^2)", "max(x0, x1, %s) + abs(x0)",
        "pow(x0^2 + 1, %s) * cos(x1)", "expm1(x0 * %s) + log1p(x1^2)"};

    /** The output of {@code joule eval --jsonl ARGS} reading {@code input}, whatever its status. */
    private static String run(String input, String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "eval";
        all[1] = "--jsonl";
        System.arraycopy(args, 0, all, 2, args.length);
        return Cli.runWithInput(input, all).out();
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
        String[] compiledLines = run(in.toString(), "--backend", "compiled").split("\n");
        for (int i = 0; i < cases; i++) {
            assertEquals(lines[i], compiledLines[i], "compiled backend answers the same bits");
        }
        double h = 1e-6;
        StringBuilder shifted = new StringBuilder();
        String[] exprs = new String[cases];
        for (int i = 0; i < cases; i++) {
            exprs[i] = JSON.readTree(in.toString().split("\n")[i]).get("expr").asText();
            for (double x0 : new double[] {points[i][0] + h, points[i][0] - h}) {
                shifted.append(JSON.writeValueAsString(java.util.Map.of("expr", exprs[i],
                        "at", java.util.Map.of("x0", x0, "x1", points[i][1])))).append('\n');
            }
        }
        String[] values = run(shifted.toString(), "--no-grad", "--no-hessian").split("\n");
        for (int i = 0; i < cases; i++) {
            JsonNode out = JSON.readTree(lines[i]);
            assertEquals(i, out.get("id").asInt());
            assertTrue(out.get("value").isNumber(), lines[i]);
            double g0 = out.get("grad").get("x0").asDouble();
            double h01 = out.get("hessian").get("x0").get("x1").asDouble();
            double h10 = out.get("hessian").get("x1").get("x0").asDouble();
            assertEquals(h01, h10, 1e-9 * Math.max(1, Math.abs(h01)), "symmetric Hessian, line " + i);
            double fp = JSON.readTree(values[2 * i]).get("value").asDouble();
            double fm = JSON.readTree(values[2 * i + 1]).get("value").asDouble();
            assertEquals((fp - fm) / (2 * h), g0, 1e-5 * Math.max(1, Math.abs(g0)), "d/dx0 of " + exprs[i]);
        }
    }

    @Test
    void aFailingCaseGetsAnErrorAndTheStreamGoesOn() throws Exception {
        String input = String.join("\n",
                "{\"id\": 1, \"expr\": \"x +* 2\", \"at\": {\"x\": 1}}",
                "{\"id\": 2, \"expr\": \"log(x)\", \"at\": {\"x\": -1}}",
                "not json",
                "{\"id\": 4, \"expr\": \"x * y\", \"at\": {\"x\": 1}}",
                "{\"id\": 5, \"expr\": \"x\", \"at\": {\"x\": 1, \"q\": 2}}", // q is part of the point
                "",
                "{\"id\": \"six\", \"expr\": \"relu(x)\", \"at\": {\"x\": \"NaN\"}}",
                "{\"id\": 7, \"expr\": \"x^2\", \"at\": {\"x\": 0.1}}");
        String[] lines = run(input).split("\n");
        assertEquals(7, lines.length);
        assertTrue(JSON.readTree(lines[0]).get("error").asText().contains("position 3"), lines[0]);
        assertTrue(JSON.readTree(lines[1]).get("error").asText().contains("log(-1.0) = NaN"), lines[1]);
        assertTrue(JSON.readTree(lines[2]).get("error").asText().contains("not valid JSON"), lines[2]);
        assertTrue(JSON.readTree(lines[3]).get("error").asText().contains("'y' has no value"), lines[3]);
        assertEquals(0.0, JSON.readTree(lines[4]).get("grad").get("q").asDouble(), lines[4]);
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

    @Test
    void aStreamOfCasesOverAFixedVariableSetTakesUnusedVariables() throws Exception {
        String input = "{\"id\": 1, \"expr\": \"x * y\", \"at\": {\"x\": 2, \"y\": 3, \"z\": 4}}\n"
                + "{\"id\": 2, \"expr\": \"z^2\", \"at\": {\"x\": 2, \"y\": 3, \"z\": 4}}\n"
                + "{\"id\": 3, \"expr\": \"W[0,1] * y\", \"at\": {\"W[0,1]\": 5, \"y\": 3, \"W[1,1]\": 1}}\n";
        String[] lines = run(input).split("\n");
        JsonNode one = JSON.readTree(lines[0]);
        assertEquals(List.of("x", "y", "z"), EvalCommandTest.fieldNames(one.get("grad")));
        assertEquals(0.0, one.get("grad").get("z").asDouble());
        assertEquals(0.0, one.get("hessian").get("z").get("x").asDouble());
        JsonNode two = JSON.readTree(lines[1]);
        assertEquals(8.0, two.get("grad").get("z").asDouble());
        assertEquals(0.0, two.get("grad").get("x").asDouble());
        JsonNode three = JSON.readTree(lines[2]);
        assertEquals(15.0, three.get("value").asDouble(), lines[2]);
        assertEquals(List.of("W[0,1]", "W[1,1]", "y"), EvalCommandTest.fieldNames(three.get("grad")));
        JsonNode strict = JSON.readTree(run("{\"expr\": \"x\", \"at\": {\"x\": 1, \"z\": 4}}\n", "--strict"));
        assertTrue(strict.get("error").asText().contains("'z', which the expression does not use"), strict.toString());
    }

    @Test
    void aBareCarriageReturnIsJsonWhitespaceNotALineEnd() throws Exception {
        String input = "{\"id\": 1,\r\"expr\": \"x + 1\",\r\"at\": {\"x\": 1}}\r\n{\"id\": 2, \"expr\": \"x\", \"at\": {\"x\": 5}}\r\n";
        String[] lines = run(input).split("\n");
        assertEquals(2, lines.length, String.join("\n", lines));
        assertEquals(2.0, JSON.readTree(lines[0]).get("value").asDouble(), lines[0]);
        assertEquals(5.0, JSON.readTree(lines[1]).get("value").asDouble(), lines[1]);
    }

    @Test
    void textAfterTheObjectIsAnError() throws Exception {
        String input = "{\"id\": 1, \"expr\": \"x\", \"at\": {\"x\": 1}} trailing\n"
                + "{\"id\": 2, \"expr\": \"x\", \"at\": {\"x\": 1}} {\"id\": 3}\n"
                + "{\"id\": 4, \"expr\": \"x\", \"at\": {\"x\": 1}}   \n";
        String[] lines = run(input).split("\n");
        assertEquals(3, lines.length);
        JsonNode one = JSON.readTree(lines[0]);
        assertEquals(1, one.get("id").asInt());
        assertTrue(one.get("error").asText().contains("text after the JSON object"), lines[0]);
        assertTrue(JSON.readTree(lines[1]).get("error").asText().contains("text after the JSON object"), lines[1]);
        assertEquals(1.0, JSON.readTree(lines[2]).get("value").asDouble(), "trailing spaces are fine");
    }

    @Test
    void aNumberOutOfRangeInAtIsAnErrorAsInTheText() throws Exception {
        String[] lines = run("{\"expr\": \"x\", \"at\": {\"x\": 1e400}}\n"
                + "{\"expr\": \"x\", \"at\": {\"x\": -" + "9".repeat(400) + "}}\n"
                + "{\"expr\": \"x\", \"at\": {\"x\": 1e-400}}\n").split("\n");
        assertTrue(JSON.readTree(lines[0]).get("error").asText().contains("out of the range of a double"), lines[0]);
        assertTrue(JSON.readTree(lines[1]).get("error").asText().contains("out of the range of a double"), lines[1]);
        assertEquals(0.0, JSON.readTree(lines[2]).get("value").asDouble(), "underflow to 0 is not an error, as in the text");
    }

    /**
     * One line with 14,000 variables asks for a Hessian of 196 million entries: refused with
     * an error line (no OutOfMemoryError), and the lines after it are answered; its value
     * and gradient are there with --no-hessian.
     */
    @Test
    void oneHugeLineNeverEndsTheStream() throws Exception {
        int n = 14_000;
        StringBuilder expr = new StringBuilder();
        java.util.Map<String, Double> at = new java.util.LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            expr.append(i > 0 ? " + " : "").append("x").append(i).append(" * x").append(i);
            at.put("x" + i, 0.5);
        }
        String big = JSON.writeValueAsString(java.util.Map.of("id", "big", "expr", expr.toString(), "at", at));
        String input = big + "\n{\"id\": \"next\", \"expr\": \"x^2\", \"at\": {\"x\": 3}}\n";
        String[] lines = run(input).split("\n");
        assertEquals(2, lines.length);
        JsonNode refused = JSON.readTree(lines[0]);
        assertEquals("big", refused.get("id").asText());
        assertTrue(refused.get("error").asText().contains("the Hessian of 14000 variables"), refused.get("error").asText());
        assertEquals(9.0, JSON.readTree(lines[1]).get("value").asDouble());
        JsonNode withoutHessian = JSON.readTree(run(input, "--no-hessian").split("\n")[0]);
        assertEquals(n * 0.25, withoutHessian.get("value").asDouble());
        assertEquals(n, withoutHessian.get("grad").size());
        assertEquals(1.0, withoutHessian.get("grad").get("x13999").asDouble());
    }

    @Test
    void errorMessagesShowNoLibraryInternals() throws Exception {
        String input = String.join("\n",
                "{\"expr\": \"x\"",
                "{\"expr\": \"tangent(0) + x\", \"at\": {\"x\": 1}}",
                "{\"expr\": \"x\", \"at\": {\"x\": " + "1".repeat(1500) + "}}",
                "{\"expr\": \"x\", \"at\": {\"x\": " + "[".repeat(1500) + "}}",
                "{\"expr\": \"x\", \"at\": {\"x\": 1, \"x\": 2}}",
                "{\"expr\": \"x\", \"at\": {\"x\": true}}",
                "{\"expr\": \"x\", \"at\": {\"x\": 1}, \"wrt\": [\"x\"]}",
                "[1, 2]",
                "\"just a string\"");
        String[] lines = run(input).split("\n");
        assertEquals(9, lines.length);
        for (String line : lines) {
            String error = JSON.readTree(line).get("error").asText();
            assertTrue(error.length() > 10, line);
            for (String internal : List.of("java.", "com.fasterxml", "Exception", "Source:", "`", "\tat ",
                    "because \"", "Feature", "Constraints")) {
                assertTrue(!error.contains(internal), internal + " in: " + error);
            }
        }
    }

    @Test
    void optionsThatDoNotApplyToJsonlAreErrors() {
        for (String[] args : List.of(new String[] {"eval", "--jsonl", "--at", "x=1"},
                new String[] {"eval", "--jsonl", "--wrt", "x"}, new String[] {"eval", "--jsonl", "x"})) {
            Cli.Result r = Cli.runWithInput("{\"expr\": \"x\", \"at\": {\"x\": 1}}\n", args);
            assertEquals(2, r.status(), String.join(" ", args));
            assertTrue(r.err().contains("does not apply"), r.err());
            assertEquals("", r.out());
        }
        Cli.Result grad = Cli.runWithInput("{\"expr\": \"x\", \"at\": {\"x\": 1}}\n", "eval", "--jsonl", "--no-hessian");
        assertEquals(0, grad.status(), grad.err());
        assertEquals("{\"id\":null,\"value\":1.0,\"grad\":{\"x\":1.0}}", grad.out().strip());
    }

    @Test
    void exitStatusIsOneWhenALineFailedWithASummaryOnStandardError() {
        Cli.Result r = Cli.runWithInput("{\"expr\": \"x\", \"at\": {\"x\": 1}}\nnot json\n\n"
                + "{\"expr\": \"log(x)\", \"at\": {\"x\": -1}}\n{\"expr\": \"x\", \"at\": {\"x\": 2}}\n", "eval", "--jsonl");
        assertEquals(1, r.status());
        assertEquals(4, r.out().strip().split("\n").length);
        assertEquals("joule eval: 2 of 4 cases failed (lines 2, 4)", r.err().strip());
        Cli.Result fine = Cli.runWithInput("{\"expr\": \"x\", \"at\": {\"x\": 1}}\n", "eval", "--jsonl");
        assertEquals(0, fine.status());
        assertEquals("", fine.err());
    }
}
