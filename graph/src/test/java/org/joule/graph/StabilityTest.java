package org.joule.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.joule.runtime.EnergyFunction;
import org.joule.runtime.Role;
import org.junit.jupiter.api.Test;

/** Numerical stability by construction. */
class StabilityTest {

    @Test
    void logSumExpGradientIsTheSoftmaxAtPlusMinusThousand() {
        Graph g = new Graph();
        Tensor a = g.vector("a", 3, Role.DATA);
        EnergyFunction f = Energy.of(Joule.logSumExp(a.elements())).interpreter();
        for (double s : new double[] {1000, -1000}) {
            double[] x = {s, s - 1, s - 2};
            double[] grad = new double[3];
            double v = f.valueAndGradient(x, grad);
            double z = 1 + Math.exp(-1) + Math.exp(-2);
            assertEquals(s + Math.log(z), v, 1e-12 * Math.abs(s));
            // exp(a - lse) inherits the rounding of lse (an ulp of 1000 is 1e-13)
            assertEquals(1 / z, grad[0], 1e-12);
            assertEquals(Math.exp(-1) / z, grad[1], 1e-12);
            assertEquals(Math.exp(-2) / z, grad[2], 1e-12);
        }
    }

    @Test
    void logSumExpGradientIsUniformWhenAllArgumentsAreMinusInfinity() {
        Graph g = new Graph();
        Tensor a = g.vector("a", 4, Role.DATA);
        EnergyFunction f = Energy.of(Joule.logSumExp(a.elements())).interpreter();
        double[] x = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY,
                Double.NEGATIVE_INFINITY};
        double[] grad = new double[4];
        assertEquals(Double.NEGATIVE_INFINITY, f.valueAndGradient(x, grad));
        for (double d : grad) {
            assertEquals(0.25, d);
        }
    }

    @Test
    void softMinOfHugeEnergiesIsFinite() {
        Graph g = new Graph();
        Tensor e = g.vector("en", 2, Role.DATA);
        EnergyFunction f = Energy.of(Joule.softMin(1, e.elements())).interpreter();
        double[] grad = new double[2];
        double v = f.valueAndGradient(new double[] {5000, 5001}, grad);
        assertEquals(5000 - Math.log1p(Math.exp(-1)), v, 1e-9);
        assertEquals(1 / (1 + Math.exp(-1)), grad[0], 1e-12);
    }

    @Test
    void stabilityRewritesApply() {
        Graph g = new Graph();
        Node x = g.scalar("x", Role.DATA);
        Node y = g.scalar("y", Role.DATA);
        Node one = g.constant(1);
        assertSame(x.softplus(), one.plus(x.exp()).log(), "log(1+exp(x)) -> softplus(x)");
        assertSame(x.softplus(), x.exp().plus(one).log(), "log(exp(x)+1) -> softplus(x)");
        assertSame(Joule.logSumExp(x, y, x.times(2)), x.exp().plus(y.exp()).plus(x.times(2).exp()).log(),
                "log(sum exp) -> logsumexp");
        assertSame(x.sigmoid(), one.div(one.plus(x.neg().exp())), "1/(1+exp(-x)) -> sigmoid(x)");
        assertSame(x.expm1().plus(0), x.exp().minus(1), "exp(x)-1 -> expm1(x) + 0 (+0 at x = -0)");
        assertSame(x.log1p().plus(0), one.plus(x).log(), "log(1+x) -> log1p(x) + 0 (+0 at x = -0)");
        assertSame(g.constant(0).minus(x.neg().softplus()), x.sigmoid().log(), "log(sigmoid(x)) -> 0 - softplus(-x)");
        EnergyFunction f = Energy.of(one.plus(x.exp()).log()).interpreter();
        assertEquals(800, f.value(new double[] {800, 0}), 1e-12);
        assertTrue(Double.isFinite(f.gradient(new double[] {800, 0})[0]));
    }

    @Test
    void hugeIntegerExponentsStayRealPowers() {
        Graph g = new Graph();
        Node x = g.scalar("x", Role.DATA);
        Node p = x.pow(g.constant(1.7e17)); // an integer-valued double, far beyond an integer power
        assertEquals(Op.POW, p.op());
        assertEquals(Op.POWI, x.pow(g.constant(-3)).op());
    }

    @Test
    void identitiesFoldAndShare() {
        Graph g = new Graph();
        Node x = g.scalar("x", Role.DATA);
        assertSame(x, x.plus(-0.0));
        assertSame(x, x.minus(0));
        assertSame(x, x.times(1));
        assertSame(Op.SUB, x.minus(x).op(), "x - x is NaN at x = NaN or infinity, not 0");
        assertTrue(g.constant(2).times(g.constant(3)).isConstant(6));
        assertSame(x.square(), x.times(x));
        assertSame(x.plus(g.constant(2)), g.constant(2).plus(x), "commutative inputs in canonical order");
        assertSame(x, x.neg().neg());
        assertSame(x.abs(), x.square().sqrt());
    }

    @Test
    void sigmoidAndSoftplusNeverOverflow() {
        Graph g = new Graph();
        Node x = g.scalar("x", Role.DATA);
        EnergyFunction s = Energy.of(x.sigmoid()).interpreter();
        EnergyFunction sp = Energy.of(x.softplus()).interpreter();
        for (double v : new double[] {-1000, -50, 0, 50, 1000}) {
            double[] xs = {v};
            assertTrue(Double.isFinite(s.value(xs)) && Double.isFinite(s.gradient(xs)[0]), "sigmoid at " + v);
            assertTrue(Double.isFinite(sp.value(xs)) && Double.isFinite(sp.gradient(xs)[0]), "softplus at " + v);
        }
        assertEquals(1000, sp.value(new double[] {1000}));
        assertEquals(Math.exp(-1000), sp.value(new double[] {-1000}));
    }

    @Test
    void nanInputsPropagate() {
        Graph g = new Graph();
        Node x = g.scalar("x", Role.DATA);
        for (Node e : new Node[] {x.relu(), x.abs(), Joule.max(x, g.constant(0)), x.sigmoid(), x.step(),
                Joule.select(x, g.constant(1), g.constant(2)), Joule.logSumExp(x, g.constant(0))}) {
            EnergyFunction f = Energy.of(e).interpreter();
            assertTrue(Double.isNaN(f.value(new double[] {Double.NaN})), e + " of NaN");
        }
    }
}
