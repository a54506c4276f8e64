package org.joule.runtime;

/**
 * One part of a compiled program too large for one class: it runs a contiguous range of
 * the program's straight-line segments. Generated code implements this interface; users
 * never need to.
 */
public interface Kernel {
    /**
     * Runs this part. {@code x} holds the inputs, {@code v} the direction of a Hessian-vector
     * product (or null), {@code out} the output array (or null) and {@code w} the work array
     * through which segments pass values.
     *
     * @param x   the inputs
     * @param v   the direction of a Hessian-vector product, or null
     * @param out the output array, or null
     * @param w   the work array
     */
    void run(double[] x, double[] v, double[] out, double[] w);
}
