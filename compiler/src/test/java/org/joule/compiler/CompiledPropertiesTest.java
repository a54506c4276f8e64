package org.joule.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.function.Supplier;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.joule.graph.Energy;
import org.joule.graph.EnergyPrograms;
import org.joule.graph.Graph;
import org.joule.graph.Interpreter;
import org.joule.graph.testing.Expr;
import org.joule.graph.testing.GraphArbitraries;
import org.joule.runtime.EnergyFunction;
import org.joule.runtime.Role;

/** The compiled class and the interpreter agree bit for bit, with and without code splitting. */
class CompiledPropertiesTest {
    static final int VARS = 3;
    /** Limits so small that every graph is split into many segments and part classes. */
    static final ClassAssembler.Limits TINY = new ClassAssembler.Limits(60, 120, 3);

    @Provide
    Arbitrary<Expr> exprs() {
        return GraphArbitraries.expressions(VARS, 5);
    }

    @Provide
    Arbitrary<double[]> points() {
        return GraphArbitraries.points(VARS, -2, 2);
    }

    static org.joule.graph.Node build(Expr e, Graph g) {
        return e.buildOrDiscard(g, VARS);
    }

    static void assertBitwiseEqual(double expected, double actual, String what) {
        assertBitwiseEqual(expected, actual, () -> what);
    }

    /** The message is built only on failure: wide programs compare 10^5 entries. */
    static void assertBitwiseEqual(double expected, double actual, Supplier<String> what) {
        if (Double.doubleToLongBits(expected) != Double.doubleToLongBits(actual)) {
            assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(actual),
                    what.get() + ": interpreter " + expected + ", compiled " + actual);
        }
    }

    static void assertAgree(EnergyFunction interpreted, EnergyFunction compiled, double[] x, double[] v, String e) {
        assertBitwiseEqual(interpreted.value(x), compiled.value(x), "value of " + e);
        double[] gi = new double[interpreted.wrtLength()];
        double[] gc = new double[compiled.wrtLength()];
        assertBitwiseEqual(interpreted.valueAndGradient(x, gi), compiled.valueAndGradient(x, gc), "value of " + e);
        for (int j = 0; j < gi.length; j++) {
            int entry = j;
            assertBitwiseEqual(gi[j], gc[j], () -> "gradient " + entry + " of " + e);
        }
        double[] hi = new double[gi.length];
        double[] hc = new double[gi.length];
        interpreted.hessianVectorProduct(x, v, hi);
        compiled.hessianVectorProduct(x, v, hc);
        for (int j = 0; j < gi.length; j++) {
            int entry = j;
            assertBitwiseEqual(hi[j], hc[j], () -> "Hv " + entry + " of " + e + " at " + Arrays.toString(x));
        }
    }

    @Property(tries = 1000)
    void compiledAgreesWithInterpreterBitForBit(@ForAll("exprs") Expr e, @ForAll("points") double[] x,
                                                @ForAll("points") double[] v) {
        Graph g = new Graph();
        EnergyPrograms programs = EnergyPrograms.of(Energy.of(build(e, g)).wrt(Role.DATA));
        Compiler.validate(programs);
        assertAgree(new Interpreter(programs), Compiler.compile(programs), x, v, e.toString());
    }

    @Property(tries = 500)
    void splitCodeAgreesWithInterpreterBitForBit(@ForAll("exprs") Expr e, @ForAll("points") double[] x,
                                                 @ForAll("points") double[] v) {
        Graph g = new Graph();
        EnergyPrograms programs = EnergyPrograms.of(Energy.of(build(e, g)).wrt("x0", "x2"));
        assertAgree(new Interpreter(programs), Compiler.compile(programs, TINY), x, new double[] {v[0], v[2]},
                e.toString());
        CompilerTest.verify(Compiler.generate(programs, "split.Random", true, TINY));
    }

    @Property(tries = 300)
    void nonFiniteInputsGiveTheSameBitsAsTheInterpreter(@ForAll("exprs") Expr e, @ForAll("points") double[] x) {
        Graph g = new Graph();
        EnergyPrograms programs = EnergyPrograms.of(Energy.of(build(e, g)).wrt(Role.DATA));
        double[] special = x.clone();
        special[0] = Double.NaN;
        special[1] = Double.POSITIVE_INFINITY;
        assertAgree(new Interpreter(programs), Compiler.compile(programs, TINY), special, x, e.toString());
    }
}
