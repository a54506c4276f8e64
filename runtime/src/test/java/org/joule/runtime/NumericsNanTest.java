package org.joule.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The piecewise helpers give NaN when the input that selects a branch is NaN, so that a
 * derivative built from them (relu' = step, max' = pick(argmax)) is NaN at a NaN input,
 * never a branch's finite value.
 */
class NumericsNanTest {
    static final double NAN = Double.NaN;

    @Test
    void aNaNSelectorGivesNaN() {
        assertNaN(Numerics.relu(NAN), "relu(NaN)");
        assertNaN(Numerics.step(NAN), "step(NaN)");
        assertNaN(Numerics.select(NAN, 1, 2), "select(NaN, 1, 2)");
        assertNaN(Numerics.less(NAN, 1), "less(NaN, 1)");
        assertNaN(Numerics.less(1, NAN), "less(1, NaN)");
        assertNaN(Numerics.pick(NAN, 1, 0), "pick(NaN, 1; 0)");
        assertNaN(Numerics.pick(NAN, 1, 1), "pick(NaN, 1; 1)");
        for (double[] a : new double[][] {{NAN, 1, 2}, {1, NAN, 2}, {1, 2, NAN}}) {
            assertNaN(Numerics.min(a, 0, 3), "min");
            assertNaN(Numerics.max(a, 0, 3), "max");
            assertNaN(Numerics.argMin(a, 0, 3), "argmin");
            assertNaN(Numerics.argMax(a, 0, 3), "argmax");
            assertNaN(Numerics.logSumExp(a, 0, 3), "logsumexp");
        }
        assertNaN(Numerics.expShift(NAN, 1), "expshift(NaN, 1)");
        assertNaN(Numerics.expShift(1, NAN), "expshift(1, NaN)");
    }

    @Test
    void aNaNInAnUnchosenBranchIsNotChosen() {
        assertEquals(2, Numerics.select(-1, NAN, 2));
        assertEquals(0, Numerics.pick(1, NAN, 0), "pick routes nothing to an argument it does not select");
    }

    private static void assertNaN(double v, String what) {
        assertTrue(Double.isNaN(v), what + " = " + v);
    }
}
