package org.joule.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.joule.compiler.Compiler;
import org.joule.graph.Energy;
import org.joule.graph.Graph;
import org.joule.graph.testing.Workloads;
import org.joule.runtime.Batch;
import org.joule.runtime.EnergyFunction;
import org.joule.runtime.Role;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * W4: the W1 (k = 16, d = 2) gradient with respect to W summed over 10,000 points, compiled
 * on 1 and 2 threads, the interpreter, and a hand-written loop.
 *
 * <pre>java -jar bench/target/benchmarks.jar BatchBenchmarks</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class BatchBenchmarks {
    static final int ROWS = 10_000;
    static final int K = 16;

    EnergyFunction compiled;
    EnergyFunction interpreter;
    Batch compiledBatch;
    Batch interpretedBatch;
    double[] x;
    double[] rows;
    double[] g;
    double[] w;
    double[] e = new double[K];

    @Setup(Level.Trial)
    public void setUp() {
        Graph graph = new Graph();
        Energy energy = Energy.of(Workloads.kmeansSoftMin(graph, K, 2, 1.0)).wrt(Role.PARAMETER);
        compiled = Compiler.compile(energy);
        interpreter = energy.interpreter();
        compiledBatch = Batch.of(compiled);
        interpretedBatch = Batch.of(interpreter);
        Random r = new Random(2);
        x = r.doubles(graph.layout().size(), -1, 1).toArray();
        rows = r.doubles(2 * ROWS, -1, 1).toArray();
        g = new double[compiled.wrtLength()];
        w = new double[2 * K];
        System.arraycopy(x, 2, w, 0, 2 * K);
        double expected = handWritten();
        double[] hand = g.clone();
        double actual = compiledOneThread();
        for (int j = 0; j < g.length; j++) {
            if (Math.abs(hand[j] - g[j]) > 1e-9 * Math.max(1, Math.abs(g[j]))) {
                throw new IllegalStateException("gradient " + j + " differs from hand-written");
            }
        }
        if (Math.abs(expected - actual) > 1e-9 * Math.abs(expected)) {
            throw new IllegalStateException("value differs from hand-written");
        }
    }

    @Benchmark
    public double compiledOneThread() {
        return compiledBatch.valueAndGradientSum(x, rows, g, 1);
    }

    @Benchmark
    public double compiledTwoThreads() {
        return compiledBatch.valueAndGradientSum(x, rows, g, 2);
    }

    @Benchmark
    public double interpreterOneThread() {
        return interpretedBatch.valueAndGradientSum(x, rows, g, 1);
    }

    @Benchmark
    public double handWritten() {
        java.util.Arrays.fill(g, 0);
        double v = 0;
        for (int r = 0; r < ROWS; r++) {
            v += HandWritten.kmeansW(rows[2 * r], rows[2 * r + 1], w, g, K, 1.0, e);
        }
        return v;
    }
}
