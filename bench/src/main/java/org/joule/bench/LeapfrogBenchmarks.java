package org.joule.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.joule.compiler.Compiler;
import org.joule.graph.Energy;
import org.joule.graph.Graph;
import org.joule.graph.Node;
import org.joule.graph.Tensor;
import org.joule.graph.testing.Workloads;
import org.joule.runtime.EnergyFunction;
import org.joule.runtime.Role;
import org.joule.runtime.sampling.Adaptation;
import org.joule.runtime.sampling.Hmc;
import org.joule.runtime.sampling.SamplingListener;
import org.joule.runtime.sampling.SamplingPlan;
import org.joule.runtime.sampling.SamplingResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Leapfrog steps per second (issue 9): the inner loop of HMC and NUTS on a compiled energy, on
 * the interpreter and on a hand-written Java gradient, for two targets sampled over y only:
 *
 * <ul>
 *   <li>{@code gaussian100}: E(y) = ½ yᵀ P y, y ∈ R¹⁰⁰, P a fixed dense SPD matrix
 *       (P = BᵀB/100 + I, B with seeded N(0,1) entries, eigenvalues about 1 to 5) held as a
 *       parameter in the layout, built with {@code matVec} and {@code dot};</li>
 *   <li>{@code mlp16x32}: the W2 energy E(y) = v·tanh(Ay + b), y ∈ R¹⁶, hidden 32
 *       ({@link Workloads#mlp}), with seeded A, b, v held fixed.</li>
 * </ul>
 *
 * <p>The {@code compiled}, {@code interpreter} and {@code handWritten} methods run one
 * trajectory of {@value #STEPS} leapfrog steps written here exactly as the runtime's
 * {@code Hamiltonian.leapfrog} does with β = 1 and M = I (which is not public): half step of
 * momentum, full step of position, scatter of q into the full layout array, one
 * {@code valueAndGradient}, a finiteness check, half step of momentum. Every trajectory starts
 * from the same q0 and p0, so the work is the same in every invocation; JMH counts
 * {@value #STEPS} operations per invocation, so its ops/s are leapfrog steps per second.
 *
 * <p>The {@code hmcCompiled} and {@code hmcInterpreter} methods run the public sampler instead,
 * {@code new Hmc(ε, 10, 0, Adaptation.none())}, one chain, no warm-up, {@value #DRAWS} draws on
 * the calling thread: {@value #DRAWS} × 10 leapfrog steps per invocation (plus one gradient at
 * the start), with momentum draws, Metropolis tests and the result's bookkeeping included.
 *
 * <p>Before anything is timed the setup checks that the compiled and interpreted gradients are
 * the same bits at the start and after a whole trajectory, and that the hand-written gradient
 * agrees with the compiled one to 1e-9 relative.
 *
 * <pre>java -jar bench/target/benchmarks.jar LeapfrogBenchmarks -wi 2 -i 3 -w 1 -r 1 -f 1</pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class LeapfrogBenchmarks {
    /** Leapfrog steps per trajectory in the hand-rolled loop. */
    static final int STEPS = 10;
    /** Draws per invocation of the sampler benchmarks, each a trajectory of 10 steps. */
    static final int DRAWS = 20;

    /** The target: {@code gaussian100} or {@code mlp16x32}. */
    @Param({"gaussian100", "mlp16x32"})
    public String workload;

    EnergyFunction compiled;
    EnergyFunction interpreter;
    double epsilon;
    int[] wrt;
    double[] start;
    double[] q0;
    double[] p0;
    double[] x;
    double[] q;
    double[] p;
    double[] g;
    double[] work;
    int n;
    int hidden;
    int offsetY;
    int offsetA;
    int offsetB;
    int offsetV;
    int offsetP;
    Hmc hmc;
    SamplingPlan plan;

    @Setup(Level.Trial)
    public void setUp() {
        Graph graph = new Graph();
        Random random = new Random(1);
        Energy energy;
        if (workload.equals("gaussian100")) {
            n = 100;
            Tensor y = graph.vector("y", n, Role.LATENT);
            Tensor precision = graph.matrix("P", n, n, Role.PARAMETER);
            Node e = precision.matVec(y).dot(y).times(0.5);
            energy = Energy.of(e).wrt("y");
            start = new double[graph.layout().size()];
            offsetP = graph.layout().variable("P").offset();
            double[][] b = new double[n][n];
            for (double[] row : b) {
                for (int j = 0; j < n; j++) {
                    row[j] = random.nextGaussian();
                }
            }
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double s = i == j ? 1 : 0;
                    for (int k = 0; k < n; k++) {
                        s += b[k][i] * b[k][j] / n;
                    }
                    start[offsetP + i * n + j] = s;
                }
            }
            epsilon = 0.2;
        } else if (workload.equals("mlp16x32")) {
            n = 16;
            hidden = 32;
            energy = Energy.of(Workloads.mlp(graph, n, hidden)).wrt("y");
            start = random.doubles(graph.layout().size(), -1, 1).toArray();
            offsetA = graph.layout().variable("A").offset();
            offsetB = graph.layout().variable("b").offset();
            offsetV = graph.layout().variable("v").offset();
            epsilon = 0.1;
        } else {
            throw new IllegalArgumentException("unknown workload " + workload);
        }
        offsetY = graph.layout().variable("y").offset();
        compiled = Compiler.compile(energy);
        interpreter = energy.interpreter();
        wrt = energy.wrtIndices();
        q0 = new double[n];
        p0 = new double[n];
        for (int k = 0; k < n; k++) {
            q0[k] = start[wrt[k]] = random.nextDouble() * 2 - 1;
            p0[k] = random.nextGaussian();
        }
        x = start.clone();
        q = new double[n];
        p = new double[n];
        g = new double[n];
        work = new double[Math.max(n, hidden)];
        hmc = new Hmc(epsilon, STEPS, 0, Adaptation.none());
        plan = new SamplingPlan(1, 1, 0, DRAWS, 1);
        check();
    }

    /** Same bits from compiled and interpreter; hand-written within 1e-9 of compiled. */
    private void check() {
        double[] gc = new double[n];
        double[] gi = new double[n];
        double ec = compiled.valueAndGradient(start, gc);
        double ei = interpreter.valueAndGradient(start, gi);
        requireSameBits("energy at the start", ec, ei);
        for (int k = 0; k < n; k++) {
            requireSameBits("gradient entry " + k + " at the start", gc[k], gi[k]);
        }
        double eh = handWrittenValueAndGradient(start, g);
        requireClose("energy at the start", ec, eh);
        for (int k = 0; k < n; k++) {
            requireClose("gradient entry " + k + " at the start", gc[k], g[k]);
        }
        double endCompiled = trajectory(compiled);
        double[] qCompiled = q.clone();
        double endInterpreter = trajectory(interpreter);
        requireSameBits("energy after a trajectory", endCompiled, endInterpreter);
        for (int k = 0; k < n; k++) {
            requireSameBits("position " + k + " after a trajectory", qCompiled[k], q[k]);
        }
        double endHand = handWritten();
        requireClose("energy after a trajectory", endCompiled, endHand);
    }

    private void requireSameBits(String what, double compiledValue, double interpreted) {
        if (Double.doubleToLongBits(compiledValue) != Double.doubleToLongBits(interpreted)) {
            throw new IllegalStateException(workload + ": " + what + ": compiled " + compiledValue
                    + " vs interpreter " + interpreted);
        }
    }

    private void requireClose(String what, double compiledValue, double hand) {
        if (!(Math.abs(compiledValue - hand) <= 1e-9 * Math.max(1, Math.abs(compiledValue)))) {
            throw new IllegalStateException(workload + ": " + what + ": compiled " + compiledValue
                    + " vs hand-written " + hand);
        }
    }

    /** One trajectory of {@value #STEPS} leapfrog steps on the compiled energy. */
    @Benchmark
    @OperationsPerInvocation(STEPS)
    public double compiled() {
        return trajectory(compiled);
    }

    /** One trajectory of {@value #STEPS} leapfrog steps on the interpreter. */
    @Benchmark
    @OperationsPerInvocation(STEPS)
    public double interpreter() {
        return trajectory(interpreter);
    }

    /** One trajectory of {@value #STEPS} leapfrog steps on the hand-written gradient. */
    @Benchmark
    @OperationsPerInvocation(STEPS)
    public double handWritten() {
        System.arraycopy(q0, 0, q, 0, n);
        System.arraycopy(p0, 0, p, 0, n);
        double u = evaluateHandWritten();
        double half = 0.5 * epsilon;
        for (int s = 0; s < STEPS; s++) {
            for (int k = 0; k < n; k++) {
                p[k] -= half * g[k];
                q[k] += epsilon * p[k];
            }
            u = evaluateHandWritten();
            for (int k = 0; k < n; k++) {
                p[k] -= half * g[k];
            }
        }
        return u;
    }

    /** HMC through the public sampler on the compiled energy: {@value #DRAWS} × 10 steps. */
    @Benchmark
    @OperationsPerInvocation(DRAWS * STEPS)
    public SamplingResult hmcCompiled() {
        return hmc.sample(compiled, start, plan, Runnable::run, SamplingListener.NONE);
    }

    /** HMC through the public sampler on the interpreter: {@value #DRAWS} × 10 steps. */
    @Benchmark
    @OperationsPerInvocation(DRAWS * STEPS)
    public SamplingResult hmcInterpreter() {
        return hmc.sample(interpreter, start, plan, Runnable::run, SamplingListener.NONE);
    }

    /**
     * From q0, p0 (the initial gradient is not counted as a step, as in HMC where it carries
     * over from the previous trajectory), {@value #STEPS} leapfrog steps; returns the final
     * potential, +∞ on a non-finite energy or gradient.
     */
    private double trajectory(EnergyFunction energy) {
        System.arraycopy(q0, 0, q, 0, n);
        System.arraycopy(p0, 0, p, 0, n);
        double u = evaluate(energy);
        double half = 0.5 * epsilon;
        for (int s = 0; s < STEPS; s++) {
            for (int k = 0; k < n; k++) {
                p[k] -= half * g[k];
                q[k] += epsilon * p[k];
            }
            u = evaluate(energy);
            for (int k = 0; k < n; k++) {
                p[k] -= half * g[k];
            }
        }
        return u;
    }

    /** As {@code Hamiltonian.evaluate} with β = 1: scatter q, value and gradient, finiteness. */
    private double evaluate(EnergyFunction energy) {
        for (int k = 0; k < n; k++) {
            x[wrt[k]] = q[k];
        }
        double u = energy.valueAndGradient(x, g);
        boolean finite = Double.isFinite(u);
        for (int k = 0; k < n; k++) {
            finite &= Double.isFinite(g[k]);
        }
        return finite ? u : Double.POSITIVE_INFINITY;
    }

    private double evaluateHandWritten() {
        for (int k = 0; k < n; k++) {
            x[wrt[k]] = q[k];
        }
        double u = handWrittenValueAndGradient(x, g);
        boolean finite = Double.isFinite(u);
        for (int k = 0; k < n; k++) {
            finite &= Double.isFinite(g[k]);
        }
        return finite ? u : Double.POSITIVE_INFINITY;
    }

    /** The hand-written energy and its gradient with respect to y, reading the full layout. */
    private double handWrittenValueAndGradient(double[] in, double[] out) {
        return workload.equals("gaussian100")
                ? gaussian(in, out, offsetY, offsetP, n)
                : mlpInY(in, out, offsetY, offsetA, offsetB, offsetV, n, hidden, work);
    }

    /** E = ½ yᵀ P y, gradient P y for symmetric P (row-major P at {@code p}). */
    static double gaussian(double[] x, double[] g, int y, int p, int n) {
        double e = 0;
        for (int i = 0; i < n; i++) {
            double s = 0;
            int row = p + i * n;
            for (int j = 0; j < n; j++) {
                s += x[row + j] * x[y + j];
            }
            g[i] = s;
            e += s * x[y + i];
        }
        return 0.5 * e;
    }

    /** E = v·tanh(Ay + b), gradient Aᵀ(v ⊙ (1 − h²)) with h = tanh(Ay + b); A row-major. */
    static double mlpInY(double[] x, double[] g, int y, int a, int b, int v, int d, int hidden, double[] work) {
        java.util.Arrays.fill(g, 0, d, 0);
        double e = 0;
        for (int i = 0; i < hidden; i++) {
            double s = x[b + i];
            int row = a + i * d;
            for (int j = 0; j < d; j++) {
                s += x[row + j] * x[y + j];
            }
            double h = Math.tanh(s);
            e += x[v + i] * h;
            work[i] = x[v + i] * (1 - h * h);
        }
        for (int i = 0; i < hidden; i++) {
            int row = a + i * d;
            double w = work[i];
            for (int j = 0; j < d; j++) {
                g[j] += w * x[row + j];
            }
        }
        return e;
    }
}
