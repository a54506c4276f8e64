package org.joule.compiler;

import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/** Small emission helpers shared by the code generators. */
final class Bytecode {
    private Bytecode() {
    }

    /** Pushes an int with the shortest instruction. */
    static void pushInt(MethodVisitor mv, int v) {
        if (v >= -1 && v <= 5) {
            mv.visitInsn(Opcodes.ICONST_0 + v);
        } else if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) {
            mv.visitIntInsn(Opcodes.BIPUSH, v);
        } else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
            mv.visitIntInsn(Opcodes.SIPUSH, v);
        } else {
            mv.visitLdcInsn(v);
        }
    }

    /** Pushes a double; +0.0 and 1.0 without a constant-pool entry. */
    static void pushDouble(MethodVisitor mv, double v) {
        if (Double.doubleToRawLongBits(v) == 0L) {
            mv.visitInsn(Opcodes.DCONST_0);
        } else if (v == 1.0) {
            mv.visitInsn(Opcodes.DCONST_1);
        } else {
            mv.visitLdcInsn(v);
        }
    }

    /** Loads a[index] of the double[] in local {@code array}. */
    static void loadElement(MethodVisitor mv, int array, int index) {
        mv.visitVarInsn(Opcodes.ALOAD, array);
        pushInt(mv, index);
        mv.visitInsn(Opcodes.DALOAD);
    }

    /** Stores the double in local {@code local} into a[index] of the double[] in local {@code array}. */
    static void storeElementFromLocal(MethodVisitor mv, int array, int index, int local) {
        mv.visitVarInsn(Opcodes.ALOAD, array);
        pushInt(mv, index);
        mv.visitVarInsn(Opcodes.DLOAD, local);
        mv.visitInsn(Opcodes.DASTORE);
    }

    /** Pushes a String[] holding {@code pieces}. */
    static void pushStrings(MethodVisitor mv, String[] pieces) {
        pushInt(mv, pieces.length);
        mv.visitTypeInsn(Opcodes.ANEWARRAY, "java/lang/String");
        for (int i = 0; i < pieces.length; i++) {
            mv.visitInsn(Opcodes.DUP);
            pushInt(mv, i);
            mv.visitLdcInsn(pieces[i]);
            mv.visitInsn(Opcodes.AASTORE);
        }
    }

    /** Cuts {@code s} into pieces short enough for one constant-pool string each. */
    static String[] pieces(String s) {
        int size = 16_000;
        int n = Math.max(1, (s.length() + size - 1) / size);
        String[] out = new String[n];
        for (int i = 0; i < n; i++) {
            out[i] = s.substring(i * size, Math.min(s.length(), (i + 1) * size));
        }
        return out;
    }
}
