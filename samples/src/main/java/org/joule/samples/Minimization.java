package org.joule.samples;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import org.joule.runtime.EnergyFunction;
import org.joule.runtime.JsonText;
import org.joule.runtime.Layout;
import org.joule.runtime.optimize.CommonsMath;
import org.joule.runtime.optimize.Lbfgs;
import org.joule.runtime.optimize.OptimizationResult;
import org.joule.runtime.optimize.StoppingRules;
import org.joule.runtime.optimize.TrustRegionNewton;

/**
 * A prepared expression and a start point, ready to be minimised over the gradient's
 * coordinates of the {@link Evaluation} (the others stay at their start values). Shared by
 * {@code joule minimize} and its streaming mode ({@link MinimizeCases}), so that both answer
 * alike.
 *
 * <p>The answer's fields: {@code value}, {@code x} (every coordinate of the point, fixed ones
 * included, in layout order), {@code gradNorm} (the infinity norm of the gradient over the
 * minimised coordinates), {@code iterations}, {@code evaluations} (value-and-gradient calls,
 * the start's included), {@code converged}, {@code stopped} (the
 * {@link org.joule.runtime.optimize.StopReason} in lower case) and {@code message}. Numbers
 * are written as {@code eval} writes them ({@link JsonText#number}), so they parse back to the
 * same doubles.
 */
final class Minimization {
    private final Evaluation evaluation;
    private final double[] start;
    /** Layout indices of the point's coordinates, ascending. */
    private final int[] point;

    private Minimization(Evaluation evaluation, double[] start, int[] point) {
        this.evaluation = evaluation;
        this.start = start;
        this.point = point;
    }

    /** The methods of {@code --method}. */
    enum Method {
        /** {@link Lbfgs} with a strong-Wolfe line search. */
        lbfgs {
            @Override
            OptimizationResult run(EnergyFunction f, double[] start, StoppingRules rules) {
                return new Lbfgs().minimize(f, start, rules);
            }
        },
        /** {@link TrustRegionNewton}, Steihaug CG on the energy's Hessian-vector products. */
        newton {
            @Override
            OptimizationResult run(EnergyFunction f, double[] start, StoppingRules rules) {
                return new TrustRegionNewton().minimize(f, start, rules);
            }
        },
        /** Commons Math's nonlinear conjugate gradient ({@link CommonsMath#conjugateGradient}), for comparison. */
        cg {
            @Override
            OptimizationResult run(EnergyFunction f, double[] start, StoppingRules rules) {
                return CommonsMath.conjugateGradient(f, start, rules);
            }
        };

        /** Minimises {@code f} from the full layout array {@code start}. */
        abstract OptimizationResult run(EnergyFunction f, double[] start, StoppingRules rules);

        /**
         * The method called {@code name}.
         *
         * @throws IllegalArgumentException naming it and the methods there are
         */
        static Method named(String name) {
            for (Method m : values()) {
                if (m.name().equals(name)) {
                    return m;
                }
            }
            throw new IllegalArgumentException("unknown method '" + name + "'; expected lbfgs, newton or cg");
        }
    }

    /**
     * Sets up a minimisation of {@code e} from the point {@code at}.
     *
     * @throws IllegalArgumentException as {@link Evaluation#point}, or when a coordinate to
     *     minimise over has no start value
     */
    static Minimization of(Evaluation e, Map<String, Double> at) {
        double[] x = e.point(at);
        boolean[] given = e.givenWithWrt(at, "minimised over");
        int[] point = new int[at.size()];
        int k = 0;
        for (int i = 0; i < x.length; i++) {
            if (given[i]) {
                point[k++] = i;
            }
        }
        return new Minimization(e, x, Arrays.copyOf(point, k));
    }

    /**
     * Minimises with {@code method} under {@code rules}.
     *
     * @return the result, converged or not
     * @throws IllegalArgumentException when the start is not finite, or the energy or its
     *     gradient is not finite there
     * @throws ArithmeticException for a domain error at the start, such as log(-1.0) = NaN
     */
    OptimizationResult run(Method method, StoppingRules rules) {
        try {
            return method.run(evaluation.function(), start, rules);
        } catch (IllegalArgumentException e) {
            boolean finiteStart = Arrays.stream(start).allMatch(Double::isFinite);
            String origin = finiteStart ? evaluation.nanOrigin(start) : null;
            if (origin != null) {
                throw new ArithmeticException("domain error at the start: " + origin);
            }
            throw e;
        }
    }

    /** Writes the fields of the result {@code r} into the current JSON object. */
    void write(JsonGenerator out, OptimizationResult r) throws IOException {
        Layout layout = evaluation.energy().layout();
        double[] x = r.x();
        out.writeFieldName("value");
        out.writeRawValue(JsonText.number(r.value()));
        out.writeObjectFieldStart("x");
        for (int i : point) {
            out.writeFieldName(layout.coordinateName(i));
            out.writeRawValue(JsonText.number(x[i]));
        }
        out.writeEndObject();
        out.writeFieldName("gradNorm");
        out.writeRawValue(JsonText.number(r.gradientNorm()));
        out.writeNumberField("iterations", r.iterations());
        out.writeNumberField("evaluations", r.evaluations());
        out.writeBooleanField("converged", r.converged());
        out.writeStringField("stopped", r.stopReason().name().toLowerCase(Locale.ROOT));
        if (!r.message().isEmpty()) {
            out.writeStringField("message", r.message());
        }
    }
}
