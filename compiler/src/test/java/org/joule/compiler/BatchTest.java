package org.joule.compiler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.joule.graph.Energy;
import org.joule.graph.Graph;
import org.joule.graph.testing.Workloads;
import org.joule.runtime.Batch;
import org.joule.runtime.EnergyFunction;
import org.joule.runtime.Role;
import org.junit.jupiter.api.Test;

/** Sums over data rows: equal to the per-row loop's terms, and the same bits for any thread count. */
class BatchTest {

    @Test
    void sumOverRowsIsDeterministicAcrossThreadCountsAndBackends() {
        Graph g = new Graph();
        Energy e = Energy.of(Workloads.kmeansSoftMin(g, 16, 2, 1.0)).wrt(Role.PARAMETER);
        EnergyFunction compiled = Compiler.compile(e);
        EnergyFunction interpreted = e.interpreter();
        Random r = new Random(1);
        int n = 10_000;
        double[] rows = r.doubles(2L * n, -1, 1).toArray();
        double[] x = r.doubles(g.layout().size(), -1, 1).toArray();
        double[] reference = new double[compiled.wrtLength()];
        double value = Batch.of(compiled).valueAndGradientSum(x, rows, reference, 1);
        for (int threads : new int[] {2, 3, 8}) {
            double[] grad = new double[compiled.wrtLength()];
            assertEquals(value, Batch.of(compiled).valueAndGradientSum(x, rows, grad, threads));
            assertArrayEquals(reference, grad, "threads " + threads);
        }
        double[] grad = new double[compiled.wrtLength()];
        assertEquals(value, Batch.of(interpreted).valueAndGradientSum(x, rows, grad, 2));
        assertArrayEquals(reference, grad, "interpreter");

        double plain = 0;
        double[] sum = new double[compiled.wrtLength()];
        double[] one = new double[compiled.wrtLength()];
        for (int i = 0; i < n; i++) {
            x[0] = rows[2 * i];
            x[1] = rows[2 * i + 1];
            plain += compiled.valueAndGradient(x, one);
            for (int j = 0; j < one.length; j++) {
                sum[j] += one[j];
            }
        }
        assertEquals(plain, value, 1e-9 * Math.abs(plain));
        for (int j = 0; j < sum.length; j++) {
            assertEquals(sum[j], reference[j], 1e-9 * Math.max(1, Math.abs(sum[j])));
        }
    }

    @Test
    void badRowsAreRejected() {
        Graph g = new Graph();
        Energy e = Energy.of(Workloads.kmeansSoftMin(g, 2, 2, 1.0)).wrt(Role.PARAMETER);
        Batch b = Batch.of(Compiler.compile(e));
        double[] x = new double[g.layout().size()];
        double[] grad = new double[4];
        assertThrows(IllegalArgumentException.class, () -> b.valueAndGradientSum(x, new double[3], grad));
        assertThrows(IllegalArgumentException.class, () -> b.valueAndGradientSum(x, new double[4], grad, 0));
        assertThrows(IllegalArgumentException.class, () -> Batch.of(Compiler.compile(e), Role.LATENT));
    }
}
