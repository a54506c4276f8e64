package org.joule.graph;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import org.joule.runtime.Role;

/**
 * Reads the infix text form (grammar in {@link Printer}) into a graph. The parser is an
 * operator-precedence (shunting-yard) parser with explicit stacks, so nesting depth is
 * limited only by memory.
 *
 * <p>Lexical rules:
 * <ul>
 *   <li>Numbers are written with the ASCII digits 0-9: {@code digits [. digits] [e [+-] digits]}
 *       with at least one digit before or after the point ({@code 2}, {@code .5}, {@code 5.},
 *       {@code 1.5e-3}); digits of other scripts ({@code ٣}, {@code １}) are not numbers. A
 *       number must be a finite double.</li>
 *   <li>{@code pi} and {@code e} are the constants &pi; and Euler's number: they read as
 *       the constant nodes {@code Math.PI} and {@code Math.E}, which print as their decimal
 *       values and read back as the same nodes.</li>
 *   <li>{@code inf}, {@code nan} and {@code infinity} (in any case) are errors, not
 *       variables: constants must be finite, so non-finite values are passed as inputs
 *       (a variable set to infinity or NaN).</li>
 *   <li>Identifiers are a letter or {@code _} followed by letters, digits or {@code _}
 *       ({@link org.joule.runtime.Variable#isIdentifier}). The words above and the function
 *       names (every {@link Op#textName()}, {@code tangent} included) are reserved:
 *       {@link Graph} refuses them as variable names.</li>
 * </ul>
 *
 * <p>Identifiers name variables of the graph; with {@code declareUnknown}, an unknown plain
 * identifier is declared as a scalar data variable, in order of first appearance.
 * {@code y[3]} and {@code W[1,0]} name coordinates of declared vectors and matrices.
 *
 * <p>Every bad text, whatever it holds, is a {@link ParseException} naming the position
 * and what was expected there; when the graph refuses to build a node (a wrong arity, an
 * illegal parameter, constants that fold to NaN or infinity such as {@code log(-1)}), the
 * exception points at the operator or function and keeps the graph's exception as its cause.
 */
public final class Parser {
    private static final int UNARY_PRECEDENCE = 3;

    /** Names the text form reads as constants. */
    private static final Map<String, Double> CONSTANTS = Map.of("pi", Math.PI, "e", Math.E);

    /** What the words for non-finite numbers give instead of a variable. */
    private static final String NON_FINITE = "constants must be finite: pass non-finite values as inputs"
            + " (a variable set to infinity or NaN)";

    private final String text;
    private final Graph graph;
    private final boolean declareUnknown;
    private int pos;
    private final Deque<Node> operands = new ArrayDeque<>();
    private final Deque<Pending> operators = new ArrayDeque<>();

    private Parser(String text, Graph graph, boolean declareUnknown) {
        this.text = text;
        this.graph = graph;
        this.declareUnknown = declareUnknown;
    }

    /**
     * Parses {@code text} into {@code graph}, declaring unknown identifiers as scalar data.
     *
     * @param text  the expression
     * @param graph the graph to build in
     * @return the node of the expression
     * @throws ParseException naming the position and what was expected there
     */
    public static Node parse(String text, Graph graph) {
        return parse(text, graph, true);
    }

    /**
     * Parses {@code text} into {@code graph}; unknown identifiers are errors unless declared.
     *
     * @param text           the expression
     * @param graph          the graph to build in
     * @param declareUnknown whether an unknown plain identifier declares a scalar data variable
     * @return the node of the expression
     * @throws ParseException naming the position and what was expected there
     */
    public static Node parse(String text, Graph graph, boolean declareUnknown) {
        if (text == null) {
            throw new IllegalArgumentException("expression text is null");
        }
        return new Parser(text, graph, declareUnknown).run();
    }

    /** An operator waiting on the stack. */
    private static final class Pending {
        final char kind; // one of + - * / ^, 'u' unary minus, '(' group, 'f' function call
        final int position;
        final String name;
        int arguments = 1;

        Pending(char kind, int position, String name) {
            this.kind = kind;
            this.position = position;
            this.name = name;
        }

        int precedence() {
            return switch (kind) {
                case '+', '-' -> 1;
                case '*', '/' -> 2;
                case 'u' -> UNARY_PRECEDENCE;
                case '^' -> 4;
                default -> -1;
            };
        }
    }

    private ParseException error(int at, String message) {
        return new ParseException(text, at, message);
    }

    private ParseException error(int at, String message, RuntimeException cause) {
        return new ParseException(text, at, message, cause);
    }

    /**
     * Why {@code name} cannot be a variable of the text form, or null when it can: it is a
     * constant ({@code pi}, {@code e}) or a word for a non-finite number. {@link Graph}
     * refuses such names when they are declared.
     */
    static String reservedName(String name) {
        if (CONSTANTS.containsKey(name)) {
            return "the text form reads it as the constant " + CONSTANTS.get(name);
        }
        if (isNonFiniteWord(name)) {
            return "the text form refuses it as a word for a non-finite number";
        }
        return null;
    }

