package org.joule.samples;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.joule.graph.Energy;
import org.joule.graph.Graph;
import org.joule.graph.Node;
import org.joule.graph.Op;
import org.joule.graph.Parser;
import org.joule.runtime.Layout;
import org.joule.runtime.Role;

/**
 * Parsing an expression from the command line, with the names of the point it is evaluated
 * at. Variables are declared in order of first appearance, in the text and then in the
 * names given with it ({@code --at}, {@code --wrt}, the keys of {@code "at"}): a plain name
 * as a scalar, an indexed one ({@code y[3]}, {@code W[1,0]}) as a vector or matrix just large
 * enough for the largest index named. Given names the text does not use are variables too,
 * with derivative 0: a point may hold more than one expression needs.
 */
final class Expressions {
    /** The largest number of coordinates an indexed name may give its variable. */
    static final int MAX_COORDINATES = 1 << 20;

    private Expressions() {
    }

    /**
     * A parsed expression.
     *
     * @param output the expression's node, in a graph of its own
     * @param used   the coordinate names the text uses (x, y[3], W[1,0]), in order of appearance
     */
    record Parsed(Node output, Set<String> used) {
        /** The layout of the graph: every variable of the text and of the given names. */
        Layout layout() {
            return output.graph().layout();
        }

        /**
         * The energy differentiated with respect to {@code wrt} (variable or coordinate
         * names), or when it is empty to every coordinate that is used or in {@code given},
         * in layout order.
         */
        Energy energy(List<String> wrt, Collection<String> given) {
            Energy e = Energy.of(output);
            if (wrt != null && !wrt.isEmpty()) {
                List<String> names = new ArrayList<>();
                for (String w : wrt) {
                    Name n = Name.parse(w);
                    names.add(n.canonical());
                }
                return e.wrt(names.toArray(new String[0]));
            }
            Set<String> point = new LinkedHashSet<>(used);
            for (String g : given) {
                point.add(Name.parse(g).canonical());
            }
            Layout layout = layout();
            List<String> names = new ArrayList<>();
            for (int i = 0; i < layout.size(); i++) {
                if (point.contains(layout.coordinateName(i))) {
                    names.add(layout.coordinateName(i));
                }
            }
            return e.wrt(names.toArray(new String[0]));
        }
    }

    /**
     * Parses {@code text} into a new graph whose variables are those of the text, then those
     * of {@code given} (names of coordinates or, for {@code --wrt}, of whole variables) that
     * the text does not use.
     *
     * @throws IllegalArgumentException for bad text (a positioned parse error), a given name
     *         that is not a variable name or does not fit the shape the text gives it, an
     *         index beyond {@link #MAX_COORDINATES}, or {@code tangent(k)}, which has no value here
     */
    static Parsed parse(String text, Collection<String> given) {
        if (text == null) {
            throw new IllegalArgumentException("missing expression");
        }
        Declarations d = new Declarations();
        Set<String> used = new LinkedHashSet<>();
        for (Name n : Name.scan(text)) {
            if (d.add(n, false)) {
                used.add(n.canonical());
            }
        }
        for (String g : given) {
            d.add(Name.parse(g), true);
        }
        Graph graph = d.declare();
        Node output = Parser.parse(text, graph);
        for (Node m : graph.reachable(List.of(output))) {
            if (m.op() == Op.TANGENT) {
                throw new IllegalArgumentException("tangent(" + (int) m.parameter()
                        + ") is a direction of a Hessian-vector product; it has no value here");
            }
        }
        return new Parsed(output, used);
    }

    /** Names of the gradient entries of {@code e}. */
    static List<String> wrtNames(Energy e) {
        Layout layout = e.layout();
        List<String> names = new ArrayList<>();
        for (int i : e.wrtIndices()) {
            names.add(layout.coordinateName(i));
        }
        return names;
    }

    /** The variables to declare, in order of first appearance, with the shapes their names need. */
    private static final class Declarations {
        private final Map<String, Shape> shapes = new LinkedHashMap<>();

        /**
         * Adds a variable name; returns whether it names a variable of this shape. From the text
         * (given false) a name that does not fit is left to the parser, which points at it.
         */
        boolean add(Name n, boolean given) {
            Shape s = shapes.get(n.base());
            if (s == null) {
                if (n.rank() == 0 && !isVariableName(n.base())) {
                    if (given) {
                        throw new IllegalArgumentException("'" + n.base() + "' is not a variable name");
                    }
                    return false;
                }
                shapes.put(n.base(), new Shape(n.rank(), n.i(), n.j()));
                return checkSize(n);
            }
            if (s.rank != n.rank() && !(given && n.rank() == 0)) {
                if (given) {
                    throw new IllegalArgumentException("'" + n.canonical() + "' does not fit the variable '"
                            + n.base() + "', which the expression uses as " + s.describe(n.base()));
                }
                return false;
            }
            s.i = Math.max(s.i, n.i());
            s.j = Math.max(s.j, n.j());
            return checkSize(n);
        }

        private boolean checkSize(Name n) {
            Shape s = shapes.get(n.base());
            long size = (long) (s.i + 1) * (s.rank == 2 ? s.j + 1 : 1);
            if (size > MAX_COORDINATES) {
                throw new IllegalArgumentException("'" + n.canonical() + "' would make '" + n.base() + "' a "
                        + (s.rank == 1 ? "vector" : "matrix") + " of " + size + " coordinates; at most "
                        + MAX_COORDINATES + " are allowed");
            }
            return true;
        }

