package org.joule.runtime;

/**
 * Argument checks shared by interpreted and compiled energy functions, so both reject bad
 * input with the same message before computing anything.
 */
public final class Checks {
    private Checks() {
    }

    /**
     * Throws an {@link IllegalArgumentException} naming {@code what} when {@code array} is
     * null or its length is not {@code expected}.
     *
     * @param array    the array to check
     * @param expected its required length
     * @param what     the argument's name, for the message
     * @return the array, for chaining
     */
    public static double[] length(double[] array, int expected, String what) {
        if (array == null) {
            throw new IllegalArgumentException(what + " is null; expected an array of length " + expected);
        }
        if (array.length != expected) {
            throw new IllegalArgumentException(what + " has length " + array.length + "; expected " + expected);
        }
        return array;
    }
}
