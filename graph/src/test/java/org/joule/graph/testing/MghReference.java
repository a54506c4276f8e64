package org.joule.graph.testing;

/**
 * A second, independent transcription of the 35 problems of Moré, Garbow and Hillstrom in
 * plain Java doubles: the residuals f_i(x) and the standard starting points, typed again from
 * the paper (section 3) in loops over the paper's 1-based indices, with the data tables typed
 * again. A typo in either transcription shows up as a difference from the DSL's
 * {@link MghProblem}.
 */
final class MghReference {
    private MghReference() {
    }

    /** f(x) = sum_i f_i(x)^2. */
    static double value(int number, int n, int m, double[] x) {
        double s = 0;
        for (double fi : residuals(number, n, m, x)) {
            s += fi * fi;
        }
        return s;
    }

    /** The paper's x0 for problem {@code number} with n variables. */
    static double[] start(int number, int n) {
        double[] x = new double[n];
        for (int j = 1; j <= n; j++) {
            x[j - 1] = switch (number) {
                case 1 -> j == 1 ? -1.2 : 1;
                case 2 -> j == 1 ? 0.5 : -2;
                case 3 -> j == 1 ? 0 : 1;
                case 4, 5 -> 1;
                case 6 -> j == 1 ? 0.3 : 0.4;
                case 7 -> j == 1 ? -1 : 0;
                case 8 -> 1;
                case 9 -> new double[] {0.4, 1, 0}[j - 1];
                case 10 -> new double[] {0.02, 4000, 250}[j - 1];
                case 11 -> new double[] {5, 2.5, 0.15}[j - 1];
                case 12 -> new double[] {0, 10, 20}[j - 1];
                case 13 -> new double[] {3, -1, 0, 1}[j - 1];
                case 14 -> j % 2 == 1 ? -3 : -1;
                case 15 -> new double[] {0.25, 0.39, 0.415, 0.39}[j - 1];
                case 16 -> new double[] {25, 5, -5, -1}[j - 1];
                case 17 -> new double[] {0.5, 1.5, -1, 0.01, 0.02}[j - 1];
                case 18 -> j == 2 ? 2 : 1;
                case 19 -> new double[] {1.3, 0.65, 0.65, 0.7, 0.6, 3, 5, 7, 2, 4.5, 5.5}[j - 1];
                case 20 -> 0;
                case 21 -> j % 2 == 1 ? -1.2 : 1;
                case 22 -> new double[] {3, -1, 0, 1}[(j - 1) % 4];
                case 23 -> j;
                case 24 -> 0.5;
                case 25 -> 1 - (double) j / n;
                case 26 -> 1.0 / n;
                case 27 -> 0.5;
                case 28, 29 -> {
                    double h = 1.0 / (n + 1); // the paper's t_j = j h
                    double t = j * h;
                    yield t * (t - 1);
                }
                case 30, 31 -> -1;
                case 32, 33, 34 -> 1;
                case 35 -> j / (n + 1.0);
                default -> throw new IllegalArgumentException("no problem " + number);
            };
        }
        return x;
    }

