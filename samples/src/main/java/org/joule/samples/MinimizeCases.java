package org.joule.samples;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.joule.graph.Energy;
import org.joule.runtime.EnergyFunction;
import org.joule.runtime.optimize.OptimizationResult;
import org.joule.runtime.optimize.StoppingRules;

/**
 * The cases of {@code joule minimize --jsonl}: {@code {"id": ..., "expr": "...", "at": {...},
 * "method": "lbfgs", "wrt": ["x0"]}}, where {@code at} is the start, {@code method} (lbfgs,
 * newton or cg) defaults to the command's {@code --method} and {@code wrt} (the coordinates to
 * minimise over, the others fixed) to every coordinate of the start. Answered with the fields
 * of {@link Minimization}; a case that stops without converging counts as
 * {@link JsonLines.Status#UNCONVERGED}.
 */
final class MinimizeCases implements JsonLines.Cases {
    private static final List<String> FIELDS = List.of("id", "expr", "at", "method", "wrt");

    private final JsonLines.Cache cache;
    private final Minimization.Method method;
    private final StoppingRules rules;

    /** Cases evaluated with {@code backend}, minimised by {@code method} unless they name one, under {@code rules}. */
    MinimizeCases(Function<Energy, EnergyFunction> backend, Minimization.Method method, StoppingRules rules) {
        this.cache = new JsonLines.Cache(backend, false);
        this.method = method;
        this.rules = rules;
    }

    @Override
    public List<String> fields() {
        return FIELDS;
    }

    @Override
    public JsonLines.Status answer(JsonNode c, JsonGenerator out) throws IOException {
        String text = JsonLines.expression(c);
        Map<String, Double> at = JsonLines.values(c.get("at"));
        Minimization.Method m = method(c.get("method"));
        List<String> wrt = JsonLines.names(c.get("wrt"), "wrt");
        Minimization minimization = Minimization.of(cache.get(text, at.keySet(), wrt), at);
        OptimizationResult r = minimization.run(m, rules);
        minimization.write(out, r);
        return r.converged() ? JsonLines.Status.OK : JsonLines.Status.UNCONVERGED;
    }

    private Minimization.Method method(JsonNode name) {
        if (name == null || name.isNull()) {
            return method;
        }
        if (!name.isTextual()) {
            throw new IllegalArgumentException("\"method\" must be a string: lbfgs, newton or cg");
        }
        return Minimization.Method.named(name.asText());
    }
}
