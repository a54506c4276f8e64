package org.joule.graph.testing;

import static org.joule.graph.testing.MghDefinition.c;
import static org.joule.graph.testing.MghDefinition.define;

import java.util.ArrayList;
import java.util.List;
import org.joule.graph.Node;
import org.joule.graph.Tensor;
import org.joule.graph.testing.MghDefinition.Published;

/**
 * Problems 1 to 19 of Moré, Garbow and Hillstrom (ACM TOMS 7(1), 1981, section 3), whose n
 * is fixed (m is free for some). Each residual is written as the paper writes it, with the
 * paper's formula in a comment; x1 is x.get(0). The data tables are the paper's, checked
 * number by number against a second transcription (see the report of issue 8).
 */
final class MghFixedDimension {
    private MghFixedDimension() {
    }

    /** Problems 1 to 19, in order. */
    static List<MghDefinition> all() {
        return List.of(rosenbrock(), freudensteinRoth(), powellBadlyScaled(), brownBadlyScaled(), beale(),
                jennrichSampson(), helicalValley(), bard(), gaussian(), meyer(), gulf(), box3d(), powellSingular(),
                wood(), kowalikOsborne(), brownDennis(), osborne1(), biggsExp6(), osborne2());
    }

    /** (1) f1 = 10(x2 - x1^2), f2 = 1 - x1. */
    static MghDefinition rosenbrock() {
        return define(1, "Rosenbrock").dimensions(2, 2).start(-1.2, 1)
                .optimum(0, "f = 0 at (1, 1)", 1, 1)
                .residuals((x, n, m) -> List.of(
                        x.get(1).minus(x.get(0).square()).times(10),
                        c(x, 1).minus(x.get(0))));
    }

    /** (2) f1 = -13 + x1 + ((5 - x2)x2 - 2)x2, f2 = -29 + x1 + ((x2 + 1)x2 - 14)x2. */
    static MghDefinition freudensteinRoth() {
        return define(2, "Freudenstein and Roth").dimensions(2, 2).start(0.5, -2)
                .optimum(0, "f = 0 at (5, 4); f = 48.9842... at (11.41..., -0.8968...)", 5, 4)
                .residuals((x, n, m) -> {
                    Node x1 = x.get(0);
                    Node x2 = x.get(1);
                    return List.of(
                            c(x, -13).plus(x1).plus(c(x, 5).minus(x2).times(x2).minus(2).times(x2)),
                            c(x, -29).plus(x1).plus(x2.plus(1).times(x2).minus(14).times(x2)));
                });
    }

    /** (3) f1 = 10^4 x1 x2 - 1, f2 = exp(-x1) + exp(-x2) - 1.0001. */
    static MghDefinition powellBadlyScaled() {
        return define(3, "Powell badly scaled").dimensions(2, 2).start(0, 1)
                .optimum(0, "f = 0 at (1.098...e-5, 9.106...)")
                .residuals((x, n, m) -> List.of(
                        x.get(0).times(x.get(1)).times(1e4).minus(1),
                        x.get(0).neg().exp().plus(x.get(1).neg().exp()).minus(1.0001)));
    }

    /** (4) f1 = x1 - 10^6, f2 = x2 - 2 10^-6, f3 = x1 x2 - 2. */
    static MghDefinition brownBadlyScaled() {
        return define(4, "Brown badly scaled").dimensions(2, 3).start(1, 1)
                .optimum(0, "f = 0 at (1e6, 2e-6)", 1e6, 2e-6)
                .residuals((x, n, m) -> List.of(
                        x.get(0).minus(1e6),
                        x.get(1).minus(2e-6),
                        x.get(0).times(x.get(1)).minus(2)));
    }

