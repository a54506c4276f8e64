package org.joule.graph;

import static org.joule.graph.FreeEnergyTest.BETAS;
import static org.joule.graph.FreeEnergyTest.U;
import static org.joule.graph.SubstitutionTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.joule.graph.LatentSet.Axis;
import org.joule.graph.LatentSet.Quadrature;
import org.joule.graph.testing.GradientAssertions;
import org.joule.runtime.EnergyFunction;
import org.joule.runtime.Role;
import org.junit.jupiter.api.Test;

/**
 * {@link FreeEnergy} over a continuous latent by quadrature on a grid: the lecture's ellipse
 * (known answers at the origin), a Gaussian in two dimensions (known answer for every y), and
 * the grid's points and weights. Rounding unit u = 2^−53.
 */
class FreeEnergyGridTest {
    static final double W1 = 2;
    static final double W2 = 1.5;
    static final int N = 360;

    /** E(y, z; w) = (y1 − w1 cos z)² + (y2 − w2 sin z)²; layout y[2], w[2], z. */
    private static final class Ellipse {
        final Graph g = new Graph();
        final Tensor y = g.vector("y", 2, Role.DATA);
        final Tensor w = g.vector("w", 2, Role.PARAMETER);
        final Node z = g.scalar("z", Role.LATENT);
        final Node e = y.get(0).minus(w.get(0).times(z.cos())).square()
                .plus(y.get(1).minus(w.get(1).times(z.sin())).square());

        FreeEnergy over(LatentSet set) {
            return FreeEnergy.over(e, g.tensor("z"), set);
        }

        static double[] at(double y1, double y2) {
            return new double[] {y1, y2, W1, W2, 0};
        }
    }

    /** Midpoint rule over [0, 2π] with N points: z_i = (i + ½) h, h = 2π/N, weights h. */
    static LatentSet circle(int n) {
        return LatentSet.grid(Quadrature.MIDPOINT, new Axis(0, 2 * Math.PI, n));
    }

    /** I_0(x) = Σ_m (x/2)^{2m} / (m!)², all terms positive: relative error about (number of terms) u. */
    static double besselI0(double x) {
        double term = 1;
        double sum = 1;
        for (int m = 1; term > 1e-18 * sum; m++) {
            term *= (x / 2) * (x / 2) / ((double) m * m);
            sum += term;
        }
        return sum;
    }

    @Test
    void ellipseZeroTemperatureFreeEnergyAtTheOriginIsTheSmallerSemiAxisSquared() {
        Ellipse el = new Ellipse();
        double h = 2 * Math.PI / N;
        // E(0, z) = 4 cos² z + 2.25 sin² z = 2.25 + 1.75 cos² z, smallest at z = π/2, 3π/2. N is a
        // multiple of 4, so π/2 = (N/4) h lies halfway between two midpoints, at h/2 from each:
        // the grid minimum is 2.25 + 1.75 sin²(h/2), within [2.25, 2.25 + 1.75 (h/2)²]
        EnergyFunction f = Energy.of(el.over(circle(N)).minimum()).interpreter();
        double fInf = f.value(Ellipse.at(0, 0));
        double bound = 1.75 * (h / 2) * (h / 2);
        assertTrue(fInf >= 2.25 && fInf <= 2.25 + bound + 4 * Math.ulp(2.25), () -> "F_inf " + fInf);
        // and exactly: cos((N/4 − ½) h) = sin(h/2) to a few ulps of the arguments
        assertEquals(2.25 + 1.75 * Math.pow(Math.sin(h / 2), 2), fInf, 8 * Math.ulp(2.25));
        // the trapezoid rule over [0, 2π] with N + 1 points has π/2 = (N/4) h as a point
        EnergyFunction t = Energy.of(el.over(LatentSet.grid(Quadrature.TRAPEZOID, new Axis(0, 2 * Math.PI, N + 1)))
                .minimum()).interpreter();
        assertEquals(2.25, t.value(Ellipse.at(0, 0)), 8 * Math.ulp(2.25));
    }

