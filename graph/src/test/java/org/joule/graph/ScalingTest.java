package org.joule.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.joule.runtime.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Nothing quadratic: building an energy over n latent configurations, differentiating it
 * (gradient and Hessian-vector product), lowering and flattening it cost work linear in n,
 * whatever the arity of its nodes and however deeply its reductions nest.
 *
 * <p>Each case runs at n and 4n, where linear work grows 4 times and quadratic work 16 times.
 * The bounds are ratios: 6 on counted operations ({@link Graph#work()}: nodes requested and
 * inputs hashed), on nodes, on instructions and on bytes allocated, measures that do not
 * depend on the machine; and a generous 12 on CPU time, the best of several interleaved runs
 * after a warm-up (linear work takes 4 to 8 times longer at 4n on a shared machine, where
 * bigger graphs miss the caches more often and keep the collector busier). No absolute time
 * is asserted.
 */
class ScalingTest {
    static final int N = 2_500;

    /** What deriving the three programs of an energy cost. */
    record Cost(long work, int nodes, int instructions, long bytes, long nanos) {
    }

    /** Distances ||y - W_k||^2 from a data point y in 2-D to n prototypes W_k (K-means). */
    static List<Node> distances(Graph g, int n) {
        Tensor y = g.vector("y", 2, Role.DATA);
        Tensor w = g.matrix("W", n, 2, Role.PARAMETER);
        List<Node> d = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            d.add(y.minus(w.row(k)).squaredNorm());
        }
        return d;
    }

    static Node nested(List<Node> terms, BiFunction<Node, Node, Node> reduce) {
        Node acc = terms.get(0);
        for (int k = 1; k < terms.size(); k++) {
            acc = reduce.apply(acc, terms.get(k));
        }
        return acc;
    }

    static Stream<Arguments> energies() {
        return Stream.of(
                Arguments.of("softMin of a list", (BiFunction<Graph, Integer, Node>)
                        (g, n) -> Joule.softMin(2, distances(g, n))),
                Arguments.of("logSumExp of a list", (BiFunction<Graph, Integer, Node>)
                        (g, n) -> Joule.logSumExp(distances(g, n))),
                Arguments.of("max of a list", (BiFunction<Graph, Integer, Node>)
                        (g, n) -> Joule.max(distances(g, n))),
                Arguments.of("min of a list", (BiFunction<Graph, Integer, Node>)
                        (g, n) -> Joule.min(distances(g, n))),
                Arguments.of("sum of a list", (BiFunction<Graph, Integer, Node>)
                        (g, n) -> Joule.sum(distances(g, n))),
                // a Java loop of binary reductions; the graph does not flatten them (no rewrites),
                // so differentiation and lowering meet n nested log-sum-exp or max nodes
                Arguments.of("nested logSumExp, unsimplified", (BiFunction<Graph, Integer, Node>)
                        (g, n) -> nested(distances(g, n), (a, b) -> Joule.logSumExp(a, b))),
                Arguments.of("nested max, unsimplified", (BiFunction<Graph, Integer, Node>)
                        (g, n) -> nested(distances(g, n), (a, b) -> Joule.max(a, b))));
    }

    static Graph graphFor(String name) {
        return name.contains("unsimplified") ? Graph.unsimplified() : new Graph();
    }

    /** Builds the energy in a fresh graph and derives its value, gradient and H v programs. */
    static Cost derive(String name, BiFunction<Graph, Integer, Node> build, int n) {
        long bytes = allocatedBytes();
        long start = cpuTime();
        Graph g = graphFor(name);
        EnergyPrograms p = EnergyPrograms.of(Energy.of(build.apply(g, n)));
        long nanos = cpuTime() - start;
        bytes = allocatedBytes() - bytes;
        int instructions = p.value().size() + p.gradient().size() + p.hessianVectorProduct().size();
        return new Cost(g.work(), g.size(), instructions, bytes, nanos);
    }

    static long cpuTime() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        return mx.isCurrentThreadCpuTimeSupported() ? mx.getCurrentThreadCpuTime() : System.nanoTime();
    }

    /** Bytes this thread has allocated so far, or 0 where the JVM does not count them. */
    static long allocatedBytes() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean mx
                && mx.isThreadAllocatedMemorySupported() && mx.isThreadAllocatedMemoryEnabled()) {
            return mx.getThreadAllocatedBytes(Thread.currentThread().getId());
        }
        return 0;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("energies")
    void workIsLinearInTheNumberOfConfigurations(String name, BiFunction<Graph, Integer, Node> build) {
        Cost small = derive(name, build, N);
        Cost large = derive(name, build, 4 * N);
        double work = (double) large.work() / small.work();
        double nodes = (double) large.nodes() / small.nodes();
        double instructions = (double) large.instructions() / small.instructions();
        double bytes = (double) large.bytes() / Math.max(1, small.bytes()); // 0 / 1 where not counted
        String report = name + ": work " + small.work() + " -> " + large.work() + ", nodes " + small.nodes() + " -> "
                + large.nodes() + ", instructions " + small.instructions() + " -> " + large.instructions()
                + ", bytes allocated " + small.bytes() + " -> " + large.bytes();
        assertTrue(work < 6, report);
        assertTrue(nodes < 6, report);
        assertTrue(instructions < 6, report);
        // the small run comes first, when the JIT has removed fewer allocations: if anything, it
        // allocates more per node than the large one
        assertTrue(bytes < 6, report);
    }

    @Test
    void softMinTimeIsLinearInTheNumberOfConfigurations() {
        BiFunction<Graph, Integer, Node> softMin = (g, n) -> Joule.softMin(2, distances(g, n));
        derive("warm-up", softMin, 4 * N);
        long small = Long.MAX_VALUE;
        long large = Long.MAX_VALUE;
        for (int run = 0; run < 7; run++) { // interleaved, so a burst of load hits both sizes alike
            small = Math.min(small, derive("softMin", softMin, N).nanos());
            large = Math.min(large, derive("softMin", softMin, 4 * N).nanos());
        }
        double ratio = (double) large / small;
        assertTrue(ratio < 12, "softMin over " + N + " and " + 4 * N + " configurations: " + small / 1e6 + " ms and "
                + large / 1e6 + " ms of CPU time, ratio " + ratio);
    }

    /**
     * K-means' free energy over 100,000 prototypes in 2-D, F = -log sum_k exp(-d_k) with
     * d_k = ||y - W_k||^2 (beta = 1), against a hand-written value and gradient:
     * dF/dW_k = 2 p_k (W_k - y) and dF/dy = 2 sum_k p_k (y - W_k), p_k the softmax.
     *
     * <p>Tolerance: both sides compute d_k and e_k = exp(m - d_k) with the same operations,
     * bit for bit (the graph negates d_k exactly for beta = 1); they differ only in how the
     * sum s of the e_k is formed (pairwise: relative error at most 17 eps for 10^5 positive
     * terms; compensated: about eps) and in p_k = e_k * (1/s) against e_k / s (2 eps). So the
     * value agrees to about 20 eps (1 + |F|), each W entry to about 25 eps relative, and the y
     * entries, sums of 10^5 mixed-sign terms, to about 40 eps times the sum of their
     * magnitudes. The bounds below are 1e-12, over 50 times larger.
     */
    @Test
    void softMinOverOneHundredThousandConfigurationsMatchesAHandWrittenGradient() {
        int n = 100_000;
        Graph g = new Graph();
        Node f = Joule.softMin(1, distances(g, n));
        Energy energy = Energy.of(f);
        List<Node> outputs = new ArrayList<>(List.of(f));
        outputs.addAll(List.of(energy.gradient()));
        Program program = Lowering.program(outputs);
        assertEquals(n, program.maxArity(), "one max over all configurations");
        double[] x = new double[2 + 2 * n];
        x[0] = 0.3;
        x[1] = -0.2;
        Random random = new Random(42);
        for (int i = 2; i < x.length; i++) {
            x[i] = 2 * random.nextDouble() - 1;
        }
        double[] w = Interpreter.run(program, x, null);

        double[] d = new double[n];
        double m = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < n; k++) {
            double u = x[0] - x[2 + 2 * k];
            double v = x[1] - x[3 + 2 * k];
            d[k] = u * u + v * v;
            m = Math.max(m, -d[k]);
        }
        double[] e = new double[n];
        double s = 0;
        double c = 0; // Neumaier's compensated sum
        for (int k = 0; k < n; k++) {
            e[k] = -d[k] == m ? 1 : Math.exp(-d[k] - m);
            double t = s + e[k];
            c += Math.abs(s) >= e[k] ? (s - t) + e[k] : (e[k] - t) + s;
            s = t;
        }
        s += c;
        double value = -(m + Math.log(s));
        assertEquals(value, w[program.output(0)], 1e-12 * Math.max(1, Math.abs(value)));
        double gy0 = 0;
        double gy1 = 0;
        double scale0 = 0;
        double scale1 = 0;
        for (int k = 0; k < n; k++) {
            double p = e[k] / s;
            double u = x[0] - x[2 + 2 * k];
            double v = x[1] - x[3 + 2 * k];
            gy0 += 2 * p * u;
            gy1 += 2 * p * v;
            scale0 += Math.abs(2 * p * u);
            scale1 += Math.abs(2 * p * v);
            double gw0 = -2 * p * u;
            double gw1 = -2 * p * v;
            assertEquals(gw0, w[program.output(3 + 2 * k)], 1e-12 * Math.abs(gw0), "dF/dW[" + k + ",0]");
            assertEquals(gw1, w[program.output(4 + 2 * k)], 1e-12 * Math.abs(gw1), "dF/dW[" + k + ",1]");
        }
        assertEquals(gy0, w[program.output(1)], 1e-12 * scale0, "dF/dy[0]");
        assertEquals(gy1, w[program.output(2)], 1e-12 * scale1, "dF/dy[1]");
    }
}
