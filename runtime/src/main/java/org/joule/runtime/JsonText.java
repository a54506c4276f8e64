package org.joule.runtime;

import java.util.regex.Pattern;

/**
 * The small JSON text that Joule's command-line tools write and the numbers they read, kept
 * in one place so that {@code joule eval} and {@link Run} print the same bits alike.
 *
 * <p>A finite double is written with {@link Double#toString(double)}, which parses back to
 * the same double; NaN and the infinities, which JSON numbers cannot express, as the strings
 * {@code "NaN"}, {@code "Infinity"} and {@code "-Infinity"}.
 */
public final class JsonText {
    /** A decimal number as the expression grammar writes it, with an optional sign. */
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private JsonText() {
    }

    /**
     * {@code v} as a JSON value: a number, or one of the strings "NaN", "Infinity", "-Infinity".
     *
     * @param v the double to write; any value, including NaN and the infinities
     * @return {@link Double#toString(double)} of {@code v} if it is finite, otherwise its
     *         name in double quotes
     */
    public static String number(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "\"" + v + "\"";
    }

    /**
     * {@code s} as a JSON string, quoted and escaped.
     *
     * @param s the text to quote; not null
     * @return {@code s} in double quotes, with quotes and backslashes escaped, newline, carriage
     *         return and tab as {@code \n}, {@code \r}, {@code \t}, and other control
     *         characters below U+0020 as four-hex-digit Unicode escapes
     */
    public static String string(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /**
     * Reads a number given on a command line: a decimal such as {@code -1.5e-3}, or
     * {@code NaN}, {@code Infinity}, {@code -Infinity}.
     *
     * @param text the command-line word; surrounding whitespace is ignored, and
     *        {@code +Infinity} is accepted as well as {@code Infinity}
     * @return the value {@code text} names, a decimal rounded to the nearest double
     * @throws IllegalArgumentException saying what is wrong with {@code text}: not a number
     *         (hexadecimal and Java suffixes such as {@code 1d} are not numbers here), or a
     *         decimal outside the range of a double
     */
    public static double parseNumber(String text) {
        String t = text.strip();
        switch (t) {
            case "NaN":
                return Double.NaN;
            case "Infinity", "+Infinity":
                return Double.POSITIVE_INFINITY;
            case "-Infinity":
                return Double.NEGATIVE_INFINITY;
            default:
                break;
        }
        if (!DECIMAL.matcher(t).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a number");
        }
        double v = Double.parseDouble(t);
        if (Double.isInfinite(v)) {
            throw new IllegalArgumentException("'" + text + "' is out of the range of a double");
        }
        return v;
    }
}
