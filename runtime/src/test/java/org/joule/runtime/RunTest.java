package org.joule.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Run}: usage, clear errors, and eval's JSON shape. */
class RunTest {

    /** E(x, W) = x * W[0,1] + W[1,0]^2, differentiated with respect to W only: a stand-in for a generated class. */
    public static final class Product implements EnergyFunction {
        private final Layout layout = new Layout(List.of(new Variable("x", Role.DATA, 1, 1, 0, 0),
                new Variable("W", Role.PARAMETER, 2, 2, 2, 1)));

        @Override
        public Layout layout() {
            return layout;
        }

        @Override
        public int wrtLength() {
            return 4;
        }

        @Override
        public int wrt(int k) {
            return 1 + k;
        }

        @Override
        public double value(double[] x) {
            return x[0] * x[2] + x[3] * x[3];
        }

        @Override
        public double valueAndGradient(double[] x, double[] gradient) {
            gradient[0] = 0;
            gradient[1] = x[0];
            gradient[2] = 2 * x[3];
            gradient[3] = 0;
            return value(x);
        }

        @Override
        public void hessianVectorProduct(double[] x, double[] v, double[] out) {
            throw new UnsupportedOperationException();
        }
    }

    /** Not an energy. */
    public static final class NotAnEnergy {
    }

    private record Result(int status, String out, String err) {
    }

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Run.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new Result(status, out.toString(StandardCharsets.UTF_8).strip(), err.toString(StandardCharsets.UTF_8).strip());
    }

    @Test
    void printsValueAndGradientKeyedByCoordinateName() {
        Result r = run(Product.class.getName(), "2", "0.1", "3", "-1.5", "4");
        assertEquals(0, r.status(), r.err());
        assertEquals("{\"value\":8.25,\"grad\":{\"W[0,0]\":0.0,\"W[0,1]\":2.0,\"W[1,0]\":-3.0,\"W[1,1]\":0.0}}", r.out());
    }

    @Test
    void nonFiniteNumbersAreStringsAsInEval() {
        Result r = run(Product.class.getName(), "NaN", "0", "1", "-Infinity", "0");
        assertEquals(0, r.status(), r.err());
        assertEquals("{\"value\":\"NaN\",\"grad\":{\"W[0,0]\":0.0,\"W[0,1]\":\"NaN\",\"W[1,0]\":\"-Infinity\","
                + "\"W[1,1]\":0.0}}", r.out());
    }

    @Test
    void usageWithoutArgumentsAndOnHelp() {
        Result none = run();
        assertEquals(2, none.status());
        assertTrue(none.err().startsWith("usage:"), none.err());
        Result help = run("--help");
        assertEquals(0, help.status());
        assertTrue(help.out().startsWith("usage:"), help.out());
    }

    @Test
    void errorsAreOneClearLine() {
        assertError(Product.class.getName() + " takes 5 numbers (x W[0,0] W[0,1] W[1,0] W[1,1]), not 2",
                Product.class.getName(), "1", "2");
        assertError("argument 3 (W[0,0]): 'abc' is not a number", Product.class.getName(), "1", "abc", "0", "0", "0");
        assertError("argument 2 (x): '1e400' is out of the range of a double",
                Product.class.getName(), "1e400", "0", "0", "0", "0");
        assertError("class com.example.Missing is not on the class path", "com.example.Missing", "1");
        assertError(NotAnEnergy.class.getName() + " is not an energy: it does not implement "
                + EnergyFunction.class.getName(), NotAnEnergy.class.getName());
    }

    private static void assertError(String message, String... args) {
        Result r = run(args);
        assertEquals(2, r.status());
        assertEquals("", r.out());
        assertEquals("Run: " + message, r.err());
        assertFalse(r.err().contains("\n"), "one line: " + r.err());
    }

    @Test
    void jsonTextNumbersParseBackAndStrictNumbersRefuseJavaSyntax() {
        for (double v : new double[] {0.1, -0.0, 1e-300, 4.9e-324, Double.MAX_VALUE, 1.0 / 3}) {
            assertEquals(v, Double.parseDouble(JsonText.number(v)));
            assertEquals(v, JsonText.parseNumber(JsonText.number(v)));
        }
        assertEquals("\"NaN\"", JsonText.number(Double.NaN));
        assertEquals("\"-Infinity\"", JsonText.number(Double.NEGATIVE_INFINITY));
        for (String bad : new String[] {"0x10", "1d", "1f", "", "1e", "--1", "1,5", "Inf"}) {
            assertThrows(IllegalArgumentException.class, () -> JsonText.parseNumber(bad), bad);
        }
        assertEquals("\"a\\\"b\\\\c\\n\\u0001\"", JsonText.string("a\"b\\c\n\u0001"));
    }
}
