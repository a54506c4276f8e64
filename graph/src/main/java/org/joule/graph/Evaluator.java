package org.joule.graph;

import org.joule.runtime.Numerics;

/**
 * The evaluation rule of every op: the one table the interpreter, constant folding and
 * (as the meaning to reproduce bit for bit) the bytecode compiler share.
 */
final class Evaluator {
    private Evaluator() {
    }

    /**
     * op applied to {@code args[0 .. n-1]} with the op's parameter. Leaves other than
     * {@link Op#CONST} have no value without an input array and are rejected.
     */
    static double apply(Op op, double parameter, double[] args, int n) {
        return switch (op) {
            case CONST -> parameter;
            case VAR, TANGENT -> throw new IllegalArgumentException(op.textName() + " needs an input array");
            case ADD -> args[0] + args[1];
            case SUB -> args[0] - args[1];
            case MUL -> args[0] * args[1];
            case DIV -> args[0] / args[1];
            case NEG -> -args[0];
            case POWI -> Math.pow(args[0], parameter);
            case POW -> Math.pow(args[0], args[1]);
            case SQUARE -> args[0] * args[0];
            case SQRT -> Math.sqrt(args[0]);
            case EXP -> Math.exp(args[0]);
            case LOG -> Math.log(args[0]);
            case LOG1P -> Math.log1p(args[0]);
            case EXPM1 -> Math.expm1(args[0]);
            case SIN -> Math.sin(args[0]);
            case COS -> Math.cos(args[0]);
            case TANH -> Math.tanh(args[0]);
            case SECH2 -> Numerics.sech2(args[0]);
            case SIGMOID -> Numerics.sigmoid(args[0]);
            case SOFTPLUS -> Numerics.softplus(args[0]);
            case ABS -> Math.abs(args[0]);
            case RELU -> Numerics.relu(args[0]);
            case SIGN -> Math.signum(args[0]);
            case STEP -> Numerics.step(args[0]);
            case LESS -> Numerics.less(args[0], args[1]);
            case SELECT -> Numerics.select(args[0], args[1], args[2]);
            case MIN -> Numerics.min(args, 0, n);
            case MAX -> Numerics.max(args, 0, n);
            case LOGSUMEXP -> Numerics.logSumExp(args, 0, n);
            case ARGMIN -> Numerics.argMin(args, 0, n);
            case ARGMAX -> Numerics.argMax(args, 0, n);
            case PICK -> Numerics.pick(args[0], args[1], parameter);
            case EXPSHIFT -> Numerics.expShift(args[0], args[1]);
            case SHARE -> Numerics.share(args[0], args[1]);
            case STOP -> args[0];
        };
    }
}
