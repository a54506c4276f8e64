package org.joule.runtime.latent;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.joule.runtime.Checks;
import org.joule.runtime.EnergyFunction;
import org.joule.runtime.Layout;
import org.joule.runtime.Role;
import org.joule.runtime.Variable;
import org.joule.runtime.optimize.Lbfgs;
import org.joule.runtime.optimize.OptimizationResult;
import org.joule.runtime.optimize.Optimizer;
import org.joule.runtime.optimize.StoppingRules;

/**
 * The free energy F(y; W) = min_z E(y, z; W) of an energy with a continuous latent variable z,
 * as an {@link EnergyFunction} over the same layout: its value at x is F at the data and
 * parameters of x, its gradient is ∂F/∂(wrt coordinates) by the envelope theorem.
 *
 * <p><b>Two views of one energy.</b> It is built from two {@link EnergyFunction}s of the same
 * energy E and layout that differ only in what they are differentiated with respect to:
 * {@code inner}, with wrt = exactly the {@link Role#LATENT} coordinates, which the inner
 * optimiser minimises over (its gradient; its Hessian-vector products for
 * {@link org.joule.runtime.optimize.TrustRegionNewton}); and {@code outer}, with wrt = the
 * coordinates F is differentiated in, data and/or parameters, none latent. From the Java DSL:
 * <pre>{@code
 * EnergyFunction inner = Compiler.compile(Energy.of(e).wrt(Role.LATENT));
 * EnergyFunction outer = Compiler.compile(Energy.of(e).wrt(Role.DATA, Role.PARAMETER));
 * MinimizedLatent f = MinimizedLatent.of(inner, outer).withStarts(new double[] {Math.PI});
 * double free = f.value(x);                  // min over z, from z = x's z and from z = pi
 * double[] dF = f.gradient(x);               // dE/d(y, W) at z*
 * }</pre>
 *
 * <p><b>Value.</b> F(x) is the energy at the best of the inner runs: one from the warm start
 * ({@link WarmStart#INPUT}, the default: the latent coordinates of x; or
 * {@link WarmStart#PREVIOUS}: this thread's previous z*), then one from each start given to
 * {@link #withStarts(double[]...)}. The best is the lowest energy, ties to the earlier start.
 * min_z may be non-convex: a single run finds a local minimum (or even stays at a stationary
 * point it starts on, such as a maximum), so give starts that cover the basins when the global
 * minimum is wanted. A run that stops with
 * {@link org.joule.runtime.optimize.StopReason#LINE_SEARCH_FAILED} — as a descent method does
 * once the value changes by less than its rounding, with the gradient still near sqrt(ε) — goes
 * on with Newton steps on the equation ∇_z E = 0 (conjugate gradients on the inner
 * Hessian-vector products; a step only where the curvature is positive, the gradient decreases
 * and the value does not rise beyond rounding), which reach the tight tolerance; the run's
 * result then counts those steps and says so in its message. Every run must converge; otherwise {@link #value(double[])} and
 * {@link #valueAndGradient(double[], double[])} throw a {@link LatentNotConvergedException}
 * naming the stop reason, the point and the inner gradient norm, and {@link #minimize(double[])}
 * returns a {@link LatentMinimum} whose status says so. A wrong F is never returned silently.
 *
 * <p><b>Gradient.</b> By the envelope theorem (Milgrom &amp; Segal, "Envelope theorems for
 * arbitrary choice sets", Econometrica 70(2), 2002; LeCun et al., "A tutorial on energy-based
 * learning", 2006, section 4), at an interior minimiser ∇_z E(y, z*; W) = 0, so
 * ∂F/∂(y, W) = ∂E/∂(y, W) at z*: {@code outer}'s gradient at (y, z*, W). Error analysis: the
 * optimiser stops at z̃ with g = ∇_z E(z̃), ‖g‖_∞ at most the gradient tolerance; with
 * H = ∇²_zz E positive definite, z̃ − z* ≈ H⁻¹ g, so the value is off by about ½ gᵀH⁻¹g =
 * O(‖g‖²) and the gradient by about E_(y,W)z H⁻¹ g = O(‖g‖). Hence the tight default gradient
 * tolerance ({@link #defaultRules()}: 1e-10 absolute, relative-change rule off, since a value
 * test would stop with z accurate only to the square root of its tolerance). Where the global
 * minimiser jumps between branches, F has a kink and its gradient is one branch's.
 *
 * <p><b>Hessian-vector products</b> are not supported: by the implicit-function theorem they
 * need the cross derivatives ∂²E/∂z∂(y, W), which neither view provides;
 * {@link #hessianVectorProduct(double[], double[], double[])} throws
 * {@link UnsupportedOperationException}. Minimise F with a gradient method such as
 * {@link Lbfgs}.
 *
 * <p><b>Bad input.</b> A NaN data or parameter coordinate gives a NaN value and an all-NaN
 * gradient, as {@link EnergyFunction} requires; an infinite one is an
 * {@link IllegalArgumentException} naming it, as is a non-finite start or an energy that is not
 * finite at a start. The latent coordinates of x do not change F (beyond the inner tolerance
 * and the choice of local minimum): they are only the start under {@link WarmStart#INPUT}, and
 * ignored under {@link WarmStart#PREVIOUS} once the thread has a previous z*.
 *
 * <p><b>Threads.</b> Instances are immutable apart from the per-thread memory of
 * {@link WarmStart#PREVIOUS}, and thread-safe: under {@link WarmStart#INPUT} the same x gives
 * the same bits on every call and every thread, since the optimisers are deterministic.
 */
