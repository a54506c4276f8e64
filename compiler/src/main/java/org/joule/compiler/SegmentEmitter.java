package org.joule.compiler;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import org.joule.graph.Op;
import org.joule.graph.Program;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Emits the instructions of one segment of a {@link Plan}: one loop over the instructions
 * with small emit helpers, the per-op computation taken from {@link OpEmitters}. Local
 * variable slots are reused as soon as a value's last use in the segment has been emitted.
 */
final class SegmentEmitter {
    /** Local-variable indices of the method's parameters (-1 when absent) and the first free local. */
    record Params(int x, int v, int out, int w, int firstLocal) {
        /** The parameters of a static segment method (x, v, out, w). */
        static final Params SEGMENT = new Params(0, 1, 2, 3, 4);
    }

    private final Plan plan;
    private final Program p;
    private final int[] localOf;
    private int currentSegment = -1;

    SegmentEmitter(Plan plan) {
        this.plan = plan;
        this.p = plan.program;
        this.localOf = new int[p.size()];
    }

    /** Emits segment {@code s} into {@code mv}, whose parameters are {@code params}. */
    void emit(MethodVisitor mv, int s, Params params) {
        int[] range = plan.segments.get(s);
        currentSegment = s;
        Arrays.fill(localOf, range[0], range[1], -1);
        Locals locals = new Locals(params.firstLocal());
        for (int k = range[0]; k < range[1]; k++) {
            if (!p.op(k).isLeaf()) {
                emitInstruction(mv, k, s, params, locals);
            }
        }
        for (int t = range[2]; t < range[3]; t++) {
            int[] item = plan.tail[t];
            if (item[1] >= 0) {
                mv.visitVarInsn(Opcodes.ALOAD, params.out());
                Bytecode.pushInt(mv, item[1]);
                emitLoad(mv, item[0], params);
                mv.visitInsn(Opcodes.DASTORE);
            }
        }
    }

    /** Pushes the value of instruction k, or of a leaf, as the kernel's return value and returns. */
    void emitReturn(MethodVisitor mv, Params params) {
        int leaf = plan.returnedLeaf();
        if (leaf >= 0) {
            emitLoad(mv, leaf, params);
        } else if (plan.singleSegment()) {
            mv.visitVarInsn(Opcodes.DLOAD, localOf[plan.returned]);
        } else {
            Bytecode.loadElement(mv, params.w(), plan.wSlot[plan.returned]);
        }
        mv.visitInsn(Opcodes.DRETURN);
    }

    /**
     * Emits instruction k's part of segment s: the whole instruction, or one piece of a split
     * one (see {@link Plan.Split}). A piece before the last leaves the running value of a fold
     * in its carry slot, or the staged arguments of a helper call in the scratch slots; the
     * last piece computes the value and stores it.
     */
    private void emitInstruction(MethodVisitor mv, int k, int s, Params params, Locals locals) {
        Op op = p.op(k);
        OpEmitters.Entry rule = OpEmitters.RULES.get(op);
        int arity = p.arity(k);
        int from = plan.argumentsFrom(k, s);
        int to = plan.argumentsTo(k, s);
        boolean last = plan.segmentOf[k] == s;
        switch (rule.operands()) {
            case SCRATCH -> {
                for (int i = from; i < to; i++) {
                    mv.visitVarInsn(Opcodes.ALOAD, params.w());
                    Bytecode.pushInt(mv, i);
                    emitLoad(mv, p.input(k, i), params);
                    mv.visitInsn(Opcodes.DASTORE);
                }
                if (last) {
                    mv.visitVarInsn(Opcodes.ALOAD, params.w());
                    mv.visitInsn(Opcodes.ICONST_0);
                    Bytecode.pushInt(mv, arity);
                    rule.rule().emit(mv, p.parameter(k), arity);
                }
            }
            case STACK -> {
                if (OpEmitters.folds(op)) {
                    emitFold(mv, k, from, to, last, rule, params);
                } else {
                    for (int i = 0; i < arity; i++) {
                        emitLoad(mv, p.input(k, i), params);
                    }
                    rule.rule().emit(mv, p.parameter(k), arity);
                }
            }
            default -> throw new IllegalStateException(op.textName() + " is a leaf");
        }
        for (int i = from; i < to; i++) {
            int in = p.input(k, i);
            if (localOf[in] >= 0 && plan.lastLocalUse[in] == k) {
                locals.release(localOf[in]);
                localOf[in] = -1;
            }
        }
        if (last) {
            storeValue(mv, k, params, locals);
        }
    }

    /**
     * m = a_from, then m = op(m, a_i) for each further argument, as Numerics.min/max fold; a
     * piece after the first starts from the carried m, a piece before the last stores m back.
     */
    private void emitFold(MethodVisitor mv, int k, int from, int to, boolean last, OpEmitters.Entry rule,
                          Params params) {
        int carry = plan.carry(k);
        if (!last) {
            mv.visitVarInsn(Opcodes.ALOAD, params.w());
            Bytecode.pushInt(mv, carry);
        }
        if (from == 0) {
            emitLoad(mv, p.input(k, 0), params);
        } else {
            Bytecode.loadElement(mv, params.w(), carry);
        }
        for (int i = Math.max(from, 1); i < to; i++) {
            emitLoad(mv, p.input(k, i), params);
            rule.rule().emit(mv, p.parameter(k), 2);
        }
        if (!last) {
            mv.visitInsn(Opcodes.DASTORE);
        }
    }

    /** Stores the value on the stack into a local, its work-array slot and its output entries. */
    private void storeValue(MethodVisitor mv, int k, Params params, Locals locals) {
        int local = locals.allocate();
        mv.visitVarInsn(Opcodes.DSTORE, local);
        if (plan.wSlot[k] >= 0) {
            Bytecode.storeElementFromLocal(mv, params.w(), plan.wSlot[k], local);
        }
        if (plan.sinks[k] != null) {
            for (int j : plan.sinks[k]) {
                Bytecode.storeElementFromLocal(mv, params.out(), j, local);
            }
        }
        if (plan.lastLocalUse[k] >= 0) {
            localOf[k] = local;
        } else {
            locals.release(local);
        }
    }

    private void emitLoad(MethodVisitor mv, int k, Params params) {
        switch (p.op(k)) {
            case CONST -> Bytecode.pushDouble(mv, p.parameter(k));
            case VAR -> Bytecode.loadElement(mv, params.x(), (int) p.parameter(k));
            case TANGENT -> Bytecode.loadElement(mv, params.v(), (int) p.parameter(k));
            default -> {
                if (plan.segmentOf[k] == currentSegment && localOf[k] >= 0) {
                    mv.visitVarInsn(Opcodes.DLOAD, localOf[k]);
                } else if (plan.wSlot[k] >= 0) {
                    Bytecode.loadElement(mv, params.w(), plan.wSlot[k]);
                } else {
                    throw new IllegalStateException("value of instruction " + k + " (" + p.op(k).textName()
                            + ") is neither in a local nor in the work array");
                }
            }
        }
    }

    /** Double-width local slots, reused last-freed first. */
    private static final class Locals {
        private final Deque<Integer> free = new ArrayDeque<>();
        private int next;

        Locals(int first) {
            this.next = first;
        }

        int allocate() {
            if (!free.isEmpty()) {
                return free.pop();
            }
            int slot = next;
            next += 2;
            if (next > 65_535) {
                throw new IllegalStateException("segment needs more than 65,535 local slots");
            }
            return slot;
        }

        void release(int slot) {
            free.push(slot);
        }
    }
}
