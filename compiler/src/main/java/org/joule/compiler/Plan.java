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
 */
final class Plan {
    /** Estimated bytecode budget of one segment, with headroom below the 8,000-byte JIT limit. */
    static final int SEGMENT_BYTES = 7_000;
    private static final int STORE_BYTES = 2 + 3 + 3 + 3 + 1; // aload out, push j, load leaf, dastore

    final Program program;
    private final int segmentBytes;
    final int[] segmentOf;
    final List<int[]> segments = new ArrayList<>(); // [first instruction, end instruction, first tail, end tail]
    final int[] wSlot;
    final int[] lastUse;
    final int[] lastLocalUse;
    final int scratch;
    private int workSize;
    /** Per instruction, the output-array indices it is written to (null when none). */
    final int[][] sinks;
    /** The instruction whose value the kernel returns, or -1. */
    final int returned;
    /** Leaf outputs, written after the instructions: pairs (instruction, array index or -1 for the return). */
    final int[][] tail;

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

    /**
     * A close estimate of the bytecode instruction k emits (see SegmentEmitter). It is not a
     * bound: the assembler measures every method and plans again with a smaller budget in the
     * rare case one comes out too large.
     */
    private int estimate(Program p, int k) {
        Op op = p.op(k);
        if (op.isLeaf()) {
            return 0;
        }
        int arity = p.arity(k);
        int bytes = 0;
        for (int i = 0; i < arity; i++) {
            bytes += operandBytes(p, p.input(k, i));
        }
        bytes += switch (OpEmitters.RULES.get(op).operands()) {
            case SCRATCH -> arity * (1 + pushBytes(arity) + 1) + 1 + 1 + pushBytes(arity) + 3;
            default -> OpEmitters.folds(op) ? 3 * (arity - 1) : op.parameterised() ? 6 : 3;
        };
        bytes += 2; // dstore
        boolean farUse = lastUse[k] - k > 64;
        int stores = (farUse ? 1 : 0) + (sinks[k] == null ? 0 : sinks[k].length);
        bytes += stores * (1 + 3 + 2 + 1);
        return bytes;
    }

    private void cut(Program p) {
        int n = p.size();
        int start = 0;
        int bytes = 0;
        for (int k = 0; k < n; k++) {
            int e = estimate(p, k);
            if (bytes + e > segmentBytes && bytes > 0) {
                segments.add(new int[] {start, k, 0, 0});
                start = k;
                bytes = 0;
            }
            segmentOf[k] = segments.size();
            bytes += e;
        }
        int tailStart = 0;
        for (int t = 0; t < tail.length; t++) {
            if (bytes + STORE_BYTES > segmentBytes && bytes > 0) {
                segments.add(new int[] {start, n, tailStart, t});
                start = n;
                tailStart = t;
                bytes = 0;
            }
            bytes += STORE_BYTES;
        }
        segments.add(new int[] {start, n, tailStart, tail.length});
    }

    private void assignSlots(Program p) {
        int n = p.size();
        boolean multi = segments.size() > 1;
        Arrays.fill(lastLocalUse, -1);
        for (int k = 0; k < n; k++) {
            for (int i = 0; i < p.arity(k); i++) {
                int in = p.input(k, i);
                if (!p.op(in).isLeaf() && segmentOf[in] == segmentOf[k]) {
                    lastLocalUse[in] = k;
                }
            }
        }
        if (returned >= 0) {
            if (multi) {
                lastUse[returned] = n; // read by the kernel after the last segment
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
            boolean exported = lastUse[k] >= 0
                    && (lastUse[k] >= n ? multi : segmentOf[lastUse[k]] != segmentOf[k]);
            if (exported) {
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
