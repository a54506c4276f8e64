package org.joule.graph.testing;

import static org.joule.graph.testing.GradientAssertions.assertGradientMatches;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.joule.graph.GradientChecker;
import org.joule.runtime.EnergyFunction;
import org.joule.runtime.Layout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The gradient and the Hessian-vector product of every MGH problem against finite
 * differences ({@link GradientChecker}), at the standard starting point and at random points
 * near it. The checker allows each entry the error its own finite differences carry and
 * then a relative error of {@link GradientAssertions#DEFAULT_TOLERANCE}; every problem is
 * smooth near x0 (see {@link MghCases#near}), so no entry sits on a kink.
 *
 * <p>The Hessian-vector product is checked as a gradient: for a fixed direction v,
 * phi(x) = grad f(x) . v has the gradient H(x) v (H is symmetric), so the checker compares
 * H v with finite differences of the analytic gradient along each coordinate.
 */
class MghDerivativesTest {
    /** Points near x0: 10% of max(1, |x0_i|) either side. */
    private static final double SPREAD = 0.1;
    private static final int RANDOM_POINTS = 12;

    static Stream<MghProblem> problems() {
        return MghCases.instances().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("problems")
    void gradientMatchesFiniteDifferences(MghProblem p) {
        EnergyFunction f = p.energy().interpreter();
        GradientChecker.Report atStart = assertGradientMatches(GradientChecker.of(f).at(p.startingPoint()),
                GradientAssertions.DEFAULT_TOLERANCE);
        assertEquals(p.n(), atStart.entriesCompared() + atStart.entriesSkipped(), "x0 is a point where f is finite");
        double[][] box = MghCases.box(p.startingPoint(), SPREAD);
        assertGradientMatches(GradientChecker.of(f).box(box[0], box[1]).points(RANDOM_POINTS).seed(p.number()),
                GradientAssertions.DEFAULT_TOLERANCE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("problems")
    void hessianVectorProductMatchesFiniteDifferencesOfTheGradient(MghProblem p) {
        EnergyFunction f = p.energy().interpreter();
        SplittableRandom random = new SplittableRandom(1000 + p.number());
        double[][] box = MghCases.box(p.startingPoint(), SPREAD);
        for (int k = 0; k < 3; k++) {
            double[] v = new double[p.n()];
            for (int i = 0; i < v.length; i++) {
                v[i] = 2 * random.nextDouble() - 1;
            }
            EnergyFunction phi = new DirectionalGradient(f, v);
            assertGradientMatches(GradientChecker.of(phi).at(p.startingPoint()), GradientAssertions.DEFAULT_TOLERANCE);
            assertGradientMatches(GradientChecker.of(phi).box(box[0], box[1]).points(4).seed(k),
                    GradientAssertions.DEFAULT_TOLERANCE);
        }
    }

    /** phi(x) = grad f(x) . v, whose gradient is H(x) v. */
    private record DirectionalGradient(EnergyFunction f, double[] v) implements EnergyFunction {
        @Override
        public Layout layout() {
            return f.layout();
        }

        @Override
        public int wrtLength() {
            return f.wrtLength();
        }

        @Override
        public int wrt(int k) {
            return f.wrt(k);
        }

        @Override
        public double value(double[] x) {
            double[] g = f.gradient(x);
            double s = 0;
            for (int i = 0; i < g.length; i++) {
                s += g[i] * v[i];
            }
            return s;
        }

        @Override
        public double valueAndGradient(double[] x, double[] gradient) {
            f.hessianVectorProduct(x, v, gradient);
            return value(x);
        }

        @Override
        public void hessianVectorProduct(double[] x, double[] direction, double[] out) {
            throw new UnsupportedOperationException("third derivatives are not checked");
        }
    }
}
