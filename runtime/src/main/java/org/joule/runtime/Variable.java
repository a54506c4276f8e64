package org.joule.runtime;

import java.util.Objects;

/**
 * A named, shaped input of an energy function and where its coordinates sit in the flat
 * input array. A scalar has rank 0 and one coordinate; a vector of length n has rank 1 and
 * coordinates {@code name[0] .. name[n-1]}; a matrix has rank 2 and coordinates
 * {@code name[i,j]} stored row-major.
 *
 * @param name   identifier: a letter or underscore followed by letters, digits or underscores
 * @param role   data, latent or parameter
 * @param rows   number of rows (1 for a scalar)
 * @param cols   number of columns (1 for a scalar or a vector)
 * @param rank   0, 1 or 2
 * @param offset index of the first coordinate in the flat input array
 */
public record Variable(String name, Role role, int rows, int cols, int rank, int offset) {

    /**
     * Checks the components.
     *
     * @param name   identifier: a letter or underscore followed by letters, digits or underscores
     * @param role   data, latent or parameter
     * @param rows   number of rows (1 for a scalar)
     * @param cols   number of columns (1 for a scalar or a vector)
     * @param rank   0, 1 or 2
     * @param offset index of the first coordinate in the flat input array
     * @throws IllegalArgumentException naming the variable when its name is not an identifier, its
     *     rank is not 0, 1 or 2, its shape does not fit the rank, or its offset is negative
     */
    public Variable {
        Objects.requireNonNull(role, "role");
        if (name == null || !isIdentifier(name)) {
            throw new IllegalArgumentException("variable name '" + name
                    + "' is not an identifier (a letter or _ followed by letters, digits or _)");
        }
        if (rank < 0 || rank > 2) {
            throw new IllegalArgumentException("variable '" + name + "': rank " + rank + " is not 0, 1 or 2");
        }
        if (rows < 1 || cols < 1 || (rank == 0 && (rows != 1 || cols != 1)) || (rank == 1 && cols != 1)) {
            throw new IllegalArgumentException("variable '" + name + "': shape " + rows + "x" + cols
                    + " does not fit rank " + rank);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("variable '" + name + "': negative offset " + offset);
        }
    }

    /**
     * Number of scalar coordinates: rows times cols.
     *
     * @return the number of coordinates, at least 1
     */
    public int size() {
        return rows * cols;
    }

    /**
     * The name of coordinate {@code k} (0-based, row-major) of this variable, as the text form writes it.
     *
     * @param k a coordinate of this variable, 0 &lt;= k &lt; {@link #size()}
     * @return {@code name}, {@code name[k]} or {@code name[i,j]}
     */
    public String coordinateName(int k) {
        if (k < 0 || k >= size()) {
            throw new IndexOutOfBoundsException("variable '" + name + "' of shape " + shape()
                    + " has no coordinate " + k);
        }
        return switch (rank) {
            case 0 -> name;
            case 1 -> name + "[" + k + "]";
            default -> name + "[" + (k / cols) + "," + (k % cols) + "]";
        };
    }

    /**
     * The shape as text: {@code scalar}, {@code [n]} or {@code [r,c]}.
     *
     * @return the shape's text
     */
    public String shape() {
        return switch (rank) {
            case 0 -> "scalar";
            case 1 -> "[" + rows + "]";
            default -> "[" + rows + "," + cols + "]";
        };
    }

    /**
     * Whether {@code s} is a legal variable name.
     *
     * @param s any string
     * @return true for a letter or underscore followed by letters, digits or underscores
     */
    public static boolean isIdentifier(String s) {
        if (s.isEmpty() || !(Character.isLetter(s.charAt(0)) || s.charAt(0) == '_')) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_')) {
                return false;
            }
        }
        return true;
    }
}