    private static boolean isNonFiniteWord(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.equals("inf") || lower.equals("nan") || lower.equals("infinity");
    }

    private String found() {
        if (pos >= text.length()) {
            return "the end of the text";
        }
        int c = text.codePointAt(pos);
        String hint = Character.isDigit(c) && (c < '0' || c > '9') ? " (numbers are written with the digits 0-9)" : "";
        return "'" + new String(Character.toChars(c)) + "'" + hint;
    }

    private Node run() {
        boolean expectOperand = true;
        while (true) {
            skipSpace();
            if (pos >= text.length()) {
                break;
            }
            char c = text.charAt(pos);
            int start = pos;
            if (expectOperand) {
                if (isDigit(c) || c == '.') {
                    operands.push(constant(readNumber(), start));
                    expectOperand = false;
                } else if (c == '-') {
                    pos++;
                    skipSpace();
                    if (pos < text.length() && (isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
                        int numberStart = pos;
                        double v = readNumber();
                        skipSpace();
                        if (pos < text.length() && text.charAt(pos) == '^') {
                            pos = numberStart; // -2^2 is -(2^2)
                            operators.push(new Pending('u', start, null));
                        } else {
                            operands.push(constant(-v, start));
                            expectOperand = false;
                        }
                    } else {
                        operators.push(new Pending('u', start, null));
                    }
                } else if (c == '(') {
                    pos++;
                    operators.push(new Pending('(', start, null));
                } else if (Character.isLetter(c) || c == '_') {
                    expectOperand = identifier();
                } else {
                    throw error(pos, "expected a number, a variable, a function call, '(' or '-', found " + found());
                }
            } else {
                switch (c) {
                    case '+', '-', '*', '/', '^' -> {
                        pos++;
                        binary(new Pending(c, start, null));
                        expectOperand = true;
                    }
                    case ')' -> {
                        pos++;
                        closeParen(start);
                    }
                    case ',' -> {
                        pos++;
                        comma(start);
                        expectOperand = true;
                    }
                    default -> throw error(pos, "expected an operator, ',' or ')', found " + found());
                }
            }
        }
        if (expectOperand) {
            throw error(pos, "expected an operand, found " + found());
        }
        while (!operators.isEmpty()) {
            Pending p = operators.pop();
            if (p.kind == '(' || p.kind == 'f') {
                throw error(p.position, "this '(' is never closed");
            }
            apply(p);
        }
        if (operands.size() != 1) {
            throw error(0, "expected one expression");
        }
        return operands.pop();
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    /** An ASCII digit: numbers and indices are written with 0-9 only, whatever the script. */
    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private int skipDigits() {
        int start = pos;
        while (pos < text.length() && isDigit(text.charAt(pos))) {
            pos++;
        }
        return pos - start;
    }

    /** Reads digits [. digits] [e [+-] digits], with at least one digit before the exponent. */
    private double readNumber() {
        int start = pos;
        int digits = skipDigits();
        if (pos < text.length() && text.charAt(pos) == '.') {
            pos++;
            digits += skipDigits();
        }
        if (digits == 0) {
            throw error(start, "expected a number, found '" + text.substring(start, pos)
                    + "': a number needs a digit before or after its '.'");
        }
        if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
            int mark = pos;
            pos++;
            if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
                pos++;
            }
            if (skipDigits() == 0) {
                throw error(mark, "expected digits of an exponent after 'e'");
            }
        }
        return Double.parseDouble(text.substring(start, pos));
    }

    private Node constant(double v, int at) {
        if (!Double.isFinite(v)) {
            throw error(at, "number " + text.substring(at, pos) + " is out of the range of a double");
        }
        return graph.constant(v);
    }

