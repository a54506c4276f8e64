package org.joule.graph;

/**
 * Bad expression text: the message names the 0-based character position and what was
 * expected there, and repeats the text with a caret under the culprit.
 */
public final class ParseException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    /**
     * The 0-based position of the culprit in the text.
     *
     */
    private final int position;

    ParseException(String text, int position, String message) {
        this(text, position, message, null);
    }

    /** A parse error caused by {@code cause}, such as the graph refusing to build a node. */
    ParseException(String text, int position, String message, Throwable cause) {
        super("at position " + position + ": " + message + "\n  " + excerpt(text, position), cause);
        this.position = position;
    }

    /**
     * The 0-based position of the culprit in the text.
     *
     * @return the position, 0 or more; the text's length when the text ended too early
     */
    public int position() {
        return position;
    }

    private static String excerpt(String text, int position) {
        int from = Math.max(0, position - 40);
        int to = Math.min(text.length(), position + 40);
        String shown = (from > 0 ? "..." : "") + text.substring(from, to) + (to < text.length() ? "..." : "");
        int caret = position - from + (from > 0 ? 3 : 0);
        return shown + "\n  " + " ".repeat(Math.max(0, caret)) + "^";
    }
}
