package org.joule.compiler;

import java.util.EnumMap;
import java.util.Map;
import org.joule.graph.Op;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * How each op is computed in bytecode, once its operands are on the operand stack: the
 * compiler's rule table, keyed by {@link Op} like every other table. Each rule reproduces
 * exactly the floating-point operations of the interpreter ({@code Evaluator}), so the two
 * backends agree bit for bit: the same {@link Math} methods and the same
 * {@link org.joule.runtime.Numerics} helpers.
 */
final class OpEmitters {
    private OpEmitters() {
    }

    /** How an op's operands reach it. */
    enum Operands {
        /** Pushed on the operand stack in order; the rule leaves one double. */
        STACK,
        /** Stored in the work array w[0 .. n-1]; the rule is called as f(w, 0, n). */
        SCRATCH,
        /** A leaf: loaded where it is used, never computed on its own. */
        LEAF
    }

    /** Emits the computation of an op whose operands are ready. */
    interface Rule {
        void emit(MethodVisitor mv, double parameter, int arity);
    }

    record Entry(Operands operands, Rule rule) {
    }

    static final Map<Op, Entry> RULES = new EnumMap<>(Op.class);

    private static final String MATH = "java/lang/Math";
    private static final String NUMERICS = "org/joule/runtime/Numerics";
    private static final String D_D = "(D)D";
    private static final String DD_D = "(DD)D";
    private static final String DDD_D = "(DDD)D";
    private static final String ARRAY = "([DII)D";

    private static void stack(Op op, Rule r) {
        RULES.put(op, new Entry(Operands.STACK, r));
    }

    private static Rule insn(int opcode) {
        return (mv, p, n) -> mv.visitInsn(opcode);
    }

    private static Rule call(String owner, String name, String desc) {
        return (mv, p, n) -> mv.visitMethodInsn(Opcodes.INVOKESTATIC, owner, name, desc, false);
    }

    /** Pushes the op's parameter as a double, then calls. */
    private static Rule callWithParameter(String owner, String name, String desc) {
        return (mv, p, n) -> {
            Bytecode.pushDouble(mv, p);
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, owner, name, desc, false);
        };
    }

    private static void scratch(Op op, String name) {
        RULES.put(op, new Entry(Operands.SCRATCH, call(NUMERICS, name, ARRAY)));
    }

    static {
        RULES.put(Op.CONST, new Entry(Operands.LEAF, null));
        RULES.put(Op.VAR, new Entry(Operands.LEAF, null));
        RULES.put(Op.TANGENT, new Entry(Operands.LEAF, null));
        stack(Op.ADD, insn(Opcodes.DADD));
        stack(Op.SUB, insn(Opcodes.DSUB));
        stack(Op.MUL, insn(Opcodes.DMUL));
        stack(Op.DIV, insn(Opcodes.DDIV));
        stack(Op.NEG, insn(Opcodes.DNEG));
        stack(Op.POWI, callWithParameter(MATH, "pow", DD_D));
        stack(Op.POW, call(MATH, "pow", DD_D));
        stack(Op.SQUARE, (mv, p, n) -> {
            mv.visitInsn(Opcodes.DUP2);
            mv.visitInsn(Opcodes.DMUL);
        });
        stack(Op.SQRT, call(MATH, "sqrt", D_D));
        stack(Op.EXP, call(MATH, "exp", D_D));
        stack(Op.LOG, call(MATH, "log", D_D));
        stack(Op.LOG1P, call(MATH, "log1p", D_D));
        stack(Op.EXPM1, call(MATH, "expm1", D_D));
        stack(Op.SIN, call(MATH, "sin", D_D));
        stack(Op.COS, call(MATH, "cos", D_D));
        stack(Op.TANH, call(MATH, "tanh", D_D));
        stack(Op.SECH2, call(NUMERICS, "sech2", D_D));
        stack(Op.SIGMOID, call(NUMERICS, "sigmoid", D_D));
        stack(Op.SOFTPLUS, call(NUMERICS, "softplus", D_D));
        stack(Op.ABS, call(MATH, "abs", D_D));
        stack(Op.RELU, call(NUMERICS, "relu", D_D));
        stack(Op.SIGN, call(MATH, "signum", D_D));
        stack(Op.STEP, call(NUMERICS, "step", D_D));
        stack(Op.LESS, call(NUMERICS, "less", DD_D));
        stack(Op.SELECT, call(NUMERICS, "select", DDD_D));
        // min and max fold pairwise as operands arrive, as Numerics.min/max do
        RULES.put(Op.MIN, new Entry(Operands.STACK, call(MATH, "min", DD_D)));
        RULES.put(Op.MAX, new Entry(Operands.STACK, call(MATH, "max", DD_D)));
        scratch(Op.LOGSUMEXP, "logSumExp");
        scratch(Op.ARGMIN, "argMin");
        scratch(Op.ARGMAX, "argMax");
        stack(Op.PICK, callWithParameter(NUMERICS, "pick", DDD_D));
        stack(Op.EXPSHIFT, call(NUMERICS, "expShift", DD_D));
        stack(Op.SHARE, call(NUMERICS, "share", DD_D));
        stack(Op.STOP, (mv, p, n) -> { }); // the value passes through
    }

    /** Whether the op folds its operands pairwise (its rule is applied after each operand but the first). */
    static boolean folds(Op op) {
        return op == Op.MIN || op == Op.MAX;
    }

    /**
     * Whether an instruction of this op can read its arguments in pieces spread over several
     * methods (see {@link Plan.Split}): a fold, whose running value can be carried between
     * pieces, or a helper call, whose arguments can be staged piece by piece. Every
     * {@link Op#VARIADIC} op must be one of them, or a wide node would not compile.
     */
    static boolean splittable(Op op) {
        return folds(op) || RULES.get(op).operands() == Operands.SCRATCH;
    }
}
