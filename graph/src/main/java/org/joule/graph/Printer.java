package org.joule.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.joule.runtime.Variable;

/**
 * Text forms of an expression: infix that {@link Parser} reads back to the same node, and
 * LaTeX for papers and notebooks. One table per style, keyed by {@link Op}, says how each op
 * is written; one iterative walk expands it, so any depth is fine.
 *
 * <p>Infix grammar (what is printed and parsed), loosest first: {@code a + b}, {@code a - b}
 * (left associative); {@code a * b}, {@code a / b} (left associative); unary {@code -a};
 * {@code a^n} (right associative; an integer n is an integer power, {@code a^2} the square);
 * atoms: numbers, variables ({@code x}, {@code y[3]}, {@code W[1,0]}), parenthesised
 * expressions and calls {@code name(args)} of every op's {@link Op#textName()}, with the
 * parameter of a parameterised op as the last argument. Shared subexpressions are written
 * out in full each time they are used.
 */
public final class Printer {
    /** Default cap on the length of printed text. */
    public static final long DEFAULT_MAX_LENGTH = 50_000_000L;

    /** The output style. */
    public enum Style {
        /** Text that {@link Parser} reads back to the same node. */
        INFIX,
        /** LaTeX math for papers and notebooks. */
        LATEX
    }

    private static final int SUM = 1;
    private static final int PRODUCT = 2;
    private static final int UNARY = 3;
    private static final int POWER = 4;
    private static final int ATOM = 5;

    /** What a format writes: text, or a child printed at a minimum precedence. */
    private interface Out {
        void text(String s);

        void child(Node n, int minPrecedence);
    }

    private interface Format {
        void write(Node n, Out out);
    }

    private record Entry(int precedence, Format format) {
    }

    private static final Map<Op, Entry> INFIX = new EnumMap<>(Op.class);
    private static final Map<Op, Entry> LATEX = new EnumMap<>(Op.class);

    private Printer() {
    }

    /**
     * The infix form of {@code n}.
     *
     * @param n any node
     * @return text that {@link Parser} reads back to {@code n}
     * @throws IllegalStateException past the default length cap
     */
    public static String infix(Node n) {
        return print(n, Style.INFIX, DEFAULT_MAX_LENGTH);
    }

    /**
     * The LaTeX form of {@code n}.
     *
     * @param n any node
     * @return LaTeX math, without delimiters
     */
    public static String latex(Node n) {
        return print(n, Style.LATEX, DEFAULT_MAX_LENGTH);
    }

    /**
     * {@code n} in {@code style}, written with documented ops only: the helpers that
     * derivatives are made of ({@code stop}, {@code expshift}, {@code pick}, {@code argmin},
     * {@code argmax}) appear as what they stand for: the softmax as
     * {@code exp(a_i - logsumexp(a))}, the derivative of max and min as products of
     * {@code less} indicators, and so on. For people reading derivatives (the command line's
     * {@code diff}); the infix text parses back to an expression with the same values (up to
     * rounding in the softmax, and NaN where its arguments are all -infinity), though not to
     * the same node.
     *
     * @param n     the node to print, typically a derivative
     * @param style infix or LaTeX
     * @return the text of {@code n} with every helper op replaced by the documented ops it
     *         stands for
     * @throws IllegalStateException past the default length cap
     */
    public static String readable(Node n, Style style) {
        return print(DocumentedForm.of(n), style, DEFAULT_MAX_LENGTH);
    }

