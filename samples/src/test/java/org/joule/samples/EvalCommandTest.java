package org.joule.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code joule eval EXPR --at ...}: the point, names, leading minus signs and numbers. */
class EvalCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode ok(String... args) throws Exception {
        Cli.Result r = Cli.run(args);
        assertEquals(0, r.status(), r.err());
        return JSON.readTree(r.out());
    }

    private static String error(String... args) {
        Cli.Result r = Cli.run(args);
        assertEquals(2, r.status(), r.out());
        assertEquals("", r.out());
        return r.err();
    }

    @Test
    void valuesForVariablesTheExpressionDoesNotUseArePartOfThePoint() throws Exception {
        JsonNode out = ok("eval", "x^2", "--at", "x=3,y=2", "--grad");
        assertEquals(9.0, out.get("value").asDouble());
        assertEquals(6.0, out.get("grad").get("x").asDouble());
        assertEquals(0.0, out.get("grad").get("y").asDouble(), "an unused variable has derivative 0");
        assertEquals(List.of("x", "y"), fieldNames(out.get("grad")));
        JsonNode wrtUnused = ok("eval", "x^2", "--at", "x=3", "--wrt", "q,x", "--grad");
        assertEquals(List.of("q", "x"), fieldNames(wrtUnused.get("grad")));
        assertEquals(0.0, wrtUnused.get("grad").get("q").asDouble());
    }

    @Test
    void strictRejectsThem() {
        assertTrue(error("eval", "x^2", "--at", "x=3,y=2", "--strict").contains(
                "a value is given for 'y', which the expression does not use"));
        assertTrue(error("eval", "x^2", "--at", "x=3", "--wrt", "y", "--strict").contains("--wrt names 'y'"));
    }

    @Test
    void everyUsedVariableNeedsAValue() {
        assertTrue(error("eval", "x * y", "--at", "x=1").contains("variable 'y' has no value"));
    }

    @Test
    void expressionsMayStartWithAMinusSign() throws Exception {
        assertEquals(-9.0, ok("eval", "-x^2", "--at", "x=3").get("value").asDouble());
        assertEquals(-9.0, ok("eval", "--at", "x=3", "-x^2").get("value").asDouble());
        assertEquals(-6.0, ok("eval", "-h*x", "--at", "h=2,x=3").get("value").asDouble(), "not the -h option");
        assertEquals(-2.5, ok("eval", "-2.5").get("value").asDouble());
        JsonNode g = ok("eval", "-x*y", "--at", "x=-3", "--at", "y=2", "--grad");
        assertEquals(-2.0, g.get("grad").get("x").asDouble());
        Cli.Result typo = Cli.run("eval", "x", "--grda", "--at", "x=1");
        assertEquals(2, typo.status());
        assertTrue(typo.err().contains("Unknown option: '--grda'"), typo.err());
    }

    @Test
    void indexedNamesWorkAsTheReadmePromises() throws Exception {
        JsonNode out = ok("eval", "W[1,0] * y[3]", "--at", "W[1,0]=2,y[3]=3", "--grad", "--hessian");
        assertEquals(6.0, out.get("value").asDouble());
        assertEquals(List.of("W[1,0]", "y[3]"), fieldNames(out.get("grad")));
        assertEquals(3.0, out.get("grad").get("W[1,0]").asDouble());
        assertEquals(2.0, out.get("grad").get("y[3]").asDouble());
        assertEquals(1.0, out.get("hessian").get("W[1,0]").get("y[3]").asDouble());
        JsonNode spaced = ok("eval", "W[0,0] + x", "--at", "x=1", "--at", "W[0, 0]=2", "--at", "W[1,1]=5", "--grad");
        assertEquals(3.0, spaced.get("value").asDouble());
        assertEquals(List.of("W[0,0]", "W[1,1]", "x"), fieldNames(spaced.get("grad")), "layout order, W grown to 2x2");
        assertEquals(0.0, spaced.get("grad").get("W[1,1]").asDouble());
        assertTrue(error("eval", "W[1,0]", "--at", "W=2").contains("'W' has shape [2,1]"));
        assertTrue(error("eval", "y[3] + y", "--at", "y[3]=1").contains("at position 7"));
    }

    @Test
    void numbersOutOfRangeOrNotDecimalAreErrors() {
        assertTrue(error("eval", "x", "--at", "x=1e400").contains("'1e400' is out of the range of a double"));
        assertTrue(error("eval", "x", "--at", "x=0x10").contains("'0x10' is not a number"));
        assertTrue(error("eval", "x", "--at", "x=1d").contains("'1d' is not a number"));
    }

    @Test
    void largeHessiansAreRefusedUnlessAskedFor() throws Exception {
        String message = error("eval", "x*y*z", "--at", "x=1,y=2,z=3", "--hessian", "--max-hessian", "2");
        assertTrue(message.contains("the Hessian of 3 variables has 9 entries, over the limit of 2"), message);
        assertEquals(1.0, ok("eval", "x*y*z", "--at", "x=1,y=2,z=3", "--hessian", "--max-hessian", "3")
                .get("hessian").get("z").get("y").asDouble());
    }

    @Test
    void tangentHasNoValueHere() {
        assertTrue(error("eval", "tangent(0) * x", "--at", "x=1").contains("tangent(0) is a direction"));
    }

    static List<String> fieldNames(JsonNode object) {
        List<String> names = new java.util.ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
