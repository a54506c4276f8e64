package org.joule.graph.testing;

import static org.joule.graph.testing.MghDefinition.c;
import static org.joule.graph.testing.MghDefinition.define;
import static org.joule.graph.testing.MghDefinition.filled;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.IntToDoubleFunction;
import org.joule.graph.Joule;
import org.joule.graph.Node;
import org.joule.graph.Tensor;
import org.joule.graph.testing.MghDefinition.Published;

/**
 * Problems 20 to 35 of Moré, Garbow and Hillstrom (ACM TOMS 7(1), 1981, section 3), whose n
 * is variable (and m, for some). The paper fixes no default n for them; the defaults here are
 * n = 10 (n = 12 for the extended Powell function, whose n is a multiple of 4; n = 6 for
 * Watson, the smallest n the paper gives f* for) and m = 2n for the linear functions 32 to 34.
 * Each residual is written as the paper writes it, with the paper's formula in a comment; the
 * paper's x_j is x.get(j - 1).
 */
final class MghVariableDimension {
    /** The a = 10^-5 of the penalty functions 23 and 24. */
    private static final double PENALTY_A = 1e-5;

    private MghVariableDimension() {
    }

    /** Problems 20 to 35, in order. */
    static List<MghDefinition> all() {
        return List.of(watson(), extendedRosenbrock(), extendedPowellSingular(), penaltyI(), penaltyII(),
                variablyDimensioned(), trigonometric(), brownAlmostLinear(), discreteBoundaryValue(),
                discreteIntegralEquation(), broydenTridiagonal(), broydenBanded(), linearFullRank(), linearRank1(),
                linearRank1ZeroColumnsAndRows(), chebyquad());
    }

    /**
     * (20) f_i = sum_{j=2..n} (j - 1) x_j t_i^(j-2) - (sum_{j=1..n} x_j t_i^(j-1))^2 - 1,
     * t_i = i/29, 1 &lt;= i &lt;= 29; f_30 = x1, f_31 = x2 - x1^2 - 1; 2 &lt;= n &lt;= 31, m = 31.
     */
    static MghDefinition watson() {
        return define(20, "Watson").variableN(6, 2, 31, 1, n -> 31).start(n -> new double[n])
                .facts((n, m) -> switch (n) {
                    case 6 -> Published.of(2.28767e-3, WATSON);
                    case 9 -> Published.of(1.39976e-6, WATSON);
                    case 12 -> Published.of(4.72238e-10, WATSON);
                    default -> Published.unknown(WATSON);
                })
                .residuals((x, n, m) -> {
                    List<Node> f = new ArrayList<>();
                    for (int i = 1; i <= 29; i++) {
                        double t = i / 29.0;
                        List<Node> derivative = new ArrayList<>();
                        for (int j = 2; j <= n; j++) {
                            derivative.add(x.get(j - 1).times((j - 1) * Math.pow(t, j - 2)));
                        }
                        List<Node> polynomial = new ArrayList<>();
                        for (int j = 1; j <= n; j++) {
                            polynomial.add(x.get(j - 1).times(Math.pow(t, j - 1)));
                        }
                        f.add(Joule.sum(derivative).minus(Joule.sum(polynomial).square()).minus(1));
                    }
                    f.add(x.get(0));
                    f.add(x.get(1).minus(x.get(0).square()).minus(1));
                    return f;
                });
    }

    private static final String WATSON = "f = 2.28767...e-3 if n = 6; f = 1.39976...e-6 if n = 9; "
            + "f = 4.72238...e-10 if n = 12";