    @Test
    void ellipseZeroTemperatureFreeEnergyOnTheEllipseIsZeroToGridResolution() {
        Ellipse el = new Ellipse();
        FreeEnergy free = el.over(circle(N));
        EnergyFunction f = Energy.of(free.minimum()).interpreter();
        EnergyFunction argmin = Energy.of(free.argmin()).interpreter();
        double h = 2 * Math.PI / N;
        for (double z0 = 0.05; z0 < 2 * Math.PI; z0 += 0.37) {
            double[] x = Ellipse.at(W1 * Math.cos(z0), W2 * Math.sin(z0));
            // some grid point lies within h/2 of z0, and E(y(z0), z) <= max(w1², w2²) |z − z0|²
            double fInf = f.value(x);
            assertTrue(fInf >= 0 && fInf <= W1 * W1 * h * h / 4 + 8 * U, "F_inf " + fInf);
            // the argmin's energy is F_inf, and E(y(z0), z) >= 4 min(w1², w2²) sin²((z − z0)/2), so
            // the argmin lies within 2 asin((h/4) max(w)/min(w)) of z0
            int k = (int) argmin.value(x);
            assertEquals(fInf, Energy.of(free.energies().get(k)).interpreter().value(x), 0.0);
            double zk = circle(N).value(k)[0];
            double d = Math.abs(Math.IEEEremainder(zk - z0, 2 * Math.PI));
            double finalZ0 = z0;
            assertTrue(d <= 2 * Math.asin(h / 4 * W1 / W2) + 1e-12, () -> "argmin at z = " + zk + " for z0 = " + finalZ0);
        }
    }

    @Test
    void ellipseFreeEnergyAtTheOriginIsTheBesselFormula() {
        // ∫_0^{2π} exp(−β (3.125 + 0.875 cos 2z)) dz = 2π e^{−3.125 β} I_0(0.875 β), so
        // F_β(0) = 3.125 − (1/β) log(2π I_0(0.875 β)). The midpoint rule over a whole period is the
        // periodic trapezoid rule, whose relative error for e^{c cos 2z} is about
        // 2 I_{N/2}(c) / I_0(c) <= 2 exp(−(N/2)² / (2c)) ≈ e^{−185} at c = 87.5: far below rounding.
        // Rounding: a_k within u β E_k, the pairwise sum of N terms within log2(N) u, the log, the
        // cell volume |log h| and the factor −1/β: 64u (|F| + (log2 N + |log h| + 1)/β + 4)
        Ellipse el = new Ellipse();
        double h = 2 * Math.PI / N;
        for (LatentSet set : List.of(circle(N), LatentSet.grid(Quadrature.TRAPEZOID, new Axis(0, 2 * Math.PI, N + 1)))) {
            FreeEnergy free = el.over(set);
            for (double beta : new double[] {1e-3, 1e-1, 1, 10, 100}) {
                double expected = 3.125 - Math.log(2 * Math.PI * besselI0(0.875 * beta)) / beta;
                double actual = Energy.of(free.at(beta)).interpreter().value(Ellipse.at(0, 0));
                double tolerance = 64 * U * (Math.abs(expected) + (Math.log(N) / Math.log(2) + Math.abs(Math.log(h)) + 1)
                        / beta + 4);
                assertEquals(expected, actual, tolerance, () -> set + ", beta " + beta);
            }
        }
    }

    @Test
    void ellipseCorrectedFreeEnergyAtTheOriginTendsToTheMeanEnergy() {
        // F_β + (1/β) log 2π = −(1/β) log mean_k e^{−β E_k} = κ(β) over the N midpoints, with
        // weights h and Σ h = 2π. Over them E_k = 3.125 + 0.875 cos 2z_k has mean exactly 3.125 and
        // variance 0.875²/2 (N does not divide 2 or 4), range L <= 1.75. So
        // 3.125 − β L²/8 <= κ <= 3.125 (Jensen, Hoeffding) and
        // |κ − (3.125 − (β/2) 0.875²/2)| <= β² L³/24 (cumulant expansion; see FreeEnergy).
        Ellipse el = new Ellipse();
        FreeEnergy free = el.over(circle(N));
        double h = 2 * Math.PI / N;
        for (double beta : new double[] {1e-3, 1e-2, 1e-1}) {
            double f = Energy.of(free.at(beta)).interpreter().value(Ellipse.at(0, 0));
            double corrected = f + Math.log(2 * Math.PI) / beta;
            double rounding = 64 * U * (Math.abs(f) + (Math.log(N) / Math.log(2) + Math.abs(Math.log(h)) + 1) / beta + 4);
            double l = 1.75;
            assertTrue(corrected <= 3.125 + rounding && corrected >= 3.125 - beta * l * l / 8 - rounding,
                    () -> "beta " + beta + ": " + corrected);
            double secondOrder = 3.125 - beta / 2 * (0.875 * 0.875 / 2);
            assertEquals(secondOrder, corrected, beta * beta * l * l * l / 24 + rounding, () -> "beta " + beta);
        }
    }

