package org.joule.samples;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options every sample command shares, held once: where the figures go, the seed and the
 * number of threads (a picocli mixin), and the range check all the samples' options use.
 */
final class SampleOptions {
    /** The most threads --threads may ask for. */
    static final int MAX_THREADS = 1024;

    @Option(names = "--out", defaultValue = ".",
            description = "directory for the figures, created if needed (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--seed", defaultValue = "1", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--threads", defaultValue = "2",
            description = "threads to use; the results do not depend on it (default: ${DEFAULT-VALUE})")
    int threads;

    /** Checks --threads and --out (creating the directory), before any work. */
    void check() {
        inRange("--threads", threads, 1, MAX_THREADS);
        Outputs.checkDirectory("--out", out);
    }

    /**
     * Checks that an option's value lies in [lo, hi].
     *
     * @throws IllegalArgumentException naming the option and the bound it breaks
     */
    static void inRange(String option, long value, long lo, long hi) {
        if (value < lo) {
            throw new IllegalArgumentException(option + " must be at least " + lo + ", not " + value);
        }
        if (value > hi) {
            throw new IllegalArgumentException(option + " must be at most " + hi + ", not " + value);
        }
    }
}
