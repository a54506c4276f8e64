package org.joule.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.joule.runtime.EnergyFunction;
import org.joule.runtime.Role;
import org.junit.jupiter.api.Test;

/** {@link Graph#substitute}: simultaneous replacement, rebuilt through the factory, at any depth. */
class SubstitutionTest {

    @Test
    void anExpressionForAVariableGivesTheNodeBuiltDirectly() {
        Graph g = new Graph();
        Node x = g.scalar("x", Role.LATENT);
        Node a = g.scalar("a", Role.DATA);
        Node b = g.scalar("b", Role.DATA);
        Node e = x.sin().times(x).plus(a);
        Node s = a.plus(b);
        // interning makes the rebuilt graph the very node of the direct construction
        assertSame(s.sin().times(s).plus(a), g.substitute(e, Map.of(x, s)));
    }

    @Test
    void replacementIsSimultaneous() {
        Graph g = new Graph();
        Node x = g.scalar("x", Role.DATA);
        Node y = g.scalar("y", Role.DATA);
        assertSame(y.minus(x), g.substitute(x.minus(y), Map.of(x, y, y, x)));
        // a replacement that contains its own key is not substituted again
        assertSame(x.plus(1).exp(), g.substitute(x.exp(), Map.of(x, x.plus(1))));
    }

    @Test
    void aRootThatUsesNoKeyIsReturnedUnchanged() {
        Graph g = new Graph();
        Node x = g.scalar("x", Role.DATA);
        Node z = g.scalar("z", Role.LATENT);
        Node e = x.square().log1p();
        assertSame(e, g.substitute(e, Map.of(z, g.constant(3))));
        assertSame(e, g.substitute(e, Map.of()));
    }

    @Test
    void constantsForEveryVariableFoldToTheInterpretedValue() {
        Graph g = new Graph();
        Tensor z = g.vector("z", 3, Role.LATENT);
        Node y = g.scalar("y", Role.DATA);
        Node e = Joule.logSumExp(z.get(0).times(y), z.get(1).sin(), z.get(2).square()).minus(z.dot(z).sqrt());
        EnergyFunction f = Energy.of(e).interpreter();
        SplittableRandom random = new SplittableRandom(7);
        for (int trial = 0; trial < 50; trial++) {
            double[] x = {random.nextDouble(-2, 2), random.nextDouble(-2, 2), random.nextDouble(-2, 2),
                    random.nextDouble(-2, 2)};
            Map<Node, Node> all = new HashMap<>();
            for (int i = 0; i < 3; i++) {
                all.put(z.get(i), g.constant(x[i]));
            }
            all.put(y, g.constant(x[3]));
            Node folded = g.substitute(e, all);
            assertTrue(folded.isConstant(), folded::toString);
            // folding evaluates each op with the interpreter's own Evaluator; rewrites that fire
            // on the way (x*1, x+0, ...) do not change values, so the bits agree
            assertEquals(f.value(x), folded.constantValue(), 0.0);
        }
    }

    @Test
    void partialSubstitutionAgreesWithTheInterpreterAtRandomPoints() {
        Graph g = new Graph();
        Tensor y = g.vector("y", 2, Role.DATA);
        Tensor z = g.vector("z", 2, Role.LATENT);
        Node e = y.minus(z).squaredNorm().plus(z.get(0).times(y.get(1)).tanh());
        Tensor zk = Tensor.vector(g.constant(0.25), g.constant(-1.5));
        EnergyFunction sub = Energy.of(g.substitute(e, z, zk)).interpreter();
        EnergyFunction full = Energy.of(e).interpreter();
        SplittableRandom random = new SplittableRandom(3);
        for (int trial = 0; trial < 50; trial++) {
            double y0 = random.nextDouble(-3, 3);
            double y1 = random.nextDouble(-3, 3);
            double expected = full.value(new double[] {y0, y1, 0.25, -1.5});
            double actual = sub.value(new double[] {y0, y1, 0, 0});
            // the simplifier may fold (y - 0.25)^2 differently from the interpreted form; each
            // side is within a few ulps of the exact value (3 terms, each within 3 roundings)
            assertEquals(expected, actual, 16 * Math.ulp(Math.max(1, Math.abs(expected))));
        }
    }

    @Test
    void severalRootsShareOneWalk() {
        Graph g = new Graph();
        Node x = g.scalar("x", Role.DATA);
        Node w = g.scalar("w", Role.PARAMETER);
        Node shared = x.times(w).exp();
        List<Node> out = g.substitute(List.of(shared.plus(x), shared.times(shared), w), Map.of(x, w.neg()));
        Node s = w.neg().times(w).exp();
        assertSame(s.plus(w.neg()), out.get(0));
        assertSame(s.times(s), out.get(1));
        assertSame(w, out.get(2));
    }

    @Test
    void aChainOfAHundredThousandNodesIsSubstitutedWithoutRecursion() {
        Graph g = new Graph();
        Node x = g.scalar("x", Role.DATA);
        Node z = g.scalar("z", Role.LATENT);
        Node e = z;
        for (int i = 0; i < DeepGraphTest.DEPTH; i++) {
            e = e.sin().plus(x.times(1e-6));
        }
        Node s = g.substitute(e, Map.of(z, x));
        EnergyFunction f = Energy.of(e).interpreter();
        EnergyFunction fs = Energy.of(s).interpreter();
        // the substituted chain is the same expression with x in place of z: the same ops in the
        // same order, so the same bits
        assertEquals(f.value(new double[] {0.5, 0.5}), fs.value(new double[] {0.5, 123}), 0.0);
        Node constant = g.substitute(e, Map.of(z, g.constant(0.5), x, g.constant(0.5)));
        assertEquals(f.value(new double[] {0.5, 0.5}), constant.constantValue(), 0.0);
    }

    @Test
    void badInputNamesTheCulprit() {
        Graph g = new Graph();
        Tensor z = g.vector("z", 2, Role.LATENT);
        Node x = g.scalar("x", Role.DATA);
        Graph other = new Graph();
        Node foreign = other.scalar("q", Role.DATA);
        Node e = z.sum().times(x);
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> g.substitute(e, Map.of(z.get(0), foreign))), "replacement for 'z[0]' belongs to another graph");
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> g.substitute(e, Map.of(foreign, x))), "node to replace, var, belongs to another graph");
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> g.substitute(foreign, Map.of(x, x))), "root 0 (var) belongs to another graph");
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> g.substitute(e, z, Tensor.vector(x, x, x))), "target of shape [2] and replacement of shape [3]");
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> g.substitute(e, Tensor.vector(x, x), Tensor.vector(x, x))), "'x', appears twice");
        Map<Node, Node> withNull = new HashMap<>();
        withNull.put(x, null);
        assertMessage(assertThrows(IllegalArgumentException.class, () -> g.substitute(e, withNull)),
                "null replacement for 'x'");
        assertMessage(assertThrows(ArithmeticException.class,
                () -> g.substitute(x.log(), Map.of(x, g.constant(0)))), "log(0.0)");
    }

    static void assertMessage(Throwable t, String part) {
        assertTrue(t.getMessage().contains(part), () -> "message '" + t.getMessage() + "' lacks '" + part + "'");
    }
}
