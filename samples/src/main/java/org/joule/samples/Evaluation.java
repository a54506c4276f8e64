package org.joule.samples;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.joule.compiler.Compiler;
import org.joule.graph.Energy;
import org.joule.graph.Interpreter;
import org.joule.runtime.EnergyFunction;
import org.joule.runtime.JsonText;
import org.joule.runtime.Layout;

/**
 * An expression prepared for evaluation: its energy, the function that evaluates it
 * (interpreted or compiled), and the names of its points. Shared by {@code eval},
 * {@code minimize} and their streaming modes so that all answer alike; one preparation serves
 * any number of points.
 */
final class Evaluation {
    /** Default of {@code --max-hessian}: the most variables whose Hessian is computed. */
    static final int DEFAULT_MAX_HESSIAN = 1000;

    private final Expressions.Parsed parsed;
    private final Energy energy;
    private final Function<Energy, EnergyFunction> backend;
    private final List<String> names;
    private EnergyFunction function;
    private Interpreter interpreter;

    private Evaluation(Expressions.Parsed parsed, Energy energy, Function<Energy, EnergyFunction> backend) {
        this.parsed = parsed;
        this.energy = energy;
        this.backend = backend;
        this.names = Expressions.wrtNames(energy);
    }

    /**
     * Parses {@code text} and builds its evaluator.
     *
     * @param given   the names of the point's coordinates ({@code --at}, or the keys of "at")
     * @param wrt     the gradient's variables, or null or empty for every coordinate of the point
     * @param strict  whether names the expression does not use are errors
     * @param backend what evaluates the energy (an interpreter, a compiler), called when
     *                the first point is evaluated
     */
    static Evaluation prepare(String text, Collection<String> given, List<String> wrt, boolean strict,
                              Function<Energy, EnergyFunction> backend) {
        List<String> wrtNames = wrt == null ? List.of() : wrt;
        List<String> all = new java.util.ArrayList<>(given);
        all.addAll(wrtNames);
        Expressions.Parsed parsed = Expressions.parse(text, all);
        if (strict) {
            for (String g : given) {
                if (!uses(parsed, g)) {
                    throw new IllegalArgumentException("a value is given for '" + g
                            + "', which the expression does not use (--strict)");
                }
            }
            for (String w : wrtNames) {
                if (!uses(parsed, w)) {
                    throw new IllegalArgumentException("--wrt names '" + w
                            + "', which the expression does not use (--strict)");
                }
            }
        }
        Energy energy = parsed.energy(wrtNames, given);
        return new Evaluation(parsed, energy, backend);
    }

    /** Whether the text uses the coordinate, or a coordinate of the variable, {@code name}. */
    private static boolean uses(Expressions.Parsed parsed, String name) {
        Expressions.Name n = Expressions.Name.parse(name);
        if (parsed.used().contains(n.canonical())) {
            return true;
        }
        return n.rank() == 0 && parsed.used().stream().anyMatch(u -> u.startsWith(n.base() + "["));
    }