    /** (21) f_{2i-1} = 10(x_{2i} - x_{2i-1}^2), f_{2i} = 1 - x_{2i-1}; n even, m = n. */
    static MghDefinition extendedRosenbrock() {
        return define(21, "extended Rosenbrock").variableN(10, 2, Integer.MAX_VALUE, 2, n -> n)
                .start(n -> repeat(n, -1.2, 1))
                .facts((n, m) -> Published.of(0, "f = 0 at (1, ..., 1)", filled(n, 1)))
                .residuals((x, n, m) -> {
                    List<Node> f = new ArrayList<>();
                    for (int i = 1; i <= n / 2; i++) {
                        Node odd = x.get(2 * i - 2);
                        Node even = x.get(2 * i - 1);
                        f.add(even.minus(odd.square()).times(10));
                        f.add(c(x, 1).minus(odd));
                    }
                    return f;
                });
    }

    /**
     * (22) f_{4i-3} = x_{4i-3} + 10 x_{4i-2}, f_{4i-2} = 5^(1/2)(x_{4i-1} - x_{4i}),
     * f_{4i-1} = (x_{4i-2} - 2 x_{4i-1})^2, f_{4i} = 10^(1/2)(x_{4i-3} - x_{4i})^2; n a multiple of 4.
     */
    static MghDefinition extendedPowellSingular() {
        return define(22, "extended Powell singular").variableN(12, 4, Integer.MAX_VALUE, 4, n -> n)
                .start(n -> repeat(n, 3, -1, 0, 1))
                .facts((n, m) -> Published.of(0, "f = 0 at the origin", new double[n]))
                .residuals((x, n, m) -> {
                    List<Node> f = new ArrayList<>();
                    for (int k = 0; k < n; k += 4) {
                        f.addAll(MghFixedDimension.powellSingularBlock(x, k));
                    }
                    return f;
                });
    }

    /** (23) f_i = a^(1/2)(x_i - 1), 1 &lt;= i &lt;= n; f_{n+1} = (sum_j x_j^2) - 1/4; a = 10^-5; m = n + 1. */
    static MghDefinition penaltyI() {
        String remark = "f = 2.24997...e-5 if n = 4; f = 7.08765...e-5 if n = 10";
        return define(23, "Penalty I").variableN(10, 1, Integer.MAX_VALUE, 1, n -> n + 1)
                .start(n -> points(n, j -> j))
                .facts((n, m) -> n == 4 ? Published.of(2.24997e-5, remark)
                        : n == 10 ? Published.of(7.08765e-5, remark) : Published.unknown(remark))
                .residuals((x, n, m) -> {
                    List<Node> f = new ArrayList<>();
                    for (int i = 1; i <= n; i++) {
                        f.add(x.get(i - 1).minus(1).times(Math.sqrt(PENALTY_A)));
                    }
                    f.add(x.squaredNorm().minus(0.25));
                    return f;
                });
    }

    /**
     * (24) f_1 = x1 - 0.2; f_i = a^(1/2)(exp(x_i/10) + exp(x_{i-1}/10) - y_i), 2 &lt;= i &lt;= n;
     * f_i = a^(1/2)(exp(x_{i-n+1}/10) - exp(-1/10)), n &lt; i &lt; 2n;
     * f_{2n} = (sum_j (n - j + 1) x_j^2) - 1; a = 10^-5, y_i = exp(i/10) + exp((i - 1)/10); m = 2n.
     */
    static MghDefinition penaltyII() {
        String remark = "f = 9.37629...e-6 if n = 4; f = 2.93660...e-4 if n = 10";
        return define(24, "Penalty II").variableN(10, 1, Integer.MAX_VALUE, 1, n -> 2 * n)
                .start(n -> filled(n, 0.5))
                .facts((n, m) -> n == 4 ? Published.of(9.37629e-6, remark)
                        : n == 10 ? Published.of(2.93660e-4, remark) : Published.unknown(remark))
                .residuals((x, n, m) -> {
                    double root = Math.sqrt(PENALTY_A);
                    List<Node> f = new ArrayList<>();
                    f.add(x.get(0).minus(0.2));
                    for (int i = 2; i <= n; i++) {
                        double y = Math.exp(i / 10.0) + Math.exp((i - 1) / 10.0);
                        f.add(x.get(i - 1).div(10).exp().plus(x.get(i - 2).div(10).exp()).minus(y).times(root));
                    }
                    for (int i = n + 1; i < 2 * n; i++) {
                        f.add(x.get(i - n).div(10).exp().minus(Math.exp(-0.1)).times(root));
                    }
                    List<Node> weighted = new ArrayList<>();
                    for (int j = 1; j <= n; j++) {
                        weighted.add(x.get(j - 1).square().times(n - j + 1));
                    }
                    f.add(Joule.sum(weighted).minus(1));
                    return f;
                });
    }

