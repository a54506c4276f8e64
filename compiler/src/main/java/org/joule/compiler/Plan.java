package org.joule.compiler;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;
import org.joule.graph.Op;
import org.joule.graph.Program;

/**
 * The lowering of one straight-line {@link Program} to methods: where each instruction's
 * value lives and which method computes it.
 *
 * <p>The instructions are cut into segments whose bytecode stays well below HotSpot's
 * 8,000-byte limit for JIT compilation. Within a segment a value lives in a local variable;
 * a value that a later segment reads is also stored in the work array w, in a slot reused by
 * liveness (a slot is free again after the last read of its value). Leaves (constants,
 * inputs, tangents) are never stored: they are loaded where they are used. The first
 * {@link #scratch} slots of w carry the arguments of n-ary helper calls.
 *
 * <p>An n-ary instruction too wide for one segment is {@linkplain Split split}: its
 * arguments are read in pieces over consecutive segments, and the op's own sequence of
 * floating-point operations runs unchanged across them, so the result is the same bits as
 * unsplit code and as the interpreter. A fold (min, max) carries its running value from one
 * piece to the next in a work-array slot, continuing {@code m = Math.min(m, a_i)} exactly as
 * {@code Numerics.min} does; a helper call (log-sum-exp, argmin, argmax) has its arguments
 * staged into the scratch slots piece by piece and is called once, by the last piece, on all
 * of them. Only the last piece produces the value, and {@link #segmentOf} names its segment.
 *
 * <p>A value written to many output entries is stored by the instruction itself to the first
 * {@link #MAX_SINKS} of them; the others are copied in the tail, which is cut like the
 * instructions, so no single value makes a method grow with the number of outputs.
 */
final class Plan {
    /** Estimated bytecode budget of one segment, with headroom below the 8,000-byte JIT limit. */
    static final int SEGMENT_BYTES = 7_000;
    /** Output entries an instruction stores itself; further entries of the same value are tail copies. */
    static final int MAX_SINKS = 8;
    private static final int STORE_BYTES = 12; // aload out, push j, load a leaf or a w element (at most 5), dastore
    /** A piece's carry: aload w, push slot, (fold), dastore; then aload w, push slot, daload. */
    private static final int CARRY_BYTES = 5 + 5;

    /**
     * The pieces of an instruction too wide for one segment: piece j reads arguments
     * {@code [from(j), ends[j])} in segment {@code firstSegment + j}; the last piece computes
     * the value. Piece boundaries depend only on estimated sizes, never on values.
     */
    static final class Split {
        final int firstSegment;
        final int[] ends;
        /** The work-array slot that carries a fold's running value between pieces, or -1. */
        int carry = -1;

        Split(int firstSegment, int[] ends) {
            this.firstSegment = firstSegment;
            this.ends = ends;
        }

        int from(int piece) {
            return piece == 0 ? 0 : ends[piece - 1];
        }

        /** The segment in which argument i is read. */
        int segmentOf(int argument) {
            int j = Arrays.binarySearch(ends, argument + 1);
            return firstSegment + (j >= 0 ? j : -j - 1);
        }
    }

    final Program program;
    private final int segmentBytes;
    /** Per instruction, the segment that computes its value (for a split one, its last piece's). */
    final int[] segmentOf;
    final List<int[]> segments = new ArrayList<>(); // [first instruction, end instruction, first tail, end tail]
    /** Per instruction, its pieces when split over several segments, else null. */
    final Split[] splits;
    final int[] wSlot;
    final int[] lastUse;
    final int[] lastLocalUse;
    final int scratch;
    private int workSize;
    /** Per instruction, the output-array indices it is written to (null when none). */
    final int[][] sinks;
    /** The instruction whose value the kernel returns, or -1. */
    final int returned;
    /**
     * Outputs written after the instructions: pairs (instruction, array index or -1 for the
     * return); leaf outputs, and the outputs of a value beyond its first {@link #MAX_SINKS}.
     */
    final int[][] tail;
    private int open;      // first instruction of the segment being filled by cut
    private int openBytes; // its estimated size

