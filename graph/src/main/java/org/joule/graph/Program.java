package org.joule.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A flattened straight-line program: the form that both the reference interpreter and the
 * bytecode compiler walk, so that they cannot disagree.
 *
 * <p>Instruction k computes slot k of a work array from earlier slots:
 * <pre>
 *   w[k] = op(k)( w[input(k, 0)], ..., w[input(k, arity(k)-1)] ; parameter(k) )
 * </pre>
 * where a {@link Op#CONST} loads its parameter, a {@link Op#VAR} loads {@code x[parameter]}
 * and a {@link Op#TANGENT} loads {@code v[parameter]}. Instructions are in the order of
 * {@link #schedule}, so every input slot is smaller than k. Output j is slot {@link #output(int)}.
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

    /**
     * Flattens the nodes reachable from {@code outputs} (all of one graph).
     *
     * @param outputs the nodes to compute, in output order
     * @return the program
     */
    public static Program of(List<Node> outputs) {
        return of(outputs, UnaryOperator.identity());
    }

    /**
     * Flattens the nodes reachable from {@code outputs}, computing each node n the way
     * {@code substitute.apply(n)} computes it (n itself for most nodes): a substituted node
     * gets no instruction of its own, its users read its substitute's slot. This is how
     * {@link Lowering} expands log-sum-exp without rebuilding the nodes that use it. A
     * substitute must be of the same graph and must not depend on the node it replaces.
     */
    static Program of(List<Node> outputs, UnaryOperator<Node> substitute) {
        if (outputs.isEmpty()) {
            throw new IllegalArgumentException("a program needs at least one output");
        }
        Schedule s = schedule(outputs.get(0).graph(), outputs, substitute);
        int n = s.order.size();
        Op[] ops = new Op[n];
        int[][] in = new int[n][];
        double[] params = new double[n];
        for (int k = 0; k < n; k++) {
            Node node = s.order.get(k);
            ops[k] = node.op();
            params[k] = node.parameter();
            in[k] = new int[node.arity()];
            for (int i = 0; i < node.arity(); i++) {
                in[k][i] = s.slot(node.input(i));
            }
        }
        int[] out = new int[outputs.size()];
        for (int j = 0; j < out.length; j++) {
            out[j] = s.slot(outputs.get(j));
        }
        return new Program(ops, in, params, out);
    }

    /** The instructions in order, and the slot that holds each scheduled node, by node id. */
    private static final class Schedule {
        final List<Node> order = new ArrayList<>();
        private int[] slots = new int[64];

        int slot(Node n) {
            return slots[n.id()];
        }

        void assign(Node n, int slot) {
            if (n.id() >= slots.length) {
                slots = Arrays.copyOf(slots, Math.max(n.id() + 1, 2 * slots.length));
            }
            slots[n.id()] = slot;
        }
    }

    /**
     * The instruction order: a depth-first post-order from the outputs, last output first, so
     * each value is computed shortly before its first use rather than in creation order (where
     * the whole forward pass precedes the whole reverse sweep). Shorter live ranges mean fewer
     * values spilled by the JIT's register allocator and fewer values crossing method
     * boundaries in split code. Iterative; inputs always precede their users. A substituted
     * node waits for its substitute, then shares its slot.
     */
    private static Schedule schedule(Graph g, List<Node> outputs, UnaryOperator<Node> substitute) {
        Schedule s = new Schedule();
        BitSet done = new BitSet(g.size());
        BitSet open = new BitSet(g.size());
        Map<Node, Node> replaced = new HashMap<>();
        ArrayDeque<Node> stack = new ArrayDeque<>();
        for (int j = outputs.size() - 1; j >= 0; j--) {
            Node root = outputs.get(j);
            if (root.graph() != g) {
                throw new IllegalArgumentException("outputs belong to different graphs");
            }
            stack.push(root);
            while (!stack.isEmpty()) {
                Node n = stack.peek();
                if (done.get(n.id())) {
                    stack.pop();
                } else if (!open.get(n.id())) {
                    open.set(n.id());
                    Node sub = substitute.apply(n);
                    if (sub != n) {
                        checkSubstitute(g, n, sub, open, done);
                        replaced.put(n, sub);
                        stack.push(sub);
                    } else {
                        for (int i = n.arity() - 1; i >= 0; i--) {
                            if (!done.get(n.input(i).id())) {
                                stack.push(n.input(i));
                            }
                        }
                    }
                } else {
                    stack.pop();
                    done.set(n.id());
                    Node sub = replaced.remove(n);
                    if (sub != null) {
                        s.assign(n, s.slot(sub));
                    } else {
                        s.assign(n, s.order.size());
                        s.order.add(n);
                    }
                }
            }
        }
        return s;
    }

    private static void checkSubstitute(Graph g, Node n, Node sub, BitSet open, BitSet done) {
        if (sub.graph() != g || open.get(sub.id()) && !done.get(sub.id())) {
            throw new IllegalStateException("the substitute of a " + n.op().textName()
                    + " node belongs to another graph or depends on it");
        }
    }

    /**
     * Checks the invariants every backend relies on and throws an
     * {@link IllegalStateException} naming the first broken instruction: inputs come from
     * earlier slots, each op has an arity it accepts, leaves have no inputs and legal indices
     * ({@code inputLength} inputs, {@code tangentLength} tangents), outputs are slots. The
     * compiler runs it when the system property {@code joule.checked} is true.
     *
     * @param inputLength   the length of the input array x
     * @param tangentLength the length of the direction v, 0 when there is none
     * @return this program
     */
    public Program validate(int inputLength, int tangentLength) {
        for (int k = 0; k < ops.length; k++) {
            Op op = ops[k];
            int arity = inputs[k].length;
            if (!op.acceptsArity(arity)) {
                throw new IllegalStateException("instruction " + k + " (" + op.textName() + ") has " + arity + " inputs");
            }
            for (int i = 0; i < arity; i++) {
                if (inputs[k][i] < 0 || inputs[k][i] >= k) {
                    throw new IllegalStateException("instruction " + k + " (" + op.textName() + ") reads slot "
                            + inputs[k][i] + ", which is not computed before it");
                }
            }
            double p = parameters[k];
            boolean legal = switch (op) {
                case VAR -> p == Math.rint(p) && p >= 0 && p < inputLength;
                case TANGENT -> p == Math.rint(p) && p >= 0 && p < tangentLength;
                case CONST -> Double.isFinite(p);
                default -> true;
            };
            if (!legal) {
                throw new IllegalStateException("instruction " + k + " (" + op.textName() + ") has parameter " + p);
            }
        }
        for (int j = 0; j < outputs.length; j++) {
            if (outputs[j] < 0 || outputs[j] >= ops.length) {
                throw new IllegalStateException("output " + j + " is slot " + outputs[j] + " of " + ops.length);
            }
        }
        return this;
    }

    /**
     * Number of instructions (and slots).
     *
     * @return the number of instructions
     */
    public int size() {
        return ops.length;
    }

    /**
     * The op of instruction k.
     *
     * @param k an instruction, 0 &lt;= k &lt; {@link #size()}
     * @return its op
     */
    public Op op(int k) {
        return ops[k];
    }

    /**
     * The number of inputs of instruction k.
     *
     * @param k an instruction, 0 &lt;= k &lt; {@link #size()}
     * @return 0 for leaves, else the number of input slots
     */
    public int arity(int k) {
        return inputs[k].length;
    }

    /**
     * The slot of input i of instruction k.
     *
     * @param k an instruction, 0 &lt;= k &lt; {@link #size()}
     * @param i an input, 0 &lt;= i &lt; {@code arity(k)}
     * @return a slot smaller than k
     */
    public int input(int k, int i) {
        return inputs[k][i];
    }

    /**
     * The parameter of instruction k: a constant's value, an input or tangent index, or the op's
     * parameter.
     *
     * @param k an instruction, 0 &lt;= k &lt; {@link #size()}
     * @return the parameter; 0 when the op has none
     */
    public double parameter(int k) {
        return parameters[k];
    }

    /**
     * Number of outputs.
     *
     * @return the number of outputs
     */
    public int outputCount() {
        return outputs.length;
    }

    /**
     * The slot holding output j.
     *
     * @param j an output, 0 &lt;= j &lt; {@link #outputCount()}
     * @return its slot
     */
    public int output(int j) {
        return outputs[j];
    }

    /**
     * The largest arity of any instruction.
     *
     * @return the largest arity, 0 for a program of leaves
     */
    public int maxArity() {
        return maxArity;
    }

    /**
     * The number of instructions that are not leaves.
     *
     * @return the number of instructions minus the leaves
     */
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
     *
     * @return the cost, 0 or more
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
