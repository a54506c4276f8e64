package org.joule.graph.testing;

import org.joule.graph.Joule;
import org.joule.graph.Node;

/**
 * The angle theta(x1, x2) of the helical valley (problem 7), written with the ops Joule has
 * (it has no arctangent). The paper defines
 * <pre>
 *   2 pi theta = arctan(x2/x1)        for x1 &gt; 0,
 *   2 pi theta = arctan(x2/x1) + pi   for x1 &lt; 0,
 * </pre>
 * that is, 2 pi theta is the polar angle phi of (x1, x2) taken in (-pi/2, 3pi/2): theta jumps
 * only across the negative x2 axis, and on the positive x2 axis, where the paper divides by
 * 0, it takes the limit 1/4 from both sides.
 *
 * <p>psi = phi - pi/2, in (-pi, pi), is the polar angle of (x2, -x1), and the half-angle
 * formula gives tan(psi/2) = -x1 / (r + x2) = (x2 - r) / x1 with r = (x1^2 + x2^2)^(1/2),
 * the first form used for x2 &gt;= 0 and the second for x2 &lt; 0, so that r and x2 never
 * cancel (both forms are the same function, so the switch is smooth). So
 * theta = 1/4 + psi/(2 pi) = 1/4 + atan(u)/pi with u = tan(psi/2). The arctangent of any
 * real u is reduced by the half-angle identity atan(u) = 2 atan(u / (1 + (1 + u^2)^(1/2)))
 * applied {@value #HALVINGS} times, to an argument w with |atan(w)| &lt; pi/2^6, so
 * |w| &lt; tan(pi/64) &lt; 0.0492, where the odd Taylor series w - w^3/3 + ... - w^15/15 stops
 * with a relative error below w^16/17 &lt; 1e-21. Each halving rounds a few ulps, so theta
 * is within about 1e-15 of the paper's, and smooth away from the negative x2 axis and the
 * origin, like the paper's. On the negative x2 axis itself, where the paper's theta jumps
 * from -1/4 to 3/4, it is NaN.
 */
final class HelicalAngle {
    /** The number of half-angle reductions before the Taylor series. */
    static final int HALVINGS = 5;
    /** The number of terms of the Taylor series of atan(w) = w (1 - w^2/3 + w^4/5 - ...). */
    private static final int TERMS = 8;

    private HelicalAngle() {
    }

    /**
     * theta(x1, x2) of the helical valley.
     *
     * @param x1 the first coordinate
     * @param x2 the second coordinate
     * @return theta in (-1/4, 3/4)
     */
    static Node theta(Node x1, Node x2) {
        Node r = x1.square().plus(x2.square()).sqrt();
        Node zero = x1.graph().constant(0);
        // -x1 / (r + x2) = (x2 - r) / x1: the first cancels for x2 < 0, the second for x2 > 0
        Node u = Joule.select(x2.less(zero), x2.minus(r).div(x1), x1.neg().div(r.plus(x2)));
        return atan(u).times(1 / Math.PI).plus(0.25);
    }

    /** atan(u) for any real u, by {@value #HALVINGS} half-angle reductions and a Taylor series. */
    static Node atan(Node u) {
        Node w = u;
        for (int k = 0; k < HALVINGS; k++) {
            w = w.div(w.square().plus(1).sqrt().plus(1));
        }
        Node w2 = w.square();
        // Horner: 1/1 - w2 (1/3 - w2 (1/5 - ... w2 (1/15)))
        Node series = w2.graph().constant(1.0 / (2 * TERMS - 1));
        for (int j = TERMS - 2; j >= 0; j--) {
            series = w2.graph().constant(1.0 / (2 * j + 1)).minus(w2.times(series));
        }
        return w.times(series).times(1 << HALVINGS);
    }
}