    /**
     * Prints {@code n} in {@code style}.
     *
     * @param n         any node
     * @param style     infix or LaTeX
     * @param maxLength the longest text allowed, in characters
     * @return the text
     * @throws IllegalStateException when the text would exceed {@code maxLength} characters
     *         (a graph with much sharing can expand exponentially when written as a tree)
     */
    public static String print(Node n, Style style, long maxLength) {
        Map<Op, Entry> table = style == Style.INFIX ? INFIX : LATEX;
        String open = style == Style.INFIX ? "(" : "\\left(";
        String close = style == Style.INFIX ? ")" : "\\right)";
        StringBuilder b = new StringBuilder();
        Deque<Object> stack = new ArrayDeque<>();
        stack.push(new Item(n, 0));
        List<Object> parts = new ArrayList<>();
        Out out = new Out() {
            public void text(String s) {
                parts.add(s);
            }

            public void child(Node c, int minPrecedence) {
                parts.add(new Item(c, minPrecedence));
            }
        };
        while (!stack.isEmpty()) {
            Object top = stack.pop();
            if (top instanceof String s) {
                b.append(s);
                if (b.length() > maxLength) {
                    throw new IllegalStateException("expression text exceeds " + maxLength
                            + " characters (shared subexpressions are written out in full)");
                }
                continue;
            }
            Item item = (Item) top;
            Entry e = table.get(item.node.op());
            if (e == null) {
                throw new IllegalStateException("no " + style + " printer row for op " + item.node.op().textName());
            }
            int precedence = precedenceOf(item.node, e);
            parts.clear();
            boolean paren = precedence < item.minPrecedence;
            if (paren) {
                parts.add(open);
            }
            e.format.write(item.node, out);
            if (paren) {
                parts.add(close);
            }
            for (int i = parts.size() - 1; i >= 0; i--) {
                stack.push(parts.get(i));
            }
        }
        return b.toString();
    }

    private record Item(Node node, int minPrecedence) {
    }

    private static int precedenceOf(Node n, Entry e) {
        if (n.op() == Op.CONST && (n.parameter() < 0 || Double.doubleToLongBits(n.parameter()) == Long.MIN_VALUE)) {
            return UNARY; // a negative number prints with its sign
        }
        return e.precedence;
    }