    /** Parses "x0=1.5", "W[1,0]=2" items into an ordered map of names and numbers. */
    static Map<String, Double> parseAssignments(List<String> items) {
        Map<String, Double> at = new LinkedHashMap<>();
        if (items == null) {
            return at;
        }
        for (String item : items) {
            int eq = item.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--at expects NAME=VALUE, not '" + item + "'");
            }
            String name = item.substring(0, eq).trim();
            double value;
            try {
                value = JsonText.parseNumber(item.substring(eq + 1));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--at " + name + ": " + e.getMessage());
            }
            if (at.put(name, value) != null) {
                throw new IllegalArgumentException("--at gives '" + name + "' twice");
            }
        }
        return at;
    }

    /**
     * The coordinates that {@code at} gives a value, by flat index, after checking that every
     * coordinate of the gradient has one.
     *
     * @param purpose what the gradient's coordinates are for, e.g. "minimised over", for the message
     * @throws IllegalArgumentException naming a gradient coordinate without a value
     */
    boolean[] givenWithWrt(Map<String, Double> at, String purpose) {
        Layout layout = energy().layout();
        boolean[] given = new boolean[layout.size()];
        for (String name : at.keySet()) {
            given[layout.indexOf(Expressions.Name.parse(name).canonical())] = true;
        }
        for (int i : energy().wrtIndices()) {
            if (!given[i]) {
                throw new IllegalArgumentException("'" + layout.coordinateName(i) + "' is to be " + purpose
                        + " (wrt) but has no start value");
            }
        }
        return given;
    }

    /**
     * The flat input array for the values {@code at}: every coordinate the expression uses
     * needs a value; coordinates it does not use may have one (their derivatives are 0).
     */
    double[] point(Map<String, Double> at) {
        Layout layout = energy.layout();
        double[] x = new double[layout.size()];
        boolean[] given = new boolean[x.length];
        for (Map.Entry<String, Double> e : at.entrySet()) {
            Expressions.Name n = Expressions.Name.parse(e.getKey());
            int i = coordinate(layout, n);
            if (given[i]) {
                throw new IllegalArgumentException("two values are given for '" + n.canonical() + "'");
            }
            x[i] = e.getValue();
            given[i] = true;
        }
        for (String c : parsed.used()) {
            if (!given[layout.indexOf(c)]) {
                throw new IllegalArgumentException("variable '" + c + "' has no value");
            }
        }
        return x;
    }

    private static int coordinate(Layout layout, Expressions.Name n) {
        if (n.rank() == 0 && layout.has(n.base()) && layout.variable(n.base()).rank() > 0) {
            throw new IllegalArgumentException("'" + n.base() + "' has shape " + layout.variable(n.base()).shape()
                    + "; give a value to each coordinate, as " + layout.coordinateName(layout.variable(n.base()).offset()));
        }
        return layout.indexOf(n.canonical());
    }

    /**
     * Evaluates at {@code x} and writes the fields value, grad and hessian into the current
     * JSON object.
     *
     * @throws IllegalArgumentException when the Hessian is asked for and has more than
     *         {@code maxHessian} variables (checked before any work, differentiation included)
     * @throws ArithmeticException for a domain error, such as log(-1.0) = NaN
     */
    void write(JsonGenerator out, double[] x, boolean grad, boolean hessian, int maxHessian) throws IOException {
        int n = names.size();
        if (hessian && n > maxHessian) {
            throw new IllegalArgumentException("the Hessian of " + n + " variables has " + (long) n * n
                    + " entries, over the limit of " + maxHessian + " variables; raise --max-hessian,"
                    + " or leave the Hessian out with --no-hessian");
        }
        EnergyFunction f = function();
        double[] g = new double[n];
        double value = grad ? f.valueAndGradient(x, g) : f.value(x);
        if (Double.isNaN(value)) {
            String origin = nanOrigin(x);
            if (origin != null) {
                throw new ArithmeticException("domain error: " + origin);
            }
        }
        double[][] h = hessian ? f.hessian(x) : null;
        out.writeFieldName("value");
        out.writeRawValue(JsonText.number(value));
        if (grad) {
            out.writeObjectFieldStart("grad");
            for (int j = 0; j < n; j++) {
                out.writeFieldName(names.get(j));
                out.writeRawValue(JsonText.number(g[j]));
            }
            out.writeEndObject();
        }
        if (hessian) {
            out.writeObjectFieldStart("hessian");
            for (int i = 0; i < n; i++) {
                out.writeObjectFieldStart(names.get(i));
                for (int j = 0; j < n; j++) {
                    out.writeFieldName(names.get(j));
                    out.writeRawValue(JsonText.number(h[i][j]));
                }
                out.writeEndObject();
            }
            out.writeEndObject();
        }
    }

    /** The energy, differentiated with respect to the coordinates of the gradient. */
    Energy energy() {
        return energy;
    }

    /**
     * Where a NaN value at {@code x} comes from, such as "log(-1.0) = NaN", or null when the
     * value is not NaN or its origin is unknown.
     */
    String nanOrigin(double[] x) {
        return interpreter().nanOrigin(x);
    }

    /** The evaluator, built by the backend on first use (differentiating, perhaps compiling). */
    EnergyFunction function() {
        if (function == null) {
            function = backend.apply(energy);
        }
        return function;
    }

    private Interpreter interpreter() {
        if (interpreter == null) {
            interpreter = function() instanceof Interpreter i ? i : (Interpreter) energy.interpreter();
        }
        return interpreter;
    }

    /** The backend that evaluates. */
    enum Backend {
        interpreter, compiled;

        EnergyFunction of(Energy e) {
            return this == compiled ? Compiler.compile(e) : e.interpreter();
        }
    }
}
