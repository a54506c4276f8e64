package org.joule.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sums an energy and its gradient over many data rows with shared parameters: the loss of a
 * data set, L(W) = sum_r E(y_r; W) and its gradient. Row coordinates (by default those of
 * the {@link Role#DATA} variables) are taken from a flat array of rows; every other
 * coordinate comes from the shared input array.
 *
 * <p>Rows are cut into blocks whose size depends only on the number of rows; each block is
 * summed in row order and the block sums are added in block order. The result is therefore
 * the same, bit for bit, whatever the number of threads. With a {@link CompiledEnergy} each
 * block runs the loop generated into its class (no argument checks per row, one work array
 * per thread, a monomorphic kernel call).
 */
public final class Batch {
    private static final int MAX_BLOCKS = 256;
    private static final int MIN_BLOCK = 64;

    private final EnergyFunction f;
    private final int[] rowCoordinates;
    private ExecutorService pool;
    private int poolSize;

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
     * Returns sum_r E(x with row r) and writes the summed gradient into {@code gradient}.
     *
     * @param x        shared inputs (row coordinates in it are ignored)
     * @param rows     rows one after another, {@link #rowLength()} numbers each
     * @param gradient output, length {@code wrtLength()}
     * @param threads  worker threads, at least 1; the result does not depend on it
     * @return the sum of the energy over the rows, the same bits for any number of threads
     */
    public double valueAndGradientSum(double[] x, double[] rows, double[] gradient, int threads) {
        Checks.length(x, f.layout().size(), "x");
        Checks.length(gradient, f.wrtLength(), "gradient");
        if (rows == null || rows.length % rowCoordinates.length != 0) {
            throw new IllegalArgumentException("rows has length " + (rows == null ? "null" : rows.length)
                    + "; expected a multiple of the row length " + rowCoordinates.length);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, not " + threads);
        }
        int n = rows.length / rowCoordinates.length;
        int block = Math.max(MIN_BLOCK, (n + MAX_BLOCKS - 1) / MAX_BLOCKS);
        int blocks = (n + block - 1) / block;
        int m = f.wrtLength();
        double[][] partial = new double[blocks][m + 1];
        // workers take blocks from a shared counter; the calling thread is one of them
        AtomicInteger next = new AtomicInteger();
        Runnable worker = () -> {
            for (int b = next.getAndIncrement(); b < blocks; b = next.getAndIncrement()) {
                sumBlock(x, rows, b * block, Math.min(n, (b + 1) * block), partial[b]);
            }
        };
        int helpers = Math.min(threads, blocks) - 1;
        List<Future<?>> running = new ArrayList<>(helpers);
        if (helpers > 0) {
            ExecutorService p = pool(helpers);
            for (int t = 0; t < helpers; t++) {
                running.add(p.submit(worker));
            }
        }
        worker.run();
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            }
        }
        double value = 0;
        java.util.Arrays.fill(gradient, 0);
        for (double[] p : partial) {
            value += p[m];
            for (int j = 0; j < m; j++) {
                gradient[j] += p[j];
            }
        }
        return value;
    }

    private synchronized ExecutorService pool(int helpers) {
        if (pool == null || poolSize != helpers) {
            if (pool != null) {
                pool.shutdown();
            }
            pool = Executors.newFixedThreadPool(helpers, r -> {
                Thread t = new Thread(r, "joule-batch");
                t.setDaemon(true);
                return t;
            });
            poolSize = helpers;
        }
        return pool;
    }

    private void sumBlock(double[] x, double[] rows, int from, int to, double[] out) {
        int m = f.wrtLength();
        double[] acc = new double[m + 1]; // accumulated privately: no false sharing with other blocks
        double[] xl = x.clone();
        double[] g = new double[m];
        double value = 0;
        if (f instanceof CompiledEnergy compiled) {
            value = compiled.gradientRowsUnchecked(xl, rows, from, to, rowCoordinates, acc, g);
        } else {
            int len = rowCoordinates.length;
            for (int r = from; r < to; r++) {
                int base = r * len;
                for (int i = 0; i < len; i++) {
                    xl[rowCoordinates[i]] = rows[base + i];
                }
                value += f.valueAndGradient(xl, g);
                for (int j = 0; j < m; j++) {
                    acc[j] += g[j];
                }
            }
        }
        acc[m] = value;
        System.arraycopy(acc, 0, out, 0, m + 1);
    }
}