    /**
     * (25) f_i = x_i - 1, 1 &lt;= i &lt;= n; f_{n+1} = sum_j j(x_j - 1); f_{n+2} = (sum_j j(x_j - 1))^2;
     * m = n + 2.
     */
    static MghDefinition variablyDimensioned() {
        return define(25, "variably dimensioned").variableN(10, 1, Integer.MAX_VALUE, 1, n -> n + 2)
                .start(n -> points(n, j -> 1 - j / (double) n))
                .facts((n, m) -> Published.of(0, "f = 0 at (1, ..., 1)", filled(n, 1)))
                .residuals((x, n, m) -> {
                    List<Node> f = new ArrayList<>();
                    List<Node> weighted = new ArrayList<>();
                    for (int j = 1; j <= n; j++) {
                        f.add(x.get(j - 1).minus(1));
                        weighted.add(x.get(j - 1).minus(1).times(j));
                    }
                    Node s = Joule.sum(weighted);
                    f.add(s);
                    f.add(s.square());
                    return f;
                });
    }

    /** (26) f_i = n - sum_j cos x_j + i(1 - cos x_i) - sin x_i; m = n. */
    static MghDefinition trigonometric() {
        return define(26, "trigonometric").variableN(10, 1, Integer.MAX_VALUE, 1, n -> n)
                .start(n -> filled(n, 1.0 / n))
                .facts((n, m) -> Published.of(0, "f = 0"))
                .residuals((x, n, m) -> {
                    Node cosines = x.map(Node::cos).sum();
                    List<Node> f = new ArrayList<>();
                    for (int i = 1; i <= n; i++) {
                        Node xi = x.get(i - 1);
                        f.add(c(x, n).minus(cosines).plus(c(x, 1).minus(xi.cos()).times(i)).minus(xi.sin()));
                    }
                    return f;
                });
    }

    /** (27) f_i = x_i + sum_j x_j - (n + 1), 1 &lt;= i &lt; n; f_n = (prod_j x_j) - 1; m = n. */
    static MghDefinition brownAlmostLinear() {
        return define(27, "Brown almost-linear").variableN(10, 1, Integer.MAX_VALUE, 1, n -> n)
                .start(n -> filled(n, 0.5))
                .facts((n, m) -> Published.of(0, "f = 0 at (a, ..., a, a^(1-n)), where a satisfies"
                        + " n a^n - (n + 1) a^(n-1) + 1 = 0, in particular a = 1; f = 1 at (0, ..., 0, n + 1)",
                        filled(n, 1)))
                .residuals((x, n, m) -> {
                    Node sum = x.sum();
                    List<Node> f = new ArrayList<>();
                    for (int i = 1; i < n; i++) {
                        f.add(x.get(i - 1).plus(sum).minus(n + 1));
                    }
                    Node product = x.get(0);
                    for (int j = 2; j <= n; j++) {
                        product = product.times(x.get(j - 1));
                    }
                    f.add(product.minus(1));
                    return f;
                });
    }

