package org.joule.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.joule.runtime.EnergyFunction;
import org.joule.runtime.optimize.Lbfgs;
import org.joule.runtime.optimize.OptimizationResult;
import org.joule.runtime.optimize.StoppingRules;
import org.junit.jupiter.api.Test;

/**
 * {@code joule minimize}: known minima with each method, fixed variables, the exit status,
 * the streaming mode and bad arguments.
 */
class MinimizeCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROSENBROCK = "100*(x1-x0^2)^2+(1-x0)^2";

    private static JsonNode ok(String... args) throws Exception {
        Cli.Result r = Cli.run(args);
        assertEquals(0, r.status(), r.err());
        assertEquals("", r.err());
        return JSON.readTree(r.out());
    }

    /** Status 2, nothing on standard output, and the message on standard error. */
    private static String error(String stdin, String... args) {
        Cli.Result r = Cli.runWithInput(stdin, args);
        assertEquals(2, r.status(), r.out() + r.err());
        assertEquals("", r.out());
        return r.err();
    }

    /**
     * Rosenbrock's minimum is (1, 1) with value 0. L-BFGS and trust-region Newton stop at a
     * gradient inf-norm of at most --gtol 1e-8 (the default); the Hessian there has eigenvalues
     * about 1001.6 and 0.4, so x is within 1e-8 / 0.4 = 2.5e-8 of (1, 1) and the value, about
     * (x - x*)'H(x - x*)/2, below 1e-12: the bounds 1e-6 and 1e-10 leave room. Commons Math's
     * CG gets there too on this problem (to about 2e-13 today), but its Brent line search
     * works on values and is easily thrown by the energy's scale (see
     * CommonsMath.conjugateGradient), so it is held only to 1e-4.
     */
    @Test
    void rosenbrockReachesItsMinimumWithEachMethod() throws Exception {
        for (String method : List.of("lbfgs", "newton", "cg")) {
            JsonNode out = ok("minimize", ROSENBROCK, "--at", "x0=-1.2,x1=1", "--method", method);
            double tolerance = method.equals("cg") ? 1e-4 : 1e-6;
            assertEquals(1.0, out.get("x").get("x0").asDouble(), tolerance, method + ": " + out);
            assertEquals(1.0, out.get("x").get("x1").asDouble(), tolerance, method + ": " + out);
            if (!method.equals("cg")) {
                assertTrue(out.get("value").asDouble() < 1e-10, method + ": " + out);
            }
            assertTrue(out.get("converged").asBoolean(), method + ": " + out);
            assertEquals("gradient_tolerance", out.get("stopped").asText(), method);
            assertTrue(out.get("gradNorm").asDouble() <= 1e-8, method + ": " + out);
            int iterations = out.get("iterations").asInt();
            assertTrue(iterations > 0 && out.get("evaluations").asInt() > iterations, method + ": " + out);
            assertTrue(out.get("message").asText().contains("gradient inf-norm"), method + ": " + out);
            assertEquals(List.of("value", "x", "gradNorm", "iterations", "evaluations", "converged", "stopped",
                    "message"), EvalCommandTest.fieldNames(out));
        }
    }

    /** The interpreter and the compiled class agree bit for bit, so the runs are the same. */
    @Test
    void bothBackendsGiveTheSameRun() {
        for (String method : List.of("lbfgs", "newton", "cg")) {
            Cli.Result interpreted = Cli.run("minimize", ROSENBROCK, "--at", "x0=-1.2,x1=1", "--method", method);
            Cli.Result compiled = Cli.run("minimize", ROSENBROCK, "--at", "x0=-1.2,x1=1", "--method", method,
                    "--backend", "compiled");
            assertEquals(interpreted.out(), compiled.out(), method);
        }
    }

    /** The printed numbers parse back to the very doubles of the library's own run, stopped half-way. */
    @Test
    void numbersRoundTripToTheLibrarysResult() throws Exception {
        Cli.Result run = Cli.run("minimize", ROSENBROCK, "--at", "x0=-1.2,x1=1", "--gtol", "1e-9",
                "--max-iterations", "30");
        assertEquals(1, run.status(), run.err());
        JsonNode out = JSON.readTree(run.out());
        Expressions.Parsed parsed = Expressions.parse(ROSENBROCK, List.of("x0", "x1"));
        EnergyFunction f = parsed.energy(List.of(), List.of("x0", "x1")).interpreter();
        double[] start = new double[2];
        start[f.layout().indexOf("x0")] = -1.2;
        start[f.layout().indexOf("x1")] = 1;
        OptimizationResult r = new Lbfgs().minimize(f, start, new StoppingRules(1e-9, 1e-12, 30, 10_000));
        assertEquals(r.value(), out.get("value").asDouble(), 0.0);
        assertEquals(r.x()[f.layout().indexOf("x0")], out.get("x").get("x0").asDouble(), 0.0);
        assertEquals(r.x()[f.layout().indexOf("x1")], out.get("x").get("x1").asDouble(), 0.0);
        assertEquals(r.gradientNorm(), out.get("gradNorm").asDouble(), 0.0);
        assertEquals(r.iterations(), out.get("iterations").asInt());
        assertEquals(r.evaluations(), out.get("evaluations").asInt());
    }

    /** (x - y)^2 + y^2 over x alone from (5, 2): x = y = 2, value 4; over both: (0, 0), value 0. */
    @Test
    void variablesNotInWrtStayFixed() throws Exception {
        for (String method : List.of("lbfgs", "newton", "cg")) {
            JsonNode out = ok("minimize", "(x-y)^2+y^2", "--at", "x=5,y=2", "--wrt", "x", "--method", method);
            assertEquals(2.0, out.get("x").get("x").asDouble(), 1e-6, method + ": " + out);
            assertEquals(2.0, out.get("x").get("y").asDouble(), 0.0, method + ": y is fixed");
            assertEquals(4.0, out.get("value").asDouble(), 1e-10, method + ": " + out);
            JsonNode both = ok("minimize", "(x-y)^2+y^2", "--at", "x=5,y=2", "--method", method);
            assertEquals(0.0, both.get("x").get("y").asDouble(), 1e-6, method + ": " + both);
            assertEquals(0.0, both.get("value").asDouble(), 1e-10, method + ": " + both);
        }
        JsonNode unused = ok("minimize", "(x-1)^2", "--at", "x=3,z=7");
        assertEquals(List.of("x", "z"), EvalCommandTest.fieldNames(unused.get("x")), "every coordinate of the point");
        assertEquals(7.0, unused.get("x").get("z").asDouble(), 0.0, "z is unused: its gradient is 0");
        assertEquals(1.0, unused.get("x").get("x").asDouble(), 1e-9);
    }

    @Test
    void stoppingWithoutConvergingPrintsTheResultAndExitsWithOne() throws Exception {
        Cli.Result r = Cli.run("minimize", ROSENBROCK, "--at", "x0=-1.2,x1=1", "--max-iterations", "5");
        assertEquals(1, r.status());
        JsonNode out = JSON.readTree(r.out());
        assertFalse(out.get("converged").asBoolean());
        assertEquals("max_iterations", out.get("stopped").asText());
        assertEquals(5, out.get("iterations").asInt());
        assertTrue(out.get("value").asDouble() < 24.2, "below the start's value 24.2: " + out);
        assertEquals("joule minimize: did not converge: stopped by max_iterations (5 iterations done)",
                r.err().strip());
        Cli.Result evaluations = Cli.run("minimize", ROSENBROCK, "--at", "x0=-1.2,x1=1", "--max-evaluations", "4");
        assertEquals(1, evaluations.status());
        assertEquals("max_evaluations", JSON.readTree(evaluations.out()).get("stopped").asText());
        assertTrue(JSON.readTree(evaluations.out()).get("evaluations").asInt() <= 4, evaluations.out());
    }

    /** x0 appears after x1 in the text, so the layout (and "x") lists x1 first, as eval's gradient does. */
    @Test
    void aStreamAnswersEachCaseInOrderAndGoesOnAfterErrors() throws Exception {
        String input = String.join("\n",
                "{\"id\": \"good\", \"expr\": \"(x-3)^2 + (x-y)^2\", \"at\": {\"x\": 0, \"y\": 0}, \"method\": \"newton\"}",
                "{\"id\": 2, \"expr\": \"x +* 2\", \"at\": {\"x\": 1}}",
                "{\"id\": 3, \"expr\": \"x^2\", \"at\": {\"x\": 1}, \"method\": \"bfgs\"}",
                "{\"id\": 4, \"expr\": \"" + ROSENBROCK + "\", \"at\": {\"x0\": -1.2, \"x1\": 1}}") + "\n";
        Cli.Result r = Cli.runWithInput(input, "minimize", "--jsonl", "--max-iterations", "10");
        assertEquals(1, r.status());
        String[] lines = r.out().split("\n");
        assertEquals(4, lines.length, r.out());
        JsonNode good = JSON.readTree(lines[0]);
        assertEquals("good", good.get("id").asText());
        assertEquals(3.0, good.get("x").get("x").asDouble(), 1e-9, lines[0]);
        assertEquals(3.0, good.get("x").get("y").asDouble(), 1e-9, lines[0]);
        assertTrue(good.get("converged").asBoolean(), lines[0]);
        JsonNode parse = JSON.readTree(lines[1]);
        assertEquals(2, parse.get("id").asInt());
        assertTrue(parse.get("error").asText().contains("position 3"), lines[1]);
        JsonNode method = JSON.readTree(lines[2]);
        assertEquals("unknown method 'bfgs'; expected lbfgs, newton or cg", method.get("error").asText());
        JsonNode limit = JSON.readTree(lines[3]);
        assertEquals(4, limit.get("id").asInt());
        assertFalse(limit.get("converged").asBoolean(), lines[3]);
        assertEquals("max_iterations", limit.get("stopped").asText());
        assertEquals(10, limit.get("iterations").asInt());
        assertEquals(List.of("x1", "x0"), EvalCommandTest.fieldNames(limit.get("x")));
        assertEquals("joule minimize: 2 of 4 cases failed (lines 2, 3); 1 did not converge (line 4)",
                r.err().strip());
    }

    @Test
    void streamedCasesTakeWrtAndMethodAndReportBadStarts() throws Exception {
        String input = String.join("\n",
                "{\"id\": 1, \"expr\": \"(x-y)^2+y^2\", \"at\": {\"x\": 5, \"y\": 2}, \"wrt\": [\"x\"], \"method\": \"cg\"}",
                "{\"id\": 2, \"expr\": \"x^2\", \"at\": {\"x\": \"NaN\"}}",
                "{\"id\": 3, \"expr\": \"log(x) + x^2\", \"at\": {\"x\": -1}}",
                "{\"id\": 4, \"expr\": \"x^2\", \"at\": {\"x\": 1}, \"wrt\": [\"x\", \"q\"]}",
                "{\"id\": 5, \"expr\": \"x^2\", \"at\": {\"x\": 1}, \"wrt\": \"x\"}",
                "{\"id\": 6, \"expr\": \"x^2\", \"at\": {\"x\": 1}, \"grad\": true}",
                "{\"id\": 7, \"expr\": \"x^2\", \"at\": {\"x\": 1}, \"method\": null}") + "\n";
        Cli.Result r = Cli.runWithInput(input, "minimize", "--jsonl", "--backend", "compiled");
        String[] lines = r.out().split("\n");
        assertEquals(7, lines.length, r.out());
        JsonNode one = JSON.readTree(lines[0]);
        assertEquals(2.0, one.get("x").get("x").asDouble(), 1e-6, lines[0]);
        assertEquals(2.0, one.get("x").get("y").asDouble(), 0.0, lines[0]);
        assertTrue(error(lines[1]).contains("start coordinate 'x' is NaN"), lines[1]);
        assertTrue(error(lines[2]).contains("domain error at the start: log(-1.0) = NaN"), lines[2]);
        assertTrue(error(lines[3]).contains("'q' is to be minimised over (wrt) but has no start value"), lines[3]);
        assertTrue(error(lines[4]).contains("\"wrt\" must be an array of variable names"), lines[4]);
        assertTrue(error(lines[5]).contains("unknown field 'grad'; a case has the fields id, expr, at, method and wrt"),
                lines[5]);
        assertEquals(0.0, JSON.readTree(lines[6]).get("x").get("x").asDouble(), 1e-9, "the default method");
        assertEquals(1, r.status());
        assertEquals("joule minimize: 5 of 7 cases failed (lines 2, 3, 4, 5, 6)", r.err().strip());
        Cli.Result fine = Cli.runWithInput(lines.length > 0 ? "{\"expr\": \"x^2\", \"at\": {\"x\": 1}}\n" : "",
                "minimize", "--jsonl");
        assertEquals(0, fine.status(), fine.err());
        assertEquals("", fine.err());
    }

    private static String error(String line) throws Exception {
        return JSON.readTree(line).get("error").asText();
    }

    @Test
    void badArgumentsNameTheOption() {
        assertTrue(error("", "minimize", "x^2", "--at", "x=1", "--method", "bfgs").contains("'--method'"));
        assertTrue(error("", "minimize", "x^2", "--at", "x=1", "--max-iterations", "-1")
                .contains("--max-iterations is -1; expected 0 or more"));
        assertTrue(error("", "minimize", "x^2", "--at", "x=1", "--max-evaluations", "0")
                .contains("--max-evaluations is 0; expected 1 or more"));
        assertTrue(error("", "minimize", "x^2", "--at", "x=1", "--gtol", "NaN").contains("--gtol is NaN"));
        assertTrue(error("", "minimize", "x^2", "--at", "x=1", "--rtol", "-1e-3").contains("--rtol is -0.001"));
        String both = error("{\"expr\": \"x^2\", \"at\": {\"x\": 1}}\n", "minimize", "--jsonl", "x^2");
        assertTrue(both.contains("--jsonl") && both.contains("EXPR") && both.contains("does not apply"), both);
        assertTrue(error("", "minimize", "--jsonl", "--at", "x=1").contains("--at (each case gives its start"));
        assertTrue(error("", "minimize", "--at", "x=1").contains("missing EXPR"));
        assertTrue(error("", "minimize", "x^2", "--at", "x=Infinity").contains("start coordinate 'x' is Infinity"));
        assertTrue(error("", "minimize", "x * y", "--at", "x=1").contains("variable 'y' has no value"));
        assertTrue(error("", "minimize", "x^2", "--at", "x=1", "--wrt", "x,q")
                .contains("'q' is to be minimised over (wrt) but has no start value"));
    }

    @Test
    void expressionsMayStartWithAMinusSignAndUnboundedOnesStopAtALimit() throws Exception {
        JsonNode out = ok("minimize", "-exp(-x^2)", "--at", "x=0.5");
        assertEquals(-1.0, out.get("value").asDouble(), 1e-15);
        Cli.Result unbounded = Cli.run("minimize", "-x^2", "--at", "x=1", "--max-evaluations", "200");
        assertEquals(1, unbounded.status());
        assertEquals("max_evaluations", JSON.readTree(unbounded.out()).get("stopped").asText());
    }

    @Test
    void theUsageListsMinimize() {
        Cli.Result top = Cli.run("--help");
        assertEquals(0, top.status());
        assertTrue(top.out().contains("minimize") && top.out().contains("minimisation"), top.out());
        Cli.Result help = Cli.run("minimize", "--help");
        assertEquals(0, help.status());
        for (String option : List.of("--at", "--wrt", "--method", "--backend", "--gtol", "--max-iterations",
                "--max-evaluations", "--jsonl", "lbfgs", "newton", "cg")) {
            assertTrue(help.out().contains(option), option + " in:\n" + help.out());
        }
    }
}
