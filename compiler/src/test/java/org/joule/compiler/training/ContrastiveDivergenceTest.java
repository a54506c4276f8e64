package org.joule.compiler.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.joule.runtime.training.ContrastiveDivergence;
import org.joule.runtime.training.NegativePhase;
import org.joule.runtime.training.ParameterUpdate;
import org.joule.runtime.training.TrainingListener;
import org.joule.runtime.training.TrainingPlan;
import org.joule.runtime.training.TrainingResult;
import org.junit.jupiter.api.Test;

/**
 * CD-k and PCD on a one-dimensional mixture of two Gaussians (modes ±2, sd 0.5): the trained
 * energy's minima, found on a grid of step 0.001, lie within 0.1 of the modes.
 *
 * <p>Tolerance: the maximum-likelihood μ are the means of the two halves of 2000 points, within
 * 0.5/√1000 ≈ 0.016 (one sd) of ±2; the unadjusted Langevin step ε = 0.1 biases the negative
 * samples' variance by O(ε²) (≈ 1% at a = 2), which moves a, not μ; Adam's last phase with
 * a = 0.002 leaves a jitter of a few times 0.002. 0.1 is several times the sum. The energy is a
 * soft minimum of two wells with trainable centres and a trainable width a = exp(s): a quartic
 * polynomial Σ w_j y^j cannot pass, its maximum-likelihood minima are at ±2.21 for these data.
 */
class ContrastiveDivergenceTest {
    private static final double[] DATA = TrainingEnergies.mixture(2000, 11);

    /** Adam at 0.02, then the same phase again from there at 0.002 (a learning-rate drop). */
    private static double[] train(TrainingEnergies.Views v, NegativePhase negatives, int batch) {
        ContrastiveDivergence cd = new ContrastiveDivergence(v.inData(), v.inParameters(), negatives, 0);
        double[] x = TrainingEnergies.twoWellsStart(v.inData());
        x = cd.train(x, DATA, TrainingPlan.of(1500, batch, ParameterUpdate.adam(0.02)).withSeed(3),
                TrainingListener.NONE).x();
        return cd.train(x, DATA, TrainingPlan.of(1500, 2 * batch, ParameterUpdate.adam(0.002)).withSeed(4),
                TrainingListener.NONE).x();
    }

    private static void assertMinimaAtModes(String what, TrainingEnergies.Views v, double[] x) {
        double left = TrainingEnergies.gridMinimum(v.inData(), x, -4, 0);
        double right = TrainingEnergies.gridMinimum(v.inData(), x, 0, 4);
        double a = Math.exp(x[v.inData().layout().indexOf("s")]);
        System.out.printf("%s: minima %.4f %.4f, a = %.4f%n", what, left, right, a);
        assertEquals(-2, left, 0.1, what + " left minimum");
        assertEquals(2, right, 0.1, what + " right minimum");
        // the width needs the negative phase: without it a would fall through 0
        assertEquals(2, a, 0.5, what + " width a (1/(2 sd^2) = 2)");
    }

    @Test
    void cdPutsTheMinimaAtTheModes() {
        TrainingEnergies.Views v = TrainingEnergies.twoWells();
        assertMinimaAtModes("CD-10", v, train(v, NegativePhase.cd(10, 0.1), 64));
    }

    @Test
    void cdWithMalaStepsPutsTheMinimaAtTheModes() {
        TrainingEnergies.Views v = TrainingEnergies.twoWells();
        assertMinimaAtModes("CD-10 MALA", v,
                train(v, NegativePhase.cd(10, 0.2).withMetropolis(true), 64));
    }

    @Test
    void pcdPutsTheMinimaAtTheModes() {
        TrainingEnergies.Views v = TrainingEnergies.twoWells();
        // persistent chains move between updates only k steps, so their mean, which the centres
        // follow, fluctuates slowly: more chains (256, then 512) and k = 5 average it down
        assertMinimaAtModes("PCD-5", v, train(v, NegativePhase.pcd(5, 0.1), 256));
    }

    @Test
    void listenerSeesEveryStepAndCanStop() {
        TrainingEnergies.Views v = TrainingEnergies.twoWells();
        ContrastiveDivergence cd = new ContrastiveDivergence(v.inData(), v.inParameters(), NegativePhase.cd(1, 0.1), 0);
        int[] seen = {0};
        TrainingResult r = cd.train(TrainingEnergies.twoWellsStart(v.inData()), DATA,
                TrainingPlan.of(100, 8, ParameterUpdate.sgd(0.01)), (step, x, loss, norm) -> {
                    assertEquals(++seen[0], step);
                    assertTrue(Double.isFinite(loss) && norm >= 0);
                    return step < 7;
                });
        assertEquals(7, r.steps());
        assertEquals(7, r.losses().length);
    }

    /** Same seed, same bits on 1 and 2 threads: CD, MALA with the L2 regulariser, and PCD. */
    @Test
    void sameBitsOnOneAndTwoThreads() {
        TrainingEnergies.Views v = TrainingEnergies.twoWells();
        for (NegativePhase phase : new NegativePhase[] {NegativePhase.cd(5, 0.1),
                NegativePhase.cd(3, 0.3).withMetropolis(true).withBeta(0.7), NegativePhase.pcd(2, 0.1)}) {
            double alpha = phase.metropolis() ? 0.01 : 0;
            ContrastiveDivergence cd = new ContrastiveDivergence(v.inData(), v.inParameters(), phase, alpha);
            TrainingPlan plan = TrainingPlan.of(60, 300, ParameterUpdate.adam(0.02)).withSeed(9);
            double[] start = TrainingEnergies.twoWellsStart(v.inData());
            TrainingResult one = cd.train(start, DATA, plan, TrainingListener.NONE);
            TrainingResult two = cd.train(start, DATA, plan.withThreads(2), TrainingListener.NONE);
            assertArrayEquals(one.x(), two.x(), phase.toString());
            assertArrayEquals(one.losses(), two.losses(), phase.toString());
            assertArrayEquals(one.gradientNorms(), two.gradientNorms(), phase.toString());
            TrainingResult other = cd.train(start, DATA, plan.withSeed(10), TrainingListener.NONE);
            assertTrue(other.x()[0] != one.x()[0] || other.x()[1] != one.x()[1], "the seed matters");
        }
    }
}
