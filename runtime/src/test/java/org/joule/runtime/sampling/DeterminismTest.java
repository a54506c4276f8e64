package org.joule.runtime.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Same seed, same bits, whatever the thread count; no allocation per leapfrog step; fixed coordinates stay. */
class DeterminismTest {
    private static final SamplingPlan PLAN = SamplingPlan.defaults().withChains(4).withWarmup(200).withDraws(200)
            .withSeed(42);

    @Test
    void oneAndFourThreadsGiveTheSameBits() throws Exception {
        Gaussian g = Gaussian.correlated();
        for (Sampler s : new Sampler[] {new Nuts(), new Hmc(8), new Mala(), new Langevin(0.3)}) {
            SamplingResult one = run(s, g, 1);
            SamplingResult four = run(s, g, 4);
            SamplingResult common = s.sample(g, g.point(new double[10]), PLAN);
            for (int c = 0; c < PLAN.chains(); c++) {
                for (int d = 0; d < PLAN.draws(); d++) {
                    assertArrayEquals(one.chainDraws(c)[d], four.chainDraws(c)[d], s + ", chain " + c + ", draw " + d);
                    assertArrayEquals(one.chainDraws(c)[d], common.chainDraws(c)[d], s + ", chain " + c);
                }
                assertEquals(one.statistics(c), four.statistics(c));
            }
            assertTrue(!java.util.Arrays.equals(one.chainDraws(0)[PLAN.draws() - 1],
                    one.chainDraws(1)[PLAN.draws() - 1]), "chains have their own streams");
        }
    }

    @Test
    void anotherSeedGivesOtherDraws() {
        Gaussian g = Gaussian.correlated();
        SamplingResult a = new Nuts().sample(g, g.point(new double[10]), PLAN);
        SamplingResult b = new Nuts().sample(g, g.point(new double[10]), PLAN.withSeed(43));
        assertTrue(a.draw(0, 0, 0) != b.draw(0, 0, 0));
    }

    private static SamplingResult run(Sampler s, Gaussian g, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            return s.sample(g, g.point(new double[10]), PLAN, pool, SamplingListener.NONE);
        } finally {
            pool.shutdown();
        }
    }

    /**
     * The listener sees every iteration; the fixed data coordinates a and c never move (the
     * energy would show their product 6 otherwise, and the draws cover y only).
     */
    @Test
    void listenerSeesEveryIterationAndTheDataStayFixed() {
        Gaussian g = Gaussian.correlated();
        AtomicLong calls = new AtomicLong();
        SamplingResult r = new Nuts().sample(g, g.point(new double[10]), PLAN, Runnable::run,
                (chain, iteration, warmup, draw, energy) -> {
                    calls.incrementAndGet();
                    assertEquals(iteration <= PLAN.warmup(), warmup);
                    assertEquals(10, draw.length);
                });
        assertEquals((long) PLAN.chains() * (PLAN.warmup() + PLAN.draws()), calls.get());
        assertEquals(java.util.List.of("y[0]", "y[1]", "y[2]", "y[3]", "y[4]", "y[5]", "y[6]", "y[7]", "y[8]", "y[9]"),
                r.names());
        double[] y = r.chainDraws(0)[7];
        assertEquals(g.value(g.point(y)), r.energies(0)[7], 1e-12);
    }

    /**
     * Allocation per leapfrog step: chains run on this thread (a direct executor), and runs that
     * differ only in the number of leapfrog steps (HMC with 4 and 64 steps; NUTS with a large and
     * a small fixed step) must allocate the same, up to 64 KB of noise, although they take
     * hundreds of thousands more steps: even 8 bytes a step would show as megabytes.
     */
    @Test
    void leapfrogStepsAllocateNothing() {
        StandardNormal target = new StandardNormal(20);
        double[] start = new double[20];
        SamplingPlan plan = SamplingPlan.defaults().withChains(2).withWarmup(0).withDraws(3000).withSeed(9);
        for (int warm = 0; warm < 2; warm++) { // let the JIT settle
            allocated(new Hmc(0.1, 4, 0, Adaptation.none()), target, start, plan);
            allocated(new Hmc(0.1, 64, 0, Adaptation.none()), target, start, plan);
            allocated(new Nuts(0.02, 10, Adaptation.none()), target, start, plan);
        }
        long hmcFew = allocated(new Hmc(0.1, 4, 0, Adaptation.none()), target, start, plan);
        long hmcMany = allocated(new Hmc(0.1, 64, 0, Adaptation.none()), target, start, plan);
        assertTrue(Math.abs(hmcMany - hmcFew) < 64 * 1024, "HMC: " + hmcFew + " vs " + hmcMany + " bytes");
        long nutsFew = allocated(new Nuts(1, 10, Adaptation.none()), target, start, plan);
        long nutsMany = allocated(new Nuts(0.02, 10, Adaptation.none()), target, start, plan);
        assertTrue(Math.abs(nutsMany - nutsFew) < 64 * 1024, "NUTS: " + nutsFew + " vs " + nutsMany + " bytes");
    }

    private static long allocated(Sampler s, StandardNormal target, double[] start, SamplingPlan plan) {
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = bean.getCurrentThreadAllocatedBytes();
        s.sample(target, start, plan, Runnable::run, SamplingListener.NONE);
        return bean.getCurrentThreadAllocatedBytes() - before;
    }
}