    @Test
    void ellipseGradientMatchesFiniteDifferencesAcrossBeta() {
        // a coarse grid (32 points): where the two smallest grid energies differ by G = 0.1, a step
        // of 1e−4 max(1, |x_i|) on |x_i| <= 3 moves each E_k by at most |dE/dx_i| 3e−4 <= 12 * 3e−4,
        // the gap by less than 0.01, so at β = 1e6 no step crosses the kink of the minimum (width 1/β)
        Ellipse el = new Ellipse();
        LatentSet set = circle(32);
        FreeEnergy free = el.over(set);
        List<EnergyFunction> energies = new ArrayList<>();
        free.energies().forEach(n -> energies.add(Energy.of(n).wrt(Role.DATA, Role.PARAMETER).interpreter()));
        SplittableRandom random = new SplittableRandom(21);
        List<double[]> points = new ArrayList<>();
        while (points.size() < 20) {
            double[] x = {random.nextDouble(-3, 3), random.nextDouble(-3, 3), random.nextDouble(1, 3),
                    random.nextDouble(1, 3), 0};
            double[] ek = new double[set.size()];
            for (int k = 0; k < ek.length; k++) {
                ek[k] = energies.get(k).value(x);
            }
            Arrays.sort(ek);
            if (ek[1] - ek[0] > 0.1) {
                points.add(x);
            }
        }
        for (double beta : BETAS) {
            GradientChecker checker = GradientChecker.of(Energy.of(free.at(beta)).wrt(Role.DATA, Role.PARAMETER)
                    .interpreter()).relativeStep(1e-4);
            points.forEach(checker::at);
            GradientChecker.Report r = GradientAssertions.assertGradientMatches(checker, 1e-6);
            assertTrue(r.entriesCompared() >= 20 * 4 / 2, () -> "beta " + beta + ": " + r);
        }
    }

    @Test
    void gaussianInTwoDimensionsHasTheClosedFormFreeEnergyAndAZeroGradient() {
        // E = ½ ||y − z||² over the plane: ∫ exp(−β E) dz = 2π/β, F_β = −(1/β) log(2π/β) for every
        // y, so ∂F/∂y = y − E[z | y] = 0. On the box [−8, 8]² with |y_i| <= 1 and β >= 1 the mass
        // outside is at most 2 · 2Φ(−7) < 6e−12 of the total, and the grid sum differs from the
        // integral over the line by the aliasing term 2 exp(−2π² / (β h²)) <= e^{−38} per axis
        // (Poisson summation; h = 0.5, β <= 2): relative error ε < 1e−11 and |ΔF| <= ε/β. The end
        // corrections of the trapezoid rule are of the same order as the tails. Rounding: about
        // 1024 terms summed pairwise (11 levels), 64u (|F| + 12/β).
        Graph g = new Graph();
        Tensor y = g.vector("y", 2, Role.DATA);
        Tensor z = g.vector("z", 2, Role.LATENT);
        Node e = y.minus(z).squaredNorm().times(0.5);
        List<LatentSet> grids = List.of(
                LatentSet.grid(Quadrature.MIDPOINT, new Axis(-8, 8, 32), new Axis(-8, 8, 32)),
                LatentSet.grid(Quadrature.TRAPEZOID, new Axis(-8, 8, 33), new Axis(-8, 8, 33)));
        SplittableRandom random = new SplittableRandom(22);
        for (LatentSet set : grids) {
            FreeEnergy free = FreeEnergy.over(e, z, set);
            for (double beta : new double[] {1, 2}) {
                EnergyFunction f = Energy.of(free.at(beta)).wrt("y").interpreter();
                Tensor mean = free.posteriorMean(beta);
                EnergyFunction m0 = Energy.of(mean.get(0)).interpreter();
                EnergyFunction m1 = Energy.of(mean.get(1)).interpreter();
                double expected = -Math.log(2 * Math.PI / beta) / beta;
                for (int trial = 0; trial < 5; trial++) {
                    double[] x = {random.nextDouble(-1, 1), random.nextDouble(-1, 1), 0, 0};
                    double[] grad = new double[2];
                    double value = f.valueAndGradient(x, grad);
                    assertEquals(expected, value, 1e-11 / beta + 64 * U * (Math.abs(expected) + 12 / beta),
                            () -> set + ", beta " + beta);
                    // the same ε bounds the shift of the posterior mean, times the box size 8;
                    // rounding: about 1024 products p_k (y − z_k), each below 8 p_k
                    assertEquals(0, grad[0], 1e-10, () -> set + ", beta " + beta);
                    assertEquals(0, grad[1], 1e-10, () -> set + ", beta " + beta);
                    assertEquals(x[0], m0.value(x), 1e-10);
                    assertEquals(x[1], m1.value(x), 1e-10);
                }
            }
        }
    }

