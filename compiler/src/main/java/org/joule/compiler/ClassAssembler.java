package org.joule.compiler;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.joule.graph.EnergyPrograms;
import org.joule.graph.Op;
import org.joule.graph.Program;
import org.joule.runtime.Ranges;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodTooLargeException;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Assembles the classes of one compiled energy: a main class extending
 * {@code CompiledEnergy} with the three kernels (value, value and gradient, Hessian-vector
 * product), and, when the program is too large for one class's constant pool or one
 * kernel's list of calls, part classes implementing {@code Kernel} that hold further
 * segments. Every method is straight-line code under 8,000 bytes, so no stack map frames are
 * needed and HotSpot JIT-compiles every one; an n-ary node wider than one method is read in
 * pieces over several (see {@link Plan}).
 */
final class ClassAssembler {
    /** HotSpot does not JIT-compile methods longer than this (HugeMethodLimit). */
    static final int HUGE_METHOD_LIMIT = 8_000;
    /**
     * Size limits of the generated code: bytecode bytes per segment (an upper-bound estimate),
     * constant-pool entries per class, calls per kernel or part. Tests shrink them to exercise
     * splitting on small graphs.
     */
    record Limits(int segmentBytes, int constantBudget, int maxCalls) {
        static final Limits DEFAULT = new Limits(Plan.SEGMENT_BYTES, 50_000, 400);
    }
    private static final String BASE = "org/joule/runtime/CompiledEnergy";
    private static final String KERNEL = "org/joule/runtime/Kernel";
    private static final String SEGMENT_DESC = "([D[D[D[D)V";
    private static final String KERNELS_DESC = "[L" + KERNEL + ";";

    /** The bytes of the generated classes, main class first, and the size of every method. */
    record Output(String mainName, Map<String, byte[]> classes, Map<String, Integer> methodSizes, int workSize) {
    }

    private final String mainName;
    private final boolean aheadOfTime;
    private final Map<String, byte[]> classes = new LinkedHashMap<>();
    private final Map<String, Integer> methodSizes = new LinkedHashMap<>();

    private final Limits limits;

    ClassAssembler(String mainName, boolean aheadOfTime, Limits limits) {
        this.mainName = mainName;
        this.aheadOfTime = aheadOfTime;
        this.limits = limits;
    }

    /** A class being filled with segments, with its constant-pool estimate. */
    private final class Unit {
        final String name;
        final ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        final Set<Long> doubles = new HashSet<>();
        final Set<Integer> ints = new HashSet<>();
        final List<String> segments = new ArrayList<>();
        final Map<String, Label> ends = new LinkedHashMap<>();

        Unit(String name) {
            this.name = name;
        }

        int constants() {
            return 2 * doubles.size() + ints.size() + 64;
        }
    }

    /**
     * Generates the classes. Segment sizes are planned from an estimate; should a method come
     * out over the JIT limit anyway, the program is planned again with a smaller budget.
     */
    Output assemble(EnergyPrograms programs) {
        int bytes = limits.segmentBytes();
        for (int attempt = 0; ; attempt++) {
            try {
                return new ClassAssembler(mainName, aheadOfTime, new Limits(bytes, limits.constantBudget(),
                        limits.maxCalls())).assembleOnce(programs);
            } catch (MethodTooLarge | MethodTooLargeException e) { // over 8,000 bytes, or over the JVM's 65,535
                if (attempt == 4) {
                    throw new IllegalStateException(e.getMessage());
                }
                bytes = bytes * 3 / 4;
            }
        }
    }

