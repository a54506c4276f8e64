package org.joule.runtime.latent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.joule.runtime.Layout;
import org.joule.runtime.Role;
import org.joule.runtime.Variable;
import org.joule.runtime.optimize.StopReason;
import org.joule.runtime.optimize.TrustRegionNewton;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The free energy of a hand-written bowl: its known answer, and bad input named. */
class MinimizedLatentInputTest {

    private static void assertMessage(Class<? extends Throwable> type, Executable call, String... parts) {
        String message = assertThrows(type, call).getMessage();
        for (String part : parts) {
            assertTrue(message.contains(part), () -> "'" + part + "' missing from: " + message);
        }
    }

    @Test
    void bowlHasItsKnownFreeEnergyGradientAndMinimiser() {
        // F = y^2, dF/dy = 2y, dF/dw = 0, z* = (w y, w y); the inner problem is a quadratic with
        // Hessian 2I, so z* is exact to the gradient tolerance 1e-10 / 2 and F to rounding.
        for (MinimizedLatent f : new MinimizedLatent[] {MinimizedLatent.of(Bowl.inner(), Bowl.outer()),
            MinimizedLatent.of(Bowl.inner(), Bowl.outer()).withOptimizer(new TrustRegionNewton())}) {
            double[] x = Bowl.point(0.7, -3, 5, 1.5);
            double[] g = new double[2];
            assertEquals(0.49, f.valueAndGradient(x, g), 1e-15);
            assertArrayEquals(new double[] {1.4, 0}, g, 1e-9);
            assertArrayEquals(new double[] {1.05, 1.05}, f.argmin(x), 1e-10);
            assertEquals(0.49, f.value(x), 1e-15);
            assertEquals(List.of("z[0]", "z[1]"), List.of(f.latentName(0), f.latentName(1)));
            assertEquals(2, f.latentLength());
        }
    }

    @Test
    void viewsThatAreNotALatentSplitAreRejectedByName() {
        assertMessage(IllegalArgumentException.class, () -> MinimizedLatent.of(null, Bowl.outer()), "inner", "null");
        assertMessage(IllegalArgumentException.class, () -> MinimizedLatent.of(Bowl.inner(), null), "outer", "null");
        assertMessage(IllegalArgumentException.class, () -> MinimizedLatent.of(Bowl.over(1, 2, 0), Bowl.outer()),
                "inner wrt coordinate 'y'", "DATA");
        assertMessage(IllegalArgumentException.class, () -> MinimizedLatent.of(Bowl.over(1), Bowl.outer()),
                "latent coordinate 'z[1]'", "missing");
        assertMessage(IllegalArgumentException.class, () -> MinimizedLatent.of(Bowl.over(1, 2, 1), Bowl.outer()),
                "'z[0]'", "repeated");
        assertMessage(IllegalArgumentException.class, () -> MinimizedLatent.of(Bowl.inner(), Bowl.over(0, 2)),
                "outer wrt coordinate 'z[1]'", "LATENT");
        Layout renamed = new Layout(List.of(new Variable("y", Role.DATA, 1, 1, 0, 0),
                new Variable("u", Role.LATENT, 2, 1, 1, 1), new Variable("w", Role.PARAMETER, 1, 1, 0, 3)));
        assertMessage(IllegalArgumentException.class,
                () -> MinimizedLatent.of(Bowl.inner(), Bowl.outer().in(renamed)), "layout", "same energy");
        Layout noLatent = new Layout(List.of(new Variable("y", Role.DATA, 1, 1, 0, 0),
                new Variable("z", Role.DATA, 2, 1, 1, 1), new Variable("w", Role.PARAMETER, 1, 1, 0, 3)));
        assertMessage(IllegalArgumentException.class,
                () -> MinimizedLatent.of(Bowl.over().in(noLatent), Bowl.outer().in(noLatent)), "no LATENT");
    }

