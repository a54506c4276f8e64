package org.joule.bench;

import java.util.ArrayList;
import java.util.List;
import org.joule.graph.Energy;
import org.joule.graph.Graph;
import org.joule.graph.Joule;
import org.joule.graph.Node;
import org.joule.graph.Tensor;
import org.joule.runtime.Role;

/**
 * Wall-clock time to build and to differentiate a soft-min over k latent configurations,
 * F(y; W) = softMin_1(‖y − w_1‖², ..., ‖y − w_k‖²) with y in R² and W k × 2, the gradient
 * taken with respect to W (soundness issue: "a soft-min over 100,000 latent configurations
 * builds and differentiates in well under a second"). Each round builds a fresh graph; the
 * first rounds include JIT warm-up. Prints the node counts so that linear growth shows.
 *
 * <pre>java -cp bench/target/benchmarks.jar org.joule.bench.SoftMinScale [k [rounds]]</pre>
 */
public final class SoftMinScale {
    private SoftMinScale() {
    }

    /**
     * Runs the measurement.
     *
     * @param args k (default 100,000) and the number of rounds (default 6)
     */
    public static void main(String[] args) {
        int k = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 6;
        for (int round = 0; round < rounds; round++) {
            long t0 = System.nanoTime();
            Graph g = new Graph();
            Tensor y = g.vector("y", 2, Role.DATA);
            Tensor w = g.matrix("W", k, 2, Role.PARAMETER);
            List<Node> d = new ArrayList<>(k);
            for (int i = 0; i < k; i++) {
                d.add(y.minus(w.row(i)).squaredNorm());
            }
            Node f = Joule.softMin(1.0, d);
            long t1 = System.nanoTime();
            int built = g.size();
            Node[] gradient = Energy.of(f).wrt(Role.PARAMETER).gradient();
            long t2 = System.nanoTime();
            System.out.printf("k=%d round %d: build %.0f ms (%d nodes), gradient %.0f ms (%d entries, %d nodes)%n",
                    k, round, (t1 - t0) / 1e6, built, (t2 - t1) / 1e6, gradient.length, g.size());
        }
    }
}
