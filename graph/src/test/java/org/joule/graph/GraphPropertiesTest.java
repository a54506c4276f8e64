package org.joule.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.commons.math3.analysis.differentiation.DerivativeStructure;
import org.joule.graph.testing.Expr;
import org.joule.graph.testing.GraphArbitraries;
import org.joule.runtime.EnergyFunction;
import org.opentest4j.TestAbortedException;

/** Properties over random expression graphs. */
class GraphPropertiesTest {
    static final int VARS = 3;

    @Provide
    Arbitrary<Expr> exprs() {
        return GraphArbitraries.expressions(VARS, 4);
    }

    @Provide
    Arbitrary<double[]> points() {
        return GraphArbitraries.points(VARS, -1.5, 1.5);
    }

    static Node build(Expr e, Graph g) {
        return e.buildOrDiscard(g, VARS);
    }

    static boolean finite(double... v) {
        for (double d : v) {
            if (!Double.isFinite(d) || Math.abs(d) > 1e8) {
                return false;
            }
        }
        return true;
    }

    /**
     * The error budget of one op, in units of the roundoff u = 2^-53, for comparing two
     * computations of one number. Each side's error is at most c u kappa to first order (see
     * {@link Rounding}), where c bounds one op's relative error: + - * / and sqrt are correctly
     * rounded (c = 1); java.lang.Math's exp, log, pow, expm1, log1p, sin and cos are within
     * 1 ulp (c = 2), tanh within 2.5 ulps (c = 5); Joule's sigmoid and softplus, Commons Math's
     * FastMath and its derivative formulas compose a few of these (c &lt;= 8). So two results
     * differ by at most 8 u (kappa_a + kappa_b); a factor 2 covers the second-order terms the
     * linear analysis drops. Measured: over 70,000 random cases of the oracle, Hessian and
     * simplification properties the largest difference was 0.24 of this bound, while an error
     * of 1e-11 relative in one derivative rule (sin') fails all three derivative properties.
     */
    static final double PER_OP = 16 * Rounding.U;

    /**
     * |a - b| within the rounding budget of both computations, given their condition numbers;
     * a point too ill-conditioned for a first-order bound (infinite kappa) is rejected.
     */
    static void assertClose(double a, double b, double kappaA, double kappaB, Supplier<String> what) {
        double tolerance = PER_OP * (kappaA + kappaB);
        Assume.that(Double.isFinite(tolerance));
        assertTrue(Math.abs(a - b) <= tolerance, () -> what.get() + ": " + a + " vs " + b + ", difference "
                + Math.abs(a - b) + " over the rounding bound " + tolerance);
    }

    /** An energy over one recipe with its programs, and the interpreter running them. */
    record Subject(Energy energy, EnergyPrograms programs, Interpreter f) {
        static Subject of(Expr e) {
            Energy energy = Energy.of(build(e, new Graph()));
            EnergyPrograms programs = EnergyPrograms.of(energy);
            return new Subject(energy, programs, new Interpreter(programs));
        }

        int[] wrt() {
            return programs.wrt();
        }

        /** kappa of H[i][j] = (H e_i)_j, as the interpreter computes the Hessian. */
        double[][] hessianKappa(double[] x) {
            int m = f.wrtLength();
            Program hvp = programs.hessianVectorProduct();
            double[][] kappa = new double[m][m];
            for (int i = 0; i < m; i++) {
                double[] unit = new double[m];
                unit[i] = 1;
                double[] k = Rounding.kappa(hvp, x, unit);
                for (int j = 0; j < m; j++) {
                    kappa[i][j] = k[hvp.output(j)];
                }
            }
            return kappa;
        }

        /**
         * Whether the oracle takes the branches the interpreter takes at every piecewise
         * instruction of the gradient program (it holds the value program's instructions and
         * the selectors of their derivatives): each side rounds the arguments its own way.
         */
        boolean oracleTakesTheSameBranches(double[] x) {
            Program gp = programs.gradient();
            return Arrays.equals(Kinks.branches(gp, x), Kinks.branches(gp, ForwardOracle.evaluateAll(gp, x, wrt(), 0)));
        }
    }

    static int[] unit(int n, int i) {
        int[] orders = new int[n];
        orders[i] = 1;
        return orders;
    }

