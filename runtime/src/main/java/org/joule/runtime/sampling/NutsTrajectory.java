package org.joule.runtime.sampling;

import java.util.SplittableRandom;

/**
 * One transition of the No-U-Turn Sampler as Stan's {@code base_nuts} does it: the trajectory
 * doubles in a random direction until the generalised U-turn criterion (Betancourt 2017,
 * §A.4.2) fails across the whole trajectory or across the boundary between its two halves, a
 * subtree diverges or the maximum depth is reached; the next state is drawn from the trajectory
 * with probabilities proportional to exp(−H) (multinomial sampling), biased towards the newest
 * subtree at the top level (Betancourt 2017, §A.3.2).
 *
 * <p>All scratch is allocated here, once per chain: the recursion uses one set of arrays per
 * depth, so building a tree allocates nothing.
 */
final class NutsTrajectory extends Transition {
    private final Hamiltonian hamiltonian;
    private final int maxDepth;
    private final int n;

    /** The integrator's moving state (Stan's z_). */
    private final Point z;
    private final Point forward;
    private final Point backward;
    private final Point propose;

    private final double[] pFwdFwd;
    private final double[] pSharpFwdFwd;
    private final double[] pFwdBck;
    private final double[] pSharpFwdBck;
    private final double[] pBckFwd;
    private final double[] pSharpBckFwd;
    private final double[] pBckBck;
    private final double[] pSharpBckBck;
    private final double[] rho;
    private final double[] rhoFwd;
    private final double[] rhoBck;
    private final double[] scratch;

    /** Per recursion depth d (1 .. maxDepth - 1): the arrays of build_tree's general case. */
    private final double[][] pInitEnd;
    private final double[][] pSharpInitEnd;
    private final double[][] rhoInit;
    private final double[][] pFinalBeg;
    private final double[][] pSharpFinalBeg;
    private final double[][] rhoFinal;
    private final Point[] proposeFinal;

    private double epsilon;
    private int leapfrogs;
    private double sumAcceptance;
    private int depth;

    NutsTrajectory(Hamiltonian hamiltonian, int maxDepth) {
        this.hamiltonian = hamiltonian;
        this.maxDepth = maxDepth;
        this.n = hamiltonian.dimension();
        z = new Point(n);
        forward = new Point(n);
        backward = new Point(n);
        propose = new Point(n);
        pFwdFwd = new double[n];
        pSharpFwdFwd = new double[n];
        pFwdBck = new double[n];
        pSharpFwdBck = new double[n];
        pBckFwd = new double[n];
        pSharpBckFwd = new double[n];
        pBckBck = new double[n];
        pSharpBckBck = new double[n];
        rho = new double[n];
        rhoFwd = new double[n];
        rhoBck = new double[n];
        scratch = new double[n];
        pInitEnd = new double[maxDepth][n];
        pSharpInitEnd = new double[maxDepth][n];
        rhoInit = new double[maxDepth][n];
        pFinalBeg = new double[maxDepth][n];
        pSharpFinalBeg = new double[maxDepth][n];
        rhoFinal = new double[maxDepth][n];
        proposeFinal = new Point[maxDepth];
        for (int d = 0; d < maxDepth; d++) {
            proposeFinal[d] = new Point(n);
        }
    }

    /** The depth of the last trajectory: it had 2^depth - 1 leapfrog steps or fewer. */
    int depth() {
        return depth;
    }

    @Override
    void next(Point current, double stepSize, SplittableRandom random) {
        z.copyPositionFrom(current);
        hamiltonian.sampleMomentum(z.p, random);
        forward.copyFrom(z);
        backward.copyFrom(z);
        propose.copyPositionFrom(z);
        copy(z.p, pFwdFwd);
        hamiltonian.velocity(z.p, pSharpFwdFwd);
        copy(z.p, pFwdBck);
        copy(pSharpFwdFwd, pSharpFwdBck);
        copy(z.p, pBckFwd);
        copy(pSharpFwdFwd, pSharpBckFwd);
        copy(z.p, pBckBck);
        copy(pSharpFwdFwd, pSharpBckBck);
        copy(z.p, rho);

        double logSumWeight = 0;
        double h0 = hamiltonian.hamiltonian(z);
        leapfrogs = 0;
        sumAcceptance = 0;
        depth = 0;
        divergent = false;
        saturated = false;
        boolean uTurn = false;
        while (depth < maxDepth) {
            java.util.Arrays.fill(rhoFwd, 0);
            java.util.Arrays.fill(rhoBck, 0);
            double lswSubtree;
            if (random.nextDouble() > 0.5) {
                z.copyFrom(forward);
                // the old trajectory becomes the backward half; its forward end is the old forward end
                copy(rho, rhoBck);
                copy(pFwdFwd, pBckFwd);
                copy(pSharpFwdFwd, pSharpBckFwd);
                epsilon = Math.abs(stepSize);
                lswSubtree = buildTree(depth, propose, pSharpFwdBck, pSharpFwdFwd, rhoFwd, pFwdBck, pFwdFwd, h0,
                        random);
                forward.copyFrom(z);
            } else {
                z.copyFrom(backward);
                copy(rho, rhoFwd);
                copy(pBckBck, pFwdBck);
                copy(pSharpBckBck, pSharpFwdBck);
                epsilon = -Math.abs(stepSize);
                lswSubtree = buildTree(depth, propose, pSharpBckFwd, pSharpBckBck, rhoBck, pBckFwd, pBckBck, h0,
                        random);
                backward.copyFrom(z);
            }
            if (Double.isNaN(lswSubtree)) {
                break;
            }
            depth++;
            if (lswSubtree > logSumWeight || random.nextDouble() < Math.exp(lswSubtree - logSumWeight)) {
                current.copyPositionFrom(propose);
            }
            logSumWeight = logSumExp(logSumWeight, lswSubtree);
            for (int k = 0; k < n; k++) {
                rho[k] = rhoBck[k] + rhoFwd[k];
            }
            boolean persist = criterion(pSharpBckBck, pSharpFwdFwd, rho);
            for (int k = 0; k < n; k++) {
                scratch[k] = rhoBck[k] + pFwdBck[k];
            }
            persist &= criterion(pSharpBckBck, pSharpFwdBck, scratch);
            for (int k = 0; k < n; k++) {
                scratch[k] = rhoFwd[k] + pBckFwd[k];
            }
            persist &= criterion(pSharpBckFwd, pSharpFwdFwd, scratch);
            if (!persist) {
                uTurn = true;
                break;
            }
        }
        saturated = depth == maxDepth && !uTurn && !divergent;
        acceptance = leapfrogs == 0 ? 0 : sumAcceptance / leapfrogs;
    }

