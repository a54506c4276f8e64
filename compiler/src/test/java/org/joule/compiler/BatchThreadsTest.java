package org.joule.compiler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import org.joule.graph.Energy;
import org.joule.graph.Graph;
import org.joule.graph.testing.Workloads;
import org.joule.runtime.Batch;
import org.joule.runtime.EnergyFunction;
import org.joule.runtime.Role;
import org.junit.jupiter.api.Test;

/** Batch edge cases: no rows, one batch shared by many threads, no threads left behind, clear argument errors. */
class BatchThreadsTest {

    private static Energy kmeans(Graph g, int k) {
        return Energy.of(Workloads.kmeansSoftMin(g, k, 2, 1.0)).wrt(Role.PARAMETER);
    }

    @Test
    void aSumOverNoRowsIsZero() {
        Graph g = new Graph();
        Energy e = kmeans(g, 4);
        for (EnergyFunction f : new EnergyFunction[] {Compiler.compile(e), e.interpreter()}) {
            double[] x = new Random(3).doubles(g.layout().size(), -1, 1).toArray();
            for (int threads : new int[] {1, 4}) {
                double[] grad = new double[f.wrtLength()];
                java.util.Arrays.fill(grad, Double.NaN); // overwritten, not added to
                assertEquals(0.0, Batch.of(f).valueAndGradientSum(x, new double[0], grad, threads)); // was Illegal Capacity: -1
                assertArrayEquals(new double[f.wrtLength()], grad);
            }
        }
    }

    @Test
    void oneBatchSharedByThreadsWithDifferentThreadCountsGivesTheSameBits() throws Exception {
        Graph g = new Graph();
        EnergyFunction f = Compiler.compile(kmeans(g, 8));
        Batch batch = Batch.of(f);
        Random r = new Random(5);
        double[] rows = r.doubles(2L * 5_000, -1, 1).toArray();
        double[] x = r.doubles(g.layout().size(), -1, 1).toArray();
        double[] reference = new double[f.wrtLength()];
        double value = batch.valueAndGradientSum(x, rows, reference, 1);

        int callers = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int c = 0; c < callers; c++) {
                int threads = 1 + c; // 1 .. 8: before, each count replaced the pool the others were using
                Callable<Integer> caller = () -> {
                    start.await();
                    for (int i = 0; i < 20; i++) {
                        double[] grad = new double[f.wrtLength()];
                        double v = batch.valueAndGradientSum(x, rows, grad, threads);
                        assertEquals(Double.doubleToLongBits(value), Double.doubleToLongBits(v), "threads " + threads);
                        assertArrayEquals(reference, grad, "threads " + threads);
                    }
                    return threads;
                };
                results.add(pool.submit(caller));
            }
            start.countDown();
            for (Future<Integer> result : results) {
                result.get(); // rethrows a RejectedExecutionException or a wrong bit
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void batchesLeaveNoThreadsBehind() {
        Graph g = new Graph();
        Energy e = kmeans(g, 2);
        EnergyFunction f = Compiler.compile(e);
        double[] x = new double[g.layout().size()];
        double[] rows = new Random(7).doubles(2L * 64 * 8, -1, 1).toArray(); // 8 blocks: room for 7 helpers
        double[] grad = new double[f.wrtLength()];
        Batch.of(f).valueAndGradientSum(x, rows, grad, 8); // starts the common pool's workers, if any
        int before = ManagementFactory.getThreadMXBean().getThreadCount();
        for (int i = 0; i < 100; i++) {
            Batch.of(f).valueAndGradientSum(x, rows, grad, 8);
        }
        int after = ManagementFactory.getThreadMXBean().getThreadCount();
        // before: each batch kept its own pool of 7 threads alive, 700 in all; now the shared
        // common pool may still be starting workers, at most its parallelism, plus slack for
        // threads the JVM starts on its own
        int bound = ForkJoinPool.getCommonPoolParallelism() + 16;
        assertTrue(after - before <= bound, () -> "live threads grew from " + before + " to " + after
                + "; bound " + bound);
    }

    @Test
    void badArgumentsAreNamed() {
        Graph g = new Graph();
        Batch b = Batch.of(Compiler.compile(kmeans(g, 2)));
        double[] x = new double[g.layout().size()];
        double[] grad = new double[4];
        assertMessage("threads", () -> b.valueAndGradientSum(x, new double[4], grad, -3));
        assertMessage("threads", () -> b.valueAndGradientSum(x, new double[4], grad, 0));
        assertMessage("rows has length 3", () -> b.valueAndGradientSum(x, new double[3], grad, 2));
        assertMessage("rows", () -> b.valueAndGradientSum(x, null, grad, 2));
        assertMessage("x has length", () -> b.valueAndGradientSum(new double[1], new double[4], grad, 2));
        assertMessage("gradient has length", () -> b.valueAndGradientSum(x, new double[4], new double[3], 2));
        assertMessage("energy function", () -> Batch.of(null));
    }

    private static void assertMessage(String part, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(part), () -> "expected '" + part + "' in: " + e.getMessage());
    }
}
