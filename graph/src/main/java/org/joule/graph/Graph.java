package org.joule.graph;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.joule.runtime.Layout;
import org.joule.runtime.Role;
import org.joule.runtime.Variable;

/**
 * The factory and intern table of an energy graph, and the owner of its input variables.
 *
 * <p>{@link #node} returns the existing node for an equal (op, inputs, parameter). A
 * simplifying graph (the default) also puts the inputs of commutative ops in canonical
 * order, folds constants and applies the rewrites of {@link Rewrites} as each node is built,
 * so every graph it holds is already simplified; {@link #unsimplified()} gives a graph that
 * only interns, which tests use as the reference for what simplification must preserve.
 *
 * <p>Variables are declared with {@link #scalar}, {@link #vector} and {@link #matrix}; their
 * coordinates are laid out in declaration order, as {@link #layout()} describes.
 *
 * <p>A graph is not thread-safe: build it from one thread, then share the immutable nodes
 * and the functions made from them.
 */
public final class Graph {
    private final boolean simplifying;
    /**
     * The intern table: open addressing with linear probing, at most half full. A slot holds
     * a node's hash in its high 32 bits and id + 1 in its low 32 bits (0 when empty), so a
     * probe rejects other nodes and the table grows without touching a node: one cache miss
     * per lookup in a graph of millions. No key or entry object per node.
     */
    private long[] table = new long[1024];
    private final List<Node> byId = new ArrayList<>();
    private final List<Variable> variables = new ArrayList<>();
    private final Map<String, Tensor> tensors = new HashMap<>();
    private final List<Node> coordinates = new ArrayList<>();
    private final Map<Derived, Object> derived = new HashMap<>();
    private Layout layout;
    private long work;

    /** A simplifying graph. */
    public Graph() {
        this(true);
    }

    private Graph(boolean simplifying) {
        this.simplifying = simplifying;
    }

    /**
     * A graph that interns nodes but neither folds constants nor rewrites.
     *
     * @return a new, empty graph
     */
    public static Graph unsimplified() {
        return new Graph(false);
    }

    /**
     * Whether this graph folds constants and applies rewrites.
     *
     * @return false only for a graph made by {@link #unsimplified()}
     */
    public boolean simplifying() {
        return simplifying;
    }

    // ---------------------------------------------------------------- variables

    /**
     * Declares a scalar input.
     *
     * @param name an identifier not yet declared and not the name of a function
     * @param role the part the input plays
     * @return its VAR node
     * @throws IllegalArgumentException naming the variable when the name is taken or not an
     *     identifier
     */
    public Node scalar(String name, Role role) {
        return declare(name, role, 1, 1, 0).get(0);
    }

    /**
     * Declares a vector input of length {@code n}.
     *
     * @param name an identifier not yet declared and not the name of a function
     * @param n    the length, at least 1
     * @param role the part the input plays
     * @return a vector of its n VAR nodes
     * @throws IllegalArgumentException naming the variable when the name is taken or not an
     *     identifier, or n is less than 1
     */
    public Tensor vector(String name, int n, Role role) {
        return declare(name, role, n, 1, 1);
    }

    /**
     * Declares a {@code rows} x {@code cols} matrix input, stored row-major.
     *
     * @param name an identifier not yet declared and not the name of a function
     * @param rows the number of rows, at least 1
     * @param cols the number of columns, at least 1
     * @param role the part the input plays
     * @return a matrix of its VAR nodes
     * @throws IllegalArgumentException naming the variable when the name is taken or not an
     *     identifier, or the shape is empty
     */
    public Tensor matrix(String name, int rows, int cols, Role role) {
        return declare(name, role, rows, cols, 2);
    }

    private Tensor declare(String name, Role role, int rows, int cols, int rank) {
        if (tensors.containsKey(name)) {
            throw new IllegalArgumentException("variable '" + name + "' is already declared as "
                    + tensors.get(name).shapeText());
        }
        if (name != null && isFunctionName(name)) {
            throw new IllegalArgumentException("variable name '" + name + "' is the name of a function");
        }
        if (name != null && Parser.reservedName(name) != null) {
            throw new IllegalArgumentException("variable name '" + name + "' is reserved: "
                    + Parser.reservedName(name));
        }
        Variable v = new Variable(name, role, rows, cols, rank, coordinates.size());
        Node[] elements = new Node[v.size()];
        for (int k = 0; k < elements.length; k++) {
            elements[k] = intern(Op.VAR, new Node[0], coordinates.size());
            coordinates.add(elements[k]);
        }
        variables.add(v);
        layout = null;
        Tensor t = new Tensor(rank, rows, cols, elements);
        tensors.put(name, t);
        return t;
    }

