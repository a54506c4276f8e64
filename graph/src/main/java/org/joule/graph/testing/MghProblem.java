package org.joule.graph.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.joule.graph.Energy;
import org.joule.graph.Graph;
import org.joule.graph.Joule;
import org.joule.graph.Node;
import org.joule.graph.Tensor;
import org.joule.runtime.Role;

/**
 * One of the 35 unconstrained test problems of Moré, Garbow and Hillstrom at chosen
 * dimensions: the sum of squares f(x) = f_1(x)^2 + ... + f_m(x)^2 of m residuals in n
 * variables, with the paper's standard starting point and what the paper publishes about
 * its minimum. An immutable value; get one from {@link MoreGarbowHillstrom}.
 *
 * <p>{@link #energy()} builds f in a new graph over one vector variable {@code x} of length
 * n and role {@link Role#PARAMETER}, differentiated with respect to x; {@link #build(Graph)}
 * declares x in a graph of yours, and {@link #sumOfSquares(Tensor)} and
 * {@link #residuals(Tensor)} work on any vector of n nodes.
 */
public final class MghProblem {
    /** The name of the variable that {@link #build(Graph)} and {@link #energy()} declare. */
    public static final String VARIABLE = "x";

    private final MghDefinition definition;
    private final int n;
    private final int m;
    private final double[] start;
    private final MghDefinition.Published published;

    MghProblem(MghDefinition definition, int n, int m) {
        definition.check(n, m);
        this.definition = definition;
        this.n = n;
        this.m = m;
        this.start = definition.start.at(n);
        this.published = definition.facts.at(n, m);
        if (start.length != n || (published.minimiser() != null && published.minimiser().length != n)) {
            throw new IllegalStateException(this + ": starting point or minimiser is not of length n");
        }
    }

    /**
     * The problem's number in the paper.
     *
     * @return 1 to 35
     */
    public int number() {
        return definition.number;
    }

    /**
     * The problem's name as the paper gives it, such as {@code "Rosenbrock"}.
     *
     * @return the name, unique among the 35
     */
    public String name() {
        return definition.name;
    }

    /**
     * The number of variables.
     *
     * @return n, the length of x
     */
    public int n() {
        return n;
    }

    /**
     * The number of residuals f_i.
     *
     * @return m, at least n
     */
    public int m() {
        return m;
    }

    /**
     * The paper's standard starting point x0 (scaling factor 1).
     *
     * @return a new array of length n
     */
    public double[] startingPoint() {
        return start.clone();
    }

    /**
     * The standard starting point scaled by {@code factor}; the paper also runs from 10 x0
     * and 100 x0 to test robustness far from the minimum.
     *
     * @param factor the scale, finite
     * @return a new array of length n, factor times x0
     * @throws IllegalArgumentException if factor is not finite
     */
    public double[] startingPoint(double factor) {
        if (!Double.isFinite(factor)) {
            throw new IllegalArgumentException(this + ": starting-point factor " + factor + " is not finite");
        }
        double[] x = startingPoint();
        for (int i = 0; i < n; i++) {
            x[i] *= factor;
        }
        return x;
    }

    /**
     * The optimal value f* the paper publishes for these dimensions: exactly 0 where it
     * gives 0, the exact value where it gives a formula (problems 32 to 34), and otherwise
     * the six significant digits it prints (as in 5.46489...e-5), so compare to six digits.
     * Where the paper lists several minima, this is the smallest; see {@link #remark()}.
     *
     * @return f*, or empty when the paper gives none for these dimensions (it gives f* of
     *         some variable-dimension problems only for some n or m)
     */
    public OptionalDouble optimalValue() {
        return published.optimalValue();
    }

    /**
     * The paper's remark on the minima: other local minima with their values, the
     * dimensions for which it gives f*, where the minimiser lies.
     *
     * @return the remark, empty when there is none
     */
    public String remark() {
        return published.remark();
    }

    /**
     * A minimiser x* where the paper gives one in closed form, such as (1, 1) for Rosenbrock:
     * f(x*) = {@link #optimalValue()}.
     *
     * @return a new array of length n, or empty when there is no closed form
     */
    public Optional<double[]> minimiser() {
        return Optional.ofNullable(published.minimiser()).map(double[]::clone);
    }

    /**
     * The residuals f_1(x), ..., f_m(x), written as in the paper.
     *
     * @param x a vector of n nodes of one graph
     * @return m nodes of x's graph, f_i at index i - 1
     * @throws IllegalArgumentException if x is not a vector of length n
     */
    public List<Node> residuals(Tensor x) {
        if (x == null || x.rank() != 1 || x.size() != n) {
            throw new IllegalArgumentException(this + " needs a vector of length " + n + ", not "
                    + (x == null ? "null" : x.shapeText()));
        }
        List<Node> f = definition.residuals.build(x, n, m);
        if (f.size() != m) {
            throw new IllegalStateException(this + " built " + f.size() + " residuals, not m = " + m);
        }
        return f;
    }

    /**
     * The objective f(x) = sum_i f_i(x)^2.
     *
     * @param x a vector of n nodes of one graph
     * @return the sum of the squared residuals, added pairwise
     * @throws IllegalArgumentException if x is not a vector of length n
     */
    public Node sumOfSquares(Tensor x) {
        List<Node> squares = new ArrayList<>(m);
        for (Node fi : residuals(x)) {
            squares.add(fi.square());
        }
        return Joule.sum(squares);
    }

    /**
     * Declares the vector {@code x} (length n, role PARAMETER) in {@code g} and builds f there.
     *
     * @param g a graph without a variable called {@code x}
     * @return the node f(x)
     * @throws IllegalArgumentException if g already declares {@code x}
     */
    public Node build(Graph g) {
        return sumOfSquares(g.vector(VARIABLE, n, Role.PARAMETER));
    }

    /**
     * The energy f(x) in {@code g}, differentiated with respect to x.
     *
     * @param g a graph without a variable called {@code x}
     * @return the energy, whose gradient has n entries
     * @throws IllegalArgumentException if g already declares {@code x}
     */
    public Energy energy(Graph g) {
        return Energy.of(build(g)).wrt(VARIABLE);
    }

    /**
     * The energy f(x) in a new simplifying graph, differentiated with respect to x.
     *
     * @return the energy, whose input array is x itself (layout of size n)
     */
    public Energy energy() {
        return energy(new Graph());
    }

    /** For example {@code MGH 21 extended Rosenbrock (n = 10, m = 10)}. */
    @Override
    public String toString() {
        return "MGH " + definition.number + " " + definition.name + " (n = " + n + ", m = " + m + ")";
    }
}