    /**
     * (28) f_i = 2 x_i - x_{i-1} - x_{i+1} + h^2 (x_i + t_i + 1)^3 / 2, h = 1/(n + 1), t_i = i h,
     * x_0 = x_{n+1} = 0; m = n.
     */
    static MghDefinition discreteBoundaryValue() {
        return define(28, "discrete boundary value").variableN(10, 1, Integer.MAX_VALUE, 1, n -> n)
                .start(MghVariableDimension::boundaryStart)
                .facts((n, m) -> Published.of(0, "f = 0"))
                .residuals((x, n, m) -> {
                    double h = 1.0 / (n + 1);
                    List<Node> f = new ArrayList<>();
                    for (int i = 1; i <= n; i++) {
                        double t = i * h;
                        Node fi = x.get(i - 1).times(2);
                        if (i > 1) {
                            fi = fi.minus(x.get(i - 2));
                        }
                        if (i < n) {
                            fi = fi.minus(x.get(i));
                        }
                        f.add(fi.plus(x.get(i - 1).plus(t + 1).pow(3).times(h * h / 2)));
                    }
                    return f;
                });
    }

    /**
     * (29) f_i = x_i + h[(1 - t_i) sum_{j=1..i} t_j (x_j + t_j + 1)^3
     * + t_i sum_{j=i+1..n} (1 - t_j)(x_j + t_j + 1)^3] / 2, h = 1/(n + 1), t_i = i h; m = n.
     */
    static MghDefinition discreteIntegralEquation() {
        return define(29, "discrete integral equation").variableN(10, 1, Integer.MAX_VALUE, 1, n -> n)
                .start(MghVariableDimension::boundaryStart)
                .facts((n, m) -> Published.of(0, "f = 0"))
                .residuals((x, n, m) -> {
                    double h = 1.0 / (n + 1);
                    List<Node> cubes = new ArrayList<>();
                    for (int j = 1; j <= n; j++) {
                        cubes.add(x.get(j - 1).plus(j * h + 1).pow(3));
                    }
                    List<Node> f = new ArrayList<>();
                    for (int i = 1; i <= n; i++) {
                        double ti = i * h;
                        List<Node> left = new ArrayList<>();
                        for (int j = 1; j <= i; j++) {
                            left.add(cubes.get(j - 1).times(j * h));
                        }
                        Node bracket = Joule.sum(left).times(1 - ti);
                        if (i < n) {
                            List<Node> right = new ArrayList<>();
                            for (int j = i + 1; j <= n; j++) {
                                right.add(cubes.get(j - 1).times(1 - j * h));
                            }
                            bracket = bracket.plus(Joule.sum(right).times(ti));
                        }
                        f.add(x.get(i - 1).plus(bracket.times(h / 2)));
                    }
                    return f;
                });
    }

    /** (30) f_i = (3 - 2 x_i) x_i - x_{i-1} - 2 x_{i+1} + 1, x_0 = x_{n+1} = 0; m = n. */
    static MghDefinition broydenTridiagonal() {
        return define(30, "Broyden tridiagonal").variableN(10, 1, Integer.MAX_VALUE, 1, n -> n)
                .start(n -> filled(n, -1))
                .facts((n, m) -> Published.of(0, "f = 0"))
                .residuals((x, n, m) -> {
                    List<Node> f = new ArrayList<>();
                    for (int i = 1; i <= n; i++) {
                        Node xi = x.get(i - 1);
                        Node fi = c(x, 3).minus(xi.times(2)).times(xi);
                        if (i > 1) {
                            fi = fi.minus(x.get(i - 2));
                        }
                        if (i < n) {
                            fi = fi.minus(x.get(i).times(2));
                        }
                        f.add(fi.plus(1));
                    }
                    return f;
                });
    }