    static boolean isFunctionName(String name) {
        for (Op op : Op.values()) {
            if (op.textName().equals(name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The layout of the flat input array: every declared variable, in declaration order.
     *
     * @return the layout of the variables declared so far
     */
    public Layout layout() {
        if (layout == null) {
            layout = new Layout(variables);
        }
        return layout;
    }

    /**
     * The declared variable called {@code name}, as a tensor (a scalar is a 0-rank tensor).
     *
     * @param name a declared variable
     * @return its VAR nodes, shaped as declared
     * @throws IllegalArgumentException naming the variable and listing the declared ones when it is
     *     unknown
     */
    public Tensor tensor(String name) {
        Tensor t = tensors.get(name);
        if (t == null) {
            throw new IllegalArgumentException("unknown variable '" + name + "'; declared: " + tensors.keySet());
        }
        return t;
    }

    /**
     * Whether a variable called {@code name} is declared.
     *
     * @param name any name
     * @return true when it is declared
     */
    public boolean hasVariable(String name) {
        return tensors.containsKey(name);
    }

    /**
     * The VAR node of flat coordinate {@code index}.
     *
     * @param index a flat index, 0 &lt;= index &lt; {@code layout().size()}
     * @return the VAR node
     */
    public Node coordinate(int index) {
        if (index < 0 || index >= coordinates.size()) {
            throw new IndexOutOfBoundsException("coordinate " + index + " outside the layout of size "
                    + coordinates.size());
        }
        return coordinates.get(index);
    }

    /**
     * The variable that owns the VAR node {@code n}.
     *
     * @param n a VAR node of this graph
     * @return the variable it is a coordinate of
     */
    public Variable variableOf(Node n) {
        if (n.op() != Op.VAR || n.graph() != this) {
            throw new IllegalArgumentException(n.op().textName() + " node is not an input of this graph");
        }
        int index = (int) n.parameter();
        for (Variable v : variables) {
            if (index < v.offset() + v.size()) {
                return v;
            }
        }
        throw new IllegalStateException("coordinate " + index + " has no variable");
    }

    // ---------------------------------------------------------------- nodes

    /**
     * The constant {@code v}.
     *
     * @param v a finite value
     * @return the interned constant node
     * @throws IllegalArgumentException if v is NaN or infinite
     */
    public Node constant(double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("constant " + v
                    + " is not finite; pass non-finite values as inputs, not constants");
        }
        return intern(Op.CONST, new Node[0], v);
    }

    /**
     * The node op(inputs) for an op without a parameter.
     *
     * @param op     an op that is not a leaf and has no parameter
     * @param inputs its inputs, nodes of this graph
     * @return the node, simplified in a simplifying graph
     */
    public Node node(Op op, Node... inputs) {
        if (op.parameterised()) {
            throw new IllegalArgumentException(op.textName() + " needs a parameter");
        }
        return node(op, 0.0, inputs);
    }

    /**
     * The node op(inputs; parameter), built through this graph's rules.
     *
     * @param op        an op that is not a leaf
     * @param parameter the op's parameter (see {@link Op}); 0 for ops without one
     * @param inputs    its inputs, nodes of this graph
     * @return the node, simplified in a simplifying graph
     * @throws IllegalArgumentException naming the op for a wrong input count, a null input,
     *         an input from another graph, a leaf op, or a bad parameter
     * @throws ArithmeticException naming the op when folding constants gives NaN or infinity
     */
    public Node node(Op op, double parameter, Node... inputs) {
        if (op.isLeaf()) {
            throw new IllegalArgumentException(op.textName()
                    + " is a leaf: use constant(), scalar(), vector(), matrix() or tangent()");
        }
        if (inputs == null || !op.acceptsArity(inputs.length)) {
            throw new IllegalArgumentException(op.textName() + " takes "
                    + (op.arity() == Op.VARIADIC ? "one or more" : String.valueOf(op.arity()))
                    + " arguments, not " + (inputs == null ? 0 : inputs.length));
        }
        return owned(op, parameter, inputs.clone());
    }

    /**
     * {@link #node(Op, double, Node...)} for an input array no one else holds (a fresh
     * varargs array), which this graph may reorder and keep: no defensive copy per node.
     */
    Node owned(Op op, double parameter, Node[] in) {
        work += 1 + in.length;
        for (int i = 0; i < in.length; i++) {
            if (in[i] == null) {
                throw new IllegalArgumentException(op.textName() + ": argument " + i + " is null");
            }
            if (in[i].graph() != this) {
                throw new IllegalArgumentException(op.textName() + ": argument " + i
                        + " belongs to another graph");
            }
        }
        checkParameter(op, parameter);
        if (!simplifying) {
            return intern(op, in, parameter);
        }
        if (op.commutative() && in[0].id() > in[1].id()) {
            Node t = in[0];
            in[0] = in[1];
            in[1] = t;
        }
        if (allConstant(in)) {
            return fold(op, parameter, in);
        }
        Node rewritten = Rewrites.apply(this, op, parameter, in);
        return rewritten != null ? rewritten : intern(op, in, parameter);
    }

    /**
     * Component {@code k} of the direction of a Hessian-vector product.
     *
     * @param k a gradient entry, 0 or more
     * @return the TANGENT leaf reading {@code v[k]}
     */
    public Node tangent(int k) {
        if (k < 0) {
            throw new IllegalArgumentException("tangent index " + k + " is negative");
        }
        return intern(Op.TANGENT, new Node[0], k);
    }

    private static void checkParameter(Op op, double p) {
        boolean ok = switch (op) {
            case POWI -> isIntegerExponent(p);
            case PICK -> p == Math.rint(p) && p >= 0;
            default -> p == 0;
        };
        if (!ok) {
            throw new IllegalArgumentException(op.textName() + ": illegal parameter " + p);
        }
    }

    private static boolean allConstant(Node[] in) {
        for (Node n : in) {
            if (!n.isConstant()) {
                return false;
            }
        }
        return true;
    }

    private Node fold(Op op, double parameter, Node[] in) {
        double[] args = new double[in.length];
        for (int i = 0; i < in.length; i++) {
            args[i] = in[i].constantValue();
        }
        double v = Evaluator.apply(op, parameter, args, in.length);
        if (!Double.isFinite(v)) {
            StringBuilder b = new StringBuilder(op.textName()).append('(');
            for (int i = 0; i < in.length; i++) {
                b.append(i > 0 ? ", " : "").append(args[i]);
            }
            if (op.parameterised()) {
                b.append(", ").append(parameter);
            }
            throw new ArithmeticException("constant " + b.append(')') + " is " + v
                    + ": the expression is undefined there");
        }
        return constant(v);
    }

    private Node intern(Op op, Node[] in, double parameter) {
        long bits = Double.doubleToLongBits(parameter);
        int hash = hash(op, bits, in);
        int mask = table.length - 1;
        for (int i = hash & mask; ; i = (i + 1) & mask) {
            long slot = table[i];
            if (slot == 0) {
                Node n = new Node(this, op, in, parameter, byId.size());
                byId.add(n);
                table[i] = slot(hash, n.id());
                if (2 * byId.size() > table.length) {
                    growTable();
                }
                return n;
            }
            if ((int) (slot >>> 32) == hash) {
                Node candidate = byId.get((int) slot - 1);
                if (candidate.op() == op && Double.doubleToLongBits(candidate.parameter()) == bits
                        && candidate.hasInputs(in)) {
                    return candidate;
                }
            }
        }
    }

    private static long slot(int hash, int id) {
        return (long) hash << 32 | (id + 1L);
    }


    private void growTable() {
        long[] grown = new long[table.length * 2];
        int mask = grown.length - 1;
        for (long slot : table) {
            if (slot != 0) {
                int i = (int) (slot >>> 32) & mask;
                while (grown[i] != 0) {
                    i = (i + 1) & mask;
                }
                grown[i] = slot;
            }
        }
        table = grown;
    }

    /**
     * The hash of (op, parameter bits, inputs). Ids of related nodes follow patterns (b = a + c
     * for many pairs), which a polynomial hash h * 31 + id maps to few table slots; a
     * golden-ratio multiply per input and murmur3's finaliser spread them.
     */
    private static int hash(Op op, long bits, Node[] inputs) {
        int h = op.ordinal() * 31 + Long.hashCode(bits);
        for (Node n : inputs) {
            h = (h + n.id()) * 0x9E3779B1;
        }
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        return h ^ h >>> 16;
    }

    /**
     * Number of nodes ever created in this graph.
     *
     * @return the number of interned nodes
     */
    public int size() {
        return byId.size();
    }

    /**
     * The work done by {@link #node} so far: one unit per request plus one per input it
     * hashes, copies and checks. A meter for tests that building and differentiating scale
     * linearly; it counts operations, not time, so it does not depend on the machine.
     */
    long work() {
        return work;
    }

    /**
     * What {@code build} derives from node {@code n} for {@code purpose}, built on the first
     * request and returned again after. Derivative rules run once per input of a node; what
     * they share between the inputs of a k-input node (the log-sum-exp parts, the argmax of a
     * max) is built once here, so differentiating the node costs O(k), not O(k^2).
     */
    @SuppressWarnings("unchecked")
    <T> T derived(Node n, Object purpose, Function<Node, T> build) {
        Derived key = new Derived(n, purpose);
        Object value = derived.get(key);
        if (value == null) {
            value = build.apply(n); // may itself derive values: no computeIfAbsent
            derived.put(key, value);
        }
        return (T) value;
    }

    /** What was derived from {@code n} for {@code purpose}, or null when nothing was. */
    @SuppressWarnings("unchecked")
    <T> T derivedIfBuilt(Node n, Object purpose) {
        return (T) derived.get(new Derived(n, purpose));
    }

    private record Derived(Node node, Object purpose) {
    }

    /**
     * x^e: the square for 2, an integer power for other integer constants, else a real power.
     *
     * @param base     the base
     * @param exponent the exponent
     * @return the power node
     */
    public Node pow(Node base, Node exponent) {
        if (exponent.isConstant()) {
            double e = exponent.constantValue();
            if (e == 2) {
                return node(Op.SQUARE, base);
            }
            if (isIntegerExponent(e)) {
                return node(Op.POWI, e, base);
            }
        }
        return node(Op.POW, base, exponent);
    }

    /** Whether {@code e} is an integer small enough to be the exponent of {@link Op#POWI}. */
    static boolean isIntegerExponent(double e) {
        return e == Math.rint(e) && Math.abs(e) <= 1 << 20;
    }

    /**
     * select(c, a, b): a where c &gt; 0, else b. Its derivative flows only into the chosen branch.
     *
     * @param condition  the condition c, for example {@link Node#less}
     * @param ifPositive the value a where c &gt; 0
     * @param otherwise  the value b elsewhere
     * @return the select node
     */
    public Node select(Node condition, Node ifPositive, Node otherwise) {
        return node(Op.SELECT, condition, ifPositive, otherwise);
    }

    // ---------------------------------------------------------------- traversal

    /**
     * Every node reachable from {@code roots}, in increasing id order (a topological order:
     * inputs before the nodes that use them). Iterative, so any depth is fine.
     *
     * @param roots nodes of this graph
     * @return the reachable nodes, roots included, each once
     */
    public List<Node> reachable(List<Node> roots) {
        BitSet seen = new BitSet(byId.size());
        int[] stack = new int[16];
        int top = 0;
        for (Node r : roots) {
            if (r.graph() != this) {
                throw new IllegalArgumentException("root " + r.op().textName() + " belongs to another graph");
            }
            if (!seen.get(r.id())) {
                seen.set(r.id());
                if (top == stack.length) {
                    stack = java.util.Arrays.copyOf(stack, top * 2);
                }
                stack[top++] = r.id();
            }
        }
        while (top > 0) {
            Node n = byId.get(stack[--top]);
            for (int k = 0; k < n.arity(); k++) {
                Node in = n.input(k);
                if (!seen.get(in.id())) {
                    seen.set(in.id());
                    if (top == stack.length) {
                        stack = java.util.Arrays.copyOf(stack, top * 2);
                    }
                    stack[top++] = in.id();
                }
            }
        }
        List<Node> out = new ArrayList<>(seen.cardinality());
        for (int i = seen.nextSetBit(0); i >= 0; i = seen.nextSetBit(i + 1)) {
            out.add(byId.get(i));
        }
        return out;
    }

    /**
     * {@code root} with every occurrence of each key of {@code replacements} replaced by its
     * value, simultaneously (a replacement is not searched for keys), rebuilt through this
     * graph's factory: a simplifying graph folds and rewrites what changes, so substituting
     * constants for every variable folds the root to a constant. Nodes that use no key are
     * kept, so a root that uses none is returned as it is. Keys may be any nodes, usually the
     * VAR nodes of a variable. Iterative, so any depth is fine.
     *
     * @param root         a node of this graph
     * @param replacements node to replace -&gt; its replacement, all nodes of this graph
     * @return the substituted root
     * @throws IllegalArgumentException naming the node when a root, key or replacement is null
     *         or belongs to another graph
     * @throws ArithmeticException from constant folding, naming the op, when a replacement
     *         makes a constant subexpression undefined (log of 0, say)
     */
    public Node substitute(Node root, Map<Node, Node> replacements) {
        return Substitution.apply(this, java.util.Collections.singletonList(root), replacements).get(0);
    }

    /**
     * {@link #substitute(Node, Map)} for several roots at once, sharing one walk.
     *
     * @param roots        nodes of this graph
     * @param replacements node to replace -&gt; its replacement, all nodes of this graph
     * @return the substituted roots, in the same order
     * @throws IllegalArgumentException as {@link #substitute(Node, Map)}
     */
    public List<Node> substitute(List<Node> roots, Map<Node, Node> replacements) {
        return Substitution.apply(this, roots, replacements);
    }

    /**
     * {@code root} with element i of {@code target} replaced by element i of
     * {@code replacement}, for every i (see {@link #substitute(Node, Map)}): for example the
     * coordinates of a latent z by constants, {@code substitute(e, z, Tensor.vector(g.constant(0), g.constant(1)))}.
     *
     * @param root        a node of this graph
     * @param target      the nodes to replace, usually a declared variable
     * @param replacement their replacements, a tensor of the same shape
     * @return the substituted root
     * @throws IllegalArgumentException naming both shapes when they differ, a repeated target
     *         node, or as {@link #substitute(Node, Map)}
     */
    public Node substitute(Node root, Tensor target, Tensor replacement) {
        return substitute(root, Substitution.pairs(target, replacement));
    }

    /**
     * A new graph with the same variables (names, roles, shapes, order) as this one,
     * simplifying or not.
     *
     * @param simplify whether the new graph folds constants and rewrites
     * @return a graph without nodes other than its variables
     */
    public Graph withSameInputs(boolean simplify) {
        Graph g = new Graph(simplify);
        for (Variable v : variables) {
            g.declare(v.name(), v.role(), v.rows(), v.cols(), v.rank());
        }
        return g;
    }

    /**
     * Rebuilds {@code n}, which may belong to another graph with the same layout, through
     * this graph's rules: with a simplifying graph this is simplification.
     *
     * @param n a node of any graph whose layout equals this one's
     * @return the same expression built in this graph
     */
    public Node copy(Node n) {
        Graph source = n.graph();
        if (source != this && !source.layout().toString().equals(layout().toString())) {
            throw new IllegalArgumentException("cannot copy between graphs with different inputs: "
                    + source.layout() + " vs " + layout());
        }
        Map<Node, Node> map = new HashMap<>();
        for (Node m : source.reachable(List.of(n))) {
            Node built = switch (m.op()) {
                case VAR -> coordinate((int) m.parameter());
                case CONST -> constant(m.parameter());
                case TANGENT -> tangent((int) m.parameter());
                default -> {
                    Node[] in = new Node[m.arity()];
                    for (int i = 0; i < in.length; i++) {
                        in[i] = map.get(m.input(i));
                    }
                    yield node(m.op(), m.parameter(), in);
                }
            };
            map.put(m, built);
        }
        return map.get(n);
    }
}