    @Property(tries = 1000)
    void gradientMatchesForwardModeOracle(@ForAll("exprs") Expr e, @ForAll("points") double[] x) {
        Subject s = Subject.of(e);
        int m = s.f.wrtLength();
        double[] grad = new double[m];
        double v = s.f.valueAndGradient(x, grad);
        Program vp = s.programs.value();
        DerivativeStructure ds = ForwardOracle.evaluate(vp, 0, x, s.wrt(), 1);
        Assume.that(finite(v) && finite(grad) && finite(ds.getAllDerivatives()) && s.oracleTakesTheSameBranches(x));
        // both sides compute the same derivatives with different rounding: each is within
        // c u kappa of the truth, kappa measured on each side's own computation
        Program gp = s.programs.gradient();
        double[] kappa = Rounding.kappa(gp, x, null);
        DerivativeStructure kappaOracle = ForwardOracle.kappa(vp, x, s.wrt(), 1, 0);
        assertClose(v, ds.getValue(), kappa[gp.output(0)], kappaOracle.getValue(), () -> "value of " + e);
        for (int i = 0; i < m; i++) {
            int[] orders = unit(m, i);
            int ii = i;
            assertClose(grad[i], ds.getPartialDerivative(orders), kappa[gp.output(i + 1)],
                    kappaOracle.getPartialDerivative(orders), () -> "d/dx" + s.wrt()[ii] + " of " + e + " at "
                            + Arrays.toString(x));
        }
    }

    /**
     * Failed in CI at the old tolerance of 1e-12: cos(e^u) with u = (x0^2 + 0.5)^-2.11 turns a
     * relative rounding error in u into one |u e^u tan(e^u)| ~ 3,700 times larger.
     */
    @Example
    void anIllConditionedGradientIsWithinItsRoundingBound() {
        Expr x0 = Expr.variable(0);
        Expr u = Expr.of(Op.POW, GraphArbitraries.positive(x0, 0.5), Expr.constant(-2.11));
        Expr e = Expr.of(Op.SELECT, Expr.of(Op.LESS, x0, x0), x0, Expr.of(Op.COS, Expr.of(Op.EXP, u)));
        gradientMatchesForwardModeOracle(e, new double[] {0.1, -0.58, -0.07});
    }

    /**
     * Failed in CI: -(relu(x0)^2 + x0) at x0 = 0 has its kink inside every difference stencil,
     * and the one-sided quotients agreed with each other; the stencil's branches show it.
     */
    @Example
    void aKinkOnTheDifferenceStencilIsLeftOut() {
        Expr x0 = Expr.variable(0);
        Expr e = Expr.of(Op.NEG, Expr.of(Op.ADD, Expr.of(Op.SQUARE, Expr.of(Op.RELU, x0)), x0));
        Program gp = Subject.of(e).programs.gradient();
        int[] first = {0};
        assertFalse(Kinks.sameBranchesOnStencil(gp, new double[] {0, 0, 0}, first, 1e-3, -1e-3));
        assertTrue(Kinks.sameBranchesOnStencil(gp, new double[] {0.5, 0, 0}, first, 1e-3, -1e-3));
        assertThrows(TestAbortedException.class, () -> hessianMatchesFiniteDifferencesOfGradient(e, new double[3]));
        hessianMatchesFiniteDifferencesOfGradient(e, new double[] {0.5, 0, 0});
    }

    /**
     * Failed in a stress run: sin(a^30) with a ~ 2 has a condition number near 10^10, and a
     * perturbation of 2^-24 measured a saturated, far too small kappa. Such a point is
     * rejected as too ill-conditioned to compare; a well-conditioned one is compared.
     */
    @Example
    void aValueTooIllConditionedToCompareIsLeftOut() {
        Expr x0 = Expr.variable(0);
        Expr a = Expr.of(Op.ADD, Expr.of(Op.SQUARE, Expr.of(Op.SQRT, Expr.of(Op.ADD, Expr.of(Op.SQUARE,
                Expr.of(Op.SQUARE, x0)), Expr.constant(0.75)))), Expr.constant(0.5));
        Expr e = Expr.of(Op.SIN, Expr.of(Op.POW, a, Expr.constant(30)));
        assertThrows(TestAbortedException.class, () -> simplificationPreservesValues(e, new double[] {0.9, 0, 0}));
        simplificationPreservesValues(e, new double[] {0.1, 0, 0});
    }

