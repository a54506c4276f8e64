package org.joule.runtime.optimize;

/**
 * Limited-memory BFGS (Nocedal &amp; Wright, Numerical Optimization, 2nd ed., Alg. 7.4 two-loop
 * recursion and Alg. 7.5), with the strong-Wolfe line search of Alg. 3.5/3.6. The direction is
 * d = -H g, where H applies the last m pairs s = x_(k+1) - x_k, y = g_(k+1) - g_k to the initial
 * matrix gamma I, gamma = s'y / y'y of the newest pair (N&amp;W eq. 7.20). The line search
 * first tries the step 1; at the first iteration, where H is the identity, it tries
 * min(1, 1/||g||_inf). A pair with s'y &lt;= 0 (possible only through rounding, since the
 * strong Wolfe conditions imply s'y &gt; 0) is skipped, and a direction that is not a descent
 * direction is replaced by -g with the memory cleared.
 *
 * <p>With a line search exact enough (small c2) L-BFGS finds the minimiser of a strictly convex
 * quadratic in n dimensions in about n iterations, as conjugate gradients do.
 */
public final class Lbfgs extends Optimizer {
    private static final int MAX_LINE_SEARCH_TRIALS = 40;

    private final int memory;
    private final double c1;
    private final double c2;

    /** L-BFGS with memory 10 and the line search constants c1 = 1e-4, c2 = 0.9 (N&amp;W p. 142). */
    public Lbfgs() {
        this(10, 1e-4, 0.9);
    }

    /**
     * L-BFGS with every constant given.
     *
     * @param memory the number m of (s, y) pairs kept, 1 or more (N&amp;W suggest 3 to 20)
     * @param c1     the sufficient decrease constant, 0 &lt; c1 &lt; c2
     * @param c2     the curvature constant, c1 &lt; c2 &lt; 1; smaller makes the line search more exact
     */
    public Lbfgs(int memory, double c1, double c2) {
        if (memory < 1) {
            throw new IllegalArgumentException("memory is " + memory + "; expected 1 or more");
        }
        if (!(c1 > 0 && c1 < c2 && c2 < 1)) {
            throw new IllegalArgumentException("c1 = " + c1 + ", c2 = " + c2 + "; expected 0 < c1 < c2 < 1");
        }
        this.memory = memory;
        this.c1 = c1;
        this.c2 = c2;
    }

    @Override
    Step newStep(int dimension) {
        return new LbfgsStep(dimension);
    }

    /** The memory of pairs in a ring, and the two-loop recursion over it. */
    private final class LbfgsStep implements Step {
        private final double[][] s = new double[memory][];
        private final double[][] y = new double[memory][];
        private final double[] rho = new double[memory];
        private final double[] alpha = new double[memory];
        private final double[] direction;
        private final double[] previousU;
        private final double[] previousG;
        private final StrongWolfe lineSearch;
        private int pairs;
        private int newest = -1;

        LbfgsStep(int n) {
            for (int i = 0; i < memory; i++) {
                s[i] = new double[n];
                y[i] = new double[n];
            }
            direction = new double[n];
            previousU = new double[n];
            previousG = new double[n];
            lineSearch = new StrongWolfe(c1, c2, MAX_LINE_SEARCH_TRIALS, n);
        }

        @Override
        public void advance(Iterate it, Objective f) {
            twoLoop(it.gradient);
            if (!(Vectors.dot(direction, it.gradient) < 0)) {
                pairs = 0;
                twoLoop(it.gradient);
            }
            double initialStep = pairs == 0 ? Math.min(1, 1 / Vectors.normInf(it.gradient)) : 1;
            Vectors.copy(it.u, previousU);
            Vectors.copy(it.gradient, previousG);
            lineSearch.search(it, direction, initialStep, f);
            remember(it);
        }

        /** direction = -H g (N&amp;W Alg. 7.4); -g when the memory is empty. */
        private void twoLoop(double[] g) {
            double[] q = direction;
            for (int i = 0; i < q.length; i++) {
                q[i] = -g[i];
            }
            for (int j = 0; j < pairs; j++) {
                int i = slot(j);
                alpha[i] = rho[i] * Vectors.dot(s[i], q);
                Vectors.sum(q, -alpha[i], y[i], q);
            }
            if (pairs > 0) {
                double gamma = 1 / (rho[newest] * Vectors.dot(y[newest], y[newest]));
                for (int i = 0; i < q.length; i++) {
                    q[i] *= gamma;
                }
            }
            for (int j = pairs - 1; j >= 0; j--) {
                int i = slot(j);
                double beta = rho[i] * Vectors.dot(y[i], q);
                Vectors.sum(q, alpha[i] - beta, s[i], q);
            }
        }

        /** The ring slot of the pair {@code age} iterations old (0 = newest). */
        private int slot(int age) {
            return Math.floorMod(newest - age, memory);
        }

        private void remember(Iterate it) {
            int next = (newest + 1) % memory;
            double sy = 0;
            for (int i = 0; i < previousU.length; i++) {
                s[next][i] = it.u[i] - previousU[i];
                y[next][i] = it.gradient[i] - previousG[i];
                sy += s[next][i] * y[next][i];
            }
            if (sy > 0 && Double.isFinite(sy)) {
                rho[next] = 1 / sy;
                newest = next;
                pairs = Math.min(pairs + 1, memory);
            } else {
                pairs = Math.min(pairs, memory - 1); // slot next held the oldest pair
            }
        }
    }
}
