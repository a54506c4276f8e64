package org.joule.compiler.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.joule.runtime.EnergyFunction;
import org.joule.runtime.training.DenoisingAutoencoder;
import org.joule.runtime.training.ParameterUpdate;
import org.joule.runtime.training.TrainingListener;
import org.joule.runtime.training.TrainingPlan;
import org.joule.runtime.training.TrainingResult;
import org.junit.jupiter.api.Test;

/**
 * The denoising autoencoder on a spiral (radius 1 to 4, arms 2 apart): after training, the
 * reconstruction energy ‖g(y) − y‖² is lower on the data than 0.5 away from it.
 */
class DenoisingAutoencoderTest {
    private static final int HIDDEN = 32;

    private static double[] start(EnergyFunction f, long seed) {
        Random r = new Random(seed);
        double[] x = new double[f.layout().size()];
        for (int j = 0; j < f.wrtLength(); j++) {
            x[f.wrt(j)] = 0.5 * r.nextGaussian();
        }
        return x;
    }

    /**
     * Mean energy on 400 fresh spiral points versus at the same points moved 0.5 along the
     * spiral's normal (both sides) and in a random direction. A perfect denoiser maps a point
     * 0.5 off along the normal to the curve, energy ≈ 0.25 (0.125 on average in a random
     * direction, which moves 0.5 |cos φ| off the curve), and a point on it to itself, energy 0;
     * trained with σ = 0.5 it shrinks towards the arms' centre line, so the energy on the data is
     * not 0. The test asks for the data's mean energy below half of each displaced mean.
     */
    @Test
    void reconstructionEnergyIsLowerOnTheSpiralThanHalfAUnitAway() {
        EnergyFunction loss = TrainingEnergies.autoencoderLoss(HIDDEN);
        DenoisingAutoencoder dae = new DenoisingAutoencoder(loss, "yt", "y", 0.5);
        double[] data = TrainingEnergies.spiral(2000, new Random(5));
        TrainingResult r = dae.train(start(loss, 6), data, TrainingPlan.of(4000, 64, ParameterUpdate.adam(0.01)),
                TrainingListener.NONE);
        double[] x = r.x();
        Random test = new Random(7);
        int n = 400;
        double on = 0;
        double outside = 0;
        double inside = 0;
        double random = 0;
        for (int i = 0; i < n; i++) {
            double t = Math.PI + 3 * Math.PI * test.nextDouble();
            double u = t / Math.PI * Math.cos(t);
            double v = t / Math.PI * Math.sin(t);
            // tangent of (t cos t, t sin t)/π is (cos t − t sin t, sin t + t cos t)/π
            double du = Math.cos(t) - t * Math.sin(t);
            double dv = Math.sin(t) + t * Math.cos(t);
            double len = Math.hypot(du, dv);
            double nu = dv / len;
            double nv = -du / len;
            double phi = 2 * Math.PI * test.nextDouble();
            on += dae.reconstructionEnergy(x, new double[] {u, v}) / n;
            outside += dae.reconstructionEnergy(x, new double[] {u + 0.5 * nu, v + 0.5 * nv}) / n;
            inside += dae.reconstructionEnergy(x, new double[] {u - 0.5 * nu, v - 0.5 * nv}) / n;
            random += dae.reconstructionEnergy(x, new double[] {u + 0.5 * Math.cos(phi), v + 0.5 * Math.sin(phi)}) / n;
        }
        System.out.printf("DAE: energy on data %.4f, 0.5 off along +normal %.4f, -normal %.4f, random %.4f; "
                + "loss first %.4f last %.4f%n", on, outside, inside, random, r.losses()[0], r.losses()[r.steps() - 1]);
        assertTrue(on < outside / 2, "on " + on + " vs outside " + outside);
        assertTrue(on < inside / 2, "on " + on + " vs inside " + inside);
        assertTrue(on < random / 2, "on " + on + " vs random " + random);
    }

    @Test
    void sameBitsOnOneAndTwoThreads() {
        EnergyFunction loss = TrainingEnergies.autoencoderLoss(8);
        DenoisingAutoencoder dae = new DenoisingAutoencoder(loss, "yt", "y", 0.3);
        double[] data = TrainingEnergies.spiral(500, new Random(5));
        TrainingPlan plan = TrainingPlan.of(30, 400, ParameterUpdate.adam(0.01)).withSeed(2);
        TrainingResult one = dae.train(start(loss, 1), data, plan, TrainingListener.NONE);
        TrainingResult two = dae.train(start(loss, 1), data, plan.withThreads(2), TrainingListener.NONE);
        assertArrayEquals(one.x(), two.x());
        assertArrayEquals(one.losses(), two.losses());
    }
}
