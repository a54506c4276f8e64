package org.joule.compiler.training;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.joule.compiler.Compiler;
import org.joule.graph.Energy;
import org.joule.graph.Graph;
import org.joule.graph.Node;
import org.joule.runtime.EnergyFunction;
import org.joule.runtime.Role;
import org.joule.runtime.training.ContrastiveDivergence;
import org.joule.runtime.training.DenoisingAutoencoder;
import org.joule.runtime.training.NegativePhase;
import org.joule.runtime.training.ParameterUpdate;
import org.joule.runtime.training.TrainingListener;
import org.joule.runtime.training.TrainingPlan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Bad input to the trainers is an IllegalArgumentException naming the culprit. */
class BadInputTest {

    private static void assertNames(String culprit, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(culprit), culprit + " not in: " + e.getMessage());
    }

    @Test
    void contrastiveDivergenceNamesTheCulprit() {
        TrainingEnergies.Views v = TrainingEnergies.twoWells();
        NegativePhase ok = NegativePhase.cd(1, 0.1);
        assertNames("beta", () -> ok.withBeta(0));
        assertNames("beta", () -> ok.withBeta(-1));
        assertNames("stepSize", () -> NegativePhase.cd(1, 0));
        assertNames("stepSize", () -> NegativePhase.pcd(1, Double.NaN));
        assertNames("k is 0", () -> NegativePhase.cd(0, 0.1));
        assertNames("learningRate", () -> ParameterUpdate.adam(0));
        assertNames("learningRate", () -> ParameterUpdate.sgd(-1));
        assertNames("steps", () -> TrainingPlan.of(0, 1, ParameterUpdate.sgd(1)));
        assertNames("batchSize", () -> TrainingPlan.of(1, 0, ParameterUpdate.sgd(1)));
        assertNames("threads", () -> TrainingPlan.of(1, 1, ParameterUpdate.sgd(1)).withThreads(0));
        assertNames("regularization", () -> new ContrastiveDivergence(v.inData(), v.inParameters(), ok, -1));
        // the views swapped: the data view differentiates in W
        assertNames("inData must differentiate in exactly the DATA coordinates [y]",
                () -> new ContrastiveDivergence(v.inParameters(), v.inData(), ok, 0));
        assertNames("inParameters differentiates in the data coordinate 'y'",
                () -> new ContrastiveDivergence(v.inData(), v.inData(), ok, 0));
        Graph g = new Graph();
        Node y = g.scalar("y", Role.DATA);
        Node w = g.scalar("w", Role.PARAMETER);
        EnergyFunction other = Compiler.compile(Energy.of(y.minus(w).square()).wrt(Role.PARAMETER));
        assertNames("layout mismatch", () -> new ContrastiveDivergence(v.inData(), other, ok, 0));

        ContrastiveDivergence cd = new ContrastiveDivergence(v.inData(), v.inParameters(), ok, 0);
        TrainingPlan plan = TrainingPlan.of(1, 1, ParameterUpdate.sgd(0.1));
        double[] start = TrainingEnergies.twoWellsStart(v.inData());
        assertNames("start has length 2", () -> cd.train(new double[2], new double[] {1}, plan, TrainingListener.NONE));
        double[] nanStart = start.clone();
        nanStart[v.inData().layout().indexOf("s")] = Double.NaN;
        assertNames("start coordinate 's'", () -> cd.train(nanStart, new double[] {1}, plan, TrainingListener.NONE));
        assertNames("data has length 0", () -> cd.train(start, new double[0], plan, TrainingListener.NONE));
        assertNames("data row 1", () -> cd.train(start, new double[] {1, Double.NaN}, plan, TrainingListener.NONE));
        assertNames("plan", () -> cd.train(start, new double[] {1}, null, TrainingListener.NONE));
    }

    @Test
    void wrongDataDimensionIsNamed() {
        EnergyFunction loss = TrainingEnergies.autoencoderLoss(2);
        DenoisingAutoencoder dae = new DenoisingAutoencoder(loss, "yt", "y", 0.1);
        TrainingPlan plan = TrainingPlan.of(1, 1, ParameterUpdate.sgd(0.1));
        double[] start = new double[loss.layout().size()];
        assertNames("data dimension 2", () -> dae.train(start, new double[3], plan, TrainingListener.NONE));
        assertNames("noise", () -> new DenoisingAutoencoder(loss, "yt", "y", 0));
        assertNames("'A' has role PARAMETER", () -> new DenoisingAutoencoder(loss, "A", "y", 0.1));
        assertNames("unknown variable 'z'", () -> new DenoisingAutoencoder(loss, "z", "y", 0.1));
        assertNames("same variable", () -> new DenoisingAutoencoder(loss, "y", "y", 0.1));
        assertNames("y has length 3", () -> dae.reconstructionEnergy(start, new double[3]));
    }
}
