package org.joule.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.joule.runtime.Layout;

/**
 * The three flattened programs of an energy, derived once and walked by every backend
 * (after {@link Lowering}, which expands log-sum-exp into shared max-shifted terms):
 * the value (one output), the value and gradient (the value, then one output per wrt
 * coordinate) and the Hessian-vector product (one output per wrt coordinate, reading the
 * direction through {@link Op#TANGENT} leaves). Immutable.
 */
public final class EnergyPrograms {
    private final Layout layout;
    private final int[] wrt;
    private final Program value;
    private final Program gradient;
    private final Program hessianVectorProduct;

    private EnergyPrograms(Layout layout, int[] wrt, Program value, Program gradient, Program hvp) {
        this.layout = layout;
        this.wrt = wrt;
        this.value = value;
        this.gradient = gradient;
        this.hessianVectorProduct = hvp;
    }

    /**
     * Differentiates {@code energy} twice and flattens the results.
     *
     * @param energy the energy
     * @return its value, gradient and Hessian-vector-product programs
     */
    public static EnergyPrograms of(Energy energy) {
        Node f = energy.output();
        List<Node> wrtNodes = energy.wrtNodes();
        Node[] grad = Differentiator.gradient(f, wrtNodes);
        List<Node> withGradient = new ArrayList<>();
        withGradient.add(f);
        withGradient.addAll(Arrays.asList(grad));
        Node[] hv = Differentiator.hessianVectorProduct(grad, wrtNodes);
        List<Node> hvOutputs = hv.length == 0 ? List.of(f.graph().constant(0)) : Arrays.asList(hv);
        return new EnergyPrograms(energy.layout(), energy.wrtIndices(), Lowering.program(List.of(f)),
                Lowering.program(withGradient), Lowering.program(hvOutputs));
    }

    /**
     * The input layout.
     *
     * @return the layout of the flat input array
     */
    public Layout layout() {
        return layout;
    }

    /**
     * The flat input indices of the gradient entries.
     *
     * @return a fresh array, in gradient order
     */
    public int[] wrt() {
        return wrt.clone();
    }

    /**
     * Number of gradient entries.
     *
     * @return the number of gradient entries, 0 or more
     */
    public int wrtLength() {
        return wrt.length;
    }

    /**
     * The value program.
     *
     * @return a program with one output
     */
    public Program value() {
        return value;
    }

    /**
     * The value-and-gradient program.
     *
     * @return a program with 1 + {@link #wrtLength()} outputs
     */
    public Program gradient() {
        return gradient;
    }

    /**
     * The Hessian-vector-product program; when there are no gradient entries it has one
     * dummy output, the constant 0.
     *
     * @return a program with {@link #wrtLength()} outputs, or one
     */
    public Program hessianVectorProduct() {
        return hessianVectorProduct;
    }
}
