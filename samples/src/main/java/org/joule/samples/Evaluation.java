package org.joule.samples;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.joule.compiler.Compiler;
import org.joule.graph.Energy;
import org.joule.graph.Interpreter;
import org.joule.runtime.EnergyFunction;
import org.joule.runtime.Layout;

/**
 * One evaluation case: an expression, values for its variables, and what to compute. Shared
 * by {@code eval} and its streaming mode so both answer alike.
 */
final class Evaluation {
    private Evaluation() {
    }

    /** Parses "x0=1.5,x1=-2" into an ordered map. */
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
            String value = item.substring(eq + 1).trim();
            try {
                if (at.put(name, Double.parseDouble(value)) != null) {
                    throw new IllegalArgumentException("--at gives '" + name + "' twice");
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--at " + name + ": '" + value + "' is not a number");
            }
        }
        return at;
    }

    /** The flat input array for {@code at}; every coordinate needs a value and every name must exist. */
    static double[] inputs(Layout layout, Map<String, Double> at) {
        double[] x = new double[layout.size()];
        boolean[] given = new boolean[x.length];
        for (Map.Entry<String, Double> e : at.entrySet()) {
            int i;
            try {
                i = layout.indexOf(e.getKey());
            } catch (IllegalArgumentException unknown) {
                throw new IllegalArgumentException("a value is given for '" + e.getKey()
                        + "', which the expression does not use");
            }
            x[i] = e.getValue();
            given[i] = true;
        }
        for (int i = 0; i < x.length; i++) {
            if (!given[i]) {
                throw new IllegalArgumentException("variable '" + layout.coordinateName(i) + "' has no value");
            }
        }
        return x;
    }

    /** Evaluates and writes the fields value, grad and hessian into the current JSON object. */
    static void write(JsonGenerator out, Energy energy, EnergyFunction f, double[] x, boolean grad,
                      boolean hessian) throws IOException {
        List<String> names = Expressions.wrtNames(energy);
        double[] g = new double[f.wrtLength()];
        double value = grad ? f.valueAndGradient(x, g) : f.value(x);
        if (Double.isNaN(value)) {
            Interpreter interpreter = f instanceof Interpreter i ? i : (Interpreter) energy.interpreter();
            String origin = interpreter.nanOrigin(x);
            if (origin != null) {
                throw new ArithmeticException("domain error: " + origin);
            }
        }
        double[][] h = hessian ? f.hessian(x) : null;
        out.writeFieldName("value");
        number(out, value);
        if (grad) {
            out.writeObjectFieldStart("grad");
            for (int j = 0; j < g.length; j++) {
                out.writeFieldName(names.get(j));
                number(out, g[j]);
            }
            out.writeEndObject();
        }
        if (hessian) {
            out.writeObjectFieldStart("hessian");
            for (int i = 0; i < h.length; i++) {
                out.writeObjectFieldStart(names.get(i));
                for (int j = 0; j < h.length; j++) {
                    out.writeFieldName(names.get(j));
                    number(out, h[i][j]);
                }
                out.writeEndObject();
            }
            out.writeEndObject();
        }
    }

    /** The backend that evaluates. */
    enum Backend {
        interpreter, compiled;

        EnergyFunction of(Energy e) {
            return this == compiled ? Compiler.compile(e) : e.interpreter();
        }
    }

    /** A double that parses back to the same value; non-finite ones as "NaN", "Infinity", "-Infinity". */
    static void number(JsonGenerator out, double v) throws IOException {
        if (Double.isFinite(v)) {
            out.writeNumber(Double.toString(v));
        } else {
            out.writeString(Double.toString(v));
        }
    }
}