    /** Reads an identifier: a function call opener or a variable. Returns the new expectOperand. */
    private boolean identifier() {
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
            pos++;
        }
        String name = text.substring(start, pos);
        skipSpace();
        boolean call = pos < text.length() && text.charAt(pos) == '(';
        if (call) {
            if (!Graph.isFunctionName(name)) {
                throw error(start, "unknown function '" + name + "'");
            }
            pos++;
            operators.push(new Pending('f', start, name));
            return true;
        }
        if (Graph.isFunctionName(name)) {
            throw error(pos, "expected '(' after the function name '" + name + "', found " + found());
        }
        if (isNonFiniteWord(name)) {
            throw error(start, "'" + name + "' is not a number of the text form: " + NON_FINITE);
        }
        Double constant = CONSTANTS.get(name);
        if (constant != null) {
            if (pos < text.length() && text.charAt(pos) == '[') {
                throw error(pos, "'" + name + "' is a constant, not a vector or matrix");
            }
            operands.push(graph.constant(constant));
        } else {
            operands.push(variable(name, start));
        }
        return false;
    }

    private Node variable(String name, int start) {
        boolean indexed = pos < text.length() && text.charAt(pos) == '[';
        if (!graph.hasVariable(name)) {
            if (!declareUnknown || indexed) {
                throw error(start, "unknown variable '" + name + "'");
            }
            try {
                return graph.scalar(name, Role.DATA);
            } catch (IllegalArgumentException e) {
                throw error(start, e.getMessage(), e);
            }
        }
        Tensor t = graph.tensor(name);
        if (!indexed) {
            if (t.rank() != 0) {
                throw error(start, "variable '" + name + "' has shape " + t.shapeText()
                        + "; name one coordinate, as " + name + (t.rank() == 1 ? "[0]" : "[0,0]"));
            }
            return t.scalar();
        }
        int bracket = pos;
        pos++;
        int i = readIndex();
        int j = -1;
        skipSpace();
        if (pos < text.length() && text.charAt(pos) == ',') {
            pos++;
            j = readIndex();
            skipSpace();
        }
        if (pos >= text.length() || text.charAt(pos) != ']') {
            throw error(pos, "expected ']', found " + found());
        }
        pos++;
        try {
            if (t.rank() == 1 && j < 0) {
                return t.get(i);
            }
            if (t.rank() == 2 && j >= 0) {
                return t.get(i, j);
            }
        } catch (IndexOutOfBoundsException e) {
            throw error(bracket, "variable '" + name + "': " + e.getMessage(), e);
        }
        throw error(bracket, "variable '" + name + "' has shape " + t.shapeText() + "; the index does not fit it");
    }

    private int readIndex() {
        skipSpace();
        int start = pos;
        if (skipDigits() == 0) {
            throw error(pos, "expected an index (digits 0-9), found " + found());
        }
        try {
            return Integer.parseInt(text.substring(start, pos));
        } catch (NumberFormatException e) {
            throw error(start, "index " + text.substring(start, pos) + " is too large");
        }
    }

    private void binary(Pending op) {
        boolean rightAssociative = op.kind == '^';
        while (!operators.isEmpty()) {
            Pending top = operators.peek();
            int tp = top.precedence();
            if (tp < 0 || tp < op.precedence() || (tp == op.precedence() && rightAssociative)) {
                break;
            }
            apply(operators.pop());
        }
        operators.push(op);
    }

    private void closeParen(int at) {
        while (!operators.isEmpty() && operators.peek().precedence() >= 0) {
            apply(operators.pop());
        }
        if (operators.isEmpty()) {
            throw error(at, "')' without a matching '('");
        }
        Pending open = operators.pop();
        if (open.kind == 'f') {
            call(open);
        }
    }

    private void comma(int at) {
        while (!operators.isEmpty() && operators.peek().precedence() >= 0) {
            apply(operators.pop());
        }
        if (operators.isEmpty() || operators.peek().kind != 'f') {
            throw error(at, "',' outside the arguments of a function call");
        }
        operators.peek().arguments++;
    }

    private void apply(Pending p) {
        try {
            if (p.kind == 'u') {
                operands.push(operands.pop().neg());
                return;
            }
            Node b = operands.pop();
            Node a = operands.pop();
            operands.push(switch (p.kind) {
                case '+' -> a.plus(b);
                case '-' -> a.minus(b);
                case '*' -> a.times(b);
                case '/' -> a.div(b);
                default -> graph.pow(a, b);
            });
        } catch (ArithmeticException | IllegalArgumentException e) {
            throw error(p.position, e.getMessage(), e);
        }
    }

    private void call(Pending f) {
        int n = f.arguments;
        Node[] args = new Node[n];
        for (int i = n - 1; i >= 0; i--) {
            args[i] = operands.pop();
        }
        Op op = Op.valueOf(f.name.toUpperCase(Locale.ROOT));
        if (op == Op.TANGENT) {
            operands.push(tangent(f, args));
            return;
        }
        if (op.isLeaf()) {
            throw error(f.position, "'" + f.name + "' is not a function: write numbers and variables directly");
        }
        double parameter = 0;
        Node[] inputs = args;
        if (op.parameterised()) {
            if (n < 2 || !args[n - 1].isConstant()) {
                throw error(f.position, f.name + " takes its parameter as a number in its last argument");
            }
            parameter = args[n - 1].constantValue();
            inputs = java.util.Arrays.copyOf(args, n - 1);
        }
        if (!op.acceptsArity(inputs.length)) {
            throw error(f.position, f.name + " takes "
                    + (op.arity() == Op.VARIADIC ? "one or more" : String.valueOf(op.arity()))
                    + " argument" + (op.arity() == 1 ? "" : "s") + (op.parameterised() ? " and a parameter" : "")
                    + ", not " + inputs.length);
        }
        try {
            operands.push(graph.node(op, parameter, inputs));
        } catch (ArithmeticException | IllegalArgumentException e) {
            throw error(f.position, e.getMessage(), e);
        }
    }

    /** tangent(k): component k of the direction of a Hessian-vector product, k a non-negative int. */
    private Node tangent(Pending f, Node[] args) {
        double k = args.length == 1 && args[0].isConstant() ? args[0].constantValue() : -1;
        if (k != Math.rint(k) || k < 0 || k > Integer.MAX_VALUE) {
            throw error(f.position, "tangent takes one index, an integer from 0 to " + Integer.MAX_VALUE);
        }
        return graph.tangent((int) k);
    }
}
