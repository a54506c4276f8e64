package org.joule.graph.testing;

import java.util.List;
import java.util.OptionalDouble;
import java.util.function.IntUnaryOperator;
import org.joule.graph.Graph;
import org.joule.graph.Node;
import org.joule.graph.Tensor;

/**
 * How one problem of Moré, Garbow and Hillstrom is defined at every dimension it allows:
 * its dimension rules, its standard starting point, its residuals f_1..f_m in the DSL and
 * what the paper publishes about its minima. {@link MghProblem} is one instance at chosen
 * dimensions; {@link MghFixedDimension} and {@link MghVariableDimension} hold the 35
 * definitions.
 */
final class MghDefinition {
    /** The residuals f_1..f_m of a problem, as nodes of x's graph, in the paper's order. */
    @FunctionalInterface
    interface Residuals {
        List<Node> build(Tensor x, int n, int m);
    }

    /** The standard starting point x0 for dimension n. */
    @FunctionalInterface
    interface Start {
        double[] at(int n);
    }

    /** What the paper publishes at dimensions (n, m). */
    @FunctionalInterface
    interface Facts {
        Published at(int n, int m);
    }

    /**
     * What the paper publishes at some dimensions: f* (empty when the paper gives none
     * there), its remarks (other local minima, the dimensions f* is given for) and a
     * minimiser in closed form (null when there is none).
     */
    record Published(OptionalDouble optimalValue, String remark, double[] minimiser) {
        static Published of(double optimalValue, String remark, double... minimiser) {
            return new Published(OptionalDouble.of(optimalValue), remark, minimiser.length == 0 ? null : minimiser);
        }

        static Published unknown(String remark) {
            return new Published(OptionalDouble.empty(), remark, null);
        }
    }

    final int number;
    final String name;
    final int defaultN;
    final int defaultM;
    /** The smallest n, the largest n, and the number n must be a multiple of. */
    private final int minN;
    private final int maxN;
    private final int nMultiple;
    /** m for a given n when the caller does not choose m. */
    private final IntUnaryOperator mForN;
    /** Whether the caller may choose m (then n &lt;= m &lt;= maxM). */
    private final boolean mFree;
    private final int maxM;
    final Start start;
    final Residuals residuals;
    final Facts facts;

    private MghDefinition(Builder b) {
        number = b.number;
        name = b.name;
        defaultN = b.defaultN;
        minN = b.minN;
        maxN = b.maxN;
        nMultiple = b.nMultiple;
        mForN = b.mForN;
        defaultM = b.mForN.applyAsInt(b.defaultN);
        mFree = b.mFree;
        maxM = b.maxM;
        start = b.start;
        residuals = b.residuals;
        facts = b.facts;
    }

    /** m when only n is chosen. */
    int mFor(int n) {
        checkN(n);
        return mForN.applyAsInt(n);
    }

    /** Throws naming this problem when n is not a dimension it allows. */
    void checkN(int n) {
        if (n < minN || n > maxN || n % nMultiple != 0) {
            throw new IllegalArgumentException(this + " needs " + nRule() + ", not n = " + n);
        }
    }

    /** Throws naming this problem when (n, m) are not dimensions it allows. */
    void check(int n, int m) {
        checkN(n);
        if (mFree ? m < n || m > maxM : m != mForN.applyAsInt(n)) {
            throw new IllegalArgumentException(this + " needs " + mRule(n) + ", not m = " + m);
        }
    }

    private String nRule() {
        if (minN == maxN) {
            return "n = " + minN;
        }
        String multiple = nMultiple == 2 ? "an even n" : nMultiple > 1 ? "n a multiple of " + nMultiple : "n";
        return multiple + (maxN == Integer.MAX_VALUE ? " >= " + minN : " in [" + minN + ", " + maxN + "]");
    }

    private String mRule(int n) {
        if (!mFree) {
            return "m = " + mForN.applyAsInt(n) + " for n = " + n;
        }
        return maxM == Integer.MAX_VALUE ? "m >= n = " + n : "m in [n, " + maxM + "] = [" + n + ", " + maxM + "]";
    }

    @Override
    public String toString() {
        return "MGH problem " + number + " (" + name + ")";
    }

    // ---------------------------------------------------------------- building

    static Builder define(int number, String name) {
        return new Builder(number, name);
    }

    /** A fluent definition; dimensions default to a fixed (n, m). */
    static final class Builder {
        private final int number;
        private final String name;
        private int defaultN;
        private int minN;
        private int maxN;
        private int nMultiple = 1;
        private IntUnaryOperator mForN;
        private boolean mFree;
        private int maxM = Integer.MAX_VALUE;
        private Start start;
        private Residuals residuals;
        private Facts facts = (n, m) -> Published.unknown("");

        private Builder(int number, String name) {
            this.number = number;
            this.name = name;
        }

        /** Fixed dimensions n and m. */
        Builder dimensions(int n, int m) {
            defaultN = minN = maxN = n;
            mForN = k -> m;
            return this;
        }

        /** Fixed n; m free in [n, maxM], defaultM when not chosen. */
        Builder mFree(int n, int defaultM, int maxM) {
            dimensions(n, defaultM);
            this.mFree = true;
            this.maxM = maxM;
            return this;
        }

        /** n variable: at least minN, at most maxN, a multiple of nMultiple; m = mForN(n). */
        Builder variableN(int defaultN, int minN, int maxN, int nMultiple, IntUnaryOperator mForN) {
            this.defaultN = defaultN;
            this.minN = minN;
            this.maxN = maxN;
            this.nMultiple = nMultiple;
            this.mForN = mForN;
            return this;
        }

        /** n variable as in {@link #variableN}, and m &gt;= n free, mForN(n) when not chosen. */
        Builder variableNM(int defaultN, int minN, IntUnaryOperator mForN) {
            variableN(defaultN, minN, Integer.MAX_VALUE, 1, mForN);
            mFree = true;
            return this;
        }

        /** A starting point that does not depend on n. */
        Builder start(double... x0) {
            double[] copy = x0.clone();
            start = n -> copy.clone();
            return this;
        }

        /** A starting point that depends on n. */
        Builder start(Start s) {
            start = s;
            return this;
        }

        /** What the paper publishes, at any (n, m). */
        Builder facts(Facts f) {
            facts = f;
            return this;
        }

        /** f* at every allowed (n, m), with a closed-form minimiser or none. */
        Builder optimum(double fStar, String remark, double... minimiser) {
            Published p = Published.of(fStar, remark, minimiser);
            return facts((n, m) -> p);
        }

        MghDefinition residuals(Residuals r) {
            residuals = r;
            return new MghDefinition(this);
        }
    }

    // ---------------------------------------------------------------- DSL helpers

    /** The constant v in x's graph. */
    static Node c(Tensor x, double v) {
        return graphOf(x).constant(v);
    }

    static Graph graphOf(Tensor x) {
        return x.get(0).graph();
    }

    /** A vector of n copies of v. */
    static double[] filled(int n, double v) {
        double[] x = new double[n];
        java.util.Arrays.fill(x, v);
        return x;
    }
}
