package org.joule.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.UniqueElements;
import org.junit.jupiter.api.Test;

class RuntimeTest {

    @Property(tries = 300)
    void rangesRoundTrip(@ForAll @Size(max = 50) @UniqueElements List<@IntRange(max = 10_000) Integer> values) {
        int[] sorted = values.stream().mapToInt(Integer::intValue).sorted().toArray();
        assertArrayEquals(sorted, Ranges.parse(Ranges.format(sorted)));
    }

    @Test
    void layoutSpecRoundTrips() {
        Layout l = new Layout(List.of(new Variable("y", Role.DATA, 2, 1, 1, 0),
                new Variable("W", Role.PARAMETER, 3, 2, 2, 2), new Variable("beta", Role.LATENT, 1, 1, 0, 8)));
        Layout back = Layout.fromSpec(l.toSpec());
        assertEquals(l.toString(), back.toString());
        assertEquals(9, back.size());
        assertEquals("W[2,1]", back.coordinateName(7));
        assertEquals(7, back.indexOf("W[2,1]"));
        assertThrows(IllegalArgumentException.class, () -> back.variable("Q"));
    }

    @Test
    void layoutRejectsGapsAndDuplicates() {
        assertThrows(IllegalArgumentException.class, () -> new Layout(List.of(new Variable("a", Role.DATA, 1, 1, 0, 1))));
        assertThrows(IllegalArgumentException.class, () -> new Layout(List.of(new Variable("a", Role.DATA, 1, 1, 0, 0),
                new Variable("a", Role.DATA, 1, 1, 0, 1))));
    }

    @Test
    void logSumExpEdgeCases() {
        double inf = Double.POSITIVE_INFINITY;
        assertEquals(-inf, Numerics.logSumExp(new double[] {-inf, -inf}, 0, 2));
        assertEquals(inf, Numerics.logSumExp(new double[] {1, inf}, 0, 2));
        assertTrue(Double.isNaN(Numerics.logSumExp(new double[] {1, Double.NaN, inf}, 0, 3)));
        assertEquals(1000 + Math.log(2), Numerics.logSumExp(new double[] {1000, 1000}, 0, 2), 1e-12);
        assertEquals(1.0, Numerics.expShift(-inf, -inf));
        assertEquals(Math.exp(-1), Numerics.expShift(1, 2));
    }

    @Test
    void stableFunctionsAtExtremes() {
        assertEquals(1.0, Numerics.sigmoid(800));
        assertEquals(0.0, Numerics.sigmoid(-800));
        assertEquals(800.0, Numerics.softplus(800));
        assertEquals(Math.exp(-800), Numerics.softplus(-800));
        assertEquals(Math.log(2), Numerics.softplus(0));
        assertTrue(Double.isNaN(Numerics.relu(Double.NaN)));
        assertTrue(Double.isNaN(Numerics.step(Double.NaN)));
        assertTrue(Double.isNaN(Numerics.select(Double.NaN, 1, 2)));
        assertTrue(Double.isNaN(Numerics.argMax(new double[] {1, Double.NaN}, 0, 2)));
        assertEquals(1.0, Numerics.argMax(new double[] {1, 3, 3}, 0, 3), "first maximum");
        assertEquals(0.0, Numerics.argMin(new double[] {1, 3, 1}, 0, 3), "first minimum");
    }

    @Test
    void checksNameTheArgument() {
        var e = assertThrows(IllegalArgumentException.class, () -> Checks.length(new double[2], 3, "gradient"));
        assertEquals("gradient has length 2; expected 3", e.getMessage());
        assertTrue(Arrays.equals(new double[3], Checks.length(new double[3], 3, "x")));
    }
}