    @Test
    void gridPointsAndWeights() {
        LatentSet mid = LatentSet.grid(Quadrature.MIDPOINT, new Axis(0, 1, 4));
        assertArrayEquals(new double[] {0.375}, mid.value(1));
        assertEquals(Math.log(0.25), mid.logCellVolume(), 0.0);
        assertEquals(0, mid.logWeight(0), 0.0);
        LatentSet trap = LatentSet.grid(Quadrature.TRAPEZOID, new Axis(-1, 1, 5), new Axis(0, 3, 4));
        assertEquals(20, trap.size());
        assertEquals(2, trap.dimension());
        // row-major: k = i1 * 4 + i2
        assertArrayEquals(new double[] {-0.5, 2}, trap.value(4 + 2));
        assertArrayEquals(new double[] {1, 3}, trap.value(19));
        assertEquals(Math.log(0.5 * 1), trap.logCellVolume(), 1e-15);
        assertEquals(-2 * Math.log(2), trap.logWeight(0), 0.0, "a corner: half in both axes");
        assertEquals(-Math.log(2), trap.logWeight(1), 0.0, "an edge of the first axis");
        assertEquals(0, trap.logWeight(4 + 1), 0.0, "an interior point");
        double total = 0;
        for (int k = 0; k < trap.size(); k++) {
            total += trap.weight(k);
        }
        // the weights integrate 1 exactly: the area of the box
        assertEquals(2 * 3, total, 32 * U * 6);
    }

    @Test
    void badGridsNameTheCulprit() {
        assertMessage(assertThrows(IllegalArgumentException.class, () -> new Axis(0, 1, 0)),
                "has 0 points: a grid needs at least one point");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> new Axis(1, 1, 3)), "need finite lower < upper");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> new Axis(0, Double.NaN, 3)), "[0.0, NaN]");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> new Axis(-Double.MAX_VALUE, Double.MAX_VALUE, 3)),
                "longer than the largest double");
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> LatentSet.grid(Quadrature.TRAPEZOID, new Axis(0, 1, 1))), "trapezoid rule needs at least 2");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> LatentSet.grid(Quadrature.MIDPOINT)),
                "grid over 0 axes");
        Axis a = new Axis(0, 1, 2);
        assertMessage(assertThrows(IllegalArgumentException.class, () -> LatentSet.grid(Quadrature.MIDPOINT, a, a, a)),
                "grid over 3 axes");
        Axis big = new Axis(0, 1, 2000);
        assertMessage(assertThrows(IllegalArgumentException.class, () -> LatentSet.grid(Quadrature.MIDPOINT, big, big)),
                "more than " + LatentSet.MAX_POINTS);
        Ellipse el = new Ellipse();
        assertMessage(assertThrows(IllegalArgumentException.class, () -> el.over(LatentSet.grid(Quadrature.MIDPOINT, a, a))),
                "have length 2, but the latent 'z' has 1 coordinates");
    }
}
