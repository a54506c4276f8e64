package org.joule.samples;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.joule.compiler.Compiler;
import org.joule.graph.Energy;
import org.joule.graph.FreeEnergy;
import org.joule.graph.Graph;
import org.joule.graph.LatentSet;
import org.joule.graph.Node;
import org.joule.graph.Tensor;
import org.joule.runtime.EnergyFunction;
import org.joule.runtime.Role;
import org.joule.runtime.latent.MinimizedLatent;

/**
 * The lecture's ellipse: a latent-variable energy
 * E(y, z; w) = (y₁ − w₁ cos z)² + (y₂ − w₂ sin z)² of a point y in the plane, a continuous
 * latent angle z ({@link Role#LATENT}) and the semi-axes w ({@link Role#PARAMETER}). Its
 * zero set over z is the ellipse with semi-axes w; the data are
 * y = (2 cos θ, 1.5 sin θ) + noise ({@link #data}).
 * <ul>
 *   <li>{@link #minimum()}: F_∞(y; w) = min_z E, z continuous, by
 *       {@link MinimizedLatent} (L-BFGS over z from four starts, the best kept), with its
 *       gradient with respect to w by the envelope theorem;</li>
 *   <li>{@link #freeEnergy(double)}: F_β(y; w) = −(1/β) log ∫₀^{2π} exp(−β E) dz, the
 *       integral by the midpoint rule on {@link #LATENT_POINTS} angles
 *       ({@link FreeEnergy} over {@link LatentSet#grid}); the integrand is smooth and periodic,
 *       so the rule converges faster than any power of the spacing.</li>
 * </ul>
 * Input arrays have the layout {@code y:[2] data, z:[1] latent, w:[2] parameter}.
 * Instances are thread-safe.
 */
final class EllipseEnergy {
    /** The angles of the latent grid over [0, 2π). */
    static final int LATENT_POINTS = 256;
    /** The true semi-axes of the data. */
    static final double[] TRUE_W = {2, 1.5};
    /** The standard deviation of the data's noise on each coordinate. */
    static final double NOISE = 1.0 / 20;
    /** Offset of w in the layout. */
    static final int W = 3;

    private final FreeEnergy free;
    private final MinimizedLatent minimum;
    private final Map<Double, EnergyFunction> byBeta = new HashMap<>();

    EllipseEnergy() {
        Graph g = new Graph();
        Tensor y = g.vector("y", 2, Role.DATA);
        Tensor z = g.vector("z", 1, Role.LATENT);
        Tensor w = g.vector("w", 2, Role.PARAMETER);
        Node angle = z.get(0);
        Node energy = y.get(0).minus(w.get(0).times(angle.cos())).square()
                .plus(y.get(1).minus(w.get(1).times(angle.sin())).square());
        this.free = FreeEnergy.over(energy, z,
                LatentSet.grid(LatentSet.Quadrature.MIDPOINT, new LatentSet.Axis(0, 2 * Math.PI, LATENT_POINTS)));
        EnergyFunction inner = Compiler.compile(Energy.of(energy).wrt(Role.LATENT));
        EnergyFunction outer = Compiler.compile(Energy.of(energy).wrt(Role.PARAMETER));
        // four starts between the stationary points of the axes, so each basin of min_z is reached
        this.minimum = MinimizedLatent.of(inner, outer).withStarts(new double[] {Math.PI / 4},
                new double[] {3 * Math.PI / 4}, new double[] {5 * Math.PI / 4}, new double[] {7 * Math.PI / 4});
    }

    /** F_∞(y; w) = min_z E(y, z; w), differentiated with respect to w. */
    EnergyFunction minimum() {
        return minimum;
    }

    /** F_β(y; w) over the latent grid, differentiated with respect to w; compiled once per β. */
    synchronized EnergyFunction freeEnergy(double beta) {
        KMeansEnergy.checkBeta(beta);
        return byBeta.computeIfAbsent(beta, b -> Compiler.compile(Energy.of(free.at(b)).wrt(Role.PARAMETER)));
    }

    /** An input array at the point (y₁, y₂) with semi-axes w and z = π/4. */
    static double[] input(double y1, double y2, double[] w) {
        return new double[] {y1, y2, Math.PI / 4, w[0], w[1]};
    }

    /** n points y = (2 cos θ, 1.5 sin θ) + N(0, σ² I), θ uniform on [0, 2π), σ = 1/20. */
    static double[][] data(int n, Random random) {
        double[][] y = new double[n][];
        for (int i = 0; i < n; i++) {
            double theta = 2 * Math.PI * random.nextDouble();
            y[i] = new double[] {TRUE_W[0] * Math.cos(theta) + NOISE * random.nextGaussian(),
                    TRUE_W[1] * Math.sin(theta) + NOISE * random.nextGaussian()};
        }
        return y;
    }
}
