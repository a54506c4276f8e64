package org.joule.runtime.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Settings out of range name their component; the update rules move against the gradient. */
class TrainingSettingsTest {

    private static void assertNames(String culprit, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(culprit), culprit + " not in: " + e.getMessage());
    }

    @Test
    void outOfRangeSettingsAreNamed() {
        assertNames("beta", () -> new NegativePhase(1, 0.1, 0, false, false));
        assertNames("beta", () -> new NegativePhase(1, 0.1, Double.POSITIVE_INFINITY, false, false));
        assertNames("stepSize", () -> new NegativePhase(1, -0.1, 1, false, false));
        assertNames("k", () -> new NegativePhase(0, 0.1, 1, false, true));
        assertNames("beta1", () -> new ParameterUpdate.Adam(0.1, 1, 0.9, 1e-8));
        assertNames("epsilon", () -> new ParameterUpdate.Adam(0.1, 0.9, 0.9, 0));
        assertNames("update", () -> new TrainingPlan(1, 1, null, 1, 1));
    }

    @Test
    void updatesMoveAgainstTheGradient() {
        double[] w = {1, 1};
        ParameterUpdate.sgd(0.5).newRule(2).apply(w, new double[] {2, -2});
        assertArrayEquals(new double[] {0, 2}, w);
        // Adam's first step is a (sign of g) up to eps: the bias corrections cancel
        double[] v = {1, 1};
        ParameterUpdate.adam(0.1).newRule(2).apply(v, new double[] {3, -1e-3});
        assertArrayEquals(new double[] {0.9, 1.1}, v, 1e-5);
    }
}