    @Test
    void badArgumentsAreRejectedByName() {
        MinimizedLatent f = MinimizedLatent.of(Bowl.inner(), Bowl.outer());
        assertMessage(IllegalArgumentException.class, () -> f.value(new double[3]), "x", "length 3");
        assertMessage(IllegalArgumentException.class, () -> f.valueAndGradient(new double[4], new double[3]),
                "gradient", "length 3");
        assertMessage(IllegalArgumentException.class, () -> f.withStarts(new double[] {1}), "start 0", "length 1");
        assertMessage(IllegalArgumentException.class, () -> f.withStarts(new double[] {1, 2}, new double[] {0,
            Double.NaN}), "start 1", "'z[1]'", "NaN");
        assertMessage(IllegalArgumentException.class, () -> f.withOptimizer(null), "optimizer");
        assertMessage(IllegalArgumentException.class, () -> f.withRules(null), "rules");
        assertMessage(IllegalArgumentException.class, () -> f.withWarmStart(null), "warmStart");
        assertMessage(IllegalArgumentException.class, () -> f.value(Bowl.point(Double.POSITIVE_INFINITY, 0, 0, 1)),
                "'y'", "Infinity");
        assertMessage(IllegalArgumentException.class, () -> f.minimize(Bowl.point(1, 0, 0, Double.NaN)),
                "'w'", "NaN");
        assertMessage(IllegalArgumentException.class, () -> f.value(Bowl.point(1, Double.NaN, 0, 1)),
                "start 0", "z[0] = NaN");
        assertMessage(UnsupportedOperationException.class,
                () -> f.hessianVectorProduct(Bowl.point(1, 0, 0, 1), new double[2], new double[2]), "Hessian",
                "cross derivatives");
    }

    @Test
    void nanDataGivesNanNotANumber() {
        MinimizedLatent f = MinimizedLatent.of(Bowl.inner(), Bowl.outer());
        assertTrue(Double.isNaN(f.value(Bowl.point(Double.NaN, 0, 0, 1))));
        double[] g = {5, 5};
        assertTrue(Double.isNaN(f.valueAndGradient(Bowl.point(1, 0, 0, Double.NaN), g)));
        assertTrue(Double.isNaN(g[0]) && Double.isNaN(g[1]), "every gradient entry NaN");
    }

    @Test
    void aNonFiniteEnergyIsNamedNeverReturned() {
        MinimizedLatent poisoned = MinimizedLatent.of(Bowl.inner().nanAbove(2), Bowl.outer());
        // at the start: the point and the start are named
        assertMessage(IllegalArgumentException.class, () -> poisoned.value(Bowl.point(1, 3, 0, 1)),
                "y = 1.0", "w = 1.0", "start 0", "z[0] = 3.0", "NaN");
        // on the way: the minimiser z[0] = w y = 4 lies in the NaN region; the line search steps
        // back from NaN trial points, so z creeps up to the edge z[0] = 2 and stops there
        LatentNotConvergedException e = assertThrows(LatentNotConvergedException.class,
                () -> poisoned.value(Bowl.point(2, 0, 0, 2)));
        assertEquals(StopReason.LINE_SEARCH_FAILED, e.stopReason());
        assertTrue(e.getMessage().contains("y = 2.0"), e.getMessage());
        assertFalse(e.minimum().converged());
    }

    @Test
    void viewsOfDifferentEnergiesAreCaught() {
        MinimizedLatent f = MinimizedLatent.of(Bowl.inner(), Bowl.outer().plus(1));
        assertMessage(IllegalStateException.class, () -> f.gradient(Bowl.point(1, 0, 0, 1)), "outer energy is 2.0",
                "inner energy is 1.0", "same energy");
    }

    @Test
    void oneIterationIsReportedAsNotConverged() {
        // a radius of 0.01 cannot reach z* = (1, 1) from 0 in one step (L-BFGS would, exactly)
        MinimizedLatent f = MinimizedLatent.of(Bowl.inner(), Bowl.outer()).withOptimizer(new TrustRegionNewton(0.01, 1))
                .withRules(MinimizedLatent.defaultRules().withMaxIterations(1));
        LatentMinimum m = f.minimize(Bowl.point(1, 0, 0, 1));
        assertFalse(m.converged());
        assertEquals(StopReason.MAX_ITERATIONS, m.failure().stopReason());
        assertEquals(1, m.iterations());
        assertThrows(IllegalStateException.class, m::value, "no run converged, so no value");
        assertThrows(LatentNotConvergedException.class, () -> f.argmin(Bowl.point(1, 0, 0, 1)));
    }
}
