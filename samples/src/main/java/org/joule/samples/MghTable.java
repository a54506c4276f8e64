package org.joule.samples;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.joule.compiler.Compiler;
import org.joule.graph.testing.MghProblem;
import org.joule.graph.testing.MoreGarbowHillstrom;
import org.joule.runtime.EnergyFunction;
import org.joule.runtime.optimize.CommonsMath;
import org.joule.runtime.optimize.Lbfgs;
import org.joule.runtime.optimize.OptimizationResult;
import org.joule.runtime.optimize.StoppingRules;
import org.joule.runtime.optimize.TrustRegionNewton;

/**
 * Joule's L-BFGS and trust-region Newton method, and Commons Math's nonlinear conjugate
 * gradient, on the 35 problems of Moré, Garbow and Hillstrom, "Testing Unconstrained
 * Optimization Software", ACM TOMS 7(1), 1981, from the paper's starting points, on compiled
 * energies. Run {@code java -cp samples/target/joule.jar org.joule.samples.MghTable} for the
 * Markdown table.
 *
 * <p>A run reaches the published optimum f* when its value agrees with the printed f* in six
 * significant digits, or is at most 1e-10 where f* is 0. The paper truncates its values
 * (Bard's 8.214877e-3 is printed 8.21487e-3), so a value agrees when it lies in
 * [f*, f* + one unit of the sixth digit), with a rounding slack of 1e-12 |f*| below f*.
 */
public final class MghTable {
    /** Stopping rules of every run: a tight gradient tolerance, no relative-change stop. */
    public static final StoppingRules RULES = StoppingRules.defaults().withGradientTolerance(1e-10)
            .withRelativeChange(0).withMaxIterations(10_000).withMaxEvaluations(50_000);

    /** The methods compared. */
    public enum Method {
        /** Joule's L-BFGS with a strong-Wolfe line search. */
        LBFGS,
        /** Joule's trust-region Newton method with Steihaug conjugate gradient. */
        NEWTON,
        /** Commons Math's Polak-Ribière nonlinear conjugate gradient. */
        CG;

        OptimizationResult run(EnergyFunction f, double[] start) {
            return switch (this) {
                case LBFGS -> new Lbfgs().minimize(f, start, RULES);
                case NEWTON -> new TrustRegionNewton().minimize(f, start, RULES);
                case CG -> CommonsMath.conjugateGradient(f, start, RULES);
            };
        }
    }

    /**
     * One run.
     *
     * @param problem the problem
     * @param method  the method
     * @param result  what the method returned
     * @param reached whether the value is the published f* (see the class comment)
     */
    public record Row(MghProblem problem, Method method, OptimizationResult result, boolean reached) {
    }

    private MghTable() {
    }

    /**
     * Runs every method on every problem of the default dimensions.
     *
     * @return one row per problem and method, problems in order
     */
    public static List<Row> run() {
        List<Row> rows = new ArrayList<>();
        for (MghProblem p : MoreGarbowHillstrom.all()) {
            EnergyFunction f = Compiler.compile(p.energy());
            for (Method m : Method.values()) {
                OptimizationResult r = m.run(f, p.startingPoint());
                rows.add(new Row(p, m, r, reached(p, r.value())));
            }
        }
        return rows;
    }

    /**
     * Whether {@code value} is the published optimum of {@code p}.
     *
     * @param p     the problem
     * @param value a value of its energy
     * @return false when the paper gives no f*
     */
    public static boolean reached(MghProblem p, double value) {
        if (p.optimalValue().isEmpty() || !Double.isFinite(value)) {
            return false;
        }
        double best = p.optimalValue().getAsDouble();
        if (best == 0) {
            return Math.abs(value) <= 1e-10;
        }
        double unit = new BigDecimal(best).round(new MathContext(6)).ulp().doubleValue();
        return value >= best - 1e-12 * Math.abs(best) && value < best + unit;
    }

    /**
     * Prints the table in Markdown.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        List<Row> rows = run();
        System.out.println("| # | problem | n | f* | L-BFGS f | it | evals | Newton f | it | evals | H·v | CG f | it | evals |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (int i = 0; i < rows.size(); i += 3) {
            Row l = rows.get(i);
            Row n = rows.get(i + 1);
            Row c = rows.get(i + 2);
            MghProblem p = l.problem();
            System.out.printf(Locale.ROOT, "| %d | %s | %d | %s | %s | %d | %d | %s | %d | %d | %d | %s | %d | %d |%n",
                    p.number(), p.name(), p.n(),
                    p.optimalValue().isPresent() ? String.format(Locale.ROOT, "%.6g", p.optimalValue().getAsDouble()) : "–",
                    cell(l), l.result().iterations(), l.result().evaluations(),
                    cell(n), n.result().iterations(), n.result().evaluations(), n.result().hessianVectorProducts(),
                    cell(c), c.result().iterations(), c.result().evaluations());
        }
        for (Method m : Method.values()) {
            long reached = rows.stream().filter(r -> r.method() == m && r.reached()).count();
            System.out.println(m + " reached f* on " + reached + " of " + MoreGarbowHillstrom.COUNT);
        }
    }

    private static String cell(Row r) {
        String v = String.format(Locale.ROOT, "%.6g", r.result().value());
        return (r.reached() ? "**" + v + "**" : v) + (r.result().converged() ? "" : " (" + r.result().stopReason().name().toLowerCase(Locale.ROOT) + ")");
    }
}
