package org.joule.runtime.sampling;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Bad input is an IllegalArgumentException naming the culprit, before any sampling. */
class BadInputTest {
    private final Gaussian g = Gaussian.correlated();
    private final double[] start = g.point(new double[10]);

    @Test
    void planComponentsOutOfRange() {
        assertNames("beta", () -> SamplingPlan.defaults().withBeta(0));
        assertNames("beta", () -> SamplingPlan.defaults().withBeta(-1));
        assertNames("beta", () -> SamplingPlan.defaults().withBeta(Double.NaN));
        assertNames("beta", () -> SamplingPlan.defaults().withBeta(Double.POSITIVE_INFINITY));
        assertNames("chains", () -> SamplingPlan.defaults().withChains(0));
        assertNames("draws", () -> SamplingPlan.defaults().withDraws(0));
        assertNames("warmup", () -> SamplingPlan.defaults().withWarmup(-1));
    }

    @Test
    void samplerSettingsOutOfRange() {
        assertNames("stepSize", () -> new Langevin(0));
        assertNames("stepSize", () -> new Mala(-0.1, Adaptation.none()));
        assertNames("stepSize", () -> new Hmc(Double.NaN, 10, 0, Adaptation.none()));
        assertNames("stepSize", () -> new Nuts(Double.POSITIVE_INFINITY, 10, Adaptation.none()));
        assertNames("leapfrogSteps", () -> new Hmc(0));
        assertNames("jitter", () -> new Hmc(0.1, 10, 1, Adaptation.none()));
        assertNames("maxTreeDepth", () -> new Nuts(0.1, 0, Adaptation.none()));
        assertNames("targetAcceptance", () -> Adaptation.full(1));
        assertNames("adaptation", () -> new Nuts(0.1, 10, null));
    }

    @Test
    void startOfTheWrongLengthOrNotFinite() {
        assertNames("start has length 3", () -> new Nuts().sample(g, new double[3], SamplingPlan.defaults()));
        assertNames("start is null", () -> new Nuts().sample(g, null, SamplingPlan.defaults()));
        double[] nan = start.clone();
        nan[4] = Double.NaN;
        assertNames("start coordinate 'y[3]' is NaN", () -> new Nuts().sample(g, nan, SamplingPlan.defaults()));
        double[] inf = start.clone();
        inf[0] = Double.POSITIVE_INFINITY;
        assertNames("start coordinate 'a'", () -> new Nuts().sample(g, inf, SamplingPlan.defaults()));
    }

    @Test
    void nonFiniteEnergyAtTheStart() {
        double[] far = start.clone();
        far[1] = 1e300;
        assertNames("energy at the start", () -> new Nuts().sample(g, far, SamplingPlan.defaults()));
        double[] huge = start.clone();
        huge[1] = 1e150; // finite energy 1e300-ish times beta overflows
        assertNames("energy at the start", () -> new Mala().sample(g, huge, SamplingPlan.defaults().withBeta(1e10)));
    }

    @Test
    void nullArguments() {
        assertNames("energy is null", () -> new Nuts().sample(null, start, SamplingPlan.defaults()));
        assertNames("plan is null", () -> new Nuts().sample(g, start, null));
        assertNames("executor is null", () -> new Nuts().sample(g, start, SamplingPlan.defaults(), null,
                SamplingListener.NONE));
    }

    private static void assertNames(String culprit, Executable e) {
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, e::execute);
        assertTrue(x.getMessage().contains(culprit), "message '" + x.getMessage() + "' should name " + culprit);
    }

    /** JUnit 5's Executable without the extra dependency. */
    @FunctionalInterface
    private interface Executable {
        void execute() throws Throwable;
    }
}
