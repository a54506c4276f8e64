package org.joule.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Per-row values and weighted sums of a batch, against a plain loop. */
class BatchWeightedTest {
    private final EnergyFunction f = new RunTest.Product(); // x * W[0,1] + W[1,0]^2, rows hold x
    private final double[] x = {0, 1.5, -2, 0.25, 3};

    @Test
    void valuesAndWeightedSumsMatchAPlainLoop() {
        Batch batch = Batch.of(f);
        int n = 1000;
        double[] rows = new double[n];
        double[] weights = new double[n];
        for (int r = 0; r < n; r++) {
            rows[r] = Math.cos(r * 0.3);
            weights[r] = (r % 7) - 2.5;
        }
        double[] values = batch.values(x, rows, 2);
        double[] expectedGradient = new double[4];
        double expected = 0;
        for (int r = 0; r < n; r++) {
            double[] at = x.clone();
            at[0] = rows[r];
            assertEquals(f.value(at), values[r], 0, "row " + r);
            double[] g = new double[4];
            expected += weights[r] * f.valueAndGradient(at, g);
            for (int j = 0; j < 4; j++) {
                expectedGradient[j] += weights[r] * g[j];
            }
        }
        double[] gradient = new double[4];
        double sum = batch.weightedValueAndGradientSum(x, rows, weights, gradient, 1);
        // blocks of 64 rows are summed separately: the order differs from the plain loop, so
        // the sums agree to rounding, about n * 2^-53 times the sum of |terms|
        assertEquals(expected, sum, 1e-11 * n);
        assertArrayEquals(expectedGradient, gradient, 1e-11 * n);
        double[] threaded = new double[4];
        assertEquals(Double.doubleToLongBits(sum),
                Double.doubleToLongBits(batch.weightedValueAndGradientSum(x, rows, weights, threaded, 3)));
        assertArrayEquals(gradient, threaded, 0);
    }

    @Test
    void unitWeightsGiveThePlainSumBitForBit() {
        Batch batch = Batch.of(f);
        double[] rows = {0.5, -1, 2, 7};
        double[] plain = new double[4];
        double[] weighted = new double[4];
        double a = batch.valueAndGradientSum(x, rows, plain, 1);
        double b = batch.weightedValueAndGradientSum(x, rows, new double[] {1, 1, 1, 1}, weighted, 1);
        assertEquals(Double.doubleToLongBits(a), Double.doubleToLongBits(b));
        assertArrayEquals(plain, weighted, 0);
    }

    @Test
    void badWeightsAreNamed() {
        Batch batch = Batch.of(f);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> batch.weightedValueAndGradientSum(x, new double[] {1, 2}, new double[] {1, Double.NaN}, new double[4], 1));
        assertTrue(e.getMessage().contains("weights[1]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> batch.weightedValueAndGradientSum(x, new double[] {1, 2}, new double[] {1}, new double[4], 1));
        assertTrue(e.getMessage().contains("weights"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> batch.values(x, new double[] {1}, 0));
        assertTrue(e.getMessage().contains("threads"), e.getMessage());
    }
}
