package org.joule.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.joule.runtime.EnergyFunction;
import org.joule.runtime.Role;
import org.junit.jupiter.api.Test;

/** An energy is a closed value, and by default differentiates with respect to the variables it uses. */
class EnergyValueTest {

    @Test
    void declaringAVariableLaterDoesNotChangeAnExistingEnergy() {
        Graph g = new Graph();
        Node x = g.scalar("x", Role.DATA);
        Energy e = Energy.of(x.square());
        EnergyFunction before = e.interpreter();
        g.scalar("z", Role.DATA);
        g.vector("w", 3, Role.PARAMETER);

        assertEquals(1, e.layout().size());
        assertEquals(before.layout().toString(), e.layout().toString());
        EnergyFunction after = e.interpreter();
        assertEquals(9, after.value(new double[] {3}));
        assertArrayEquals(new double[] {6}, after.gradient(new double[] {3}));
        assertArrayEquals(new int[] {0}, e.wrt(Role.DATA).wrtIndices());
        assertEquals(0, e.wrt(Role.PARAMETER).wrtIndices().length);
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> e.wrt("z"));
        assertTrue(unknown.getMessage().contains("'z'"), unknown::getMessage);

        Energy later = Energy.of(x.square());
        assertEquals(5, later.layout().size(), "an energy made now sees every variable declared now");
        assertEquals(9, later.interpreter().value(new double[] {3, 0, 0, 0, 0}));
    }

    @Test
    void ofDifferentiatesWithRespectToTheVariablesTheOutputUses() {
        Graph g = new Graph();
        Node a = g.scalar("a", Role.DATA);
        Tensor w = g.vector("w", 3, Role.PARAMETER);
        g.scalar("unused", Role.DATA);
        Node c = g.scalar("c", Role.LATENT);
        Energy e = Energy.of(a.times(w.get(1)).plus(c));
        // layout: a 0, w 1..3, unused 4, c 5; w counts whole although only w[1] is used
        assertArrayEquals(new int[] {0, 1, 2, 3, 5}, e.wrtIndices());
        assertEquals(6, e.layout().size(), "an unused variable is still an input");
        assertArrayEquals(new double[] {5, 0, 2, 0, 1}, e.interpreter().gradient(new double[] {2, 4, 5, 6, 7, 8}));
        assertSame(w.get(0), e.wrtNodes().get(1));
    }

    @Test
    void wrtStillChoosesUnusedVariables() {
        Graph g = new Graph();
        Node a = g.scalar("a", Role.DATA);
        g.scalar("unused", Role.DATA);
        Energy e = Energy.of(a.square());
        assertArrayEquals(new int[] {0}, e.wrtIndices());
        assertArrayEquals(new int[] {0, 1}, e.wrt(Role.DATA).wrtIndices());
        assertArrayEquals(new int[] {0, 1}, e.wrt(Role.values()).wrtIndices());
        assertArrayEquals(new double[] {0}, e.wrt("unused").interpreter().gradient(new double[] {3, 1}));
    }

    @Test
    void aConstantEnergyHasNoGradientCoordinates() {
        Graph g = new Graph();
        g.scalar("x", Role.DATA);
        Energy e = Energy.of(g.constant(2.5));
        assertEquals(0, e.wrtIndices().length);
        assertEquals(2.5, e.interpreter().valueAndGradient(new double[] {1}, new double[0]));
    }
}
