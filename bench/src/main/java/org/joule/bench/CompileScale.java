package org.joule.bench;

import org.joule.compiler.Compiler;
import org.joule.graph.Energy;
import org.joule.graph.EnergyPrograms;
import org.joule.graph.Graph;
import org.joule.graph.Node;
import org.joule.graph.testing.Workloads;
import org.joule.runtime.CompiledEnergy;

/**
 * Measures the cheap-gradient ratio of the design energies (weighted cost of value and
 * gradient, see {@code Op.cost}), then how differentiation and compilation scale with graph
 * size (wall-clock, one run each after a warm-up, so treat the numbers as rough): for graphs
 * of 10^4 to 10^6 nodes it prints the time to build, to differentiate (gradient and
 * Hessian-vector product), to compile to hidden classes, and the gradient-to-value ratio.
 *
 * <pre>java -cp bench/target/benchmarks.jar org.joule.bench.CompileScale</pre>
 */
public final class CompileScale {
    private CompileScale() {
    }

    static Node wide(Graph g, int terms, int n) {
        return Workloads.wide(g, terms, n);
    }

    public static void main(String[] args) {
        System.out.printf("%-22s %12s %15s %7s%n", "energy", "value cost", "gradient cost", "ratio");
        ratio("kmeans soft k16 d2", g -> Workloads.kmeansSoftMin(g, 16, 2, 1));
        ratio("kmeans soft k64 d16", g -> Workloads.kmeansSoftMin(g, 64, 16, 1));
        ratio("kmeans hard k16 d2", g -> Workloads.kmeansHardMin(g, 16, 2));
        ratio("mlp 16x32", g -> Workloads.mlp(g, 16, 32));
        ratio("mlp 16x128", g -> Workloads.mlp(g, 16, 128));
        ratio("rosenbrock 100", g -> Workloads.rosenbrock(g, 100));
        ratio("sparse coding 8x16", g -> Workloads.sparseCoding(g, 8, 16, 0.1));
        ratio("autoencoder 4x8", g -> Workloads.autoencoder(g, 4, 8));
        System.out.println();
        run(2_500, false);
        System.out.printf("%10s %12s %10s %12s %11s %16s%n", "nodes", "instructions", "build ms", "derive ms",
                "compile ms", "grad/value cost");
        for (int terms : new int[] {2_500, 25_000, 250_000}) {
            run(terms, true);
        }
    }

    /** Weighted cost (Op.cost) of the value program and of the value-and-gradient program. */
    private static void ratio(String name, java.util.function.Function<Graph, Node> build) {
        EnergyPrograms p = EnergyPrograms.of(Energy.of(build.apply(new Graph())));
        System.out.printf("%-22s %12.0f %15.0f %6.2fx%n", name, p.value().cost(), p.gradient().cost(),
                p.gradient().cost() / p.value().cost());
    }

    private static void run(int terms, boolean print) {
        long t0 = System.nanoTime();
        Graph g = new Graph();
        Node f = wide(g, terms, Math.min(1000, terms));
        int nodes = g.size();
        long t1 = System.nanoTime();
        EnergyPrograms programs = EnergyPrograms.of(Energy.of(f));
        long t2 = System.nanoTime();
        CompiledEnergy compiled = Compiler.compile(programs);
        long t3 = System.nanoTime();
        double ratio = programs.gradient().cost() / programs.value().cost();
        int instructions = programs.value().size() + programs.gradient().size() + programs.hessianVectorProduct().size();
        double[] x = new double[compiled.layout().size()];
        compiled.valueAndGradient(x, new double[compiled.wrtLength()]);
        if (print) {
            System.out.printf("%10d %12d %10.0f %12.0f %11.0f %15.2fx%n", nodes, instructions, (t1 - t0) / 1e6,
                    (t2 - t1) / 1e6, (t3 - t2) / 1e6, ratio);
        }
    }
}
