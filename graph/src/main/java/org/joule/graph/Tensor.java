package org.joule.graph;

import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;

/**
 * An immutable scalar, vector or matrix of nodes, row-major: the shaped values of the DSL.
 * Operations check shapes and throw an {@link IllegalArgumentException} naming both shapes
 * on a mismatch, and an {@link IndexOutOfBoundsException} naming the index and shape.
 */
public final class Tensor {
    private final int rank;
    private final int rows;
    private final int cols;
    private final Node[] elements;

    Tensor(int rank, int rows, int cols, Node[] elements) {
        this.rank = rank;
        this.rows = rows;
        this.cols = cols;
        this.elements = elements;
    }

    /**
     * A vector of the given nodes (one or more).
     *
     * @param nodes the entries, one or more, of one graph
     * @return a rank-1 tensor
     */
    public static Tensor vector(List<Node> nodes) {
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("a vector needs at least one element");
        }
        return new Tensor(1, nodes.size(), 1, nodes.toArray(new Node[0]));
    }

    /**
     * A vector of the given nodes (one or more).
     *
     * @param nodes the entries, one or more, of one graph
     * @return a rank-1 tensor
     */
    public static Tensor vector(Node... nodes) {
        return vector(List.of(nodes));
    }

    /**
     * A rows x cols matrix of the given nodes, row-major.
     *
     * @param rows  number of rows, at least 1
     * @param cols  number of columns, at least 1
     * @param nodes the rows * cols elements, row by row
     * @return a rank-2 tensor
     */
    public static Tensor matrix(int rows, int cols, List<Node> nodes) {
        if (rows < 1 || cols < 1 || nodes.size() != rows * cols) {
            throw new IllegalArgumentException("a " + rows + "x" + cols + " matrix needs " + rows * cols
                    + " elements, not " + nodes.size());
        }
        return new Tensor(2, rows, cols, nodes.toArray(new Node[0]));
    }

    /**
     * The transpose of a matrix ([r,c] to [c,r]); a vector or scalar is returned unchanged.
     *
     * @return the transposed matrix, or this
     */
    public Tensor transpose() {
        if (rank != 2) {
            return this;
        }
        Node[] t = new Node[elements.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[j * rows + i] = elements[i * cols + j];
            }
        }
        return new Tensor(2, cols, rows, t);
    }

    /**
     * 0 for a scalar, 1 for a vector, 2 for a matrix.
     *
     * @return the rank
     */
    public int rank() {
        return rank;
    }

    /**
     * Number of rows: 1 for a scalar, the length of a vector.
     *
     * @return the number of rows, at least 1
     */
    public int rows() {
        return rows;
    }

    /**
     * Number of columns: 1 for a scalar or a vector.
     *
     * @return the number of columns, at least 1
     */
    public int cols() {
        return cols;
    }

    /**
     * Number of elements.
     *
     * @return rows times cols
     */
    public int size() {
        return elements.length;
    }

    /**
     * The shape as text: {@code scalar}, {@code [n]} or {@code [r,c]}.
     *
     * @return the shape's text
     */
    public String shapeText() {
        return switch (rank) {
            case 0 -> "scalar";
            case 1 -> "[" + rows + "]";
            default -> "[" + rows + "," + cols + "]";
        };
    }

    /**
     * Element {@code i} in row-major order (for a vector: its i-th entry).
     *
     * @param i an index, 0 &lt;= i &lt; {@link #size()}
     * @return the element
     */
    public Node get(int i) {
        if (i < 0 || i >= elements.length) {
            throw new IndexOutOfBoundsException("index " + i + " outside shape " + shapeText());
        }
        return elements[i];
    }

    /**
     * Element (i, j) of a matrix.
     *
     * @param i a row, 0 &lt;= i &lt; {@link #rows()}
     * @param j a column, 0 &lt;= j &lt; {@link #cols()}
     * @return the element
     */
    public Node get(int i, int j) {
        if (rank != 2 || i < 0 || i >= rows || j < 0 || j >= cols) {
            throw new IndexOutOfBoundsException("index [" + i + "," + j + "] outside shape " + shapeText());
        }
        return elements[i * cols + j];
    }

    /**
     * The only element of a scalar.
     *
     * @return the element
     */
    public Node scalar() {
        if (elements.length != 1) {
            throw new IllegalArgumentException("shape " + shapeText() + " is not a scalar");
        }
        return elements[0];
    }

    /**
     * Row {@code i} of a matrix, as a vector.
     *
     * @param i a row, 0 &lt;= i &lt; {@link #rows()}
     * @return a vector of {@link #cols()} entries
     */
    public Tensor row(int i) {
        if (rank != 2 || i < 0 || i >= rows) {
            throw new IndexOutOfBoundsException("row " + i + " outside shape " + shapeText());
        }
        Node[] r = new Node[cols];
        System.arraycopy(elements, i * cols, r, 0, cols);
        return new Tensor(1, cols, 1, r);
    }

    /**
     * The elements as an unmodifiable list, row-major.
     *
     * @return the elements
     */
    public List<Node> elements() {
        return List.of(elements);
    }

    /**
     * f applied to every element.
     *
     * @param f a function from node to node
     * @return a tensor of the same shape
     */
    public Tensor map(UnaryOperator<Node> f) {
        Node[] r = new Node[elements.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = f.apply(elements[i]);
        }
        return new Tensor(rank, rows, cols, r);
    }

    private Tensor zip(Tensor o, BinaryOperator<Node> f, String what) {
        if (o.rows != rows || o.cols != cols || o.rank != rank) {
            throw new IllegalArgumentException(what + ": shapes " + shapeText() + " and " + o.shapeText() + " differ");
        }
        Node[] r = new Node[elements.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = f.apply(elements[i], o.elements[i]);
        }
        return new Tensor(rank, rows, cols, r);
    }

    /**
     * Elementwise sum.
     *
     * @param o a tensor of the same shape
     * @return the sum, of the same shape
     * @throws IllegalArgumentException naming both shapes when they differ
     */
    public Tensor plus(Tensor o) {
        return zip(o, Node::plus, "plus");
    }

    /**
     * Elementwise difference.
     *
     * @param o a tensor of the same shape
     * @return the difference, of the same shape
     * @throws IllegalArgumentException naming both shapes when they differ
     */
    public Tensor minus(Tensor o) {
        return zip(o, Node::minus, "minus");
    }

    /**
     * Elementwise product.
     *
     * @param o a tensor of the same shape
     * @return the product, of the same shape
     */
    public Tensor times(Tensor o) {
        return zip(o, Node::times, "times");
    }

    /**
     * Every element times {@code s}.
     *
     * @param s a node of the same graph
     * @return a tensor of the same shape
     */
    public Tensor times(Node s) {
        return map(e -> e.times(s));
    }

    /**
     * Every element times {@code s}.
     *
     * @param s a finite constant
     * @return a tensor of the same shape
     */
    public Tensor times(double s) {
        return map(e -> e.times(s));
    }

    /**
     * Sum of the elements, added pairwise (see {@link Joule#sum}).
     *
     * @return the sum node
     */
    public Node sum() {
        return Joule.sum(elements());
    }

    /**
     * Inner product of two tensors of the same shape.
     *
     * @param o a tensor of the same shape
     * @return the sum of the elementwise products
     */
    public Node dot(Tensor o) {
        return times(o).sum();
    }

    /**
     * Sum of squares of the elements: ||this||^2.
     *
     * @return the node sum of x_i^2
     */
    public Node squaredNorm() {
        return map(Node::square).sum();
    }

    /**
     * Matrix-vector product: this [r,c] times v [c] gives a vector [r].
     *
     * @param v a vector with as many entries as this matrix has columns
     * @return a vector with as many entries as this matrix has rows
     */
    public Tensor matVec(Tensor v) {
        if (rank != 2 || v.rank != 1 || v.rows != cols) {
            throw new IllegalArgumentException("matVec: shapes " + shapeText() + " and " + v.shapeText()
                    + " do not fit (need [r,c] and [c])");
        }
        Node[] r = new Node[rows];
        for (int i = 0; i < rows; i++) {
            r[i] = row(i).dot(v);
        }
        return new Tensor(1, rows, 1, r);
    }

    @Override
    public String toString() {
        return "Tensor" + shapeText();
    }
}
