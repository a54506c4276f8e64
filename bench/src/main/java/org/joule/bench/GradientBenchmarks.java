package org.joule.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.joule.compiler.Compiler;
import org.joule.graph.Energy;
import org.joule.graph.Graph;
import org.joule.graph.Node;
import org.joule.graph.testing.Workloads;
import org.joule.runtime.EnergyFunction;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * W1-W3: value and full gradient of one energy, compiled vs interpreter vs hand-written Java
 * vs Commons Math DerivativeStructure, in one run.
 *
 * <pre>java -jar bench/target/benchmarks.jar GradientBenchmarks</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class GradientBenchmarks {

    /** Which workload: W1 k-means soft-min (k x d), W2 MLP (16 x hidden), W3 Rosenbrock n = 100. */
    @Param({"W1_k16_d2", "W1_k64_d16", "W2_h32", "W2_h128", "W3_n100"})
    public String workload;

    EnergyFunction compiled;
    EnergyFunction interpreter;
    double[] x;
    double[] g;
    double[] work;
    int k;
    int d;
    int hidden;

    @Setup(Level.Trial)
    public void setUp() {
        Graph graph = new Graph();
        Node f = switch (workload) {
            case "W1_k16_d2" -> Workloads.kmeansSoftMin(graph, k = 16, d = 2, 1.0);
            case "W1_k64_d16" -> Workloads.kmeansSoftMin(graph, k = 64, d = 16, 1.0);
            case "W2_h32" -> Workloads.mlp(graph, d = 16, hidden = 32);
            case "W2_h128" -> Workloads.mlp(graph, d = 16, hidden = 128);
            case "W3_n100" -> Workloads.rosenbrock(graph, d = 100);
            default -> throw new IllegalArgumentException(workload);
        };
        Energy energy = Energy.of(f);
        compiled = Compiler.compile(energy);
        interpreter = energy.interpreter();
        x = new Random(1).doubles(graph.layout().size(), -1, 1).toArray();
        g = new double[compiled.wrtLength()];
        work = new double[Math.max(k, hidden) + 1];
        double[] check = new double[g.length];
        double expected = handWritten();
        System.arraycopy(g, 0, check, 0, g.length);
        double actual = compiled();
        if (Math.abs(expected - actual) > 1e-9 * Math.max(1, Math.abs(expected))) {
            throw new IllegalStateException(workload + ": hand-written " + expected + " vs compiled " + actual);
        }
        for (int i = 0; i < g.length; i++) {
            if (Math.abs(check[i] - g[i]) > 1e-9 * Math.max(1, Math.abs(g[i]))) {
                throw new IllegalStateException(workload + ": gradient " + i + " differs");
            }
        }
    }

    @Benchmark
    public double compiled() {
        return compiled.valueAndGradient(x, g);
    }

    @Benchmark
    public double interpreter() {
        return interpreter.valueAndGradient(x, g);
    }

    @Benchmark
    public double handWritten() {
        return switch (workload.charAt(1)) {
            case '1' -> HandWritten.kmeans(x, g, k, d, 1.0, work);
            case '2' -> HandWritten.mlp(x, g, d, hidden, work);
            default -> HandWritten.rosenbrock(x, g);
        };
    }

    @Benchmark
    public double derivativeStructure() {
        return switch (workload.charAt(1)) {
            case '1' -> Forward.kmeans(x, g, k, d, 1.0);
            case '2' -> Forward.mlp(x, g, d, hidden);
            default -> Forward.rosenbrock(x, g);
        };
    }
}
