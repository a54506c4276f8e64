package org.joule.runtime.training;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ForkJoinPool;

/**
 * Runs independent pieces of work over indices 0..n−1 in contiguous ranges, the calling thread
 * taking the first range and common-pool tasks the others. Each index must depend on nothing
 * but itself (its own random stream, its own row), so the result does not depend on how the
 * indices are cut.
 */
final class Workers {

    /** Work over the indices {@code from} (inclusive) to {@code to} (exclusive). */
    interface Range {
        void run(int from, int to);
    }

    private Workers() {
    }

    static void forRanges(int n, int threads, Range range) {
        int parts = Math.max(1, Math.min(threads, n));
        List<CompletableFuture<Void>> helpers = new ArrayList<>();
        for (int p = 1; p < parts; p++) {
            int from = start(n, parts, p);
            int to = start(n, parts, p + 1);
            helpers.add(CompletableFuture.runAsync(() -> range.run(from, to), ForkJoinPool.commonPool()));
        }
        range.run(0, start(n, parts, 1));
        for (CompletableFuture<Void> h : helpers) {
            try {
                h.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw e;
            }
        }
    }

    private static int start(int n, int parts, int p) {
        return (int) ((long) n * p / parts);
    }
}
