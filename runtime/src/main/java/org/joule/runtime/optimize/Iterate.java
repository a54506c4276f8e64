package org.joule.runtime.optimize;

/**
 * The current point of a run over the wrt coordinates: u, the smooth energy there and its
 * gradient. A step moves it in place; the driver keeps a copy to fall back on when a step
 * ends the run half way.
 */
final class Iterate {
    final double[] u;
    final double[] gradient;
    double energy;

    Iterate(double[] u) {
        this.u = u;
        this.gradient = new double[u.length];
    }

    /** Takes over a new point: copies u and gradient and sets the energy. */
    void set(double[] newU, double newEnergy, double[] newGradient) {
        Vectors.copy(newU, u);
        Vectors.copy(newGradient, gradient);
        energy = newEnergy;
    }
}
