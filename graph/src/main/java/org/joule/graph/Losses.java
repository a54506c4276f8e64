package org.joule.graph;

/**
 * Loss functionals of energy-based learning from LeCun, Chopra, Hadsell, Ranzato and Huang, "A
 * tutorial on energy-based learning" (2006), section 2.2 and Table 1, as nodes of the energies'
 * graph: differentiate them in W, simplify, interpret and compile them like any energy. Each
 * takes the energy E(W, Yⁱ, Xⁱ) of the correct answer and, for the contrastive ones, the energy
 * E(W, Ȳⁱ, Xⁱ) of the most offending incorrect answer (the wrong answer of lowest energy, for
 * example {@link Joule#min} of the wrong answers' energies, or an energy at a point found by
 * gradient descent or sampling). The loss over a training set is the mean over its samples.
 *
 * <pre>
 *   energy loss         L = E(Y)                                   (Table 1; alone it can collapse)
 *   hinge               L = max(0, m + E(Y) − E(Ȳ))                (Table 1)
 *   log loss            L = log(1 + exp(E(Y) − E(Ȳ))) = softplus(E(Y) − E(Ȳ))   (Table 1)
 *   square-square       L = E(Y)² + max(0, m − E(Ȳ))²              (Table 1)
 * </pre>
 * The hinge is formed as max(0, m − (E(Ȳ) − E(Y))), so it is exactly 0 whenever the computed gap
 * E(Ȳ) − E(Y) is at least m. The log loss uses the softplus op, which neither overflows nor
 * loses relative accuracy in either tail: softplus(1000) = 1000 and softplus(−30) = e^{−30}(1 −
 * …), with derivative sigmoid(E(Y) − E(Ȳ)). Square-square assumes energies that are 0 or more.
 *
 * <pre>{@code
 * Node correct = energy at (x, y);                 // E(W, Y, X)
 * Node wrong = Joule.min(energies at the wrong answers);
 * Energy loss = Energy.of(Losses.hinge(correct, wrong, 1.0)).wrt(Role.PARAMETER);
 * }</pre>
 */
public final class Losses {
    private Losses() {
    }

    /**
     * The energy loss, L = E(W, Yⁱ, Xⁱ): pushes down the energy of the correct answer only,
     * which suffices for architectures that cannot give every answer low energy (LeCun et al.
     * 2006, section 2.2).
     *
     * @param correct the energy of the correct answer
     * @return {@code correct} itself
     * @throws IllegalArgumentException if it is null
     */
    public static Node energy(Node correct) {
        if (correct == null) {
            throw new IllegalArgumentException("energy loss: the energy of the correct answer is null");
        }
        return correct;
    }

    /**
     * The hinge loss with margin m, L = max(0, m + E(Y) − E(Ȳ)) (LeCun et al. 2006, Table 1),
     * formed as relu(m − (E(Ȳ) − E(Y))): 0, with derivative 0, once the most offending
     * incorrect answer's energy exceeds the correct one's by at least m.
     *
     * @param correct    the energy E(Y) of the correct answer
     * @param offending  the energy E(Ȳ) of the most offending incorrect answer, same graph
     * @param margin     the margin m, finite and 0 or more
     * @return the loss node
     * @throws IllegalArgumentException naming the culprit: a null energy, energies of two
     *     graphs, a margin that is negative or not finite
     */
    public static Node hinge(Node correct, Node offending, double margin) {
        check("hinge loss", correct, offending);
        checkMargin("hinge loss", margin);
        Node gap = offending.minus(correct);
        return correct.graph().constant(margin).minus(gap).relu();
    }

    /**
     * The log loss, L = log(1 + exp(E(Y) − E(Ȳ))) (LeCun et al. 2006, Table 1), a soft hinge
     * with an infinite margin, as the softplus of the energy difference: no overflow at any
     * difference, relative accuracy in both tails, derivative sigmoid(E(Y) − E(Ȳ)) in E(Y).
     *
     * @param correct   the energy E(Y) of the correct answer
     * @param offending the energy E(Ȳ) of the most offending incorrect answer, same graph
     * @return the loss node
     * @throws IllegalArgumentException naming the culprit: a null energy, energies of two graphs
     */
    public static Node log(Node correct, Node offending) {
        check("log loss", correct, offending);
        return correct.minus(offending).softplus();
    }

    /**
     * The square-square loss with margin m, L = E(Y)² + max(0, m − E(Ȳ))² (LeCun et al. 2006,
     * Table 1, after Hadsell, Chopra and LeCun 2006): pushes E(Y) towards 0 and E(Ȳ) above m,
     * for energies that are 0 or more.
     *
     * @param correct   the energy E(Y) of the correct answer
     * @param offending the energy E(Ȳ) of the most offending incorrect answer, same graph
     * @param margin    the margin m, finite and 0 or more
     * @return the loss node
     * @throws IllegalArgumentException as {@link #hinge}
     */
    public static Node squareSquare(Node correct, Node offending, double margin) {
        check("square-square loss", correct, offending);
        checkMargin("square-square loss", margin);
        Node pushUp = correct.graph().constant(margin).minus(offending).relu();
        return correct.square().plus(pushUp.square());
    }

    private static void check(String what, Node correct, Node offending) {
        if (correct == null || offending == null) {
            throw new IllegalArgumentException(what + ": the energy of the "
                    + (correct == null ? "correct answer" : "most offending incorrect answer") + " is null");
        }
        if (correct.graph() != offending.graph()) {
            throw new IllegalArgumentException(what + ": the energies of the correct answer and of the most"
                    + " offending incorrect answer belong to two graphs");
        }
    }

    private static void checkMargin(String what, double margin) {
        if (!(margin >= 0) || margin == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException(what + ": margin is " + margin + "; expected a finite number >= 0");
        }
    }
}
