package org.joule.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.joule.runtime.EnergyFunction;
import org.joule.runtime.Layout;
import org.joule.runtime.Role;
import org.joule.runtime.Variable;

/**
 * An energy to evaluate and differentiate: a scalar output node, the layout of its input
 * array and the input coordinates to differentiate with respect to. A closed value: the
 * layout is the graph's as it was when the energy was made, so variables declared on the
 * graph afterwards change neither its layout nor its functions; {@link #wrt} variants
 * return new energies with the same layout.
 *
 * <p>{@link #of} differentiates with respect to the variables the output uses; choose other
 * coordinates with {@link #wrt(Role...)} or {@link #wrt(String...)}. A variable of the
 * layout that the output does not use is still an input (its coordinates are in the input
 * array) and, when named in {@code wrt}, has derivative 0.
 *
 * <pre>{@code
 * Graph g = new Graph();
 * Tensor y = g.vector("y", 2, Role.DATA);
 * Tensor w = g.vector("w", 2, Role.PARAMETER);
 * Energy e = Energy.of(y.minus(w).squaredNorm()).wrt(Role.PARAMETER);
 * EnergyFunction f = e.interpreter();
 * }</pre>
 */
public final class Energy {
    private final Node output;
    private final Layout layout;
    private final int[] wrt;

    private Energy(Node output, Layout layout, int[] wrt) {
        this.output = output;
        this.layout = layout;
        this.wrt = wrt;
    }

    /**
     * The energy {@code output} over the variables its graph declares now, differentiated
     * with respect to every coordinate of each variable the output uses (all coordinates of
     * a vector or matrix of which it uses one), in layout order.
     *
     * @param output the scalar node whose value is the energy
     * @return a new energy whose layout is a snapshot of the graph's variables
     * @throws IllegalArgumentException if {@code output} is null
     */
    public static Energy of(Node output) {
        if (output == null) {
            throw new IllegalArgumentException("energy output is null");
        }
        Graph g = output.graph();
        BitSet used = new BitSet();
        for (Node n : g.reachable(List.of(output))) {
            if (n.op() == Op.VAR) {
                used.set((int) n.parameter());
            }
        }
        Layout layout = g.layout();
        return new Energy(output, layout, coordinates(layout, v -> {
            int first = used.nextSetBit(v.offset());
            return first >= 0 && first < v.offset() + v.size();
        }));
    }

    /** The coordinates of the variables of {@code layout} that {@code chosen} accepts, in layout order. */
    private static int[] coordinates(Layout layout, Predicate<Variable> chosen) {
        java.util.stream.IntStream.Builder idx = java.util.stream.IntStream.builder();
        for (Variable v : layout.variables()) {
            if (chosen.test(v)) {
                for (int k = 0; k < v.size(); k++) {
                    idx.add(v.offset() + k);
                }
            }
        }
        return idx.build().toArray();
    }

    /**
     * The same energy, differentiated with respect to every variable of its layout with one
     * of {@code roles}, used by the output or not; {@code wrt(Role.values())} takes them all.
     *
     * @param roles the roles whose variables to differentiate with respect to; none gives an
     *        energy with an empty gradient
     * @return a new energy with the same output and layout, whose gradient covers every
     *         coordinate of those variables in layout order
     */
    public Energy wrt(Role... roles) {
        Set<Role> wanted = Set.of(roles);
        return new Energy(output, layout, coordinates(layout, v -> wanted.contains(v.role())));
    }

    /**
     * The same energy, differentiated with respect to the named variables (all their
     * coordinates) or single coordinates such as {@code W[1,0]}, in the order given.
     *
     * @param names variable names or coordinate names
     * @return a new energy
     * @throws IllegalArgumentException naming an unknown variable or coordinate, or a repeat
     */
    public Energy wrt(String... names) {
        Set<Integer> idx = new LinkedHashSet<>();
        for (String name : names) {
            List<Integer> add = new ArrayList<>();
            if (layout.has(name)) {
                Variable v = layout.variable(name);
                for (int k = 0; k < v.size(); k++) {
                    add.add(v.offset() + k);
                }
            } else {
                add.add(layout.indexOf(name));
            }
            for (int i : add) {
                if (!idx.add(i)) {
                    throw new IllegalArgumentException("coordinate '" + layout.coordinateName(i)
                            + "' is named twice in wrt");
                }
            }
        }
        return new Energy(output, layout, idx.stream().mapToInt(Integer::intValue).toArray());
    }

    /**
     * The output node.
     *
     * @return the node whose value is the energy
     */
    public Node output() {
        return output;
    }

    /**
     * The graph.
     *
     * @return the output's graph
     */
    public Graph graph() {
        return output.graph();
    }

    /**
     * The input layout: every variable the graph had declared when this energy was made.
     *
     * @return the layout of the input array, unchanged by variables declared later
     */
    public Layout layout() {
        return layout;
    }

    /**
     * The flat indices differentiated with respect to, in gradient order.
     *
     * @return a fresh array of flat input indices
     */
    public int[] wrtIndices() {
        return wrt.clone();
    }

    /**
     * The VAR nodes differentiated with respect to, in gradient order.
     *
     * @return the VAR nodes, one per gradient entry
     */
    public List<Node> wrtNodes() {
        List<Node> r = new ArrayList<>(wrt.length);
        for (int i : wrt) {
            r.add(output.graph().coordinate(i));
        }
        return r;
    }

    /**
     * The symbolic gradient, one node per wrt coordinate.
     *
     * @return one node per gradient entry
     */
    public Node[] gradient() {
        return Differentiator.gradient(output, wrtNodes());
    }

    /**
     * The symbolic Hessian with respect to the wrt coordinates.
     *
     * @return a square matrix of nodes, one row per gradient entry
     */
    public Node[][] hessian() {
        return Differentiator.hessian(output, wrtNodes());
    }

    /**
     * The symbolic Hessian-vector product; the direction is {@code graph().tangent(j)}.
     *
     * @return one node per gradient entry
     */
    public Node[] hessianVectorProduct() {
        return Differentiator.hessianVectorProduct(output, wrtNodes());
    }

    /**
     * The reference interpreter for this energy (builds value, gradient and H v programs now).
     *
     * @return a thread-safe interpreter
     */
    public EnergyFunction interpreter() {
        return new Interpreter(this);
    }

    @Override
    public String toString() {
        return "Energy[" + output + " wrt " + Arrays.toString(wrt) + "]";
    }
}