        Graph declare() {
            Graph g = new Graph();
            for (Map.Entry<String, Shape> e : shapes.entrySet()) {
                Shape s = e.getValue();
                switch (s.rank) {
                    case 0 -> g.scalar(e.getKey(), Role.DATA);
                    case 1 -> g.vector(e.getKey(), s.i + 1, Role.DATA);
                    default -> g.matrix(e.getKey(), s.i + 1, s.j + 1, Role.DATA);
                }
            }
            return g;
        }

        /** Whether the parser reads {@code name} alone as a variable (not a constant, function or error). */
        private static boolean isVariableName(String name) {
            try {
                return Parser.parse(name, new Graph()).op() == Op.VAR;
            } catch (IllegalArgumentException | ArithmeticException e) {
                return false;
            }
        }
    }

    /** The shape a variable needs: rank 0, 1 or 2 and the largest indices named. */
    private static final class Shape {
        final int rank;
        int i;
        int j;

        Shape(int rank, int i, int j) {
            this.rank = rank;
            this.i = i;
            this.j = j;
        }

        String describe(String name) {
            return switch (rank) {
                case 0 -> "a scalar";
                case 1 -> "a vector, as " + name + "[" + i + "]";
                default -> "a matrix, as " + name + "[" + i + "," + j + "]";
            };
        }
    }

    /**
     * A variable or coordinate name: {@code x} (rank 0), {@code y[3]} (rank 1) or
     * {@code W[1,0]} (rank 2). Identifiers are read as the parser reads them.
     */
    record Name(String base, int rank, int i, int j) {
        /** The name as layouts write it: x, y[3], W[1,0]. */
        String canonical() {
            return switch (rank) {
                case 0 -> base;
                case 1 -> base + "[" + i + "]";
                default -> base + "[" + i + "," + j + "]";
            };
        }

        /**
         * Reads a name given by the user.
         *
         * @throws IllegalArgumentException if {@code text} is not a name or an indexed name
         */
        static Name parse(String text) {
            Cursor c = new Cursor(text);
            c.skipSpace();
            Name n = c.atIdentifierStart() ? c.name() : null;
            c.skipSpace();
            if (n == null || !c.atEnd()) {
                throw new IllegalArgumentException("'" + text + "' is not a variable name");
            }
            return n;
        }

        /** The variable names in expression text, in order of appearance (function names left out). */
        static List<Name> scan(String text) {
            List<Name> names = new ArrayList<>();
            Cursor c = new Cursor(text);
            while (!c.atEnd()) {
                if (c.atNumberStart()) {
                    c.skipNumber();
                } else if (c.atIdentifierStart()) {
                    Name n = c.name();
                    if (n != null) {
                        names.add(n);
                    }
                } else {
                    c.pos++;
                }
            }
            return names;
        }
    }

    /** Reads names and skips numbers as {@link Parser} does. */
    private static final class Cursor {
        final String text;
        int pos;

        Cursor(String text) {
            this.text = text;
        }

        boolean atEnd() {
            return pos >= text.length();
        }

        char peek() {
            return text.charAt(pos);
        }

        void skipSpace() {
            while (!atEnd() && Character.isWhitespace(peek())) {
                pos++;
            }
        }

        boolean atIdentifierStart() {
            return !atEnd() && (Character.isLetter(peek()) || peek() == '_');
        }

        boolean atNumberStart() {
            return !atEnd() && (Character.isDigit(peek()) || peek() == '.');
        }

        void skipNumber() {
            while (!atEnd() && (Character.isDigit(peek()) || peek() == '.')) {
                pos++;
            }
            if (!atEnd() && (peek() == 'e' || peek() == 'E')) {
                int mark = pos++;
                if (!atEnd() && (peek() == '+' || peek() == '-')) {
                    pos++;
                }
                if (atEnd() || !Character.isDigit(peek())) {
                    pos = mark + 1; // not an exponent: the parser will say so
                    return;
                }
                while (!atEnd() && Character.isDigit(peek())) {
                    pos++;
                }
            }
        }

        /** An identifier and its index, or null for a function call (or a malformed index). */
        Name name() {
            int start = pos;
            while (!atEnd() && (Character.isLetterOrDigit(peek()) || peek() == '_')) {
                pos++;
            }
            String base = text.substring(start, pos);
            int after = pos;
            skipSpace();
            if (!atEnd() && peek() == '(') {
                return null;
            }
            if (atEnd() || peek() != '[') {
                pos = after;
                return new Name(base, 0, -1, -1);
            }
            pos++;
            int i = index();
            int j = -1;
            skipSpace();
            if (i >= 0 && !atEnd() && peek() == ',') {
                pos++;
                j = index();
                if (j < 0) {
                    return null;
                }
                skipSpace();
            }
            if (i < 0 || atEnd() || peek() != ']') {
                return null;
            }
            pos++;
            return new Name(base, j < 0 ? 1 : 2, i, j);
        }

        private int index() {
            skipSpace();
            int start = pos;
            while (!atEnd() && peek() >= '0' && peek() <= '9') {
                pos++;
            }
            if (start == pos || pos - start > 9) {
                return -1;
            }
            return Integer.parseInt(text.substring(start, pos));
        }
    }
}
