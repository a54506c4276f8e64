package org.joule.graph;

import java.util.List;

/**
 * A scalar expression: one immutable, interned node of an energy graph.
 *
 * <p>Nodes are created only by their {@link Graph}, which returns the existing node for an
 * equal (op, inputs, parameter): structural equality is identity, so {@code ==} compares
 * expressions and common subexpressions are shared for free. Every node has an
 * {@link #id()} greater than the ids of its inputs, so sorting by id is a topological order.
 *
 * <p>The fluent methods ({@link #plus}, {@link #times}, {@link #exp}, ...) are the Java DSL:
 * {@code x.minus(w).square().times(0.5)} builds 0.5 (x - w)^2. Combining nodes of two
 * different graphs is an {@link IllegalArgumentException}.
 */
public final class Node {
    private final Graph graph;
    private final Op op;
    /*
     * The inputs: up to two in fields, more in an array (then first and second are null).
     * Most nodes are unary or binary, so a graph of millions of nodes needs no input array
     * per node: a third less memory and half the objects for the collector to copy.
     */
    private final Node first;
    private final Node second;
    private final Node[] many;
    private final double parameter;
    private final int id;
    private final byte domain;

    Node(Graph graph, Op op, Node[] inputs, double parameter, int id) {
        this.graph = graph;
        this.op = op;
        boolean wide = inputs.length > 2;
        this.first = wide || inputs.length < 1 ? null : inputs[0];
        this.second = wide || inputs.length < 2 ? null : inputs[1];
        this.many = wide ? inputs : null;
        this.parameter = parameter;
        this.id = id;
        this.domain = (byte) Domain.of(op, parameter, inputs);
    }

    /**
     * The graph that owns this node.
     *
     * @return the graph that created this node
     */
    public Graph graph() {
        return graph;
    }

    /**
     * The operation.
     *
     * @return the op, never null
     */
    public Op op() {
        return op;
    }

    /**
     * Number of inputs.
     *
     * @return 0 for leaves, the op's arity, or the argument count of a variadic op
     */
    public int arity() {
        return many != null ? many.length : second != null ? 2 : first != null ? 1 : 0;
    }

    /**
     * Input {@code i}.
     *
     * @param i an input index, 0 &lt;= i &lt; {@link #arity()}
     * @return the input node
     */
    public Node input(int i) {
        if (many != null) {
            return many[i];
        }
        Node in = i == 0 ? first : i == 1 ? second : null;
        if (in == null) {
            throw new IndexOutOfBoundsException("input " + i + " of a " + op.textName()
                    + " node with " + arity() + " inputs");
        }
        return in;
    }

    /**
     * The inputs as an unmodifiable list.
     *
     * @return the inputs in order
     */
    public List<Node> inputs() {
        return List.of(inputArray());
    }

    /** The inputs in a new array (the one this node keeps, for a node with more than two). */
    Node[] inputArray() {
        if (many != null) {
            return many;
        }
        return second != null ? new Node[] {first, second} : first != null ? new Node[] {first} : new Node[0];
    }

    /** Whether the inputs are exactly {@code in}, by identity and in order. */
    boolean hasInputs(Node[] in) {
        if (many != null) {
            return java.util.Arrays.equals(many, in);
        }
        return in.length == arity() && (in.length < 1 || in[0] == first) && (in.length < 2 || in[1] == second);
    }

    /** The classes of doubles this node can evaluate to (see {@link Domain}). */
    int domain() {
        return domain;
    }

    /**
     * The constant parameter (see {@link Op}); 0 for ops without one.
     *
     * @return the value of a CONST, the flat input index of a VAR, the component of a
     *         TANGENT, the exponent of a POWI or the argument index of a PICK; otherwise 0
     */
    public double parameter() {
        return parameter;
    }

    /**
     * Creation index within the graph; inputs always have smaller ids.
     *
     * @return the id, 0 or more, unique within the graph
     */
    public int id() {
        return id;
    }

    /**
     * Whether this is a constant.
     *
     * @return true when the op is {@link Op#CONST}
     */
    public boolean isConstant() {
        return op == Op.CONST;
    }

    /**
     * Whether this is the constant {@code v} (compared by bits, so -0.0 is not 0.0).
     *
     * @param v the value to compare with
     * @return true when this is a constant with exactly the bits of {@code v}
     */
    public boolean isConstant(double v) {
        return op == Op.CONST && Double.doubleToLongBits(parameter) == Double.doubleToLongBits(v);
    }

    /**
     * The value of a constant.
     *
     * @return the constant's value
     * @throws IllegalStateException if this is not a constant
     */
    public double constantValue() {
        if (op != Op.CONST) {
            throw new IllegalStateException(op.textName() + " node is not a constant");
        }
        return parameter;
    }

    @Override
    public int hashCode() {
        return id * 0x9E3779B1; // ids are unique within a graph; a multiply spreads them
    }

    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    /** The infix text form (see {@link Printer}). */
    @Override
    public String toString() {
        return Printer.infix(this);
    }

    // ---------------------------------------------------------------- DSL

    private Node make(Op op, Node... in) {
        return graph.owned(op, 0.0, in);
    }

    private Node c(double v) {
        return graph.constant(v);
    }

