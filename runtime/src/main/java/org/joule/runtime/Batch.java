package org.joule.runtime;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * Sums an energy and its gradient over many data rows with shared parameters: the loss of a
 * data set, L(W) = sum_r E(y_r; W) and its gradient. Row coordinates (by default those of
 * the {@link Role#DATA} variables) are taken from a flat array of rows; every other
 * coordinate comes from the shared input array. A sum over no rows is 0, with a zero
 * gradient.
 *
 * <p>Rows are cut into blocks whose size depends only on the number of rows; each block is
 * summed in row order and the block sums are added in block order. The result is therefore
 * the same, bit for bit, whatever the number of threads. With a {@link CompiledEnergy} each
 * block runs the loop generated into its class (no argument checks per row, one work array
 * per thread, a monomorphic kernel call).
 *
 * <p>Threads: a batch owns no threads and holds nothing to close. The calling thread sums
 * blocks itself; up to {@code threads - 1} helpers are tasks in the shared, bounded, daemon
 * {@link ForkJoinPool#commonPool()}, so a call runs at most
 * {@code min(threads, commonPool parallelism + 1)} blocks at once. The caller never waits
 * for a helper that has not started (it takes the blocks left over), so a busy or
 * single-threaded common pool slows a call but cannot stall it.
 *
 * <p>Thread-safety: a batch is immutable, and its {@link EnergyFunction} is thread-safe by
 * contract, so one batch may be called from many threads at once, each with its own thread
 * count; calls share no state but the common pool, and each gives the same bits it gives
 * alone.
 */
public final class Batch {
    private static final int MAX_BLOCKS = 256;
    private static final int MIN_BLOCK = 64;

    private final EnergyFunction f;
    private final int[] rowCoordinates;

    private Batch(EnergyFunction f, int[] rowCoordinates) {
        this.f = f;
        this.rowCoordinates = rowCoordinates;
    }

    /**
     * A batch whose rows hold the coordinates of the variables with the given roles (default: DATA).
     *
     * @param f        the energy to sum; a {@link CompiledEnergy} runs its generated row loop
     * @param rowRoles the roles whose variables each row holds; none means {@link Role#DATA}
     * @return a batch over {@code f}
     */
    public static Batch of(EnergyFunction f, Role... rowRoles) {
        if (f == null) {
            throw new IllegalArgumentException("energy function is null");
        }
        Set<Role> roles = rowRoles.length == 0 ? Set.of(Role.DATA) : Set.of(rowRoles);
        List<Integer> idx = new ArrayList<>();
        for (Variable v : f.layout().variables()) {
            if (roles.contains(v.role())) {
                for (int k = 0; k < v.size(); k++) {
                    idx.add(v.offset() + k);
                }
            }
        }
        if (idx.isEmpty()) {
            throw new IllegalArgumentException("no variable has role " + roles + " in " + f.layout());
        }
        return new Batch(f, idx.stream().mapToInt(Integer::intValue).toArray());
    }

    /**
     * A batch whose rows hold the coordinates of the named variables, in layout order.
     *
     * @param f            the energy to sum
     * @param rowVariables names of the variables whose coordinates each row holds
     * @return a batch over {@code f}
     */
    public static Batch byVariables(EnergyFunction f, String... rowVariables) {
        if (f == null) {
            throw new IllegalArgumentException("energy function is null");
        }
        Set<String> names = Set.of(rowVariables);
        List<Integer> idx = new ArrayList<>();
        for (Variable v : f.layout().variables()) {
            if (names.contains(v.name())) {
                for (int k = 0; k < v.size(); k++) {
                    idx.add(v.offset() + k);
                }
            }
        }
        for (String name : rowVariables) {
            f.layout().variable(name); // names an unknown variable
        }
        if (idx.isEmpty()) {
            throw new IllegalArgumentException("rows need at least one variable");
        }
        return new Batch(f, idx.stream().mapToInt(Integer::intValue).toArray());
    }

    /**
     * Number of coordinates per row.
     *
     * @return the number of coordinates in one row of the rows array
     */
    public int rowLength() {
        return rowCoordinates.length;
    }

    /**
     * Single-threaded {@link #valueAndGradientSum(double[], double[], double[], int)}.
     *
     * @param x        shared inputs (row coordinates in it are ignored)
     * @param rows     rows one after another, {@link #rowLength()} numbers each
     * @param gradient output, length {@code wrtLength()}
     * @return the sum of the energy over the rows
     */
    public double valueAndGradientSum(double[] x, double[] rows, double[] gradient) {
        return valueAndGradientSum(x, rows, gradient, 1);
    }

    /**
     * Returns sum_r E(x with row r) and writes the summed gradient into {@code gradient}; over
     * no rows ({@code rows.length == 0}) the sum is 0 and the gradient zeros.
     *
     * @param x        shared inputs (row coordinates in it are ignored)
     * @param rows     rows one after another, {@link #rowLength()} numbers each
     * @param gradient output, length {@code wrtLength()}
     * @param threads  at most this many threads sum blocks at once, the caller included; at
     *                 least 1. The result does not depend on it.
     * @return the sum of the energy over the rows; 0 when there are no rows
     * @throws IllegalArgumentException naming the argument: a null or wrong-length array,
     *         rows not a whole number of rows, threads below 1
     */
    public double valueAndGradientSum(double[] x, double[] rows, double[] gradient, int threads) {
        return sum(x, rows, null, gradient, threads);
    }

    /**
     * Returns sum_r w_r E(x with row r) and writes sum_r w_r dE/dx (row r) into
     * {@code gradient}: the weighted sums an expectation under a distribution over rows needs
     * (the negative phase of a likelihood gradient). Blocks and their order are those of
     * {@link #valueAndGradientSum(double[], double[], double[], int)}, so the result is the
     * same bits for any thread count. A row of weight 0 is still evaluated (0 times a
     * non-finite energy is NaN, which is reported rather than hidden).
     *
     * @param x        shared inputs (row coordinates in it are ignored)
     * @param rows     rows one after another, {@link #rowLength()} numbers each
     * @param weights  one finite weight per row
     * @param gradient output, length {@code wrtLength()}
     * @param threads  at most this many threads, the caller included; at least 1
     * @return the weighted sum of the energies; 0 when there are no rows
     * @throws IllegalArgumentException naming the argument: a null or wrong-length array, a
     *         non-finite weight (with its row), threads below 1
     */
    public double weightedValueAndGradientSum(double[] x, double[] rows, double[] weights, double[] gradient,
                                              int threads) {
        int n = rowCount(rows);
        Checks.length(weights, n, "weights");
        for (int r = 0; r < n; r++) {
            if (!Double.isFinite(weights[r])) {
                throw new IllegalArgumentException("weights[" + r + "] is " + weights[r]);
            }
        }
        return sum(x, rows, weights, gradient, threads);
    }

    /**
     * The energy of every row: {@code out[r] = E(x with row r)}.
     *
     * @param x       shared inputs (row coordinates in it are ignored)
     * @param rows    rows one after another, {@link #rowLength()} numbers each
     * @param threads at most this many threads, the caller included; at least 1. Each value
     *                is computed alone, so the result does not depend on it.
     * @return one energy per row
     * @throws IllegalArgumentException naming the argument: a null or wrong-length array,
     *         rows not a whole number of rows, threads below 1
     */
    public double[] values(double[] x, double[] rows, int threads) {
        Checks.length(x, f.layout().size(), "x");
        int n = rowCount(rows);
        checkThreads(threads);
        double[] out = new double[n];
        int block = blockSize(n);
        run((n + block - 1) / block, threads, b -> {
            double[] xl = x.clone();
            for (int r = b * block; r < Math.min(n, (b + 1) * block); r++) {
                load(xl, rows, r);
                out[r] = f.value(xl);
            }
        });
        return out;
    }

    /**
     * Number of rows in a rows array.
     *
     * @param rows rows one after another, {@link #rowLength()} numbers each
     * @return {@code rows.length / rowLength()}
     * @throws IllegalArgumentException for null or a length that is not a multiple of the row length
     */
    public int rowCount(double[] rows) {
        if (rows == null || rows.length % rowCoordinates.length != 0) {
            throw new IllegalArgumentException("rows has length " + (rows == null ? "null" : rows.length)
                    + "; expected a multiple of the row length " + rowCoordinates.length);
        }
        return rows.length / rowCoordinates.length;
    }

    private static void checkThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, not " + threads);
        }
    }

    /** Rows per block: depends only on the number of rows, so results do not depend on threads. */
    private static int blockSize(int n) {
        return Math.max(MIN_BLOCK, (n + MAX_BLOCKS - 1) / MAX_BLOCKS);
    }

    private double sum(double[] x, double[] rows, double[] weights, double[] gradient, int threads) {
        Checks.length(x, f.layout().size(), "x");
        Checks.length(gradient, f.wrtLength(), "gradient");
        int n = rowCount(rows);
        checkThreads(threads);
        int block = blockSize(n);
        int blocks = (n + block - 1) / block;
        int m = f.wrtLength();
        double[][] partial = new double[blocks][m + 1];
        run(blocks, threads,
                b -> sumBlock(x, rows, weights, b * block, Math.min(n, (b + 1) * block), partial[b]));
        double value = 0;
        Arrays.fill(gradient, 0);
        for (double[] p : partial) {
            value += p[m];
            for (int j = 0; j < m; j++) {
                gradient[j] += p[j];
            }
        }
        return value;
    }

    /** Runs blocks 0..blocks-1 on the caller and up to threads - 1 common-pool helpers. */
    private static void run(int blocks, int threads, IntConsumer block) {
        Blocks work = new Blocks(blocks, block);
        // more helpers than the common pool has workers could only queue up
        int helpers = Math.min(Math.min(threads, blocks) - 1, ForkJoinPool.getCommonPoolParallelism());
        for (int t = 0; t < helpers; t++) {
            ForkJoinPool.commonPool().execute(work::run);
        }
        work.run();
        work.await();
    }

    /**
     * The blocks of one call: workers claim them from a shared counter, and a latch counts
     * the claimed blocks that are done. Once the caller's own loop ends every block is
     * claimed, so it waits only for blocks that running helpers hold; a helper that starts
     * late finds nothing to claim. The first failure is kept and thrown by the caller; the
     * blocks claimed after it are skipped.
     */
    private static final class Blocks {
        private final int count;
        private final IntConsumer sum;
        private final AtomicInteger next = new AtomicInteger();
        private final CountDownLatch done;
        private final AtomicReference<Throwable> failure = new AtomicReference<>();

        Blocks(int count, IntConsumer sum) {
            this.count = count;
            this.sum = sum;
            this.done = new CountDownLatch(count);
        }

        void run() {
            for (int b = next.getAndIncrement(); b < count; b = next.getAndIncrement()) {
                try {
                    if (failure.get() == null) {
                        sum.accept(b);
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                } finally {
                    done.countDown();
                }
            }
        }

        void await() {
            try {
                done.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while helpers were summing rows", e);
            }
            Throwable t = failure.get();
            if (t instanceof RuntimeException r) {
                throw r;
            }
            if (t instanceof Error e) {
                throw e;
            }
            if (t != null) {
                throw new IllegalStateException(t);
            }
        }
    }

    private void sumBlock(double[] x, double[] rows, double[] weights, int from, int to, double[] out) {
        int m = f.wrtLength();
        double[] acc = new double[m + 1]; // accumulated privately: no false sharing with other blocks
        double[] xl = x.clone();
        double[] g = new double[m];
        double value = 0;
        if (weights == null && f instanceof CompiledEnergy compiled) {
            value = compiled.gradientRowsUnchecked(xl, rows, from, to, rowCoordinates, acc, g);
        } else {
            for (int r = from; r < to; r++) {
                load(xl, rows, r);
                double w = weights == null ? 1 : weights[r];
                value += w * f.valueAndGradient(xl, g);
                for (int j = 0; j < m; j++) {
                    acc[j] += w * g[j];
                }
            }
        }
        acc[m] = value;
        System.arraycopy(acc, 0, out, 0, m + 1);
    }

    private void load(double[] xl, double[] rows, int r) {
        int len = rowCoordinates.length;
        int base = r * len;
        for (int i = 0; i < len; i++) {
            xl[rowCoordinates[i]] = rows[base + i];
        }
    }
}
