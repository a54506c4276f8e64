package org.joule.runtime.sampling;

import java.util.List;
import org.joule.runtime.EnergyFunction;
import org.joule.runtime.Layout;
import org.joule.runtime.Role;
import org.joule.runtime.Variable;

/** E = ½ ‖y‖² over one vector y of n coordinates: the standard normal, O(n) per gradient. */
final class StandardNormal implements EnergyFunction {
    private final Layout layout;
    private final int n;

    StandardNormal(int n) {
        this.n = n;
        this.layout = new Layout(List.of(new Variable("y", Role.LATENT, n, 1, 1, 0)));
    }

    @Override
    public Layout layout() {
        return layout;
    }

    @Override
    public int wrtLength() {
        return n;
    }

    @Override
    public int wrt(int k) {
        return k;
    }

    @Override
    public double value(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v * v;
        }
        return 0.5 * s;
    }

    @Override
    public double valueAndGradient(double[] x, double[] gradient) {
        System.arraycopy(x, 0, gradient, 0, n);
        return value(x);
    }

    @Override
    public void hessianVectorProduct(double[] x, double[] v, double[] out) {
        System.arraycopy(v, 0, out, 0, n);
    }
}
