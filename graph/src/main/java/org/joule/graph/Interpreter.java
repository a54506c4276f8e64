package org.joule.graph;

import org.joule.runtime.Checks;
import org.joule.runtime.EnergyFunction;
import org.joule.runtime.Layout;

/**
 * The reference interpreter: evaluates the flattened {@link Program}s of an energy's value,
 * value and gradient, and Hessian-vector product, one instruction at a time with the op
 * table of {@link Evaluator}. Slow but simple; compiled classes must agree with it bit for
 * bit. Thread-safe: each call uses its own work array.
 */
public final class Interpreter implements EnergyFunction {
    private final Layout layout;
    private final int[] wrt;
    private final Program valueProgram;
    private final Program gradientProgram;
    private final Program hvpProgram;

    Interpreter(Energy energy) {
        this(EnergyPrograms.of(energy));
    }

    /**
     * An interpreter of already derived programs.
     *
     * @param programs the programs to run
     */
    public Interpreter(EnergyPrograms programs) {
        this.layout = programs.layout();
        this.wrt = programs.wrt();
        this.valueProgram = programs.value();
        this.gradientProgram = programs.gradient();
        this.hvpProgram = programs.hessianVectorProduct();
    }

    /**
     * The value program (one output).
     *
     * @return the program {@link #value} runs
     */
    public Program valueProgram() {
        return valueProgram;
    }

    /**
     * The value-and-gradient program (value, then one output per wrt coordinate).
     *
     * @return the program {@link #valueAndGradient} runs
     */
    public Program gradientProgram() {
        return gradientProgram;
    }

    @Override
    public Layout layout() {
        return layout;
    }

    @Override
    public int wrtLength() {
        return wrt.length;
    }

    @Override
    public int wrt(int k) {
        return wrt[k];
    }

    @Override
    public double value(double[] x) {
        Checks.length(x, layout.size(), "x");
        double[] w = run(valueProgram, x, null);
        return w[valueProgram.output(0)];
    }

    @Override
    public double valueAndGradient(double[] x, double[] gradient) {
        Checks.length(x, layout.size(), "x");
        Checks.length(gradient, wrt.length, "gradient");
        double[] w = run(gradientProgram, x, null);
        for (int j = 0; j < wrt.length; j++) {
            gradient[j] = w[gradientProgram.output(j + 1)];
        }
        return w[gradientProgram.output(0)];
    }

    @Override
    public void hessianVectorProduct(double[] x, double[] v, double[] out) {
        Checks.length(x, layout.size(), "x");
        Checks.length(v, wrt.length, "v");
        Checks.length(out, wrt.length, "out");
        double[] w = run(hvpProgram, x, v);
        for (int j = 0; j < wrt.length; j++) {
            out[j] = w[hvpProgram.output(j)];
        }
    }

    /**
     * Explains a NaN value: the first instruction of the value program that produces NaN
     * from arguments that are not NaN, as text such as {@code log(-1.0) = NaN}, or null when
     * the value at x is not NaN or its NaN came from a NaN input.
     *
     * @param x the inputs, length {@code layout().size()}
     * @return the explanation, or null
     */
    public String nanOrigin(double[] x) {
        Checks.length(x, layout.size(), "x");
        Program p = valueProgram;
        double[] w = run(p, x, null);
        for (int k = 0; k < p.size(); k++) {
            if (!Double.isNaN(w[k]) || p.op(k) == Op.VAR) {
                continue;
            }
            StringBuilder b = new StringBuilder(p.op(k).textName()).append('(');
            boolean nanArgument = false;
            for (int i = 0; i < p.arity(k); i++) {
                double a = w[p.input(k, i)];
                nanArgument |= Double.isNaN(a);
                b.append(i > 0 ? ", " : "").append(a);
            }
            if (!nanArgument) {
                return b.append(") = NaN").toString();
            }
        }
        return null;
    }

    /** Runs {@code p} on inputs x (and tangent v) and returns the work array. */
    static double[] run(Program p, double[] x, double[] v) {
        int n = p.size();
        double[] w = new double[n];
        double[] args = new double[Math.max(1, p.maxArity())];
        for (int k = 0; k < n; k++) {
            Op op = p.op(k);
            switch (op) {
                case CONST -> w[k] = p.parameter(k);
                case VAR -> w[k] = x[(int) p.parameter(k)];
                case TANGENT -> w[k] = v[(int) p.parameter(k)];
                default -> {
                    int a = p.arity(k);
                    for (int i = 0; i < a; i++) {
                        args[i] = w[p.input(k, i)];
                    }
                    w[k] = Evaluator.apply(op, p.parameter(k), args, a);
                }
            }
        }
        return w;
    }
}
