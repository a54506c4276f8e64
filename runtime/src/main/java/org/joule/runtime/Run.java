package org.joule.runtime;

import java.util.Arrays;

/**
 * Loads a compiled energy class by name and evaluates it at a point: the smallest check that
 * an ahead-of-time class runs with only this module on the class path.
 *
 * <pre>java -cp joule-runtime.jar:generated org.joule.runtime.Run com.example.Kmeans 0.5 -0.2 ...</pre>
 *
 * Prints {@code {"value": v, "gradient": [...]}}; the numbers are the input coordinates in
 * layout order.
 */
public final class Run {
    private Run() {
    }

    /**
     * Evaluates a compiled energy at a point and prints its value and gradient as JSON.
     *
     * @param args the binary name of a class implementing {@link EnergyFunction} with a public
     *             no-argument constructor, then the input coordinates in layout order
     * @throws ReflectiveOperationException when the class cannot be loaded or instantiated
     */
    public static void main(String[] args) throws ReflectiveOperationException {
        if (args.length < 1) {
            System.err.println("usage: Run CLASS X0 X1 ...");
            System.exit(2);
        }
        EnergyFunction f = (EnergyFunction) Class.forName(args[0]).getConstructor().newInstance();
        double[] x = new double[args.length - 1];
        for (int i = 0; i < x.length; i++) {
            x[i] = Double.parseDouble(args[i + 1]);
        }
        double[] g = new double[f.wrtLength()];
        double v = f.valueAndGradient(x, g);
        System.out.println("{\"value\": " + v + ", \"gradient\": " + Arrays.toString(g) + "}");
    }
}
