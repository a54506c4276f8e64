package org.joule.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.joule.runtime.EnergyFunction;
import org.joule.runtime.Layout;
import org.joule.runtime.Role;
import org.joule.runtime.Variable;

/**
 * An energy to evaluate and differentiate: a scalar output node and the input coordinates
 * to differentiate with respect to. Immutable; {@link #wrt} variants return new energies.
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
    private final int[] wrt;

    private Energy(Node output, int[] wrt) {
        this.output = output;
        this.wrt = wrt;
    }

    /**
     * The energy {@code output}, differentiated with respect to every input coordinate.
     *
     * @param output the scalar output node
     * @return an energy of {@code output}
     */
    public static Energy of(Node output) {
        if (output == null) {
            throw new IllegalArgumentException("energy output is null");
        }
        int n = output.graph().layout().size();
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        return new Energy(output, all);
    }

    /**
     * The same energy, differentiated with respect to every variable with one of {@code roles}.
     *
     * @param roles the roles whose variables to differentiate by, in layout order
     * @return a new energy
     */
    public Energy wrt(Role... roles) {
        Set<Role> wanted = Set.of(roles);
        List<Integer> idx = new ArrayList<>();
        for (Variable v : layout().variables()) {
            if (wanted.contains(v.role())) {
                for (int k = 0; k < v.size(); k++) {
                    idx.add(v.offset() + k);
                }
            }
        }
        return new Energy(output, idx.stream().mapToInt(Integer::intValue).toArray());
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
        Layout layout = layout();
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
        return new Energy(output, idx.stream().mapToInt(Integer::intValue).toArray());
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
     * The input layout (all variables of the graph).
     *
     * @return the layout of the flat input array
     */
    public Layout layout() {
        return output.graph().layout();
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