    /**
     * A number as text that parses back to the same double.
     *
     * @param v any double
     * @return the shortest text that parses back to {@code v}
     */
    public static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15 && Double.doubleToLongBits(v) != Long.MIN_VALUE) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    private static String coordinateName(Node n) {
        int index = (int) n.parameter();
        return n.graph().layout().coordinateName(index);
    }

    // ---------------------------------------------------------------- infix table

    private static void infix(Op op, int precedence, Format f) {
        INFIX.put(op, new Entry(precedence, f));
    }

    private static Format binary(String symbol, int left, int right) {
        return (n, o) -> {
            o.child(n.input(0), left);
            o.text(symbol);
            o.child(n.input(1), right);
        };
    }

    /** name(arg, arg, ...[, parameter]) */
    private static Format call(String name, String open, String close) {
        return (n, o) -> {
            o.text(name + open);
            for (int i = 0; i < n.arity(); i++) {
                if (i > 0) {
                    o.text(", ");
                }
                o.child(n.input(i), 0);
            }
            if (n.op().parameterised()) {
                o.text(", " + number(n.parameter()));
            }
            o.text(close);
        };
    }

    static {
        // ops written as calls of their text name, name(args[, parameter]); every other op has its own row
        for (Op op : new Op[] {Op.POW, Op.SQRT, Op.EXP, Op.LOG, Op.LOG1P, Op.EXPM1, Op.SIN, Op.COS, Op.TANH, Op.SECH2,
                Op.SIGMOID, Op.SOFTPLUS, Op.ABS, Op.RELU, Op.SIGN, Op.STEP, Op.LESS, Op.SELECT, Op.MIN, Op.MAX,
                Op.LOGSUMEXP, Op.ARGMIN, Op.ARGMAX, Op.PICK, Op.EXPSHIFT, Op.SHARE, Op.STOP}) {
            infix(op, ATOM, call(op.textName(), "(", ")"));
        }
        infix(Op.CONST, ATOM, (n, o) -> o.text(number(n.parameter())));
        infix(Op.VAR, ATOM, (n, o) -> o.text(coordinateName(n)));
        infix(Op.TANGENT, ATOM, (n, o) -> o.text("tangent(" + number(n.parameter()) + ")"));
        infix(Op.ADD, SUM, binary(" + ", SUM, PRODUCT));
        infix(Op.SUB, SUM, binary(" - ", SUM, PRODUCT));
        infix(Op.MUL, PRODUCT, binary(" * ", PRODUCT, UNARY));
        infix(Op.DIV, PRODUCT, binary(" / ", PRODUCT, UNARY));
        infix(Op.NEG, UNARY, (n, o) -> {
            o.text("-");
            o.child(n.input(0), n.input(0).isConstant() ? ATOM + 1 : UNARY);
        });
        infix(Op.SQUARE, POWER, (n, o) -> {
            o.child(n.input(0), ATOM);
            o.text("^2");
        });
        Format powiCall = call(Op.POWI.textName(), "(", ")"); // x^2 reads as the square: powi(x, 2) keeps its op
        infix(Op.POWI, POWER, (n, o) -> {
            if (n.parameter() == 2) {
                powiCall.write(n, o);
                return;
            }
            o.child(n.input(0), ATOM);
            o.text(n.parameter() < 0 ? "^(" + number(n.parameter()) + ")" : "^" + number(n.parameter()));
        });
    }

    // ---------------------------------------------------------------- LaTeX table

    private static void latex(Op op, int precedence, Format f) {
        LATEX.put(op, new Entry(precedence, f));
    }

    static {
        // ops without a notation of their own: \operatorname{name}(args[, parameter])
        for (Op op : new Op[] {Op.LOG1P, Op.EXPM1, Op.SOFTPLUS, Op.RELU, Op.SIGN, Op.STEP, Op.LESS, Op.SELECT,
                Op.LOGSUMEXP, Op.ARGMIN, Op.ARGMAX, Op.PICK, Op.EXPSHIFT, Op.SHARE, Op.STOP}) {
            latex(op, ATOM, call("\\operatorname{" + op.textName() + "}", "\\left(", "\\right)"));
        }
        latex(Op.CONST, ATOM, (n, o) -> o.text(number(n.parameter())));
        latex(Op.VAR, ATOM, (n, o) -> o.text(latexName(n)));
        latex(Op.TANGENT, ATOM, (n, o) -> o.text("v_{" + number(n.parameter()) + "}"));
        latex(Op.ADD, SUM, binary(" + ", SUM, PRODUCT));
        latex(Op.SUB, SUM, binary(" - ", SUM, PRODUCT));
        latex(Op.MUL, PRODUCT, binary(" \\cdot ", PRODUCT, UNARY));
        latex(Op.DIV, ATOM, (n, o) -> {
            o.text("\\frac{");
            o.child(n.input(0), 0);
            o.text("}{");
            o.child(n.input(1), 0);
            o.text("}");
        });
        latex(Op.NEG, UNARY, (n, o) -> {
            o.text("-");
            o.child(n.input(0), UNARY);
        });
        latex(Op.SQUARE, POWER, (n, o) -> {
            o.child(n.input(0), ATOM);
            o.text("^{2}");
        });
        latex(Op.POWI, POWER, (n, o) -> {
            o.child(n.input(0), ATOM);
            o.text("^{" + number(n.parameter()) + "}");
        });
        latex(Op.POW, POWER, (n, o) -> {
            o.child(n.input(0), ATOM);
            o.text("^{");
            o.child(n.input(1), 0);
            o.text("}");
        });
        latex(Op.SQRT, ATOM, (n, o) -> {
            o.text("\\sqrt{");
            o.child(n.input(0), 0);
            o.text("}");
        });
        latex(Op.ABS, ATOM, (n, o) -> {
            o.text("\\left|");
            o.child(n.input(0), 0);
            o.text("\\right|");
        });
        for (Op op : new Op[] {Op.EXP, Op.LOG, Op.SIN, Op.COS, Op.TANH, Op.MIN, Op.MAX}) {
            latex(op, ATOM, call("\\" + op.textName(), "\\left(", "\\right)"));
        }
        latex(Op.SIGMOID, ATOM, call("\\sigma", "\\left(", "\\right)"));
        latex(Op.SECH2, ATOM, call("\\operatorname{sech}^2", "\\left(", "\\right)"));
    }

    private static String latexName(Node n) {
        int index = (int) n.parameter();
        Variable v = n.graph().variableOf(n);
        String base = v.name().replace("_", "\\_");
        int k = index - v.offset();
        return switch (v.rank()) {
            case 0 -> base;
            case 1 -> base + "_{" + k + "}";
            default -> base + "_{" + (k / v.cols()) + "," + (k % v.cols()) + "}";
        };
    }

    /** The ops that have no row in {@code style}'s table (none, checked by tests). */
    static Set<Op> missingRows(Style style) {
        Set<Op> missing = EnumSet.allOf(Op.class);
        missing.removeAll((style == Style.INFIX ? INFIX : LATEX).keySet());
        return missing;
    }
}
