package org.joule.samples;

/**
 * The entry point of {@code joule.jar}: runs the command line ({@link Main#run}) and exits
 * the JVM with its status, 0 on success. Programs that run the command line inside their
 * own JVM call {@link Main#main} instead, which never exits.
 */
public final class Launcher {
    private Launcher() {
    }

    /** Runs {@code joule args...} and exits with its status. */
    public static void main(String[] args) {
        System.exit(Main.run(args));
    }
}
