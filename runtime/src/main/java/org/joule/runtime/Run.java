package org.joule.runtime;

import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;

/**
 * Loads a compiled energy class by name and evaluates it at a point: the smallest check that
 * an ahead-of-time class runs with only this module on the class path.
 *
 * <pre>java -cp joule-runtime.jar:generated org.joule.runtime.Run com.example.Kmeans 0.5 -0.2 ...</pre>
 *
 * <p>The numbers are the input coordinates in layout order (decimals, or {@code NaN},
 * {@code Infinity}, {@code -Infinity}). Prints one line of JSON shaped as
 * {@code joule eval} prints it, with the gradient keyed by coordinate name:
 * {@code {"value":1.0,"grad":{"x0":2.0,"x1":-0.5}}}. Errors (a wrong number of arguments, a
 * word that is not a number, a class that is missing or is not an {@link EnergyFunction})
 * are one line on standard error and exit status 2.
 */
public final class Run {
    static final String USAGE = String.join(System.lineSeparator(),
            "usage: java -cp joule-runtime.jar:CLASSES org.joule.runtime.Run CLASS X0 X1 ...",
            "  Evaluates the compiled energy CLASS (a class implementing org.joule.runtime.EnergyFunction",
            "  with a public no-argument constructor) at the point X0 X1 ... (one number per input",
            "  coordinate, in layout order) and prints {\"value\": ..., \"grad\": {NAME: ..., ...}}.");

    private Run() {
    }

    /**
     * Runs from a command line; exits with status 2 on an error, after printing it.
     *
     * @param args the energy class's binary name followed by one number per input coordinate,
     *        in layout order; or {@code --help} or {@code -h} alone for the usage
     */
    public static void main(String[] args) {
        int status = run(System.out, System.err, args);
        if (status != 0) {
            System.exit(status);
        }
    }

    /**
     * Evaluates as {@link #main} does, writing the result to {@code out} and errors and usage
     * to {@code err}; never exits.
     *
     * @param out  where the JSON result line, or the usage for {@code --help}, is printed
     * @param err  where an error message, or the usage when no arguments are given, is printed
     * @param args the energy class's binary name followed by one number per input coordinate,
     *             in layout order; or {@code --help} or {@code -h} alone
     * @return 0 on success (and for {@code --help}), 2 on an error
     */
    public static int run(PrintStream out, PrintStream err, String... args) {
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            out.println(USAGE);
            return 0;
        }
        if (args.length == 0) {
            err.println(USAGE);
            return 2;
        }
        EnergyFunction f;
        double[] x;
        try {
            f = load(args[0]);
            x = point(f, args);
        } catch (IllegalArgumentException e) {
            err.println("Run: " + e.getMessage());
            return 2;
        }
        try {
            out.println(result(f, x));
            return 0;
        } catch (RuntimeException e) {
            err.println("Run: " + args[0] + " failed at this point: " + e);
            return 2;
        }
    }

    /** An instance of the energy class {@code name}. */
    static EnergyFunction load(String name) {
        Class<?> type;
        try {
            type = Class.forName(name, true, Thread.currentThread().getContextClassLoader());
        } catch (ClassNotFoundException | NoClassDefFoundError e) {
            throw new IllegalArgumentException("class " + name + " is not on the class path");
        } catch (ExceptionInInitializerError e) {
            throw new IllegalArgumentException("class " + name + " failed to initialise: " + e.getCause());
        }
        if (!EnergyFunction.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException(name + " is not an energy: it does not implement "
                    + EnergyFunction.class.getName());
        }
        try {
            return (EnergyFunction) type.getConstructor().newInstance();
        } catch (NoSuchMethodException | IllegalAccessException e) {
            throw new IllegalArgumentException(name + " has no public constructor without arguments");
        } catch (InstantiationException e) {
            throw new IllegalArgumentException(name + " is abstract; name the generated class itself");
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException(name + " could not be created: " + e.getCause());
        }
    }

    /** The point given by the numbers after the class name, one per coordinate of f's layout. */
    static double[] point(EnergyFunction f, String[] args) {
        Layout layout = f.layout();
        int n = layout.size();
        if (args.length - 1 != n) {
            throw new IllegalArgumentException(args[0] + " takes " + n + (n == 1 ? " number" : " numbers")
                    + coordinates(layout) + ", not " + (args.length - 1));
        }
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            try {
                x[i] = JsonText.parseNumber(args[i + 1]);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("argument " + (i + 2) + " (" + layout.coordinateName(i) + "): "
                        + e.getMessage());
            }
        }
        return x;
    }

    private static String coordinates(Layout layout) {
        if (layout.size() == 0) {
            return "";
        }
        StringBuilder b = new StringBuilder(" (");
        int shown = Math.min(layout.size(), 8);
        for (int i = 0; i < shown; i++) {
            b.append(i > 0 ? " " : "").append(layout.coordinateName(i));
        }
        return b.append(layout.size() > shown ? " ...)" : ")").toString();
    }

    /** {"value": v, "grad": {name: g, ...}} on one line. */
    static String result(EnergyFunction f, double[] x) {
        double[] g = new double[f.wrtLength()];
        double value = f.valueAndGradient(x, g);
        StringBuilder b = new StringBuilder("{\"value\":").append(JsonText.number(value)).append(",\"grad\":{");
        for (int k = 0; k < g.length; k++) {
            b.append(k > 0 ? "," : "").append(JsonText.string(f.layout().coordinateName(f.wrt(k))))
                    .append(':').append(JsonText.number(g[k]));
        }
        return b.append("}}").toString();
    }
}