    /**
     * @param returned   the program output that the kernel returns, or -1
     * @param arrayFirst program output index stored to out[0]; outputs from it on go to out[j - arrayFirst]
     * @param arrayCount number of outputs stored to the out array
     */
    Plan(Program p, int returned, int arrayFirst, int arrayCount, int segmentBytes) {
        this.program = p;
        this.segmentBytes = segmentBytes;
        int n = p.size();
        segmentOf = new int[n];
        splits = new Split[n];
        wSlot = new int[n];
        lastUse = new int[n];
        lastLocalUse = new int[n];
        sinks = new int[n][];
        Arrays.fill(wSlot, -1);
        Arrays.fill(lastUse, -1);
        int scratchSize = 0;
        for (int k = 0; k < n; k++) {
            Op op = p.op(k);
            if (OpEmitters.RULES.get(op).operands() == OpEmitters.Operands.SCRATCH) {
                scratchSize = Math.max(scratchSize, p.arity(k));
            }
            for (int i = 0; i < p.arity(k); i++) {
                lastUse[p.input(k, i)] = k;
            }
        }
        this.scratch = scratchSize;
        List<int[]> tailItems = new ArrayList<>();
        int returnedInstruction = returned < 0 ? -1 : p.output(returned);
        for (int j = 0; j < arrayCount; j++) {
            int k = p.output(arrayFirst + j);
            if (p.op(k).isLeaf()) {
                tailItems.add(new int[] {k, j});
            } else if (sinks[k] != null && sinks[k].length >= MAX_SINKS) {
                tailItems.add(new int[] {k, j});
                lastUse[k] = n; // read by the tail
            } else {
                sinks[k] = sinks[k] == null ? new int[] {j} : append(sinks[k], j);
            }
        }
        if (returnedInstruction >= 0 && p.op(returnedInstruction).isLeaf()) {
            tailItems.add(new int[] {returnedInstruction, -1});
            returnedInstruction = -1; // a leaf return is loaded by the kernel itself
        }
        this.returned = returnedInstruction;
        this.tail = tailItems.toArray(new int[0][]);
        cut(p);
        assignSlots(p);
    }

    private static int[] append(int[] a, int v) {
        int[] b = Arrays.copyOf(a, a.length + 1);
        b[a.length] = v;
        return b;
    }

    /** Bytes of pushing int v: iconst, bipush, sipush or ldc_w. */
    private static int pushBytes(int v) {
        return v >= -1 && v <= 5 ? 1 : v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE ? 2 : 3;
    }

    /** Loading a double[] element: aload, push index, daload. */
    private static int elementBytes(int index) {
        return 1 + pushBytes(index) + 1;
    }

    private static int operandBytes(Program p, int in) {
        return switch (p.op(in)) {
            case CONST -> 3;
            case VAR, TANGENT -> elementBytes((int) p.parameter(in));
            default -> 5; // dload, or an element of w
        };
    }

    /** Bytes that argument i of instruction k adds: its load, and its own fold or scratch store. */
    private static int argumentBytes(Program p, int k, int i) {
        Op op = p.op(k);
        int bytes = operandBytes(p, p.input(k, i));
        if (OpEmitters.RULES.get(op).operands() == OpEmitters.Operands.SCRATCH) {
            return bytes + 1 + pushBytes(i) + 1; // aload w, push i, ..., dastore
        }
        return bytes + (OpEmitters.folds(op) && i > 0 ? 3 : 0);
    }

    /** Bytes of instruction k apart from its arguments: the op itself and storing its value. */
    private int fixedBytes(Program p, int k) {
        Op op = p.op(k);
        int bytes = switch (OpEmitters.RULES.get(op).operands()) {
            case SCRATCH -> 1 + 1 + pushBytes(p.arity(k)) + 3;
            default -> OpEmitters.folds(op) ? 0 : op.parameterised() ? 6 : 3;
        };
        bytes += 2; // dstore
        boolean farUse = lastUse[k] - k > 64;
        int stores = (farUse ? 1 : 0) + (sinks[k] == null ? 0 : sinks[k].length);
        return bytes + stores * (1 + 3 + 2 + 1);
    }

    /**
     * A close estimate of the bytecode instruction k emits (see SegmentEmitter). It is not a
     * bound: the assembler measures every method and plans again with a smaller budget in the
     * rare case one comes out too large.
     */
    private int estimate(Program p, int k) {
        if (p.op(k).isLeaf()) {
            return 0;
        }
        int bytes = fixedBytes(p, k);
        for (int i = 0; i < p.arity(k); i++) {
            bytes += argumentBytes(p, k, i);
        }
        return bytes;
    }

    private void close(int end, int tailFrom, int tailTo) {
        segments.add(new int[] {open, end, tailFrom, tailTo});
        openBytes = 0;
    }

    private void cut(Program p) {
        int n = p.size();
        for (int k = 0; k < n; k++) {
            int e = estimate(p, k);
            if (e > segmentBytes && OpEmitters.splittable(p.op(k))) {
                split(p, k);
                continue;
            }
            if (openBytes + e > segmentBytes && openBytes > 0) {
                close(k, 0, 0);
                open = k;
            }
            segmentOf[k] = segments.size();
            openBytes += e;
        }
        int tailStart = 0;
        for (int t = 0; t < tail.length; t++) {
            if (openBytes + STORE_BYTES > segmentBytes && openBytes > 0) {
                close(n, tailStart, t);
                open = n;
                tailStart = t;
            }
            openBytes += STORE_BYTES;
        }
        close(n, tailStart, tail.length);
    }

