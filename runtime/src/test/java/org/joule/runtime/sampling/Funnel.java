package org.joule.runtime.sampling;

import java.util.List;
import org.joule.runtime.EnergyFunction;
import org.joule.runtime.Layout;
import org.joule.runtime.Role;
import org.joule.runtime.Variable;

/**
 * Neal's funnel (Neal 2003, "Slice sampling", Annals of Statistics 31(3), §8): v ~ N(0, 3²)
 * and x_i | v ~ N(0, e^v) for i = 1 .. 9, over the layout [v (scalar), x (vector of 9)].
 * E = v²/18 + (9/2) v + ½ e^(−v) Σ x_i². The neck (v ≪ 0) has curvature e^(−v), far above what
 * a step size tuned in the mouth can integrate, so HMC and NUTS diverge there.
 */
final class Funnel implements EnergyFunction {
    static final int N = 9;
    private final Layout layout = new Layout(List.of(new Variable("v", Role.LATENT, 1, 1, 0, 0),
            new Variable("x", Role.LATENT, N, 1, 1, 1)));

    @Override
    public Layout layout() {
        return layout;
    }

    @Override
    public int wrtLength() {
        return N + 1;
    }

    @Override
    public int wrt(int k) {
        return k;
    }

    @Override
    public double value(double[] x) {
        return valueAndGradient(x, null);
    }

    @Override
    public double valueAndGradient(double[] x, double[] gradient) {
        double v = x[0];
        double w = Math.exp(-v);
        double s = 0;
        for (int i = 1; i <= N; i++) {
            s += x[i] * x[i];
            if (gradient != null) {
                gradient[i] = w * x[i];
            }
        }
        if (gradient != null) {
            gradient[0] = v / 9 + 0.5 * N - 0.5 * w * s;
        }
        return v * v / 18 + 0.5 * N * v + 0.5 * w * s;
    }

    @Override
    public void hessianVectorProduct(double[] x, double[] vec, double[] out) {
        double v = x[0];
        double w = Math.exp(-v);
        double s = 0;
        double cross = 0;
        for (int i = 1; i <= N; i++) {
            s += x[i] * x[i];
            cross += x[i] * vec[i];
        }
        out[0] = (1.0 / 9 + 0.5 * w * s) * vec[0] - w * cross;
        for (int i = 1; i <= N; i++) {
            out[i] = -w * x[i] * vec[0] + w * vec[i];
        }
    }
}