    /** (5) f_i = y_i - x1(1 - x2^i), y = (1.5, 2.25, 2.625). */
    static MghDefinition beale() {
        double[] y = {1.5, 2.25, 2.625};
        return define(5, "Beale").dimensions(2, 3).start(1, 1)
                .optimum(0, "f = 0 at (3, 0.5)", 3, 0.5)
                .residuals((x, n, m) -> {
                    List<Node> f = new ArrayList<>();
                    for (int i = 1; i <= 3; i++) {
                        f.add(c(x, y[i - 1]).minus(x.get(0).times(c(x, 1).minus(x.get(1).pow(i)))));
                    }
                    return f;
                });
    }

    /** (6) f_i = 2 + 2i - (exp(i x1) + exp(i x2)), m &gt;= n, m = 10 in the paper's f*. */
    static MghDefinition jennrichSampson() {
        return define(6, "Jennrich and Sampson").mFree(2, 10, Integer.MAX_VALUE).start(0.3, 0.4)
                .facts((n, m) -> m == 10 ? Published.of(124.362, "f = 124.362... at x1 = x2 = 0.2578... for m = 10")
                        : Published.unknown("the paper gives f* for m = 10 only"))
                .residuals((x, n, m) -> {
                    List<Node> f = new ArrayList<>();
                    for (int i = 1; i <= m; i++) {
                        f.add(c(x, 2 + 2 * i).minus(x.get(0).times(i).exp().plus(x.get(1).times(i).exp())));
                    }
                    return f;
                });
    }

    /**
     * (7) f1 = 10[x3 - 10 theta(x1, x2)], f2 = 10[(x1^2 + x2^2)^(1/2) - 1], f3 = x3, where
     * 2 pi theta = arctan(x2/x1) for x1 &gt; 0 and arctan(x2/x1) + pi for x1 &lt; 0.
     */
    static MghDefinition helicalValley() {
        return define(7, "Helical valley").dimensions(3, 3).start(-1, 0, 0)
                .optimum(0, "f = 0 at (1, 0, 0)", 1, 0, 0)
                .residuals((x, n, m) -> List.of(
                        x.get(2).minus(HelicalAngle.theta(x.get(0), x.get(1)).times(10)).times(10),
                        x.get(0).square().plus(x.get(1).square()).sqrt().minus(1).times(10),
                        x.get(2)));
    }

    /** (8) f_i = y_i - (x1 + u_i / (v_i x2 + w_i x3)), u_i = i, v_i = 16 - i, w_i = min(u_i, v_i). */
    static MghDefinition bard() {
        double[] y = {0.14, 0.18, 0.22, 0.25, 0.29, 0.32, 0.35, 0.39, 0.37, 0.58, 0.73, 0.96, 1.34, 2.10, 4.39};
        return define(8, "Bard").dimensions(3, 15).start(1, 1, 1)
                .optimum(8.21487e-3, "f = 8.21487...e-3; f = 17.4286... at (0.8406..., -inf, -inf)")
                .residuals((x, n, m) -> {
                    List<Node> f = new ArrayList<>();
                    for (int i = 1; i <= 15; i++) {
                        int u = i;
                        int v = 16 - i;
                        int w = Math.min(u, v);
                        Node denominator = x.get(1).times(v).plus(x.get(2).times(w));
                        f.add(c(x, y[i - 1]).minus(x.get(0).plus(c(x, u).div(denominator))));
                    }
                    return f;
                });
    }

    /** (9) f_i = x1 exp(-x2 (t_i - x3)^2 / 2) - y_i, t_i = (8 - i)/2. */
    static MghDefinition gaussian() {
        double[] y = {0.0009, 0.0044, 0.0175, 0.0540, 0.1295, 0.2420, 0.3521, 0.3989, 0.3521, 0.2420, 0.1295,
            0.0540, 0.0175, 0.0044, 0.0009};
        return define(9, "Gaussian").dimensions(3, 15).start(0.4, 1, 0)
                .optimum(1.12793e-8, "f = 1.12793...e-8")
                .residuals((x, n, m) -> {
                    List<Node> f = new ArrayList<>();
                    for (int i = 1; i <= 15; i++) {
                        double t = (8 - i) / 2.0;
                        Node exponent = x.get(1).neg().times(c(x, t).minus(x.get(2)).square()).div(2);
                        f.add(x.get(0).times(exponent.exp()).minus(y[i - 1]));
                    }
                    return f;
                });
    }

