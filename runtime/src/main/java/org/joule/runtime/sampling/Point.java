package org.joule.runtime.sampling;

/**
 * A phase-space point over the sampled (wrt) coordinates: position q, momentum p, the gradient
 * of the potential U = β E at q, and U itself (+∞ where the energy or a gradient entry is not
 * finite). Mutable scratch owned by one chain; copies go into preallocated points, so a
 * trajectory allocates nothing.
 */
final class Point {
    final double[] q;
    final double[] p;
    final double[] gradient;
    double potential;

    Point(int n) {
        q = new double[n];
        p = new double[n];
        gradient = new double[n];
    }

    /** Copies position, momentum, gradient and potential from {@code from}. */
    void copyFrom(Point from) {
        copyPositionFrom(from);
        System.arraycopy(from.p, 0, p, 0, p.length);
    }

    /** Copies position, gradient and potential (not the momentum) from {@code from}. */
    void copyPositionFrom(Point from) {
        System.arraycopy(from.q, 0, q, 0, q.length);
        System.arraycopy(from.gradient, 0, gradient, 0, gradient.length);
        potential = from.potential;
    }
}
