package org.joule.samples;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.joule.graph.Energy;
import org.joule.runtime.EnergyFunction;

/**
 * The cases of {@code joule eval --jsonl}: {@code {"id": ..., "expr": "...", "at": {...}}},
 * answered with the value and, as asked, the gradient and the Hessian with respect to every
 * coordinate of the point (see {@link Evaluation#write}).
 */
final class EvalCases implements JsonLines.Cases {
    private static final List<String> FIELDS = List.of("id", "expr", "at");

    private final JsonLines.Cache cache;
    private final boolean grad;
    private final boolean hessian;
    private final int maxHessian;

    /**
     * Cases evaluated with {@code backend}; {@code grad} and {@code hessian} say what each
     * answer holds besides the value, {@code strict} whether names an expression does not use
     * are errors, {@code maxHessian} the most variables of a Hessian.
     */
    EvalCases(Function<Energy, EnergyFunction> backend, boolean strict, boolean grad, boolean hessian,
              int maxHessian) {
        this.cache = new JsonLines.Cache(backend, strict);
        this.grad = grad;
        this.hessian = hessian;
        this.maxHessian = maxHessian;
    }

    @Override
    public List<String> fields() {
        return FIELDS;
    }

    @Override
    public JsonLines.Status answer(JsonNode c, JsonGenerator out) throws IOException {
        String text = JsonLines.expression(c);
        Map<String, Double> at = JsonLines.values(c.get("at"));
        Evaluation e = cache.get(text, at.keySet(), List.of());
        e.write(out, e.point(at), grad, hessian, maxHessian);
        return JsonLines.Status.OK;
    }
}
