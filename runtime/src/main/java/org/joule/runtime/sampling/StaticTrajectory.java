package org.joule.runtime.sampling;

import java.util.SplittableRandom;

/**
 * Hamiltonian Monte Carlo with a fixed number of leapfrog steps and a Metropolis correction
 * (Neal 2011, §5.2.3), optionally with the step size jittered uniformly in ε (1 ± jitter)
 * (Neal 2011, §5.4.2.2). With one step this is MALA; without the correction it is the
 * unadjusted Langevin algorithm. A step whose energy error H − H0 exceeds
 * {@link Hamiltonian#MAX_ENERGY_ERROR} or is not finite ends the trajectory as a divergence
 * and is rejected.
 */
final class StaticTrajectory extends Transition {
    private final Hamiltonian hamiltonian;
    private final int steps;
    private final double jitter;
    private final boolean metropolis;
    private final Point proposal;

    StaticTrajectory(Hamiltonian hamiltonian, int steps, double jitter, boolean metropolis) {
        this.hamiltonian = hamiltonian;
        this.steps = steps;
        this.jitter = jitter;
        this.metropolis = metropolis;
        this.proposal = new Point(hamiltonian.dimension());
    }

    @Override
    void next(Point current, double epsilon, SplittableRandom random) {
        proposal.copyPositionFrom(current);
        hamiltonian.sampleMomentum(proposal.p, random);
        double h0 = hamiltonian.hamiltonian(proposal);
        double step = jitter == 0 ? epsilon : epsilon * (1 + jitter * (2 * random.nextDouble() - 1));
        double h = h0;
        divergent = false;
        for (int l = 0; l < steps && !divergent; l++) {
            hamiltonian.leapfrog(proposal, step);
            h = hamiltonian.hamiltonian(proposal);
            // unadjusted Langevin has no energy-error test: only a non-finite energy stops it
            divergent = metropolis ? !(h - h0 <= Hamiltonian.MAX_ENERGY_ERROR) : h == Double.POSITIVE_INFINITY;
        }
        if (divergent) {
            acceptance = 0;
            return;
        }
        acceptance = h0 - h >= 0 ? 1 : Math.exp(h0 - h);
        if (!metropolis || acceptance >= 1 || random.nextDouble() < acceptance) {
            current.copyPositionFrom(proposal);
        }
    }
}
