package org.joule.compiler;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import org.joule.graph.Energy;
import org.joule.graph.EnergyPrograms;
import org.joule.graph.Graph;
import org.joule.graph.Interpreter;
import org.joule.graph.Joule;
import org.joule.graph.Node;
import org.joule.graph.Op;
import org.joule.graph.Tensor;
import org.joule.graph.testing.Workloads;
import org.joule.runtime.CompiledEnergy;
import org.joule.runtime.Role;

/**
 * One n-ary node of any width compiles into methods HotSpot JIT-compiles, and the split code
 * agrees with the interpreter bit for bit: min, max, log-sum-exp and soft-min over up to
 * 100,000 arguments, at points full of ties, NaN, infinities and signed zeros, where the
 * first-index rule of min, max, argmin and argmax decides which argument gets the gradient.
 *
 * <p>The widest cases are min and max (their gradient holds an argmin or argmax as wide as
 * the node, staged through the scratch slots of the work array); log-sum-exp and soft-min go
 * up to a few thousand arguments, since differentiating them is still quadratic in the graph
 * module. Beyond a few hundred arguments only a handful of them depend on the variables of
 * differentiation (the parameters t), so that differentiation stays cheap while the value,
 * gradient and Hessian-vector programs still hold the whole wide node.
 */
class WideReductionTest {
    /** The reductions under test, built as a user would. */
    enum Reduction {
        MIN(Joule::min),
        MAX(Joule::max),
        LOGSUMEXP(Joule::logSumExp),
        SOFT_MIN(energies -> Joule.softMin(0.7, energies));

        final Function<List<Node>, Node> build;

        Reduction(Function<List<Node>, Node> build) {
            this.build = build;
        }

        boolean selects() {
            return this == MIN || this == MAX;
        }
    }

    /**
     * One wide node and the point it is evaluated at, both drawn from {@code seed}.
     *
     * @param specialRate the share of coordinates that are NaN, an infinity or a signed zero
     * @param limits      the code-size limits the node is compiled under
     */
    record Case(Reduction op, int width, long seed, double specialRate, ClassAssembler.Limits limits) {
        @Override
        public String toString() {
            return op + " of " + width + " (seed " + seed + ", special rate " + specialRate + ", segment bytes "
                    + limits.segmentBytes() + ")";
        }
    }