    /** A generated method over the limit: plan again with smaller segments. */
    private static final class MethodTooLarge extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MethodTooLarge(String message) {
            super(message, null, false, false);
        }
    }

    private Output assembleOnce(EnergyPrograms programs) {
        int m = programs.wrtLength();
        int bytes = limits.segmentBytes();
        Plan value = new Plan(programs.value(), 0, 0, 0, bytes);
        Plan gradient = new Plan(programs.gradient(), 0, 1, m, bytes);
        Plan hvp = new Plan(programs.hessianVectorProduct(), -1, 0, m, bytes);
        int workSize = Math.max(value.workSize(), Math.max(gradient.workSize(), hvp.workSize()));

        Unit main = new Unit(mainName);
        main.cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL | Opcodes.ACC_SUPER, mainName, null, BASE, null);
        List<Unit> parts = new ArrayList<>();
        List<Runnable> kernels = new ArrayList<>();
        kernels.add(kernel(main, parts, value, "value0", "([D[D)D", new SegmentEmitter.Params(1, -1, -1, 2, 3), "v"));
        kernels.add(kernel(main, parts, gradient, "gradient0", "([D[D[D)D",
                new SegmentEmitter.Params(1, -1, 2, 3, 4), "g"));
        kernels.add(kernel(main, parts, hvp, "hvp0", "([D[D[D[D)V", new SegmentEmitter.Params(1, 2, 3, 4, 5), "h"));
        constructors(main, programs, workSize, parts);
        kernels.forEach(Runnable::run);
        rowLoop(main);
        main.cw.visitEnd();
        byte[] mainBytes = main.cw.toByteArray();
        record(main);
        classes.put(mainName, mainBytes);
        for (Unit part : parts) {
            classes.put(part.name, part.cw.toByteArray());
            record(part);
        }
        for (Map.Entry<String, Integer> e : methodSizes.entrySet()) {
            if (e.getValue() >= HUGE_METHOD_LIMIT) {
                throw new MethodTooLarge("generated method " + e.getKey() + " has " + e.getValue()
                        + " bytes of bytecode, over HotSpot's limit of " + HUGE_METHOD_LIMIT);
            }
        }
        return new Output(mainName, classes, methodSizes, workSize);
    }

    private void record(Unit u) {
        for (Map.Entry<String, Label> e : u.ends.entrySet()) {
            methodSizes.put(u.name + "." + e.getKey(), e.getValue().getOffset());
        }
    }

    private static MethodVisitor begin(Unit u, int access, String name, String desc) {
        MethodVisitor mv = u.cw.visitMethod(access, name, desc, null, null);
        mv.visitCode();
        return mv;
    }

    private static void end(Unit u, MethodVisitor mv, String name) {
        Label end = new Label();
        mv.visitLabel(end);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        u.ends.put(name, end);
    }

    /**
     * Places the segments of one kernel and returns the emission of the kernel method itself
     * (deferred so that the main class's constructor comes first).
     */
    private Runnable kernel(Unit main, List<Unit> parts, Plan plan, String name, String desc,
                            SegmentEmitter.Params params, String prefix) {
        SegmentEmitter emitter = new SegmentEmitter(plan);
        boolean returns = desc.endsWith("D");
        if (plan.singleSegment()) {
            return () -> {
                MethodVisitor mv = begin(main, Opcodes.ACC_PROTECTED | Opcodes.ACC_FINAL, name, desc);
                emitter.emit(mv, 0, params);
                finish(mv, emitter, params, returns);
                end(main, mv, name);
            };
        }
        // owner of each segment: null for the main class, else a part
        List<Unit> owners = new ArrayList<>();
        Unit current = null;
        int mainCalls = 0;
        int partCalls = 0;
        for (int s = 0; s < plan.segments.size(); s++) {
            Set<Long> ds = new HashSet<>();
            Set<Integer> is = new HashSet<>();
            constants(plan, s, ds, is);
            boolean fitsMain = current == null && mainCalls < limits.maxCalls()
                    && fits(main, ds, is);
            if (fitsMain) {
                main.doubles.addAll(ds);
                main.ints.addAll(is);
                owners.add(null);
                mainCalls++;
                continue;
            }
            if (current == null || partCalls >= limits.maxCalls() || !fits(current, ds, is)) {
                current = newPart(parts);
                partCalls = 0;
                mainCalls++;
            }
            current.doubles.addAll(ds);
            current.ints.addAll(is);
            owners.add(current);
            partCalls++;
        }
        for (int s = 0; s < owners.size(); s++) {
            Unit u = owners.get(s) == null ? main : owners.get(s);
            String segment = prefix + s;
            MethodVisitor mv = begin(u, Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC, segment, SEGMENT_DESC);
            emitter.emit(mv, s, SegmentEmitter.Params.SEGMENT);
            mv.visitInsn(Opcodes.RETURN);
            end(u, mv, segment);
            u.segments.add(segment);
        }
        for (Unit part : parts) {
            if (!part.segments.isEmpty() && !part.ends.containsKey("run")) {
                finishPart(part);
            }
        }
        return () -> {
            MethodVisitor mv = begin(main, Opcodes.ACC_PROTECTED | Opcodes.ACC_FINAL, name, desc);
            Unit last = null;
            for (int s = 0; s < owners.size(); s++) {
                Unit owner = owners.get(s);
                if (owner == null) {
                    loadSegmentArguments(mv, params);
                    mv.visitMethodInsn(Opcodes.INVOKESTATIC, mainName, prefix + s, SEGMENT_DESC, false);
                } else if (owner != last) {
                    mv.visitVarInsn(Opcodes.ALOAD, 0);
                    mv.visitFieldInsn(Opcodes.GETFIELD, mainName, "parts", KERNELS_DESC);
                    Bytecode.pushInt(mv, parts.indexOf(owner));
                    mv.visitInsn(Opcodes.AALOAD);
                    loadSegmentArguments(mv, params);
                    mv.visitMethodInsn(Opcodes.INVOKEINTERFACE, KERNEL, "run", SEGMENT_DESC, true);
                }
                last = owner;
            }
            finish(mv, emitter, params, returns);
            end(main, mv, name);
        };
    }

    /**
     * The loop over data rows (see {@code CompiledEnergy.gradientRows}): the one method with
     * branches, so it carries its stack map frames, all the same full frame.
     */
    private void rowLoop(Unit main) {
        String desc = "([D[DII[I[D[D[D)D";
        MethodVisitor mv = begin(main, Opcodes.ACC_PROTECTED | Opcodes.ACC_FINAL, "gradientRows", desc);
        final int x = 1, rows = 2, from = 3, to = 4, coords = 5, acc = 6, g = 7, w = 8;
        final int total = 9, r = 11, base = 12, i = 13, len = 14, m = 15, j = 16;
        Object[] frame = {mainName, "[D", "[D", Opcodes.INTEGER, Opcodes.INTEGER, "[I", "[D", "[D", "[D",
                Opcodes.DOUBLE, Opcodes.INTEGER, Opcodes.INTEGER, Opcodes.INTEGER, Opcodes.INTEGER, Opcodes.INTEGER,
                Opcodes.INTEGER};
        mv.visitInsn(Opcodes.DCONST_0);
        mv.visitVarInsn(Opcodes.DSTORE, total);
        mv.visitVarInsn(Opcodes.ALOAD, coords);
        mv.visitInsn(Opcodes.ARRAYLENGTH);
        mv.visitVarInsn(Opcodes.ISTORE, len);
        mv.visitVarInsn(Opcodes.ALOAD, g);
        mv.visitInsn(Opcodes.ARRAYLENGTH);
        mv.visitVarInsn(Opcodes.ISTORE, m);
        for (int local : new int[] {base, i, j}) {
            mv.visitInsn(Opcodes.ICONST_0);
            mv.visitVarInsn(Opcodes.ISTORE, local);
        }
        countedLoop(mv, r, from, to, frame, () -> {             // for (r = from; r < to; r++)
            mv.visitVarInsn(Opcodes.ILOAD, r);
            mv.visitVarInsn(Opcodes.ILOAD, len);
            mv.visitInsn(Opcodes.IMUL);
            mv.visitVarInsn(Opcodes.ISTORE, base);
            countedLoop(mv, i, -1, len, frame, () -> {          //   x[coords[i]] = rows[base + i]
                mv.visitVarInsn(Opcodes.ALOAD, x);
                mv.visitVarInsn(Opcodes.ALOAD, coords);
                mv.visitVarInsn(Opcodes.ILOAD, i);
                mv.visitInsn(Opcodes.IALOAD);
                mv.visitVarInsn(Opcodes.ALOAD, rows);
                mv.visitVarInsn(Opcodes.ILOAD, base);
                mv.visitVarInsn(Opcodes.ILOAD, i);
                mv.visitInsn(Opcodes.IADD);
                mv.visitInsn(Opcodes.DALOAD);
                mv.visitInsn(Opcodes.DASTORE);
            });
            mv.visitVarInsn(Opcodes.DLOAD, total);                //   total += gradient0(x, g, w)
            mv.visitVarInsn(Opcodes.ALOAD, 0);
            mv.visitVarInsn(Opcodes.ALOAD, x);
            mv.visitVarInsn(Opcodes.ALOAD, g);
            mv.visitVarInsn(Opcodes.ALOAD, w);
            mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, mainName, "gradient0", "([D[D[D)D", false);
            mv.visitInsn(Opcodes.DADD);
            mv.visitVarInsn(Opcodes.DSTORE, total);
            countedLoop(mv, j, -1, m, frame, () -> {            //   acc[j] += g[j]
                mv.visitVarInsn(Opcodes.ALOAD, acc);
                mv.visitVarInsn(Opcodes.ILOAD, j);
                mv.visitInsn(Opcodes.DUP2);
                mv.visitInsn(Opcodes.DALOAD);
                mv.visitVarInsn(Opcodes.ALOAD, g);
                mv.visitVarInsn(Opcodes.ILOAD, j);
                mv.visitInsn(Opcodes.DALOAD);
                mv.visitInsn(Opcodes.DADD);
                mv.visitInsn(Opcodes.DASTORE);
            });
        });
        mv.visitVarInsn(Opcodes.DLOAD, total);
        mv.visitInsn(Opcodes.DRETURN);
        end(main, mv, "gradientRows");
    }

    /**
     * for (counter = start; counter < limit; counter++) body, where start is the int local
     * {@code startLocal} or 0 when it is -1; every label carries the same full frame.
     */
    private static void countedLoop(MethodVisitor mv, int counter, int startLocal, int limit, Object[] frame,
                                    Runnable body) {
        Label head = new Label();
        Label exit = new Label();
        if (startLocal < 0) {
            mv.visitInsn(Opcodes.ICONST_0);
        } else {
            mv.visitVarInsn(Opcodes.ILOAD, startLocal);
        }
        mv.visitVarInsn(Opcodes.ISTORE, counter);
        label(mv, head, frame);
        mv.visitVarInsn(Opcodes.ILOAD, counter);
        mv.visitVarInsn(Opcodes.ILOAD, limit);
        mv.visitJumpInsn(Opcodes.IF_ICMPGE, exit);
        body.run();
        mv.visitIincInsn(counter, 1);
        mv.visitJumpInsn(Opcodes.GOTO, head);
        label(mv, exit, frame);
    }

    private static void label(MethodVisitor mv, Label label, Object[] locals) {
        mv.visitLabel(label);
        mv.visitFrame(Opcodes.F_FULL, locals.length, locals, 0, new Object[0]);
    }

    private static void finish(MethodVisitor mv, SegmentEmitter emitter, SegmentEmitter.Params params, boolean returns) {
        if (returns) {
            emitter.emitReturn(mv, params);
        } else {
            mv.visitInsn(Opcodes.RETURN);
        }
    }

    private static void loadSegmentArguments(MethodVisitor mv, SegmentEmitter.Params params) {
        for (int local : new int[] {params.x(), params.v(), params.out(), params.w()}) {
            if (local < 0) {
                mv.visitInsn(Opcodes.ACONST_NULL);
            } else {
                mv.visitVarInsn(Opcodes.ALOAD, local);
            }
        }
    }

    private boolean fits(Unit u, Set<Long> ds, Set<Integer> is) {
        int add = 0;
        for (long d : ds) {
            add += u.doubles.contains(d) ? 0 : 2;
        }
        for (int i : is) {
            add += u.ints.contains(i) ? 0 : 1;
        }
        return u.constants() + add <= limits.constantBudget();
    }

    /** The double and large-int constants segment s puts in the constant pool. */
    private static void constants(Plan plan, int s, Set<Long> ds, Set<Integer> is) {
        Program p = plan.program;
        int[] range = plan.segments.get(s);
        for (int k = range[0]; k < range[1]; k++) {
            Op op = p.op(k);
            if (op.isLeaf()) {
                continue;
            }
            boolean staged = OpEmitters.RULES.get(op).operands() == OpEmitters.Operands.SCRATCH;
            for (int i = plan.argumentsFrom(k, s); i < plan.argumentsTo(k, s); i++) {
                addOperand(plan, p.input(k, i), ds, is);
                if (staged) {
                    addInt(is, i); // its scratch slot
                }
            }
            addInt(is, plan.carry(k));
            if (plan.segmentOf[k] != s) {
                continue; // a piece of a split instruction that does not compute its value
            }
            if (op.parameterised()) {
                addDouble(ds, p.parameter(k));
            }
            if (staged) {
                addInt(is, p.arity(k));
            }
            addInt(is, plan.wSlot[k]);
            if (plan.sinks[k] != null) {
                for (int j : plan.sinks[k]) {
                    addInt(is, j);
                }
            }
        }
        for (int t = range[2]; t < range[3]; t++) {
            addInt(is, plan.tail[t][1]);
            addOperand(plan, plan.tail[t][0], ds, is);
        }
    }

    private static void addOperand(Plan plan, int in, Set<Long> ds, Set<Integer> is) {
        Program p = plan.program;
        switch (p.op(in)) {
            case CONST -> addDouble(ds, p.parameter(in));
            case VAR, TANGENT -> addInt(is, (int) p.parameter(in));
            default -> addInt(is, plan.wSlot[in]);
        }
    }

    private static void addDouble(Set<Long> ds, double v) {
        if (Double.doubleToRawLongBits(v) != 0L && v != 1.0) {
            ds.add(Double.doubleToRawLongBits(v));
        }
    }

    private static void addInt(Set<Integer> is, int v) {
        if (v > Short.MAX_VALUE || v < Short.MIN_VALUE) {
            is.add(v);
        }
    }

    private Unit newPart(List<Unit> parts) {
        String name = mainName + "$Part" + parts.size();
        Unit u = new Unit(name);
        u.cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL | Opcodes.ACC_SUPER, name, null,
                "java/lang/Object", new String[] {KERNEL});
        MethodVisitor mv = begin(u, Opcodes.ACC_PUBLIC, "<init>", "()V");
        mv.visitVarInsn(Opcodes.ALOAD, 0);
        mv.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
        mv.visitInsn(Opcodes.RETURN);
        end(u, mv, "<init>");
        parts.add(u);
        return u;
    }

    private static void finishPart(Unit part) {
        MethodVisitor mv = begin(part, Opcodes.ACC_PUBLIC, "run", SEGMENT_DESC);
        for (String segment : part.segments) {
            for (int local = 1; local <= 4; local++) {
                mv.visitVarInsn(Opcodes.ALOAD, local);
            }
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, part.name, segment, SEGMENT_DESC, false);
        }
        mv.visitInsn(Opcodes.RETURN);
        end(part, mv, "run");
        part.cw.visitEnd();
    }

    private void constructors(Unit main, EnergyPrograms programs, int workSize, List<Unit> parts) {
        boolean hasParts = !parts.isEmpty();
        if (hasParts) {
            main.cw.visitField(Opcodes.ACC_PRIVATE | Opcodes.ACC_FINAL, "parts", KERNELS_DESC, null, null).visitEnd();
        }
        String ctorDesc = "(" + KERNELS_DESC + ")V";
        MethodVisitor mv = begin(main, Opcodes.ACC_PUBLIC, "<init>", ctorDesc);
        mv.visitVarInsn(Opcodes.ALOAD, 0);
        Bytecode.pushStrings(mv, Bytecode.pieces(programs.layout().toSpec()));
        Bytecode.pushStrings(mv, Bytecode.pieces(Ranges.format(programs.wrt())));
        Bytecode.pushInt(mv, workSize);
        mv.visitMethodInsn(Opcodes.INVOKESPECIAL, BASE, "<init>", "([Ljava/lang/String;[Ljava/lang/String;I)V", false);
        if (hasParts) {
            mv.visitVarInsn(Opcodes.ALOAD, 0);
            mv.visitVarInsn(Opcodes.ALOAD, 1);
            mv.visitFieldInsn(Opcodes.PUTFIELD, mainName, "parts", KERNELS_DESC);
        }
        mv.visitInsn(Opcodes.RETURN);
        end(main, mv, "<init>");
        if (aheadOfTime) {
            mv = begin(main, Opcodes.ACC_PUBLIC, "<init>", "()V");
            mv.visitVarInsn(Opcodes.ALOAD, 0);
            Bytecode.pushInt(mv, parts.size());
            mv.visitTypeInsn(Opcodes.ANEWARRAY, KERNEL);
            for (int i = 0; i < parts.size(); i++) {
                mv.visitInsn(Opcodes.DUP);
                Bytecode.pushInt(mv, i);
                mv.visitTypeInsn(Opcodes.NEW, parts.get(i).name);
                mv.visitInsn(Opcodes.DUP);
                mv.visitMethodInsn(Opcodes.INVOKESPECIAL, parts.get(i).name, "<init>", "()V", false);
                mv.visitInsn(Opcodes.AASTORE);
            }
            mv.visitMethodInsn(Opcodes.INVOKESPECIAL, mainName, "<init>", ctorDesc, false);
            mv.visitInsn(Opcodes.RETURN);
            end(main, mv, "<init>()");
        }
    }
}