public final class MinimizedLatent implements EnergyFunction {
    private static final StoppingRules DEFAULT_RULES = StoppingRules.defaults().withGradientTolerance(1e-10)
            .withRelativeChange(0);
    /** Relative disagreement of the two views' values at z* beyond which they are not one energy. */
    private static final double SAME_ENERGY = 1e-6;
    /** How many data and parameter coordinates a message lists. */
    private static final int NAMED_COORDINATES = 8;

    private final EnergyFunction inner;
    private final EnergyFunction outer;
    private final Optimizer optimizer;
    private final StoppingRules rules;
    private final WarmStart warmStart;
    private final double[][] starts;
    private final int[] latent;
    private final boolean[] isLatent;
    private final ThreadLocal<double[]> previous = new ThreadLocal<>();

    private MinimizedLatent(EnergyFunction inner, EnergyFunction outer, Optimizer optimizer, StoppingRules rules,
            WarmStart warmStart, double[][] starts) {
        this.inner = inner;
        this.outer = outer;
        this.optimizer = optimizer;
        this.rules = rules;
        this.warmStart = warmStart;
        this.starts = starts;
        this.latent = new int[inner.wrtLength()];
        this.isLatent = new boolean[inner.layout().size()];
        for (int k = 0; k < latent.length; k++) {
            latent[k] = inner.wrt(k);
            isLatent[latent[k]] = true;
        }
    }

    /**
     * The free energy of the energy that {@code inner} and {@code outer} compute, minimised with
     * {@link Lbfgs} under {@link #defaultRules()} from the latent coordinates of the input
     * ({@link WarmStart#INPUT}), with no further starts.
     *
     * @param inner the energy differentiated with respect to exactly its {@link Role#LATENT}
     *              coordinates, in any order
     * @param outer the same energy over the same layout, differentiated with respect to the
     *              coordinates F is to be differentiated in; none of them latent (possibly none)
     * @return the free energy
     * @throws IllegalArgumentException naming the culprit: a null view, layouts that differ, a
     *     layout without latent coordinates, an inner wrt coordinate that is not latent or is
     *     repeated, a latent coordinate missing from the inner wrt, or a latent outer wrt coordinate
     */
    public static MinimizedLatent of(EnergyFunction inner, EnergyFunction outer) {
        checkViews(inner, outer);
        return new MinimizedLatent(inner, outer, new Lbfgs(), DEFAULT_RULES, WarmStart.INPUT, new double[0][]);
    }

