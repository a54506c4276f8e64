package org.joule.runtime;

import java.util.Arrays;

/** Lists of non-negative integers as text ranges: {@code 0-15,18,20-21}. */
public final class Ranges {
    private Ranges() {
    }

    /**
     * The ranges form of {@code values}.
     *
     * @param values non-negative integers; runs of consecutive values become {@code lo-hi}
     * @return the ranges, separated by commas; empty for no values
     */
    public static String format(int[] values) {
        StringBuilder b = new StringBuilder();
        int i = 0;
        while (i < values.length) {
            int j = i;
            while (j + 1 < values.length && values[j + 1] == values[j] + 1) {
                j++;
            }
            if (b.length() > 0) {
                b.append(',');
            }
            b.append(values[i]);
            if (j > i) {
                b.append('-').append(values[j]);
            }
            i = j + 1;
        }
        return b.toString();
    }

    /**
     * Reads the form written by {@link #format(int[])}.
     *
     * @param text ranges as {@link #format(int[])} writes them
     * @return the integers, in the order written
     */
    public static int[] parse(String text) {
        if (text.isEmpty()) {
            return new int[0];
        }
        int[] out = new int[16];
        int n = 0;
        for (String part : text.split(",")) {
            int dash = part.indexOf('-');
            int lo = Integer.parseInt(dash < 0 ? part : part.substring(0, dash));
            int hi = dash < 0 ? lo : Integer.parseInt(part.substring(dash + 1));
            for (int v = lo; v <= hi; v++) {
                if (n == out.length) {
                    out = Arrays.copyOf(out, n * 2);
                }
                out[n++] = v;
            }
        }
        return Arrays.copyOf(out, n);
    }
}