    /**
     * Cuts the arguments of instruction k into pieces that each fit a segment: the first
     * piece fills the open segment when room is left, every piece reads at least one argument.
     */
    private void split(Program p, int k) {
        int arity = p.arity(k);
        int reserve = fixedBytes(p, k) + CARRY_BYTES;
        if (openBytes > 0 && openBytes + reserve + argumentBytes(p, k, 0) > segmentBytes) {
            close(k, 0, 0);
            open = k;
        }
        int first = segments.size();
        int[] ends = new int[arity];
        int pieces = 0;
        int from = 0;
        openBytes += reserve;
        for (int i = 0; i < arity; i++) {
            int a = argumentBytes(p, k, i);
            if (i > from && openBytes + a > segmentBytes) {
                ends[pieces++] = i;
                close(k + 1, 0, 0);
                open = k;
                openBytes = reserve;
                from = i;
            }
            openBytes += a;
        }
        ends[pieces++] = arity;
        if (pieces > 1) {
            splits[k] = new Split(first, Arrays.copyOf(ends, pieces));
        }
        segmentOf[k] = segments.size();
    }

    /** The piece of instruction k emitted in segment s: its arguments [from, to). */
    int argumentsFrom(int k, int s) {
        Split split = splits[k];
        return split == null ? 0 : split.from(s - split.firstSegment);
    }

    /** End (exclusive) of the arguments of instruction k read in segment s. */
    int argumentsTo(int k, int s) {
        Split split = splits[k];
        return split == null ? program.arity(k) : split.ends[s - split.firstSegment];
    }

    /** The work-array slot carrying the running value of split instruction k, or -1. */
    int carry(int k) {
        return splits[k] == null ? -1 : splits[k].carry;
    }

    private int readSegment(int k, int i) {
        return splits[k] == null ? segmentOf[k] : splits[k].segmentOf(i);
    }

    private void assignSlots(Program p) {
        int n = p.size();
        int count = segments.size();
        boolean multi = count > 1;
        int[] lastRead = new int[n]; // the last segment that reads each value
        Arrays.fill(lastRead, -1);
        Arrays.fill(lastLocalUse, -1);
        for (int k = 0; k < n; k++) {
            for (int i = 0; i < p.arity(k); i++) {
                int in = p.input(k, i);
                if (p.op(in).isLeaf()) {
                    continue;
                }
                int s = readSegment(k, i);
                lastRead[in] = Math.max(lastRead[in], s);
                if (s == segmentOf[in]) {
                    lastLocalUse[in] = k;
                }
            }
        }
        for (int s = 0; s < count; s++) {
            int[] range = segments.get(s);
            for (int t = range[2]; t < range[3]; t++) {
                int k = tail[t][0];
                if (!p.op(k).isLeaf()) {
                    lastRead[k] = Math.max(lastRead[k], s);
                    if (s == segmentOf[k]) {
                        lastLocalUse[k] = n;
                    }
                }
            }
        }
        if (returned >= 0) {
            if (multi) {
                lastUse[returned] = n; // read by the kernel after the last segment
                lastRead[returned] = count;
            } else {
                lastLocalUse[returned] = n;
            }
        }
        PriorityQueue<long[]> busy = new PriorityQueue<>((a, b) -> Long.compare(a[0], b[0]));
        PriorityQueue<Integer> free = new PriorityQueue<>();
        int next = scratch;
        for (int k = 0; k < n; k++) {
            while (!busy.isEmpty() && busy.peek()[0] < k) {
                free.add((int) busy.poll()[1]);
            }
            if (p.op(k).isLeaf()) {
                continue;
            }
            if (splits[k] != null && OpEmitters.folds(p.op(k))) {
                int slot = free.isEmpty() ? next++ : free.poll();
                splits[k].carry = slot;
                busy.add(new long[] {k, slot}); // free once instruction k is done
            }
            if (lastRead[k] > segmentOf[k]) {
                int slot = free.isEmpty() ? next++ : free.poll();
                wSlot[k] = slot;
                busy.add(new long[] {lastUse[k], slot});
            }
        }
        this.workSize = multi || scratch > 0 ? Math.max(next, scratch) : 0;
    }

    /** Length of the work array this program needs (0 when one segment keeps all in locals). */
    int workSize() {
        return workSize;
    }

    /** The leaf whose value the kernel returns, or -1. */
    int returnedLeaf() {
        for (int[] t : tail) {
            if (t[1] < 0) {
                return t[0];
            }
        }
        return -1;
    }

    boolean singleSegment() {
        return segments.size() == 1;
    }
}