    /**
     * (31) f_i = x_i (2 + 5 x_i^2) + 1 - sum_{j in J_i} x_j (1 + x_j),
     * J_i = {j : j != i, max(1, i - m_l) &lt;= j &lt;= min(n, i + m_u)}, m_l = 5, m_u = 1; m = n.
     */
    static MghDefinition broydenBanded() {
        return define(31, "Broyden banded").variableN(10, 1, Integer.MAX_VALUE, 1, n -> n)
                .start(n -> filled(n, -1))
                .facts((n, m) -> Published.of(0, "f = 0"))
                .residuals((x, n, m) -> {
                    List<Node> f = new ArrayList<>();
                    for (int i = 1; i <= n; i++) {
                        Node xi = x.get(i - 1);
                        Node fi = xi.times(xi.square().times(5).plus(2)).plus(1);
                        List<Node> band = new ArrayList<>();
                        for (int j = Math.max(1, i - 5); j <= Math.min(n, i + 1); j++) {
                            if (j != i) {
                                band.add(x.get(j - 1).times(x.get(j - 1).plus(1)));
                            }
                        }
                        f.add(band.isEmpty() ? fi : fi.minus(Joule.sum(band)));
                    }
                    return f;
                });
    }

    /**
     * (32) f_i = x_i - (2/m)(sum_j x_j) - 1, 1 &lt;= i &lt;= n; f_i = -(2/m)(sum_j x_j) - 1,
     * n &lt; i &lt;= m; m &gt;= n.
     */
    static MghDefinition linearFullRank() {
        return define(32, "linear function - full rank").variableNM(10, 1, n -> 2 * n)
                .start(n -> filled(n, 1))
                .facts((n, m) -> Published.of(m - n, "f = m - n at (-1, ..., -1)", filled(n, -1)))
                .residuals((x, n, m) -> {
                    Node scaledSum = x.sum().times(2.0 / m);
                    List<Node> f = new ArrayList<>();
                    for (int i = 1; i <= m; i++) {
                        f.add(i <= n ? x.get(i - 1).minus(scaledSum).minus(1) : scaledSum.neg().minus(1));
                    }
                    return f;
                });
    }

    /** (33) f_i = i (sum_j j x_j) - 1, 1 &lt;= i &lt;= m; m &gt;= n. */
    static MghDefinition linearRank1() {
        return define(33, "linear function - rank 1").variableNM(10, 1, n -> 2 * n)
                .start(n -> filled(n, 1))
                .facts((n, m) -> Published.of(m * (m - 1.0) / (2 * (2 * m + 1)),
                        "f = m(m - 1)/(2(2m + 1)) at any point where sum_j j x_j = 3/(2m + 1)",
                        filled(n, 6.0 / ((2 * m + 1) * n * (n + 1.0)))))
                .residuals((x, n, m) -> {
                    Node weighted = weightedSum(x, 1, n);
                    List<Node> f = new ArrayList<>();
                    for (int i = 1; i <= m; i++) {
                        f.add(weighted.times(i).minus(1));
                    }
                    return f;
                });
    }

    /**
     * (34) f_1 = -1, f_i = (i - 1)(sum_{j=2..n-1} j x_j) - 1, 2 &lt;= i &lt;= m - 1, f_m = -1;
     * m &gt;= n &gt;= 3 (for n = 2 the sum is empty).
     */
    static MghDefinition linearRank1ZeroColumnsAndRows() {
        return define(34, "linear function - rank 1 with zero columns and rows").variableNM(10, 3, n -> 2 * n)
                .start(n -> filled(n, 1))
                .facts((n, m) -> Published.of((m * (double) m + 3 * m - 6) / (2 * (2 * m - 3)),
                        "f = (m^2 + 3m - 6)/(2(2m - 3)) at any point where sum_{j=2..n-1} j x_j = 3/(2m - 3)",
                        rank1ZeroMinimiser(n, m)))
                .residuals((x, n, m) -> {
                    Node weighted = weightedSum(x, 2, n - 1);
                    List<Node> f = new ArrayList<>();
                    f.add(c(x, -1));
                    for (int i = 2; i <= m - 1; i++) {
                        f.add(weighted.times(i - 1).minus(1));
                    }
                    f.add(c(x, -1));
                    return f;
                });
    }