    /**
     * this + other
     *
     * @param other a node of the same graph
     * @return the sum
     */
    public Node plus(Node other) {
        return make(Op.ADD, this, other);
    }

    /**
     * this + v
     *
     * @param v a finite constant
     * @return the sum
     */
    public Node plus(double v) {
        return plus(c(v));
    }

    /**
     * this - other
     *
     * @param other a node of the same graph
     * @return the difference
     */
    public Node minus(Node other) {
        return make(Op.SUB, this, other);
    }

    /**
     * this - v
     *
     * @param v a finite constant
     * @return the difference
     */
    public Node minus(double v) {
        return minus(c(v));
    }

    /**
     * this * other
     *
     * @param other a node of the same graph
     * @return the product
     */
    public Node times(Node other) {
        return make(Op.MUL, this, other);
    }

    /**
     * this * v
     *
     * @param v a finite constant
     * @return the product
     */
    public Node times(double v) {
        return times(c(v));
    }

    /**
     * this / other
     *
     * @param other a node of the same graph, the divisor
     * @return the quotient
     */
    public Node div(Node other) {
        return make(Op.DIV, this, other);
    }

    /**
     * this / v
     *
     * @param v a finite constant, the divisor
     * @return the quotient
     */
    public Node div(double v) {
        return div(c(v));
    }

    /**
     * -this
     *
     * @return the negation
     */
    public Node neg() {
        return make(Op.NEG, this);
    }

    /**
     * this^exponent; an integer-valued constant exponent gives an integer power.
     *
     * @param exponent a node of the same graph
     * @return the power
     */
    public Node pow(Node exponent) {
        return graph.pow(this, exponent);
    }

    /**
     * this^v; integer v gives an integer power (defined for negative bases).
     *
     * @param v a finite constant exponent
     * @return the power
     */
    public Node pow(double v) {
        return pow(c(v));
    }

    /**
     * this^2
     *
     * @return the square
     */
    public Node square() {
        return make(Op.SQUARE, this);
    }

    /**
     * The square root of this; NaN below 0.
     *
     * @return the node sqrt(this)
     */
    public Node sqrt() {
        return make(Op.SQRT, this);
    }

    /**
     * The exponential of this.
     *
     * @return the node exp(this)
     */
    public Node exp() {
        return make(Op.EXP, this);
    }

    /**
     * The natural logarithm of this; NaN below 0 and -infinity at 0.
     *
     * @return the node log(this)
     */
    public Node log() {
        return make(Op.LOG, this);
    }

    /**
     * log(1 + this), accurate near 0.
     *
     * @return the node log1p(this)
     */
    public Node log1p() {
        return make(Op.LOG1P, this);
    }

    /**
     * exp(this) - 1, accurate near 0.
     *
     * @return the node expm1(this)
     */
    public Node expm1() {
        return make(Op.EXPM1, this);
    }

    /**
     * The sine of this, in radians.
     *
     * @return the node sin(this)
     */
    public Node sin() {
        return make(Op.SIN, this);
    }

    /**
     * The cosine of this, in radians.
     *
     * @return the node cos(this)
     */
    public Node cos() {
        return make(Op.COS, this);
    }

    /**
     * The hyperbolic tangent of this.
     *
     * @return the node tanh(this)
     */
    public Node tanh() {
        return make(Op.TANH, this);
    }

    /**
     * sech^2(this) = 1 - tanh^2(this), the derivative of tanh, without cancellation in the tails.
     *
     * @return the node sech2(this)
     */
    public Node sech2() {
        return make(Op.SECH2, this);
    }

    /**
     * 1 / (1 + exp(-this)), never overflowing.
     *
     * @return the node sigmoid(this)
     */
    public Node sigmoid() {
        return make(Op.SIGMOID, this);
    }

    /**
     * log(1 + exp(this)), never overflowing.
     *
     * @return the node softplus(this)
     */
    public Node softplus() {
        return make(Op.SOFTPLUS, this);
    }

    /**
     * |this|; its derivative at 0 is the subgradient 0.
     *
     * @return the node abs(this)
     */
    public Node abs() {
        return make(Op.ABS, this);
    }

    /**
     * max(0, this); its derivative at 0 is the subgradient 0.
     *
     * @return the node relu(this)
     */
    public Node relu() {
        return make(Op.RELU, this);
    }

    /**
     * Heaviside step: 1 where this &gt; 0, else 0 (derivative 0).
     *
     * @return the node step(this)
     */
    public Node step() {
        return make(Op.STEP, this);
    }

    /**
     * -1, 0 or 1 by the sign of this (derivative 0).
     *
     * @return the node sign(this)
     */
    public Node sign() {
        return make(Op.SIGN, this);
    }

    /**
     * 1 when this &lt; other, else 0 (a condition for {@link Graph#select}).
     *
     * @param other a node of the same graph
     * @return the condition node
     */
    public Node less(Node other) {
        return make(Op.LESS, this, other);
    }

    /**
     * 1 when this &gt; other, else 0.
     *
     * @param other a node of the same graph
     * @return the condition node
     */
    public Node greater(Node other) {
        return make(Op.LESS, other, this);
    }
}
