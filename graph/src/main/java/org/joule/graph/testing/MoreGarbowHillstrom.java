package org.joule.graph.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * The 35 unconstrained test problems of J. J. Moré, B. S. Garbow and K. E. Hillstrom,
 * "Testing Unconstrained Optimization Software", ACM Transactions on Mathematical Software
 * 7(1), 17-41, 1981, written in the DSL: each is a sum of squares f(x) = sum_i f_i(x)^2 of the
 * residuals the paper gives, with its standard starting point and the optimal value it
 * publishes (see {@link MghProblem}).
 *
 * <p>Problems 1 to 19 have a fixed n (and some a free m &gt;= n); problems 20 to 35 have a
 * variable n, for which the paper fixes no default: {@link #problem(int)} uses n = 10 for them
 * (12 for problem 22, 6 for Watson), and {@link #problem(int, int)} and
 * {@link #problem(int, int, int)} choose other dimensions. Dimensions a problem does not allow
 * are an {@link IllegalArgumentException} naming the problem and its rule.
 *
 * <p>Running an optimiser on a problem: build its energy, make an
 * {@link org.joule.runtime.EnergyFunction} of it, and start from x0. The energy's input array
 * is x itself, so x0 is the optimiser's start as it is.
 * <pre>{@code
 * MghProblem p = MoreGarbowHillstrom.problem(1);            // Rosenbrock
 * Energy e = p.energy();                                    // f(x), differentiated in x
 * EnergyFunction f = e.interpreter();                       // joule-graph: the interpreter
 * EnergyFunction fast = Compiler.compile(e);                // joule-compiler: bytecode, same bits
 * double[] x = p.startingPoint();
 * double[] g = new double[p.n()];
 * double fx = fast.valueAndGradient(x, g);                  // what a gradient method asks for
 * // ... hand f (value, gradient, Hessian-vector product) and x to an optimiser, then compare
 * // its result with p.optimalValue() (6 significant digits) and p.remark() (other minima)
 * }</pre>
 */
public final class MoreGarbowHillstrom {
    /** The number of problems. */
    public static final int COUNT = 35;

    private static final List<MghDefinition> DEFINITIONS = definitions();

    private MoreGarbowHillstrom() {
    }

    private static List<MghDefinition> definitions() {
        List<MghDefinition> all = new ArrayList<>(MghFixedDimension.all());
        all.addAll(MghVariableDimension.all());
        for (int k = 0; k < all.size(); k++) {
            if (all.get(k).number != k + 1) {
                throw new IllegalStateException("MGH definition " + k + " is numbered " + all.get(k).number);
            }
        }
        return List.copyOf(all);
    }

    /**
     * All 35 problems at their default dimensions, in the paper's order.
     *
     * @return an unmodifiable list; problem k at index k - 1
     */
    public static List<MghProblem> all() {
        List<MghProblem> problems = new ArrayList<>(COUNT);
        for (int k = 1; k <= COUNT; k++) {
            problems.add(problem(k));
        }
        return List.copyOf(problems);
    }

    /**
     * Problem {@code number} at its default dimensions.
     *
     * @param number 1 to 35, as in the paper
     * @return the problem
     * @throws IllegalArgumentException for a number outside 1..35
     */
    public static MghProblem problem(int number) {
        MghDefinition d = definition(number);
        return new MghProblem(d, d.defaultN, d.defaultM);
    }

    /**
     * Problem {@code number} with n variables and the m the paper ties to n (m = n, n + 1, 2n,
     * n + 2 or 31), or, where m is free, its default m (2n for problems 32 to 34, n for 35).
     *
     * @param number 1 to 35, as in the paper
     * @param n      a number of variables the problem allows (for problems 1 to 19, its fixed n)
     * @return the problem
     * @throws IllegalArgumentException naming the problem and its rule for a number outside
     *     1..35 or an n it does not allow
     */
    public static MghProblem problem(int number, int n) {
        MghDefinition d = definition(number);
        return new MghProblem(d, n, d.mFor(n));
    }

    /**
     * Problem {@code number} with n variables and m residuals.
     *
     * @param number 1 to 35, as in the paper
     * @param n      a number of variables the problem allows
     * @param m      a number of residuals the problem allows with n: the m it ties to n, or any
     *               m &gt;= n where the paper leaves m free (problems 6, 11 (m &lt;= 100), 12, 16,
     *               18 and 32 to 35)
     * @return the problem
     * @throws IllegalArgumentException naming the problem and its rule for a number outside
     *     1..35 or dimensions it does not allow
     */
    public static MghProblem problem(int number, int n, int m) {
        return new MghProblem(definition(number), n, m);
    }

    private static MghDefinition definition(int number) {
        if (number < 1 || number > COUNT) {
            throw new IllegalArgumentException("Moré, Garbow and Hillstrom number problems 1 to " + COUNT
                    + ", not " + number);
        }
        return DEFINITIONS.get(number - 1);
    }
}
