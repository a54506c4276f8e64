package org.joule.samples;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.Writer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import org.joule.runtime.JsonText;
import org.joule.runtime.sampling.Adaptation;
import org.joule.runtime.sampling.Hmc;
import org.joule.runtime.sampling.Langevin;
import org.joule.runtime.sampling.Mala;
import org.joule.runtime.sampling.Nuts;
import org.joule.runtime.sampling.Sampler;
import org.joule.runtime.sampling.SamplingListener;
import org.joule.runtime.sampling.SamplingPlan;
import org.joule.runtime.sampling.SamplingResult;
import org.joule.runtime.sampling.Summary;

/**
 * A prepared expression and a start point, ready to be sampled from p ∝ exp(−β E) over the
 * gradient's coordinates of the {@link Evaluation} (the others stay at their start values), and
 * the writers of what {@code joule sample} prints: the JSON summary and the CSV of raw draws.
 * Numbers are written as {@code eval} writes them ({@link JsonText#number}, the shortest text
 * that parses back to the same double; "NaN" in quotes where a diagnostic is undefined).
 */
final class Sampling {
    /** Default step of the unadjusted Langevin algorithm, which does not adapt its step. */
    static final double DEFAULT_LANGEVIN_STEP = 0.1;
    /** Default number of leapfrog steps per HMC trajectory (Neal 2011's examples use 10 to 100). */
    static final int DEFAULT_LEAPFROG = 10;

    private final Evaluation evaluation;
    private final double[] start;

    private Sampling(Evaluation evaluation, double[] start) {
        this.evaluation = evaluation;
        this.start = start;
    }

    /** The samplers of {@code --method}. */
    enum Method {
        /** {@link Nuts}: step size and diagonal mass matrix adapted towards an acceptance of 0.8. */
        nuts {
            @Override
            Sampler sampler(Double step, Integer leapfrog) {
                return new Nuts(step == null ? 1 : step, Nuts.DEFAULT_MAX_DEPTH, Adaptation.full(Nuts.DEFAULT_TARGET));
            }
        },
        /** {@link Hmc}: L leapfrog steps; step size and mass matrix adapted towards 0.651. */
        hmc {
            @Override
            Sampler sampler(Double step, Integer leapfrog) {
                return new Hmc(step == null ? 1 : step, leapfrog == null ? DEFAULT_LEAPFROG : leapfrog, 0,
                        Adaptation.full(Hmc.OPTIMAL_ACCEPTANCE));
            }
        },
        /** {@link Mala}: step size and mass matrix adapted towards 0.574. */
        mala {
            @Override
            Sampler sampler(Double step, Integer leapfrog) {
                return new Mala(step == null ? 1 : step, Adaptation.full(Mala.OPTIMAL_ACCEPTANCE));
            }
        },
        /** {@link Langevin}, unadjusted, with a fixed step. */
        langevin {
            @Override
            Sampler sampler(Double step, Integer leapfrog) {
                return new Langevin(step == null ? DEFAULT_LANGEVIN_STEP : step);
            }
        };

        /**
         * The sampler with step (null for the default) and, for HMC, leapfrog steps (null for
         * the default).
         */
        abstract Sampler sampler(Double step, Integer leapfrog);
    }

    /**
     * Sets up sampling of {@code e} from the point {@code at}.
     *
     * @throws IllegalArgumentException as {@link Evaluation#point}, or when a coordinate to
     *     sample has no start value
     */
    static Sampling of(Evaluation e, Map<String, Double> at) {
        double[] x = e.point(at);
        e.givenWithWrt(at, "sampled"); // every coordinate to sample has a start value
        return new Sampling(e, x);
    }

    /**
     * Samples with {@code sampler} under {@code plan}, one task per chain on {@code executor}.
     *
     * @throws IllegalArgumentException when the start is not finite, or the energy or its
     *     gradient is not finite there
     * @throws ArithmeticException for a domain error at the start, such as log(-1.0) = NaN
     */
    SamplingResult run(Sampler sampler, SamplingPlan plan, Executor executor) {
        try {
            return sampler.sample(evaluation.function(), start, plan, executor, SamplingListener.NONE);
        } catch (IllegalArgumentException e) {
            boolean finiteStart = Arrays.stream(start).allMatch(Double::isFinite);
            String origin = finiteStart ? evaluation.nanOrigin(start) : null;
            if (origin != null) {
                throw new ArithmeticException("domain error at the start: " + origin);
            }
            throw e;
        }
    }

    /**
     * Writes the fields {@code variables}, {@code cov}, {@code acceptance}, {@code divergences}
     * and {@code gradientEvaluations} (all chains, warm-up included) into the current JSON object.
     */
    static void write(JsonGenerator out, SamplingResult r) throws IOException {
        List<String> names = r.names();
        out.writeObjectFieldStart("variables");
        for (int k = 0; k < names.size(); k++) {
            out.writeObjectFieldStart(names.get(k));
            writeSummary(out, r.summary(k));
            out.writeEndObject();
        }
        out.writeEndObject();
        double[][] cov = r.covariance();
        out.writeObjectFieldStart("cov");
        for (int i = 0; i < names.size(); i++) {
            out.writeObjectFieldStart(names.get(i));
            for (int j = 0; j < names.size(); j++) {
                number(out, names.get(j), cov[i][j]);
            }
            out.writeEndObject();
        }
        out.writeEndObject();
        number(out, "acceptance", r.acceptanceRate());
        out.writeNumberField("divergences", r.divergences());
        out.writeNumberField("gradientEvaluations", r.totalGradientEvaluations());
    }

    private static void writeSummary(JsonGenerator out, Summary s) throws IOException {
        number(out, "mean", s.mean());
        number(out, "sd", s.sd());
        number(out, "q05", s.q05());
        number(out, "q50", s.q50());
        number(out, "q95", s.q95());
        number(out, "essBulk", s.essBulk());
        number(out, "rhat", s.rhat());
    }

    private static void number(JsonGenerator out, String field, double value) throws IOException {
        out.writeFieldName(field);
        out.writeRawValue(JsonText.number(value));
    }

    /**
     * Writes the raw draws as CSV: a header {@code chain,draw,<names>} (a name holding a comma,
     * such as {@code W[1,0]}, in double quotes), then one row per chain per draw, chains in
     * order, both counted from 0; each number as {@link Double#toString}, which parses back to
     * the same double.
     */
    static void writeCsv(Writer out, SamplingResult r) throws IOException {
        StringBuilder line = new StringBuilder("chain,draw");
        for (String name : r.names()) {
            line.append(',').append(name.contains(",") ? "\"" + name + "\"" : name);
        }
        out.write(line.append('\n').toString());
        for (int c = 0; c < r.chains(); c++) {
            for (int d = 0; d < r.draws(); d++) {
                line.setLength(0);
                line.append(c).append(',').append(d);
                for (int k = 0; k < r.dimension(); k++) {
                    line.append(',').append(r.draw(c, d, k));
                }
                out.write(line.append('\n').toString());
            }
        }
    }
}