    /**
     * The default inner stopping rules: gradient inf-norm 1e-10 (absolute: scale it with the
     * energy), relative-change rule off, 1000 iterations, 10000 evaluations.
     *
     * @return the rules
     */
    public static StoppingRules defaultRules() {
        return DEFAULT_RULES;
    }

    /**
     * This free energy with another inner optimiser.
     *
     * @param optimizer any optimiser, e.g. {@link org.joule.runtime.optimize.TrustRegionNewton},
     *                  which uses the inner energy's Hessian-vector products
     * @return a new instance; the per-thread warm-start memory starts empty
     */
    public MinimizedLatent withOptimizer(Optimizer optimizer) {
        if (optimizer == null) {
            throw new IllegalArgumentException("optimizer is null");
        }
        return new MinimizedLatent(inner, outer, optimizer, rules, warmStart, starts);
    }

    /**
     * This free energy with other inner stopping rules. The gradient tolerance bounds the error
     * of the envelope gradient (linearly) and of the value (quadratically).
     *
     * @param rules the inner rules
     * @return a new instance
     */
    public MinimizedLatent withRules(StoppingRules rules) {
        if (rules == null) {
            throw new IllegalArgumentException("rules is null; use MinimizedLatent.defaultRules()");
        }
        return new MinimizedLatent(inner, outer, optimizer, rules, warmStart, starts);
    }

    /**
     * This free energy with another first start.
     *
     * @param warmStart where the first inner run starts
     * @return a new instance; the per-thread warm-start memory starts empty
     */
    public MinimizedLatent withWarmStart(WarmStart warmStart) {
        if (warmStart == null) {
            throw new IllegalArgumentException("warmStart is null");
        }
        return new MinimizedLatent(inner, outer, optimizer, rules, warmStart, starts);
    }

    /**
     * This free energy with further starts, replacing any given before: after the warm start's
     * run, one inner run from each, and the lowest energy wins. Use them when min_z is not
     * convex.
     *
     * @param latentStarts values of the latent coordinates, each in the inner wrt order (see
     *                     {@link #latentName(int)}), finite; copied
     * @return a new instance
     * @throws IllegalArgumentException naming the start and coordinate: a null start, a wrong
     *     length or a non-finite value
     */
    public MinimizedLatent withStarts(double[]... latentStarts) {
        if (latentStarts == null) {
            throw new IllegalArgumentException("latentStarts is null");
        }
        double[][] copy = new double[latentStarts.length][];
        for (int s = 0; s < copy.length; s++) {
            copy[s] = Checks.length(latentStarts[s], latent.length, "start " + s + " (the latent coordinates "
                    + latentNames() + ")").clone();
            for (int k = 0; k < latent.length; k++) {
                if (!Double.isFinite(copy[s][k])) {
                    throw new IllegalArgumentException("start " + s + ": coordinate '" + latentName(k) + "' is "
                            + copy[s][k] + "; expected a finite number");
                }
            }
        }
        return new MinimizedLatent(inner, outer, optimizer, rules, warmStart, copy);
    }

    /**
     * Number of latent coordinates minimised over.
     *
     * @return the inner energy's wrt length, 1 or more
     */
    public int latentLength() {
        return latent.length;
    }

    /**
     * The name of latent coordinate {@code k}, in the order of starts and {@link #argmin(double[])}.
     *
     * @param k 0 &lt;= k &lt; {@link #latentLength()}
     * @return its name, such as {@code z} or {@code z[1]}
     */
    public String latentName(int k) {
        return layout().coordinateName(latent[k]);
    }

    /**
     * The inner minimisation at {@code x}, every run with its status; never throws for
     * non-convergence.
     *
     * @param x the input, length {@code layout().size()}, its data and parameter coordinates
     *          finite; its latent coordinates are the warm start as {@link WarmStart} says
     * @return the outcome; check {@link LatentMinimum#converged()}
     * @throws IllegalArgumentException naming the culprit: a wrong length, a non-finite data or
     *     parameter coordinate, a non-finite start, or an energy not finite at a start
     */
    public LatentMinimum minimize(double[] x) {
        Checks.length(x, layout().size(), "x");
        requireFiniteOutsideLatent(x);
        return solve(x);
    }