    private static final double[] SPECIALS = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.0};
    private static final double[] TIES = {-1.5, -1.0, -0.0, 0.0, 0.5, 1.0};
    private static final double[] SPIKES = {-1e300, 1e300, Double.NaN};
    private static final int PARAMETERS = 3;
    /** Widths up to which every argument is differentiated: beyond, only a few depend on t. */
    private static final int DENSE_SELECT = 1_200;
    private static final int DENSE_LOGSUMEXP = 300;
    /** Log-sum-exp and soft-min stay this narrow while their differentiation is quadratic. */
    private static final int WIDEST_LOGSUMEXP = 3_000;
    /** Small limits: many segments and part classes already at a few hundred arguments. */
    private static final ClassAssembler.Limits SMALL = new ClassAssembler.Limits(400, 2_000, 16);

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<Integer> widths = Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.integers().between(1, 40)),
                Tuple.of(3, Arbitraries.integers().between(41, 1_200).withDistribution(RandomDistribution.uniform())),
                Tuple.of(2, Arbitraries.integers().between(1_201, 5_000).withDistribution(RandomDistribution.uniform())));
        return Combinators.combine(Arbitraries.of(Reduction.class), widths, Arbitraries.longs(),
                        Arbitraries.of(0.0, 1e-4, 0.01, 0.25),
                        Arbitraries.of(ClassAssembler.Limits.DEFAULT, SMALL, CompiledPropertiesTest.TINY))
                .as((op, width, seed, rate, limits) -> {
                    int w = op.selects() ? width : Math.min(width, WIDEST_LOGSUMEXP);
                    return new Case(op, w, seed, rate, affordable(limits, w));
                });
    }

    /** TINY limits make a class per three methods: keep them for narrow nodes. */
    private static ClassAssembler.Limits affordable(ClassAssembler.Limits limits, int width) {
        return limits == CompiledPropertiesTest.TINY && width > 64 ? SMALL : limits;
    }

    @Provide
    Arbitrary<Case> widestCases() {
        Arbitrary<Integer> widths = Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(100_000)),
                Tuple.of(2, Arbitraries.integers().between(10_000, 99_999).withDistribution(RandomDistribution.uniform())));
        return Combinators.combine(Arbitraries.of(Reduction.MIN, Reduction.MAX), widths, Arbitraries.longs(),
                        Arbitraries.of(0.0, 1e-4, 0.01))
                .as((op, width, seed, rate) -> new Case(op, width, seed, rate, ClassAssembler.Limits.DEFAULT));
    }

    @Property(tries = 40)
    void wideNodesCompileIntoSmallMethodsAndAgreeBitForBit(@ForAll("cases") Case c) {
        check(c);
    }

    @Property(tries = 2)
    void widestNodesCompileIntoSmallMethodsAndAgreeBitForBit(@ForAll("widestCases") Case c) {
        check(c);
    }

    @Example
    void maxOverOneHundredThousandArgumentsWithTiesAndSignedZeros() {
        check(new Case(Reduction.MAX, 100_000, 7, 0.01, ClassAssembler.Limits.DEFAULT));
    }

    /** Every variadic op can be split over methods, so no node is too wide to compile. */
    @Example
    void everyVariadicOpCanBeSplit() {
        for (Op op : Op.values()) {
            if (op.arity() == Op.VARIADIC) {
                assertTrue(OpEmitters.splittable(op), op.textName() + " cannot be split over methods");
            }
        }
    }

    /** The K-means free energy of the issue: k = 1,024 made a method of 8,065 bytes, k = 4,096 one of 32,641. */
    @Example
    void kmeansSoftMinWith1024PrototypesCompiles() {
        checkKmeans(Workloads::kmeansSoftMin, 1_024);
    }

    @Example
    void kmeansSoftMinWith4096PrototypesCompiles() {
        checkKmeans(Workloads::kmeansSoftMin, 4_096);
    }

    /** Hard K-means: its gradient holds an argmin over all 4,096 prototypes. */
    @Example
    void kmeansHardMinWith4096PrototypesCompiles() {
        checkKmeans((g, k, d, beta) -> Workloads.kmeansHardMin(g, k, d), 4_096);
    }

    /** One value stored to 3,000 gradient entries made a kernel of 20,882 bytes. */
    @Example
    void oneValueStoredToThousandsOfOutputsCompiles() {
        Graph g = new Graph();
        Tensor x = g.vector("x", 3_000, Role.DATA);
        Node scale = g.scalar("y", Role.DATA).exp();
        List<Node> terms = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            terms.add(x.get(i).times(scale));
        }
        EnergyPrograms programs = EnergyPrograms.of(Energy.of(Joule.sum(terms)));
        compileAndCompare(programs, ClassAssembler.Limits.DEFAULT, CompilerTest.random(3_001, 5),
                CompilerTest.random(3_001, 6), "x . exp(y)", true);
    }

    private interface KmeansBuilder {
        Node build(Graph g, int k, int d, double beta);
    }

    private static void checkKmeans(KmeansBuilder energy, int k) {
        Graph g = new Graph();
        Energy e = Energy.of(energy.build(g, k, 2, 1.0)).wrt(Role.PARAMETER);
        EnergyPrograms programs = EnergyPrograms.of(e);
        double[] x = CompilerTest.random(g.layout().size(), k);
        // a tie: prototype 1 equals prototype 0, so the first one wins the hard minimum
        x[4] = x[2];
        x[5] = x[3];
        compileAndCompare(programs, ClassAssembler.Limits.DEFAULT, x, CompilerTest.random(programs.wrtLength(), 3),
                "K-means over " + k + " prototypes", true);
    }

    private static void check(Case c) {
        Random r = new Random(c.seed());
        Graph g = new Graph();
        Tensor x = g.vector("x", c.width(), Role.DATA);
        Tensor t = g.vector("t", PARAMETERS, Role.PARAMETER);
        List<Node> args = new ArrayList<>(c.width());
        for (int i = 0; i < c.width(); i++) {
            args.add(argument(r, x.get(i), t.get(i % PARAMETERS), c.width()));
        }
        Node f = c.op().build.apply(args);
        boolean dense = c.width() <= (c.op().selects() ? DENSE_SELECT : DENSE_LOGSUMEXP);
        Energy e = dense ? Energy.of(f).wrt(Role.DATA, Role.PARAMETER) : Energy.of(f).wrt(Role.PARAMETER);
        EnergyPrograms programs = EnergyPrograms.of(e);
        double[] point = new double[g.layout().size()];
        for (int i = 0; i < point.length; i++) {
            point[i] = coordinate(r, c.specialRate());
        }
        double[] v = new double[programs.wrtLength()];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextDouble() * 2 - 1;
        }
        CompiledEnergy compiled = compile(programs, c.limits(), c.toString(), c.width() <= DENSE_SELECT);
        Interpreter interpreted = new Interpreter(programs);
        CompiledPropertiesTest.assertAgree(interpreted, compiled, point, v, c.toString());
        int first = g.layout().variable("x").offset();
        for (int p : spikePositions(r, c.width())) {
            double[] spiked = point.clone();
            spiked[first + p] = SPIKES[r.nextInt(SPIKES.length)];
            CompiledPropertiesTest.assertAgree(interpreted, compiled, spiked, v, c + " spiked at " + p);
        }
    }

    /**
     * Where a spike goes: a single argument that decides the reduction (a unique extreme, or
     * NaN, which min, max and argmin return from the first NaN argument), so that an argument
     * lost, doubled or misplaced where the node is cut into pieces changes the result. Every
     * position of a narrow node, random positions of a wide one.
     */
    private static int[] spikePositions(Random r, int width) {
        if (width <= 256) {
            return java.util.stream.IntStream.range(0, width).toArray();
        }
        return r.ints(width > 10_000 ? 8 : 32, 0, width).toArray();
    }

    /**
     * Argument i: mostly the coordinate x_i itself or a value computed from it (so values
     * reach the node both as leaves and through work-array slots), sometimes a constant
     * from the tie set, and about three in all depend on a parameter.
     */
    private static Node argument(Random r, Node xi, Node ti, int width) {
        if (r.nextInt(width) < 3) {
            return xi.times(ti);
        }
        int kind = r.nextInt(10);
        return kind < 5 ? xi : kind < 9 ? xi.times(2) : xi.graph().constant(TIES[r.nextInt(TIES.length)]);
    }

    private static double coordinate(Random r, double specialRate) {
        double u = r.nextDouble();
        if (u < specialRate) {
            return SPECIALS[r.nextInt(SPECIALS.length)];
        }
        return u < specialRate + 0.3 ? TIES[r.nextInt(TIES.length)] : r.nextDouble() * 6 - 3;
    }

    /** Compiles under {@code limits}; every method must be under HotSpot's JIT limit. */
    private static CompiledEnergy compile(EnergyPrograms programs, ClassAssembler.Limits limits, String what,
                                          boolean verify) {
        ClassAssembler.Output out = Compiler.assembleHidden(programs, limits);
        for (Map.Entry<String, Integer> m : out.methodSizes().entrySet()) {
            assertTrue(m.getValue() < ClassAssembler.HUGE_METHOD_LIMIT,
                    () -> what + ": " + m.getKey() + " has " + m.getValue() + " bytes");
        }
        if (verify) {
            CompilerTest.verify(out);
        }
        return Compiler.define(out);
    }

    /** Compiles, and requires the compiled value, gradient and Hv to be the interpreter's bits. */
    private static void compileAndCompare(EnergyPrograms programs, ClassAssembler.Limits limits, double[] x,
                                          double[] v, String what, boolean verify) {
        CompiledEnergy compiled = compile(programs, limits, what, verify);
        CompiledPropertiesTest.assertAgree(new Interpreter(programs), compiled, x, v, what);
    }
}