    /**
     * (35) f_i = (1/n) sum_j T_i(x_j) - integral_0^1 T_i(x) dx, T_i the i-th Chebyshev polynomial
     * shifted to [0, 1]; the integral is 0 for odd i and -1/(i^2 - 1) for even i; m &gt;= n.
     */
    static MghDefinition chebyquad() {
        String remark = "f = 0 for m = n, 1 <= n <= 7 and n = 9; f = 3.51687...e-3 for m = n = 8;"
                + " f = 6.50395...e-3 for m = n = 10";
        return define(35, "Chebyquad").variableNM(10, 1, n -> n)
                .start(n -> points(n, j -> j / (n + 1.0)))
                .facts((n, m) -> new Published(chebyquadOptimum(n, m), remark, null))
                .residuals((x, n, m) -> {
                    // T_0 = 1, T_1 = y, T_{k+1} = 2y T_k - T_{k-1}, with y = 2x - 1 on [0, 1]
                    List<List<Node>> columns = new ArrayList<>();
                    for (int j = 0; j < n; j++) {
                        Node y = x.get(j).times(2).minus(1);
                        List<Node> t = new ArrayList<>();
                        t.add(c(x, 1));
                        t.add(y);
                        for (int k = 1; k < m; k++) {
                            t.add(y.times(t.get(k)).times(2).minus(t.get(k - 1)));
                        }
                        columns.add(t);
                    }
                    List<Node> f = new ArrayList<>();
                    for (int i = 1; i <= m; i++) {
                        List<Node> terms = new ArrayList<>();
                        for (List<Node> t : columns) {
                            terms.add(t.get(i));
                        }
                        double integral = i % 2 == 1 ? 0 : -1.0 / (i * (double) i - 1);
                        f.add(Joule.sum(terms).div(n).minus(integral));
                    }
                    return f;
                });
    }

    private static OptionalDouble chebyquadOptimum(int n, int m) {
        if (m != n || n > 10) {
            return OptionalDouble.empty();
        }
        return switch (n) {
            case 8 -> OptionalDouble.of(3.51687e-3);
            case 10 -> OptionalDouble.of(6.50395e-3);
            default -> OptionalDouble.of(0);
        };
    }

    // ---------------------------------------------------------------- helpers

    /** sum_{j=from..to} j x_j, with the paper's 1-based j. */
    private static Node weightedSum(Tensor x, int from, int to) {
        List<Node> terms = new ArrayList<>();
        for (int j = from; j <= to; j++) {
            terms.add(x.get(j - 1).times(j));
        }
        return Joule.sum(terms);
    }

    /** x_j = c for 2 &lt;= j &lt;= n - 1 with sum_j j c = 3/(2m - 3); x_1 = x_n = 0 (they do not matter). */
    private static double[] rank1ZeroMinimiser(int n, int m) {
        double weights = n * (n - 1) / 2.0 - 1; // 2 + 3 + ... + (n - 1)
        double[] x = new double[n];
        for (int j = 2; j <= n - 1; j++) {
            x[j - 1] = 3.0 / (2 * m - 3) / weights;
        }
        return x;
    }

    /** The pattern repeated to length n (n a multiple of its length). */
    private static double[] repeat(int n, double... pattern) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = pattern[i % pattern.length];
        }
        return x;
    }

    /** x_j = xi(j) for the paper's 1-based j. */
    private static double[] points(int n, IntToDoubleFunction xi) {
        double[] x = new double[n];
        for (int j = 1; j <= n; j++) {
            x[j - 1] = xi.applyAsDouble(j);
        }
        return x;
    }

    /** x0 of problems 28 and 29: x_j = t_j (t_j - 1), t_j = j/(n + 1). */
    private static double[] boundaryStart(int n) {
        double h = 1.0 / (n + 1);
        double[] x = new double[n];
        for (int j = 1; j <= n; j++) {
            double t = j * h;
            x[j - 1] = t * (t - 1);
        }
        return x;
    }
}
