package org.joule.graph;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.joule.graph.testing.Expr;
import org.joule.graph.testing.RawRecipes;
import org.joule.runtime.Role;

/** The sign analysis that guards rewrites is sound: every value a node takes is in its domain. */
class DomainTest {
    static final int VARS = 2;

    @Provide
    Arbitrary<Expr> raw() {
        return RawRecipes.expressions(VARS, 4);
    }

    @Provide
    Arbitrary<List<double[]>> anywhere() {
        return RawRecipes.points(VARS).list().ofSize(8);
    }

    @Property(tries = 2000)
    void everyValueLiesInItsNodesDomain(@ForAll("raw") Expr e, @ForAll("anywhere") List<double[]> points) {
        Graph raw = Graph.unsimplified();
        Expr.declare(raw, VARS);
        Node r = e.build(raw);
        assertValuesInDomains(r, points);
        Node s;
        try {
            s = raw.withSameInputs(true).copy(r);
        } catch (ArithmeticException undefinedConstant) {
            return; // nothing simplified to check
        }
        assertValuesInDomains(s, points);
    }

    /** Every node's value (as Evaluator computes it) and the interpreted output lie in their domains. */
    private static void assertValuesInDomains(Node root, List<double[]> points) {
        Program p = Lowering.program(List.of(root));
        for (double[] x : points) {
            Map<Node, Double> value = new HashMap<>();
            for (Node n : root.graph().reachable(List.of(root))) {
                double[] args = new double[n.arity()];
                for (int i = 0; i < args.length; i++) {
                    args[i] = value.get(n.input(i));
                }
                double v = switch (n.op()) {
                    case VAR -> x[(int) n.parameter()];
                    default -> Evaluator.apply(n.op(), n.parameter(), args, args.length);
                };
                value.put(n, v);
                assertTrue(Domain.mayBe(n.domain(), Domain.classOf(v)), () -> n + " = " + v + " at "
                        + Arrays.toString(x) + " is outside its domain " + Integer.toBinaryString(n.domain()));
            }
            double interpreted = Interpreter.run(p, x, null)[p.output(0)];
            assertTrue(Domain.mayBe(root.domain(), Domain.classOf(interpreted)),
                    () -> root + " interpreted = " + interpreted + " is outside its domain");
        }
    }

    @Example
    void domainsOfCommonForms() {
        Graph g = new Graph();
        Node x = g.scalar("x", Role.DATA);
        for (Node n : List.of(x.exp(), x.square(), x.abs(), x.relu(), x.sigmoid(), x.softplus(), x.exp().sqrt())) {
            assertTrue(Domain.within(n.domain(), Domain.NONNEGATIVE), n + " is never below +0");
        }
        assertTrue(Domain.mayBe(x.sqrt().domain(), Domain.NEG_ZERO), "sqrt(-0) is -0");
        assertTrue(Domain.mayBe(x.minus(x).domain(), Domain.NAN), "x - x is NaN at infinity");
        assertFalse(Domain.mayBe(x.sigmoid().domain(), Domain.POS_INF), "sigmoid is at most 1");
        assertTrue(Domain.within(g.constant(-0.0).domain(), Domain.NEG_ZERO), "a constant is its own class");
        assertTrue(Domain.within(g.constant(2.5).times(g.constant(4)).domain(), Domain.POS), "folded constants too");
    }

    /** Found by the property in a CI loop: Java's Math.pow(1, +-infinity) is NaN, C's is 1. */
    @Example
    void oneToAnInfinitePowerIsNaN() {
        Graph g = Graph.unsimplified();
        Node one = g.constant(1);
        Node power = g.node(Op.POW, one.div(one), one.div(g.constant(0)));
        assertTrue(Double.isNaN(Math.pow(1, Double.POSITIVE_INFINITY)));
        assertTrue(Domain.mayBe(power.domain(), Domain.NAN), "pow(1 / 1, 1 / 0) is NaN");
    }
}