    /** (10) f_i = x1 exp[x2 / (t_i + x3)] - y_i, t_i = 45 + 5i. */
    static MghDefinition meyer() {
        double[] y = {34780, 28610, 23650, 19630, 16370, 13720, 11540, 9744, 8261, 7030, 6005, 5147, 4427, 3820,
            3307, 2872};
        return define(10, "Meyer").dimensions(3, 16).start(0.02, 4000, 250)
                .optimum(87.9458, "f = 87.9458...")
                .residuals((x, n, m) -> {
                    List<Node> f = new ArrayList<>();
                    for (int i = 1; i <= 16; i++) {
                        double t = 45 + 5 * i;
                        f.add(x.get(0).times(x.get(1).div(x.get(2).plus(t)).exp()).minus(y[i - 1]));
                    }
                    return f;
                });
    }

    /**
     * (11) f_i = exp[-|y_i - x2|^x3 / x1] - t_i, t_i = i/100, y_i = 25 + (-50 ln t_i)^(2/3),
     * n &lt;= m &lt;= 100 (the paper prints "y_i m i x2", a garbled minus sign). m = 99 by default,
     * the usual choice.
     */
    static MghDefinition gulf() {
        return define(11, "Gulf research and development").mFree(3, 99, 100).start(5, 2.5, 0.15)
                .optimum(0, "f = 0 at (50, 25, 1.5)", 50, 25, 1.5)
                .residuals((x, n, m) -> {
                    List<Node> f = new ArrayList<>();
                    for (int i = 1; i <= m; i++) {
                        double t = i / 100.0;
                        double y = 25 + Math.pow(-50 * Math.log(t), 2.0 / 3.0);
                        Node power = c(x, y).minus(x.get(1)).abs().pow(x.get(2));
                        f.add(power.neg().div(x.get(0)).exp().minus(t));
                    }
                    return f;
                });
    }

    /** (12) f_i = exp(-t_i x1) - exp(-t_i x2) - x3[exp(-t_i) - exp(-10 t_i)], t_i = 0.1 i, m &gt;= n. */
    static MghDefinition box3d() {
        return define(12, "Box three-dimensional").mFree(3, 10, Integer.MAX_VALUE).start(0, 10, 20)
                .optimum(0, "f = 0 at (1, 10, 1), (10, 1, -1) and wherever x1 = x2 and x3 = 0", 1, 10, 1)
                .residuals((x, n, m) -> {
                    List<Node> f = new ArrayList<>();
                    for (int i = 1; i <= m; i++) {
                        double t = i / 10.0;
                        Node a = x.get(0).times(-t).exp().minus(x.get(1).times(-t).exp());
                        f.add(a.minus(x.get(2).times(Math.exp(-t) - Math.exp(-10 * t))));
                    }
                    return f;
                });
    }

    /** (13) f1 = x1 + 10 x2, f2 = 5^(1/2)(x3 - x4), f3 = (x2 - 2 x3)^2, f4 = 10^(1/2)(x1 - x4)^2. */
    static MghDefinition powellSingular() {
        return define(13, "Powell singular").dimensions(4, 4).start(3, -1, 0, 1)
                .optimum(0, "f = 0 at the origin", 0, 0, 0, 0)
                .residuals((x, n, m) -> powellSingularBlock(x, 0));
    }

    /** The four residuals of Powell's singular function on x[k..k+3] (problems 13 and 22). */
    static List<Node> powellSingularBlock(Tensor x, int k) {
        Node a = x.get(k);
        Node b = x.get(k + 1);
        Node d = x.get(k + 2);
        Node e = x.get(k + 3);
        return List.of(
                a.plus(b.times(10)),
                d.minus(e).times(Math.sqrt(5)),
                b.minus(d.times(2)).square(),
                a.minus(e).square().times(Math.sqrt(10)));
    }