    /** The residuals f_1..f_m at x. */
    static double[] residuals(int number, int n, int m, double[] x) {
        double[] f = new double[m];
        switch (number) {
            case 1 -> {
                f[0] = 10 * (x[1] - x[0] * x[0]);
                f[1] = 1 - x[0];
            }
            case 2 -> {
                double a = x[0];
                double b = x[1];
                f[0] = -13 + a + ((5 - b) * b - 2) * b;
                f[1] = -29 + a + ((b + 1) * b - 14) * b;
            }
            case 3 -> {
                f[0] = 10000 * x[0] * x[1] - 1;
                f[1] = Math.exp(-x[0]) + Math.exp(-x[1]) - 1.0001;
            }
            case 4 -> {
                f[0] = x[0] - 1000000;
                f[1] = x[1] - 0.000002;
                f[2] = x[0] * x[1] - 2;
            }
            case 5 -> {
                double[] y = {1.5, 2.25, 2.625};
                for (int i = 1; i <= 3; i++) {
                    f[i - 1] = y[i - 1] - x[0] * (1 - Math.pow(x[1], i));
                }
            }
            case 6 -> {
                for (int i = 1; i <= m; i++) {
                    f[i - 1] = 2 + 2 * i - (Math.exp(i * x[0]) + Math.exp(i * x[1]));
                }
            }
            case 7 -> {
                double theta = Math.atan(x[1] / x[0]) / (2 * Math.PI) + (x[0] < 0 ? 0.5 : 0);
                f[0] = 10 * (x[2] - 10 * theta);
                f[1] = 10 * (Math.sqrt(x[0] * x[0] + x[1] * x[1]) - 1);
                f[2] = x[2];
            }
            case 8 -> {
                double[] y = {.14, .18, .22, .25, .29, .32, .35, .39, .37, .58, .73, .96, 1.34, 2.10, 4.39};
                for (int i = 1; i <= 15; i++) {
                    double u = i;
                    double v = 16 - i;
                    double w = Math.min(u, v);
                    f[i - 1] = y[i - 1] - (x[0] + u / (v * x[1] + w * x[2]));
                }
            }
            case 9 -> {
                double[] y = {.0009, .0044, .0175, .0540, .1295, .2420, .3521, .3989, .3521, .2420, .1295, .0540,
                    .0175, .0044, .0009};
                for (int i = 1; i <= 15; i++) {
                    double t = (8 - i) / 2.0;
                    f[i - 1] = x[0] * Math.exp(-x[1] * (t - x[2]) * (t - x[2]) / 2) - y[i - 1];
                }
            }
            case 10 -> {
                double[] y = {34780, 28610, 23650, 19630, 16370, 13720, 11540, 9744, 8261, 7030, 6005, 5147, 4427,
                    3820, 3307, 2872};
                for (int i = 1; i <= 16; i++) {
                    double t = 45 + 5 * i;
                    f[i - 1] = x[0] * Math.exp(x[1] / (t + x[2])) - y[i - 1];
                }
            }
            case 11 -> {
                for (int i = 1; i <= m; i++) {
                    double t = i / 100.0;
                    double y = 25 + Math.pow(-50 * Math.log(t), 2.0 / 3);
                    f[i - 1] = Math.exp(-Math.pow(Math.abs(y - x[1]), x[2]) / x[0]) - t;
                }
            }
            case 12 -> {
                for (int i = 1; i <= m; i++) {
                    double t = 0.1 * i;
                    f[i - 1] = Math.exp(-t * x[0]) - Math.exp(-t * x[1]) - x[2] * (Math.exp(-t) - Math.exp(-10 * t));
                }
            }
            case 13 -> powellSingular(x, f, 0);
            case 14 -> {
                f[0] = 10 * (x[1] - x[0] * x[0]);
                f[1] = 1 - x[0];
                f[2] = Math.sqrt(90) * (x[3] - x[2] * x[2]);
                f[3] = 1 - x[2];
                f[4] = Math.sqrt(10) * (x[1] + x[3] - 2);
                f[5] = (x[1] - x[3]) / Math.sqrt(10);
            }
            case 15 -> {
                double[] y = {.1957, .1947, .1735, .1600, .0844, .0627, .0456, .0342, .0323, .0235, .0246};
                double[] u = {4, 2, 1, .5, .25, .167, .125, .1, .0833, .0714, .0625};
                for (int i = 1; i <= 11; i++) {
                    double ui = u[i - 1];
                    f[i - 1] = y[i - 1] - x[0] * (ui * ui + ui * x[1]) / (ui * ui + ui * x[2] + x[3]);
                }
            }
            case 16 -> {
                for (int i = 1; i <= m; i++) {
                    double t = i / 5.0;
                    double a = x[0] + t * x[1] - Math.exp(t);
                    double b = x[2] + x[3] * Math.sin(t) - Math.cos(t);
                    f[i - 1] = a * a + b * b;
                }
            }
            case 17 -> {
                double[] y = {.844, .908, .932, .936, .925, .908, .881, .850, .818, .784, .751, .718, .685, .658,
                    .628, .603, .580, .558, .538, .522, .506, .490, .478, .467, .457, .448, .438, .431, .424, .420,
                    .414, .411, .406};
                for (int i = 1; i <= 33; i++) {
                    double t = 10 * (i - 1);
                    f[i - 1] = y[i - 1] - (x[0] + x[1] * Math.exp(-t * x[3]) + x[2] * Math.exp(-t * x[4]));
                }
            }
            case 18 -> {
                for (int i = 1; i <= m; i++) {
                    double t = 0.1 * i;
                    double y = Math.exp(-t) - 5 * Math.exp(-10 * t) + 3 * Math.exp(-4 * t);
                    f[i - 1] = x[2] * Math.exp(-t * x[0]) - x[3] * Math.exp(-t * x[1]) + x[5] * Math.exp(-t * x[4])
                            - y;
                }
            }
            case 19 -> {
                double[] y = {1.366, 1.191, 1.112, 1.013, .991, .885, .831, .847, .786, .725, .746, .679, .608, .655,
                    .616, .606, .602, .626, .651, .724, .649, .649, .694, .644, .624, .661, .612, .558, .533, .495,
                    .500, .423, .395, .375, .372, .391, .396, .405, .428, .429, .523, .562, .607, .653, .672, .708,
                    .633, .668, .645, .632, .591, .559, .597, .625, .739, .710, .729, .720, .636, .581, .428, .292,
                    .162, .098, .054};
                for (int i = 1; i <= 65; i++) {
                    double t = (i - 1) / 10.0;
                    double model = x[0] * Math.exp(-t * x[4])
                            + x[1] * Math.exp(-(t - x[8]) * (t - x[8]) * x[5])
                            + x[2] * Math.exp(-(t - x[9]) * (t - x[9]) * x[6])
                            + x[3] * Math.exp(-(t - x[10]) * (t - x[10]) * x[7]);
                    f[i - 1] = y[i - 1] - model;
                }
            }
            case 20 -> {
                for (int i = 1; i <= 29; i++) {
                    double t = i / 29.0;
                    double s1 = 0;
                    double s2 = 0;
                    for (int j = n; j >= 1; j--) { // Horner
                        s2 = s2 * t + x[j - 1];
                        if (j >= 2) {
                            s1 = s1 * t + (j - 1) * x[j - 1];
                        }
                    }
                    f[i - 1] = s1 - s2 * s2 - 1;
                }
                f[29] = x[0];
                f[30] = x[1] - x[0] * x[0] - 1;
            }
            case 21 -> {
                for (int i = 1; i <= n / 2; i++) {
                    f[2 * i - 2] = 10 * (x[2 * i - 1] - x[2 * i - 2] * x[2 * i - 2]);
                    f[2 * i - 1] = 1 - x[2 * i - 2];
                }
            }
            case 22 -> {
                for (int k = 0; k < n; k += 4) {
                    powellSingular(x, f, k);
                }
            }
            case 23 -> {
                double squares = 0;
                for (int i = 1; i <= n; i++) {
                    f[i - 1] = Math.sqrt(1e-5) * (x[i - 1] - 1);
                    squares += x[i - 1] * x[i - 1];
                }
                f[n] = squares - 0.25;
            }
            case 24 -> {
                double a = Math.sqrt(0.00001);
                f[0] = x[0] - 0.2;
                for (int i = 2; i <= n; i++) {
                    double y = Math.exp(i / 10.0) + Math.exp((i - 1) / 10.0);
                    f[i - 1] = a * (Math.exp(x[i - 1] / 10) + Math.exp(x[i - 2] / 10) - y);
                }
                for (int i = n + 1; i <= 2 * n - 1; i++) {
                    f[i - 1] = a * (Math.exp(x[i - n] / 10) - Math.exp(-0.1));
                }
                double s = 0;
                for (int j = 1; j <= n; j++) {
                    s += (n - j + 1) * x[j - 1] * x[j - 1];
                }
                f[2 * n - 1] = s - 1;
            }
            case 25 -> {
                double s = 0;
                for (int j = 1; j <= n; j++) {
                    f[j - 1] = x[j - 1] - 1;
                    s += j * (x[j - 1] - 1);
                }
                f[n] = s;
                f[n + 1] = s * s;
            }
            case 26 -> {
                double cosines = 0;
                for (int j = 1; j <= n; j++) {
                    cosines += Math.cos(x[j - 1]);
                }
                for (int i = 1; i <= n; i++) {
                    f[i - 1] = n - cosines + i * (1 - Math.cos(x[i - 1])) - Math.sin(x[i - 1]);
                }
            }
            case 27 -> {
                double sum = 0;
                double product = 1;
                for (int j = 1; j <= n; j++) {
                    sum += x[j - 1];
                    product *= x[j - 1];
                }
                for (int i = 1; i < n; i++) {
                    f[i - 1] = x[i - 1] + sum - (n + 1);
                }
                f[n - 1] = product - 1;
            }
            case 28 -> {
                double h = 1.0 / (n + 1);
                for (int i = 1; i <= n; i++) {
                    double t = i * h;
                    double left = i == 1 ? 0 : x[i - 2];
                    double right = i == n ? 0 : x[i];
                    double cube = Math.pow(x[i - 1] + t + 1, 3);
                    f[i - 1] = 2 * x[i - 1] - left - right + h * h * cube / 2;
                }
            }
            case 29 -> {
                double h = 1.0 / (n + 1);
                for (int i = 1; i <= n; i++) {
                    double ti = i * h;
                    double first = 0;
                    double second = 0;
                    for (int j = 1; j <= n; j++) {
                        double tj = j * h;
                        double cube = Math.pow(x[j - 1] + tj + 1, 3);
                        if (j <= i) {
                            first += tj * cube;
                        } else {
                            second += (1 - tj) * cube;
                        }
                    }
                    f[i - 1] = x[i - 1] + h * ((1 - ti) * first + ti * second) / 2;
                }
            }
            case 30 -> {
                for (int i = 1; i <= n; i++) {
                    double left = i == 1 ? 0 : x[i - 2];
                    double right = i == n ? 0 : x[i];
                    f[i - 1] = (3 - 2 * x[i - 1]) * x[i - 1] - left - 2 * right + 1;
                }
            }
            case 31 -> {
                for (int i = 1; i <= n; i++) {
                    double s = 0;
                    for (int j = Math.max(1, i - 5); j <= Math.min(n, i + 1); j++) {
                        if (j != i) {
                            s += x[j - 1] * (1 + x[j - 1]);
                        }
                    }
                    f[i - 1] = x[i - 1] * (2 + 5 * x[i - 1] * x[i - 1]) + 1 - s;
                }
            }
            case 32 -> {
                double s = 0;
                for (int j = 1; j <= n; j++) {
                    s += x[j - 1];
                }
                for (int i = 1; i <= m; i++) {
                    f[i - 1] = (i <= n ? x[i - 1] : 0) - 2.0 / m * s - 1;
                }
            }
            case 33 -> {
                double s = 0;
                for (int j = 1; j <= n; j++) {
                    s += j * x[j - 1];
                }
                for (int i = 1; i <= m; i++) {
                    f[i - 1] = i * s - 1;
                }
            }
            case 34 -> {
                double s = 0;
                for (int j = 2; j <= n - 1; j++) {
                    s += j * x[j - 1];
                }
                f[0] = -1;
                for (int i = 2; i <= m - 1; i++) {
                    f[i - 1] = (i - 1) * s - 1;
                }
                f[m - 1] = -1;
            }
            case 35 -> {
                for (int i = 1; i <= m; i++) {
                    double s = 0;
                    for (int j = 1; j <= n; j++) {
                        // the shifted Chebyshev polynomial T_i(x) = cos(i arccos(2x - 1)) on [0, 1],
                        // by its recurrence (arccos loses digits near the ends)
                        double y = 2 * x[j - 1] - 1;
                        double previous = 1;
                        double current = y;
                        for (int k = 1; k < i; k++) {
                            double next = 2 * y * current - previous;
                            previous = current;
                            current = next;
                        }
                        s += current;
                    }
                    double integral = i % 2 == 0 ? -1.0 / (i * i - 1) : 0;
                    f[i - 1] = s / n - integral;
                }
            }
            default -> throw new IllegalArgumentException("no problem " + number);
        }
        return f;
    }

    private static void powellSingular(double[] x, double[] f, int k) {
        f[k] = x[k] + 10 * x[k + 1];
        f[k + 1] = Math.sqrt(5) * (x[k + 2] - x[k + 3]);
        f[k + 2] = (x[k + 1] - 2 * x[k + 2]) * (x[k + 1] - 2 * x[k + 2]);
        f[k + 3] = Math.sqrt(10) * (x[k] - x[k + 3]) * (x[k] - x[k + 3]);
    }
}
