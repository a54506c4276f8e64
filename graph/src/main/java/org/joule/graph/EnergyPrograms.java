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

    /** Differentiates {@code energy} twice and flattens the results. */
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

    /** The input layout. */
    public Layout layout() {
        return layout;
    }

    /** The flat input indices of the gradient entries. */
    public int[] wrt() {
        return wrt.clone();
    }

    /** Number of gradient entries. */
    public int wrtLength() {
        return wrt.length;
    }

    /** The value program. */
    public Program value() {
        return value;
    }

    /** The value-and-gradient program. */
    public Program gradient() {
        return gradient;
    }

    /**
     * The Hessian-vector-product program; when there are no gradient entries it has one
     * dummy output, the constant 0.
     */
    public Program hessianVectorProduct() {
        return hessianVectorProduct;
    }
}