    /**
     * (14) f1 = 10(x2 - x1^2), f2 = 1 - x1, f3 = 90^(1/2)(x4 - x3^2), f4 = 1 - x3,
     * f5 = 10^(1/2)(x2 + x4 - 2), f6 = 10^(-1/2)(x2 - x4).
     */
    static MghDefinition wood() {
        return define(14, "Wood").dimensions(4, 6).start(-3, -1, -3, -1)
                .optimum(0, "f = 0 at (1, 1, 1, 1)", 1, 1, 1, 1)
                .residuals((x, n, m) -> {
                    Node x1 = x.get(0);
                    Node x2 = x.get(1);
                    Node x3 = x.get(2);
                    Node x4 = x.get(3);
                    return List.of(
                            x2.minus(x1.square()).times(10),
                            c(x, 1).minus(x1),
                            x4.minus(x3.square()).times(Math.sqrt(90)),
                            c(x, 1).minus(x3),
                            x2.plus(x4).minus(2).times(Math.sqrt(10)),
                            x2.minus(x4).times(1 / Math.sqrt(10)));
                });
    }

    /** (15) f_i = y_i - x1(u_i^2 + u_i x2) / (u_i^2 + u_i x3 + x4). */
    static MghDefinition kowalikOsborne() {
        double[] y = {0.1957, 0.1947, 0.1735, 0.1600, 0.0844, 0.0627, 0.0456, 0.0342, 0.0323, 0.0235, 0.0246};
        double[] u = {4, 2, 1, 0.5, 0.25, 0.167, 0.125, 0.1, 0.0833, 0.0714, 0.0625};
        return define(15, "Kowalik and Osborne").dimensions(4, 11).start(0.25, 0.39, 0.415, 0.39)
                .optimum(3.07505e-4, "f = 3.07505...e-4; f = 1.02734...e-3 at (+inf, -14.07..., -inf, -inf)")
                .residuals((x, n, m) -> {
                    List<Node> f = new ArrayList<>();
                    for (int i = 0; i < 11; i++) {
                        double ui = u[i];
                        Node numerator = x.get(1).times(ui).plus(ui * ui);
                        Node denominator = x.get(2).times(ui).plus(ui * ui).plus(x.get(3));
                        f.add(c(x, y[i]).minus(x.get(0).times(numerator).div(denominator)));
                    }
                    return f;
                });
    }

    /** (16) f_i = (x1 + t_i x2 - exp(t_i))^2 + (x3 + x4 sin(t_i) - cos(t_i))^2, t_i = i/5, m &gt;= n. */
    static MghDefinition brownDennis() {
        return define(16, "Brown and Dennis").mFree(4, 20, Integer.MAX_VALUE).start(25, 5, -5, -1)
                .facts((n, m) -> m == 20 ? Published.of(85822.2, "f = 85822.2... for m = 20")
                        : Published.unknown("the paper gives f* for m = 20 only"))
                .residuals((x, n, m) -> {
                    List<Node> f = new ArrayList<>();
                    for (int i = 1; i <= m; i++) {
                        double t = i / 5.0;
                        Node a = x.get(0).plus(x.get(1).times(t)).minus(Math.exp(t));
                        Node b = x.get(2).plus(x.get(3).times(Math.sin(t))).minus(Math.cos(t));
                        f.add(a.square().plus(b.square()));
                    }
                    return f;
                });
    }

    /** (17) f_i = y_i - (x1 + x2 exp(-t_i x4) + x3 exp(-t_i x5)), t_i = 10(i - 1). */
    static MghDefinition osborne1() {
        double[] y = {0.844, 0.908, 0.932, 0.936, 0.925, 0.908, 0.881, 0.850, 0.818, 0.784, 0.751, 0.718, 0.685,
            0.658, 0.628, 0.603, 0.580, 0.558, 0.538, 0.522, 0.506, 0.490, 0.478, 0.467, 0.457, 0.448, 0.438, 0.431,
            0.424, 0.420, 0.414, 0.411, 0.406};
        return define(17, "Osborne 1").dimensions(5, 33).start(0.5, 1.5, -1, 0.01, 0.02)
                .optimum(5.46489e-5, "f = 5.46489...e-5")
                .residuals((x, n, m) -> {
                    List<Node> f = new ArrayList<>();
                    for (int i = 1; i <= 33; i++) {
                        double t = 10 * (i - 1);
                        Node model = x.get(0).plus(x.get(1).times(x.get(3).times(-t).exp()))
                                .plus(x.get(2).times(x.get(4).times(-t).exp()));
                        f.add(c(x, y[i - 1]).minus(model));
                    }
                    return f;
                });
    }