    /**
     * The minimiser z* at {@code x}.
     *
     * @param x the input, as for {@link #minimize(double[])}
     * @return the latent coordinates at the best minimum, in the order of {@link #latentName(int)}
     * @throws LatentNotConvergedException when an inner run did not converge
     * @throws IllegalArgumentException as {@link #minimize(double[])}
     */
    public double[] argmin(double[] x) {
        Checks.length(x, layout().size(), "x");
        requireFiniteOutsideLatent(x);
        return latentOf(converged(x).x());
    }

    /**
     * F at {@code x}: min_z E.
     *
     * @param x the inputs, length {@code layout().size()}
     * @return the free energy; NaN when a data or parameter coordinate is NaN
     * @throws LatentNotConvergedException when an inner run did not converge
     * @throws IllegalArgumentException naming the culprit: a wrong length, an infinite data or
     *     parameter coordinate, a non-finite start, or an energy not finite at a start
     */
    @Override
    public double value(double[] x) {
        Checks.length(x, layout().size(), "x");
        if (hasNaNOutsideLatent(x)) {
            return Double.NaN;
        }
        requireFiniteOutsideLatent(x);
        return converged(x).value();
    }

    /**
     * F at {@code x}, and its gradient with respect to the outer wrt coordinates: the outer
     * energy's gradient at z* (envelope theorem), with an error of O(‖∇_z E‖) at the returned z*.
     *
     * @param x        the inputs, length {@code layout().size()}
     * @param gradient the output, length {@link #wrtLength()}; all NaN when a data or parameter
     *                 coordinate is NaN
     * @return the free energy, the same bits as {@link #value(double[])}
     * @throws LatentNotConvergedException when an inner run did not converge
     * @throws IllegalStateException when the outer energy's value at z* is not the inner one's:
     *     the views are not the same energy
     * @throws IllegalArgumentException as {@link #value(double[])}, or a gradient array of the
     *     wrong length
     */
    @Override
    public double valueAndGradient(double[] x, double[] gradient) {
        Checks.length(x, layout().size(), "x");
        Checks.length(gradient, wrtLength(), "gradient");
        if (hasNaNOutsideLatent(x)) {
            Arrays.fill(gradient, Double.NaN);
            return Double.NaN;
        }
        requireFiniteOutsideLatent(x);
        LatentMinimum m = converged(x);
        double f = m.value();
        double atMinimum = outer.valueAndGradient(m.x(), gradient);
        if (!(Math.abs(atMinimum - f) <= SAME_ENERGY * Math.max(1, Math.max(Math.abs(f), Math.abs(atMinimum))))) {
            throw new IllegalStateException("the outer energy is " + atMinimum + " but the inner energy is " + f
                    + " at z* for " + describe(x) + ": the two views must compute the same energy E(y, z; W)");
        }
        return f;
    }

    /**
     * Not supported: the Hessian of F needs ∂²E/∂z∂(y, W) (implicit-function theorem), which
     * neither view provides.
     *
     * @param x   unused
     * @param v   unused
     * @param out unused
     * @throws UnsupportedOperationException always
     */
    @Override
    public void hessianVectorProduct(double[] x, double[] v, double[] out) {
        throw new UnsupportedOperationException("Hessian-vector products of the free energy min over "
                + latentNames() + " are not supported: by the implicit-function theorem H_F = E_xx - E_xz E_zz^-1 E_zx"
                + " needs the cross derivatives of E in the latent and outer coordinates, which the inner and outer"
                + " energies do not give; minimise F with a gradient method such as L-BFGS");
    }

    /**
     * The layout, the energy's: latent coordinates included.
     *
     * @return the layout
     */
    @Override
    public Layout layout() {
        return outer.layout();
    }

    /**
     * Number of coordinates F is differentiated in: the outer energy's.
     *
     * @return the outer wrt length
     */
    @Override
    public int wrtLength() {
        return outer.wrtLength();
    }

