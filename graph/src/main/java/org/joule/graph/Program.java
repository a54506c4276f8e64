package org.joule.graph;

import java.util.Arrays;
import java.util.List;

/**
 * A flattened straight-line program: the form that both the reference interpreter and the
 * bytecode compiler walk, so that they cannot disagree.
 *
 * <p>Instruction k computes slot k of a work array from earlier slots:
 * <pre>
 *   w[k] = op(k)( w[input(k, 0)], ..., w[input(k, arity(k)-1)] ; parameter(k) )
 * </pre>
 * where a {@link Op#CONST} loads its parameter, a {@link Op#VAR} loads {@code x[parameter]}
 * and a {@link Op#TANGENT} loads {@code v[parameter]}. Instructions are in increasing node-id
 * order, so every input slot is smaller than k. Output j is slot {@link #output(int)}.
 * Immutable.
 */
public final class Program {
    private final Op[] ops;
    private final int[][] inputs;
    private final double[] parameters;
    private final int[] outputs;
    private final int maxArity;

    private Program(Op[] ops, int[][] inputs, double[] parameters, int[] outputs) {
        this.ops = ops;
        this.inputs = inputs;
        this.parameters = parameters;
        this.outputs = outputs;
        int m = 0;
        for (int[] in : inputs) {
            m = Math.max(m, in.length);
        }
        this.maxArity = m;
    }

    /** Flattens the nodes reachable from {@code outputs} (all of one graph). */
    public static Program of(List<Node> outputs) {
        if (outputs.isEmpty()) {
            throw new IllegalArgumentException("a program needs at least one output");
        }
        Graph g = outputs.get(0).graph();
        List<Node> order = g.reachable(outputs);
        int n = order.size();
        int[] slot = new int[g.size()];
        Op[] ops = new Op[n];
        int[][] in = new int[n][];
        double[] params = new double[n];
        for (int k = 0; k < n; k++) {
            Node node = order.get(k);
            slot[node.id()] = k;
            ops[k] = node.op();
            params[k] = node.parameter();
            in[k] = new int[node.arity()];
            for (int i = 0; i < node.arity(); i++) {
                in[k][i] = slot[node.input(i).id()];
            }
        }
        int[] out = new int[outputs.size()];
        for (int j = 0; j < out.length; j++) {
            out[j] = slot[outputs.get(j).id()];
        }
        return new Program(ops, in, params, out);
    }

    /** Number of instructions (and slots). */
    public int size() {
        return ops.length;
    }

    public Op op(int k) {
        return ops[k];
    }

    public int arity(int k) {
        return inputs[k].length;
    }

    /** The slot of input i of instruction k. */
    public int input(int k, int i) {
        return inputs[k][i];
    }

    public double parameter(int k) {
        return parameters[k];
    }

    /** Number of outputs. */
    public int outputCount() {
        return outputs.length;
    }

    /** The slot holding output j. */
    public int output(int j) {
        return outputs[j];
    }

    /** The largest arity of any instruction. */
    public int maxArity() {
        return maxArity;
    }

    /** The number of instructions that are not leaves. */
    public int operationCount() {
        int c = 0;
        for (Op op : ops) {
            c += op.isLeaf() ? 0 : 1;
        }
        return c;
    }

    /**
     * The weighted cost of one run: the sum of {@link Op#cost(int)} over the instructions.
     * The cheap-gradient bound is stated in this measure.
     */
    public double cost() {
        double c = 0;
        for (int k = 0; k < ops.length; k++) {
            c += ops[k].cost(inputs[k].length);
        }
        return c;
    }

    /** A listing, one instruction per line: {@code w7 = mul w3 w5}. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < ops.length; k++) {
            b.append('w').append(k).append(" = ").append(ops[k].textName());
            for (int i : inputs[k]) {
                b.append(" w").append(i);
            }
            if (ops[k].isLeaf() || ops[k].parameterised()) {
                b.append(" #").append(parameters[k]);
            }
            b.append('\n');
        }
        b.append("outputs ").append(Arrays.toString(outputs)).append('\n');
        return b.toString();
    }
}