    /**
     * (18) f_i = x3 exp(-t_i x1) - x4 exp(-t_i x2) + x6 exp(-t_i x5) - y_i, t_i = 0.1 i,
     * y_i = exp(-t_i) - 5 exp(-10 t_i) + 3 exp(-4 t_i), m &gt;= n.
     */
    static MghDefinition biggsExp6() {
        return define(18, "Biggs EXP6").mFree(6, 13, Integer.MAX_VALUE).start(1, 2, 1, 1, 1, 1)
                .optimum(0, "f = 0 at (1, 10, 1, 5, 4, 3); f = 5.65565...e-3 at a local minimum if m = 13",
                        1, 10, 1, 5, 4, 3)
                .residuals((x, n, m) -> {
                    List<Node> f = new ArrayList<>();
                    for (int i = 1; i <= m; i++) {
                        double t = i / 10.0;
                        double y = Math.exp(-t) - 5 * Math.exp(-10 * t) + 3 * Math.exp(-4 * t);
                        Node a = x.get(2).times(x.get(0).times(-t).exp());
                        Node b = x.get(3).times(x.get(1).times(-t).exp());
                        Node d = x.get(5).times(x.get(4).times(-t).exp());
                        f.add(a.minus(b).plus(d).minus(y));
                    }
                    return f;
                });
    }

    /**
     * (19) f_i = y_i - (x1 exp(-t_i x5) + x2 exp(-(t_i - x9)^2 x6) + x3 exp(-(t_i - x10)^2 x7)
     * + x4 exp(-(t_i - x11)^2 x8)), t_i = (i - 1)/10.
     */
    static MghDefinition osborne2() {
        double[] y = {1.366, 1.191, 1.112, 1.013, 0.991, 0.885, 0.831, 0.847, 0.786, 0.725, 0.746, 0.679, 0.608,
            0.655, 0.616, 0.606, 0.602, 0.626, 0.651, 0.724, 0.649, 0.649, 0.694, 0.644, 0.624, 0.661, 0.612, 0.558,
            0.533, 0.495, 0.500, 0.423, 0.395, 0.375, 0.372, 0.391, 0.396, 0.405, 0.428, 0.429, 0.523, 0.562, 0.607,
            0.653, 0.672, 0.708, 0.633, 0.668, 0.645, 0.632, 0.591, 0.559, 0.597, 0.625, 0.739, 0.710, 0.729, 0.720,
            0.636, 0.581, 0.428, 0.292, 0.162, 0.098, 0.054};
        return define(19, "Osborne 2").dimensions(11, 65).start(1.3, 0.65, 0.65, 0.7, 0.6, 3, 5, 7, 2, 4.5, 5.5)
                .optimum(4.01377e-2, "f = 4.01377...e-2")
                .residuals((x, n, m) -> {
                    List<Node> f = new ArrayList<>();
                    for (int i = 1; i <= 65; i++) {
                        double t = (i - 1) / 10.0;
                        Node model = x.get(0).times(x.get(4).times(-t).exp());
                        for (int k = 0; k < 3; k++) { // x2, x3, x4 with centres x9, x10, x11 and widths x6, x7, x8
                            Node bump = c(x, t).minus(x.get(8 + k)).square().times(x.get(5 + k)).neg().exp();
                            model = model.plus(x.get(1 + k).times(bump));
                        }
                        f.add(c(x, y[i - 1]).minus(model));
                    }
                    return f;
                });
    }
}
