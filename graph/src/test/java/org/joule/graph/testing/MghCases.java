package org.joule.graph.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** The problem instances the MGH tests run on, and random points near a start. */
final class MghCases {
    private MghCases() {
    }

    /**
     * The 35 problems at their default dimensions, and again at other dimensions the paper
     * allows: the n and m it gives f* for, the smallest cases, and m larger than its default.
     */
    static List<MghProblem> instances() {
        List<MghProblem> all = new ArrayList<>(MoreGarbowHillstrom.all());
        int[][] others = {
            {6, 2, 12}, {11, 3, 100}, {11, 3, 10}, {12, 3, 20}, {16, 4, 25}, {18, 6, 20},
            {20, 2, 31}, {20, 9, 31}, {20, 12, 31}, {21, 2, 2}, {22, 4, 4}, {23, 1, 2}, {23, 4, 5}, {24, 1, 2},
            {24, 4, 8}, {25, 1, 3}, {25, 3, 5}, {26, 1, 1}, {26, 5, 5}, {27, 1, 1}, {27, 5, 5}, {28, 1, 1},
            {28, 3, 3}, {29, 1, 1}, {29, 3, 3}, {30, 1, 1}, {30, 4, 4}, {31, 1, 1}, {31, 8, 8}, {32, 1, 1},
            {32, 5, 7}, {33, 1, 1}, {33, 4, 6}, {34, 3, 3}, {34, 4, 9}, {35, 1, 1}, {35, 4, 6}, {35, 8, 8},
        };
        for (int[] c : others) {
            all.add(MoreGarbowHillstrom.problem(c[0], c[1], c[2]));
        }
        return all;
    }

    /**
     * Uniformly random points in the box x0_i +- spread max(1, |x0_i|): near the start, where
     * every problem is smooth (the helical valley's cut, x1 = 0 with x2 &lt; 0, and the Gulf
     * function's kinks, x2 = y_i &gt;= 25, are far from it).
     */
    static double[] near(double[] x0, double spread, SplittableRandom random) {
        double[] x = x0.clone();
        for (int i = 0; i < x.length; i++) {
            double r = spread * Math.max(1, Math.abs(x0[i]));
            x[i] += r * (2 * random.nextDouble() - 1);
        }
        return x;
    }

    /** The box of {@link #near}: lower bounds, then upper bounds. */
    static double[][] box(double[] x0, double spread) {
        double[] lo = new double[x0.length];
        double[] hi = new double[x0.length];
        for (int i = 0; i < x0.length; i++) {
            double r = spread * Math.max(1, Math.abs(x0[i]));
            lo[i] = x0[i] - r;
            hi[i] = x0[i] + r;
        }
        return new double[][] {lo, hi};
    }
}