    /**
     * The flat index of gradient entry {@code k}: the outer energy's.
     *
     * @param k a gradient entry
     * @return its index in the layout
     */
    @Override
    public int wrt(int k) {
        return outer.wrt(k);
    }

    @Override
    public String toString() {
        return "MinimizedLatent[min over " + latentNames() + " with " + optimizer.getClass().getSimpleName() + ", "
                + rules + ", warm start " + warmStart + ", " + starts.length + " further starts]";
    }

    // ---- the inner runs

    /** Every run, the best chosen, and the warm-start memory updated. */
    private LatentMinimum solve(double[] x) {
        List<OptimizationResult> runs = new ArrayList<>(1 + starts.length);
        double[] start = x.clone();
        double[] remembered = warmStart == WarmStart.PREVIOUS ? previous.get() : null;
        if (remembered != null) {
            scatter(remembered, start);
        }
        runs.add(run(x, start, 0));
        for (int s = 0; s < starts.length; s++) {
            scatter(starts[s], start);
            runs.add(run(x, start, s + 1));
        }
        LatentMinimum m = new LatentMinimum(x, runs, best(runs));
        if (warmStart == WarmStart.PREVIOUS && m.converged()) {
            previous.set(latentOf(m.x()));
        }
        return m;
    }

    private OptimizationResult run(double[] x, double[] start, int index) {
        try {
            return NewtonPolish.polish(inner, latent, optimizer.minimize(inner, start, rules), rules);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("inner minimisation over " + latentNames() + " at " + describe(x)
                    + ", start " + index + " " + latentText(start) + ": " + e.getMessage(), e);
        }
    }

    /** The converged run of lowest energy, ties to the earlier; -1 when none converged. */
    private static int best(List<OptimizationResult> runs) {
        int best = -1;
        for (int i = 0; i < runs.size(); i++) {
            OptimizationResult r = runs.get(i);
            if (r.converged() && (best < 0 || r.value() < runs.get(best).value())) {
                best = i;
            }
        }
        return best;
    }

    /** The minimum, or the exception that names why it is not one. */
    private LatentMinimum converged(double[] x) {
        LatentMinimum m = solve(x);
        OptimizationResult failed = m.failure();
        if (failed != null) {
            int index = m.runs().indexOf(failed);
            throw new LatentNotConvergedException("inner minimisation over " + latentNames() + " did not converge at "
                    + describe(x) + ": start " + index + " of " + m.runs().size() + " stopped with "
                    + failed.stopReason() + " after " + failed.iterations() + " iterations at "
                    + latentText(failed.x()) + ", inner gradient inf-norm " + failed.gradientNorm()
                    + " (tolerance " + rules.gradientTolerance() + "); " + failed.message(), m);
        }
        return m;
    }

    // ---- coordinates and messages

    private void scatter(double[] z, double[] full) {
        for (int k = 0; k < latent.length; k++) {
            full[latent[k]] = z[k];
        }
    }

    private double[] latentOf(double[] full) {
        double[] z = new double[latent.length];
        for (int k = 0; k < latent.length; k++) {
            z[k] = full[latent[k]];
        }
        return z;
    }

    private boolean hasNaNOutsideLatent(double[] x) {
        for (int i = 0; i < x.length; i++) {
            if (!isLatent[i] && Double.isNaN(x[i])) {
                return true;
            }
        }
        return false;
    }

    private void requireFiniteOutsideLatent(double[] x) {
        for (int i = 0; i < x.length; i++) {
            if (!isLatent[i] && !Double.isFinite(x[i])) {
                throw new IllegalArgumentException("coordinate '" + layout().coordinateName(i) + "' is " + x[i]
                        + "; the free energy min over " + latentNames() + " needs finite data and parameters");
            }
        }
    }