    /**
     * Stan's build_tree: extends z by 2^d leapfrog steps of size {@link #epsilon}, writing the
     * subtree's proposal, its end momenta and velocities, and adding its summed momentum to
     * {@code rhoOut}.
     *
     * @return the log of the subtree's summed weights exp(H0 − H), or NaN when the subtree
     *     diverged or made a U-turn inside (a NaN rather than a flag, so nothing is allocated)
     */
    private double buildTree(int d, Point proposeOut, double[] pSharpBeg, double[] pSharpEnd, double[] rhoOut,
            double[] pBeg, double[] pEnd, double h0, SplittableRandom random) {
        if (d == 0) {
            return leaf(proposeOut, pSharpBeg, pSharpEnd, rhoOut, pBeg, pEnd, h0);
        }
        double[] rInit = rhoInit[d];
        java.util.Arrays.fill(rInit, 0);
        double lswInit = buildTree(d - 1, proposeOut, pSharpBeg, pSharpInitEnd[d], rInit, pBeg, pInitEnd[d], h0,
                random);
        if (Double.isNaN(lswInit)) {
            return Double.NaN;
        }
        Point finalProposal = proposeFinal[d];
        finalProposal.copyPositionFrom(z);
        double[] rFinal = rhoFinal[d];
        java.util.Arrays.fill(rFinal, 0);
        double lswFinal = buildTree(d - 1, finalProposal, pSharpFinalBeg[d], pSharpEnd, rFinal, pFinalBeg[d], pEnd,
                h0, random);
        if (Double.isNaN(lswFinal)) {
            return Double.NaN;
        }
        double lswSubtree = logSumExp(lswInit, lswFinal);
        if (lswFinal > lswSubtree || random.nextDouble() < Math.exp(lswFinal - lswSubtree)) {
            proposeOut.copyPositionFrom(finalProposal);
        }
        for (int k = 0; k < n; k++) {
            scratch[k] = rInit[k] + rFinal[k];
            rhoOut[k] += scratch[k];
        }
        boolean persist = criterion(pSharpBeg, pSharpEnd, scratch);
        for (int k = 0; k < n; k++) {
            scratch[k] = rInit[k] + pFinalBeg[d][k];
        }
        persist &= criterion(pSharpBeg, pSharpFinalBeg[d], scratch);
        for (int k = 0; k < n; k++) {
            scratch[k] = rFinal[k] + pInitEnd[d][k];
        }
        persist &= criterion(pSharpInitEnd[d], pSharpEnd, scratch);
        return persist ? lswSubtree : Double.NaN;
    }

    /** build_tree's base case: one leapfrog step; its log weight H0 − H, or NaN on a divergence. */
    private double leaf(Point proposeOut, double[] pSharpBeg, double[] pSharpEnd, double[] rhoOut, double[] pBeg,
            double[] pEnd, double h0) {
        hamiltonian.leapfrog(z, epsilon);
        leapfrogs++;
        double h = hamiltonian.hamiltonian(z);
        if (!(h - h0 <= Hamiltonian.MAX_ENERGY_ERROR)) {
            divergent = true;
            return Double.NaN;
        }
        sumAcceptance += h0 - h > 0 ? 1 : Math.exp(h0 - h);
        proposeOut.copyPositionFrom(z);
        hamiltonian.velocity(z.p, pSharpBeg);
        copy(pSharpBeg, pSharpEnd);
        for (int k = 0; k < n; k++) {
            rhoOut[k] += z.p[k];
        }
        copy(z.p, pBeg);
        copy(z.p, pEnd);
        return h0 - h;
    }

    /** The generalised U-turn criterion: both end velocities point along the summed momentum. */
    private static boolean criterion(double[] pSharpMinus, double[] pSharpPlus, double[] rho) {
        return dot(pSharpPlus, rho) > 0 && dot(pSharpMinus, rho) > 0;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            s += a[k] * b[k];
        }
        return s;
    }

    private static void copy(double[] from, double[] to) {
        System.arraycopy(from, 0, to, 0, from.length);
    }

    static double logSumExp(double a, double b) {
        if (a == Double.NEGATIVE_INFINITY) {
            return b;
        }
        if (b == Double.NEGATIVE_INFINITY) {
            return a;
        }
        double m = Math.max(a, b);
        return m + Math.log1p(Math.exp(-Math.abs(a - b)));
    }
}
