package org.joule.graph;

import java.util.ArrayDeque;
import java.util.Deque;
import org.joule.runtime.Role;

/**
 * Reads the infix text form (grammar in {@link Printer}) into a graph. The parser is an
 * operator-precedence (shunting-yard) parser with explicit stacks, so nesting depth is
 * limited only by memory. Errors are {@link ParseException}s naming the position and what
 * was expected.
 *
 * <p>Identifiers name variables of the graph; with {@code declareUnknown}, an unknown plain
 * identifier is declared as a scalar data variable, in order of first appearance.
 * {@code y[3]} and {@code W[1,0]} name coordinates of declared vectors and matrices.
 */
public final class Parser {
    private static final int UNARY_PRECEDENCE = 3;

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

    private String found() {
        return pos >= text.length() ? "the end of the text" : "'" + text.charAt(pos) + "'";
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
                if (Character.isDigit(c) || c == '.') {
                    operands.push(constant(readNumber(), start));
                    expectOperand = false;
                } else if (c == '-') {
                    pos++;
                    skipSpace();
                    if (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
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

    private double readNumber() {
        int start = pos;
        while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
            pos++;
        }
        if (pos < text.length() && text.charAt(pos) == '.') {
            pos++;
            while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                pos++;
            }
        }
        if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
            int mark = pos;
            pos++;
            if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
                pos++;
            }
            if (pos >= text.length() || !Character.isDigit(text.charAt(pos))) {
                throw error(mark, "expected digits of an exponent after 'e'");
            }
            while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                pos++;
            }
        }
        String s = text.substring(start, pos);
        if (s.equals(".")) {
            throw error(start, "expected a number, found '.'");
        }
        return Double.parseDouble(s);
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
            if (!name.equals("tangent") && !Graph.isFunctionName(name)) {
                throw error(start, "unknown function '" + name + "'");
            }
            pos++;
            operators.push(new Pending('f', start, name));
            return true;
        }
        if (Graph.isFunctionName(name) || name.equals("tangent")) {
            throw error(pos, "expected '(' after the function name '" + name + "', found " + found());
        }
        operands.push(variable(name, start));
        return false;
    }

    private Node variable(String name, int start) {
        boolean indexed = pos < text.length() && text.charAt(pos) == '[';
        if (!graph.hasVariable(name)) {
            if (!declareUnknown || indexed) {
                throw error(start, "unknown variable '" + name + "'");
            }
            return graph.scalar(name, Role.DATA);
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
            throw error(bracket, "variable '" + name + "': " + e.getMessage());
        }
        throw error(bracket, "variable '" + name + "' has shape " + t.shapeText() + "; the index does not fit it");
    }

    private int readIndex() {
        skipSpace();
        int start = pos;
        while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
            pos++;
        }
        if (start == pos) {
            throw error(pos, "expected an index (digits), found " + found());
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
            throw error(p.position, e.getMessage());
        }
    }

    private void call(Pending f) {
        int n = f.arguments;
        Node[] args = new Node[n];
        for (int i = n - 1; i >= 0; i--) {
            args[i] = operands.pop();
        }
        if (f.name.equals("tangent")) {
            if (n != 1 || !args[0].isConstant() || args[0].constantValue() != Math.rint(args[0].constantValue())) {
                throw error(f.position, "tangent takes one integer index");
            }
            operands.push(graph.tangent((int) args[0].constantValue()));
            return;
        }
        Op op = Op.valueOf(f.name.toUpperCase(java.util.Locale.ROOT));
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
            throw error(f.position, e.getMessage());
        }
    }
}