    /** The data and parameter coordinates of x, as {@code y[0] = 1.0, w = 2.0}, the first few. */
    private String describe(double[] x) {
        StringBuilder b = new StringBuilder();
        int named = 0;
        int more = 0;
        for (int i = 0; i < x.length; i++) {
            if (isLatent[i]) {
                continue;
            }
            if (named == NAMED_COORDINATES) {
                more++;
                continue;
            }
            b.append(named++ == 0 ? "" : ", ").append(layout().coordinateName(i)).append(" = ").append(x[i]);
        }
        if (named == 0) {
            return "the only point (no data or parameters)";
        }
        return more == 0 ? b.toString() : b.append(" and ").append(more).append(" more coordinates").toString();
    }

    /** The latent coordinates of a full array, as {@code (z = 0.5)}. */
    private String latentText(double[] full) {
        StringBuilder b = new StringBuilder("(");
        for (int k = 0; k < latent.length; k++) {
            b.append(k == 0 ? "" : ", ").append(latentName(k)).append(" = ").append(full[latent[k]]);
            if (k + 1 == NAMED_COORDINATES && latent.length > NAMED_COORDINATES) {
                b.append(" and ").append(latent.length - NAMED_COORDINATES).append(" more");
                break;
            }
        }
        return b.append(')').toString();
    }

    /** The latent variables' names, as {@code z} or {@code z, u}. */
    private String latentNames() {
        Set<String> names = new LinkedHashSet<>();
        for (int i : latent) {
            names.add(variableAt(layout(), i).name());
        }
        return String.join(", ", names);
    }

    // ---- construction checks

    private static void checkViews(EnergyFunction inner, EnergyFunction outer) {
        if (inner == null || outer == null) {
            throw new IllegalArgumentException((inner == null ? "inner" : "outer") + " energy is null");
        }
        Layout layout = inner.layout();
        if (!layout.toSpec().equals(outer.layout().toSpec())) {
            throw new IllegalArgumentException("the inner energy's layout " + layout + " is not the outer one's "
                    + outer.layout() + "; they must be two views of the same energy");
        }
        boolean[] inInner = new boolean[layout.size()];
        for (int k = 0; k < inner.wrtLength(); k++) {
            int i = inner.wrt(k);
            Variable v = variableAt(layout, i);
            if (v.role() != Role.LATENT) {
                throw new IllegalArgumentException("inner wrt coordinate '" + layout.coordinateName(i) + "' has role "
                        + v.role() + "; the inner energy must be differentiated with respect to the LATENT coordinates"
                        + " only");
            }
            if (inInner[i]) {
                throw new IllegalArgumentException("inner wrt coordinate '" + layout.coordinateName(i)
                        + "' is repeated");
            }
            inInner[i] = true;
        }
        requireEveryLatent(layout, inInner);
        for (int k = 0; k < outer.wrtLength(); k++) {
            int i = outer.wrt(k);
            if (variableAt(layout, i).role() == Role.LATENT) {
                throw new IllegalArgumentException("outer wrt coordinate '" + layout.coordinateName(i) + "' is LATENT;"
                        + " F = min over the latents does not depend on them: differentiate with respect to data"
                        + " or parameters");
            }
        }
    }

    private static void requireEveryLatent(Layout layout, boolean[] inInner) {
        boolean any = false;
        for (Variable v : layout.variables()) {
            if (v.role() != Role.LATENT) {
                continue;
            }
            any = true;
            for (int k = 0; k < v.size(); k++) {
                if (!inInner[v.offset() + k]) {
                    throw new IllegalArgumentException("latent coordinate '" + v.coordinateName(k)
                            + "' is missing from the inner energy's wrt; it must be differentiated with respect to"
                            + " every LATENT coordinate");
                }
            }
        }
        if (!any) {
            throw new IllegalArgumentException("the layout " + layout + " has no LATENT variable to minimise over");
        }
    }

    private static Variable variableAt(Layout layout, int index) {
        for (Variable v : layout.variables()) {
            if (index >= v.offset() && index < v.offset() + v.size()) {
                return v;
            }
        }
        throw new IllegalArgumentException("wrt index " + index + " is outside the layout of size " + layout.size());
    }
}