    /** Points are not drawn on jqwik's default grid of two decimals, where 0.0 is common. */
    @Example
    void pointsAreNotOnAGrid() {
        List<double[]> sample = GraphArbitraries.points(VARS, -1.5, 1.5).sampleStream().limit(1000).toList();
        for (double[] x : sample) {
            for (double c : x) {
                assertTrue(c > -1.5 && c < 1.5 && Math.rint(c * 1e4) != c * 1e4, () -> c + " lies on a grid");
            }
        }
    }

    @Property(tries = 500)
    void gradientMatchesFiniteDifferences(@ForAll("exprs") Expr e, @ForAll long seed) {
        Graph g = new Graph();
        EnergyFunction f = Energy.of(build(e, g)).interpreter();
        GradientChecker.Report r = GradientChecker.of(f).box(-1.5, 1.5).points(3).seed(seed).check();
        Assume.that(r.entriesCompared() > 0 && finite(r.analytic(), r.numeric()));
        assertTrue(r.passes(1e-6), () -> e + ": " + r);
    }

    @Property(tries = 500)
    void hessianIsSymmetricAndMatchesOracle(@ForAll("exprs") Expr e, @ForAll("points") double[] x) {
        Subject s = Subject.of(e);
        int m = s.f.wrtLength();
        double[][] h = s.f.hessian(x);
        DerivativeStructure ds = ForwardOracle.evaluate(s.programs.value(), 0, x, s.wrt(), 2);
        Assume.that(finite(s.f.value(x)) && Arrays.stream(h).allMatch(GraphPropertiesTest::finite)
                && finite(ds.getAllDerivatives()) && s.oracleTakesTheSameBranches(x));
        double[][] kappa = s.hessianKappa(x);
        DerivativeStructure kappaOracle = ForwardOracle.kappa(s.programs.value(), x, s.wrt(), 2, 0);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                int[] orders = new int[m];
                orders[i]++;
                orders[j]++;
                int ii = i;
                int jj = j;
                // H[i][j] and H[j][i] come from two sweeps with different tangents
                assertClose(h[i][j], h[j][i], kappa[i][j], kappa[j][i],
                        () -> "H[" + ii + "][" + jj + "] and H[" + jj + "][" + ii + "] of " + e);
                // the oracle forms second-order parts from products of first-order ones, which its
                // kappa does not see: log s gives s''/s - (s'/s)^2, which cancels to p (1 - p) when
                // a softmax share p is near 1, with an error of about u (s'/s)^2 = u g_i g_j
                double products = Math.abs(ds.getPartialDerivative(unit(m, i)) * ds.getPartialDerivative(unit(m, j)));
                assertClose(h[i][j], ds.getPartialDerivative(orders), kappa[i][j],
                        kappaOracle.getPartialDerivative(orders) + products,
                        () -> "H[" + ii + "][" + jj + "] of " + e + " against the oracle at " + Arrays.toString(x));
            }
        }
    }

    /**
     * Failed in a CI loop: d2/dx0^2 of logsumexp(x0, b) with x0 - b = 15.5 is p (1 - p) =
     * 1.7854742803859140e-7 (50 digits); Joule's 1.78547428038592e-7 is right, the oracle's
     * 1.7854742817569047e-7 cancels in 1 - p, beyond its first-order rounding bound.
     */
    @Example
    void theOracleMayCancelInASoftmaxSecondDerivative() {
        Expr x0 = Expr.variable(0);
        Expr x1 = Expr.variable(1);
        Expr x2 = Expr.variable(2);
        Expr base = Expr.of(Op.ADD, Expr.of(Op.SQUARE, Expr.of(Op.ADD, x1, Expr.constant(1.09))), Expr.constant(0.5));
        Expr exponent = Expr.of(Op.DIV, x1, Expr.of(Op.ADD, Expr.of(Op.SQUARE, x2), Expr.constant(0.5)));
        Expr e = Expr.of(Op.LOGSUMEXP, x0, Expr.of(Op.NEG, Expr.of(Op.POW, base, exponent)));
        hessianIsSymmetricAndMatchesOracle(e, new double[] {-0.414480042173203, 1.125664789070351, 0.431384672865313});
    }

    /** The finite-difference step, relative to max(1, |x_j|). */
    static final double FD_STEP = 1e-3;

    /**
     * The Hessian against finite differences of the gradient, with an error bound. Write
     * D(t) = (g(x + t) - g(x - t)) / 2t, R(t) = (4 D(t/2) - D(t)) / 3 (Richardson), s the step,
     * R1 = R(s), R2 = R(s/2). No piecewise op changes branch on the stencil x +- s, s/2, s/4
     * (checked exactly), so all these gradients come from one smooth function and
     * <ul>
     *   <li>rounding: a gradient entry errs by at most E = c u kappa_g (kappa at the worst
     *       stencil point), so D(t) by E/t, R1 by (4E/(s/2) + E/s)/3 = 3E/s, R2 by 6E/s;</li>
     *   <li>truncation: R(t) errs by O(t^4), so R2's error is about |R1 - R2| / 15; we allow
     *       the whole |R1 - R2| plus both roundings, a factor 15 of margin for a step not yet
     *       in the asymptotic range;</li>
     *   <li>the interpreter's H[i][j] errs by c u kappa_H.</li>
     * </ul>
     * so |H - R2| &lt;= |R1 - R2| + 15 E / s + c u kappa_H.
     */
    @Property(tries = 300)
    void hessianMatchesFiniteDifferencesOfGradient(@ForAll("exprs") Expr e, @ForAll("points") double[] x) {
        Subject s = Subject.of(e);
        int m = s.f.wrtLength();
        int[] wrt = s.wrt();
        double[][] h = s.f.hessian(x);
        Assume.that(finite(s.f.value(x)) && Arrays.stream(h).allMatch(GraphPropertiesTest::finite));
        double[][] kappaH = s.hessianKappa(x);
        Program gp = s.programs.gradient();
        for (int j = 0; j < m; j++) {
            int c = wrt[j];
            double step = FD_STEP * Math.max(1, Math.abs(x[c]));
            Assume.that(Kinks.sameBranchesOnStencil(gp, x, new int[] {c}, step, -step, step / 2, -step / 2, step / 4,
                    -step / 4));
            double[] kappaG = new double[m];
            double[][] g = new double[7][];
            double[] offsets = {0, step, -step, step / 2, -step / 2, step / 4, -step / 4};
            for (int t = 0; t < offsets.length; t++) {
                double[] y = plus(x, c, offsets[t]);
                g[t] = s.f.gradient(y);
                Assume.that(finite(g[t]));
                double[] k = Rounding.kappa(gp, y, null);
                for (int i = 0; i < m; i++) {
                    kappaG[i] = Math.max(kappaG[i], k[gp.output(i + 1)]);
                }
            }
            for (int i = 0; i < m; i++) {
                double d1 = central(g[1][i], g[2][i], x[c], x[c] + offsets[1], x[c] + offsets[2]);
                double d2 = central(g[3][i], g[4][i], x[c], x[c] + offsets[3], x[c] + offsets[4]);
                double d4 = central(g[5][i], g[6][i], x[c], x[c] + offsets[5], x[c] + offsets[6]);
                double r1 = (4 * d2 - d1) / 3;
                double r2 = (4 * d4 - d2) / 3;
                double bound = Math.abs(r1 - r2) + 15 * PER_OP * kappaG[i] / step + PER_OP * kappaH[j][i];
                Assume.that(Double.isFinite(bound));
                int ii = i;
                int jj = j;
                assertTrue(Math.abs(h[j][i] - r2) <= bound, () -> "H[" + jj + "][" + ii + "] of " + e + " at "
                        + Arrays.toString(x) + " = " + h[jj][ii] + " vs differences " + r2 + " (bound " + bound + ")");
            }
        }
    }

    /** (g+ - g-) / (x+ - x-): the actual points, as x +- t is rounded. */
    private static double central(double gPlus, double gMinus, double x, double xPlus, double xMinus) {
        return (gPlus - gMinus) / (xPlus - xMinus);
    }

    private static double[] plus(double[] x, int j, double d) {
        double[] y = x.clone();
        y[j] += d;
        return y;
    }

    @Property(tries = 1000)
    void simplificationPreservesValues(@ForAll("exprs") Expr e, @ForAll("points") double[] x) {
        Graph raw = Graph.unsimplified();
        Node r = build(e, raw);
        double expected = Energy.of(r).interpreter().value(x);
        Assume.that(finite(expected));
        Graph simple = raw.withSameInputs(true);
        Node s;
        try {
            s = simple.copy(r);
        } catch (ArithmeticException undefinedConstant) {
            Assume.that(false);
            return;
        }
        double actual = Energy.of(s).interpreter().value(x);
        // rewrites change the computation, not the function: each value is within c u kappa of
        // the truth; where rounding could flip a piecewise op (select(less(a, b), ...) at
        // a ~ b jumps), the two graphs may legitimately take different branches
        Program rawProgram = EnergyPrograms.of(Energy.of(r)).value();
        Program simpleProgram = EnergyPrograms.of(Energy.of(s)).value();
        double[] rawKappa = Rounding.kappa(rawProgram, x, null);
        double[] simpleKappa = Rounding.kappa(simpleProgram, x, null);
        Assume.that(!Kinks.withinRounding(rawProgram, x, rawKappa, 2 * PER_OP)
                && !Kinks.withinRounding(simpleProgram, x, simpleKappa, 2 * PER_OP));
        assertClose(expected, actual, rawKappa[rawProgram.output(0)], simpleKappa[simpleProgram.output(0)],
                () -> e + " raw and simplified (" + s + ")");
    }

    @Property(tries = 1000)
    void printParseRoundTripGivesTheSameNode(@ForAll("exprs") Expr e) {
        for (Graph g : List.of(new Graph(), Graph.unsimplified())) {
            Node n;
            try {
                n = build(e, g);
            } catch (ArithmeticException undefinedConstant) {
                continue;
            }
            String text = Printer.infix(n);
            assertSame(n, Parser.parse(text, g, false), () -> "round trip of " + text);
        }
    }

    @Property(tries = 500)
    void interningMakesEqualStructuresIdentical(@ForAll("exprs") Expr e) {
        Graph g = Graph.unsimplified();
        Node a = build(e, g);
        int size = g.size();
        Node b = build(e, g);
        assertSame(a, b);
        assertEquals(size, g.size(), "building again created nodes");
    }

    /**
     * The Hessian-vector product program (the gradient of grad E . v, one more reverse sweep)
     * against the symbolic Hessian (the gradient of each gradient entry, its own program) times
     * v: two derivations and two programs. The expected sum adds the rounding of its products
     * and additions, at most 2 u sum_i |v_i H[i][j]| for three terms.
     */
    @Property(tries = 500)
    void hessianVectorProductEqualsHessianTimesVector(@ForAll("exprs") Expr e, @ForAll("points") double[] x,
                                                      @ForAll("points") double[] v) {
        Subject s = Subject.of(e);
        int m = s.f.wrtLength();
        Assume.that(m > 0);
        double[] direction = Arrays.copyOf(v, m);
        double[] hv = new double[m];
        s.f.hessianVectorProduct(x, direction, hv);
        List<Node> entries = new ArrayList<>();
        for (Node[] row : s.energy.hessian()) {
            entries.addAll(List.of(row));
        }
        Program hessian = Lowering.program(entries);
        double[] w = Interpreter.run(hessian, x, null);
        double[] hessianKappa = Rounding.kappa(hessian, x, null);
        double[] hvKappa = Rounding.kappa(s.programs.hessianVectorProduct(), x, direction);
        Assume.that(finite(s.f.value(x)) && finite(hv));
        for (int j = 0; j < m; j++) {
            double expected = 0;
            double kappa = 0;
            for (int i = 0; i < m; i++) {
                int k = hessian.output(i * m + j);
                Assume.that(finite(w[k]));
                expected += direction[i] * w[k];
                kappa += Math.abs(direction[i]) * hessianKappa[k] + Math.abs(direction[i] * w[k]);
            }
            int jj = j;
            double sum = expected;
            assertClose(hv[j], sum, hvKappa[s.programs.hessianVectorProduct().output(j)], kappa,
                    () -> "(H v)[" + jj + "] of " + e + " at " + Arrays.toString(x) + ", v = "
                            + Arrays.toString(direction));
        }
    }

    @Property(tries = 1000)
    void gradientCostsAtMostFourTimesTheValue(@ForAll("exprs") Expr e) {
        Graph g = new Graph();
        Node f = build(e, g);
        Interpreter interp = (Interpreter) Energy.of(f).interpreter();
        double value = interp.valueProgram().cost();
        double gradient = interp.gradientProgram().cost();
        assertTrue(gradient <= 4 * Math.max(1, value), () -> e + ": value costs " + value + ", gradient " + gradient);
    }
}
