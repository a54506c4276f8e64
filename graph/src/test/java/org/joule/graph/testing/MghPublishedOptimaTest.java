package org.joule.graph.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The DSL energies reach the optimal values the paper prints, at accurate minimisers: a check
 * of the residual formulas and the data tables against the paper's own numbers, with no
 * optimiser in the test. Each point below was computed once, offline, by SciPy's
 * least_squares (Levenberg-Marquardt and trust-region reflective, every tolerance 1e-15) on
 * a third, independent transcription in Python, started from the standard x0 (for the local
 * minimum of Freudenstein and Roth, from the paper's printed (11.41..., -0.8968...)). The
 * points are inputs; the expected values are the paper's.
 *
 * <p>Tolerance: the paper prints f* truncated to six significant digits (5.46489...e-5), and
 * f at an accurate minimiser exceeds the true minimum by far less than one unit of the sixth
 * digit (about |H| |x - x*|^2 / 2, with |x - x*| near 1e-8 relative), so f(x) must lie in
 * [f*, f* + one unit of its sixth digit).
 */
class MghPublishedOptimaTest {
    /** {problem, n, m, x_1, ..., x_n}; the comment gives f there as SciPy computed it. */
    private static final double[][] MINIMISERS = {
        // f = 48.98425367924001
        {2, 2, 2, 11.41277899776502, -0.8968052507740014},
        // f = 124.36218235561486
        {6, 2, 10, 0.2578252118733817, 0.2578252148452296},
        // f = 0.00821487730657897
        {8, 3, 15, 0.08241055991910239, 1.1330360975266844, 2.3436951733808242},
        // f = 1.1279327696187615e-08
        {9, 3, 15, 0.39895613783855244, 1.0000190844858687, 4.038379159900936e-13},
        // f = 87.94585517056845
        {10, 3, 16, 0.005609637081069078, 6181.346255614311, 345.22363157162914},
        // f = 0.00030750560384923745
        {15, 4, 11, 0.19280693424194656, 0.1912823355192027, 0.12305650770080191, 0.13606233394719483},
        // f = 85822.20162635672
        {16, 4, 20, -11.594439402682077, 13.203629851865433, -0.4034395982367586, 0.23677889714870914},
        // f = 5.464894697482578e-05
        {17, 5, 33, 0.3754100526952173, 1.9358469813188128, -1.4646872056719475, 0.012867534779363069,
            0.02212269938488239},
        // f = 0.04013773629354776
        {19, 11, 65, 1.3099771536684413, 0.43155379314449177, 0.6336616982709558, 0.5994305360610298,
            0.7541832230287393, 0.9042885834192231, 1.3658118476123187, 4.823698756727298, 2.3986848688748843,
            4.568874595182424, 5.675341469724071},
        // f = 0.0022876700535523816
        {20, 6, 31, -0.015725089690506885, 1.0124348679900437, -0.23299160035497418, 1.2604299838413906,
            -1.5137287884556498, 0.9929963707094654},
        // f = 1.399760138259972e-06
        {20, 9, 31, -1.530681619510869e-05, 0.9997897008528346, 0.014764135881282968, 0.1463405351183446,
            1.0008289896170148, -2.6177488520855166, 4.104424532795608, -3.1436254725913186,
            1.0526296835210789},
        // f = 4.722384320563513e-10
        {20, 12, 31, -6.6318169133482315e-09, 1.0000016471344706, -0.0005644965218435965, 0.34783263950756127,
            -0.15684287211637174, 1.0533741336145759, -3.2489620959446746, 7.291657102453552,
            -10.275745252041672, 9.077017033184076, -4.5425912248234965, 1.0122308825352533},
        // f = 2.249977500899937e-05
        {23, 4, 5, 0.2500074981903514, 0.2500075037780772, 0.25000749819035833, 0.2500074981903586},
        // f = 7.087651467090368e-05
        {23, 10, 11, 0.15812230258481982, 0.15812230185963821, 0.15812230177823836, 0.15812230091479626,
            0.15812230065130028, 0.1581223015107765, 0.1581223014355857, 0.15812229965137914,
            0.15812230047654202, 0.1581223002638788},
        // f = 9.376293007355446e-06
        {24, 4, 8, 0.19999933335036094, 0.19131671415385393, 0.4801015003538063, 0.5188453620323308},
        // f = 0.00029366053745674605
        {24, 10, 20, 0.19998360519627084, 0.010350645989499703, 0.019604910720718998, 0.032089063301786215,
            0.04993266909922296, 0.07651398893089466, 0.11862403268656523, 0.1921448904806943,
            0.3473206228664519, 0.36916435617596643},
        // f = 0.0035168737256784125
        {35, 8, 8, 0.04315276692295381, 0.19309084846383334, 0.2663287112686918, 0.5000000058877165,
            0.5000000057186875, 0.73367129758388, 0.8069091672193521, 0.9568472461073311},
        // f = 0.006503954800882952
        {35, 10, 10, 0.05961991036579577, 0.16670829395911935, 0.23917067434422476, 0.3988843051645566,
            0.3988842988866657, 0.6011157229189799, 0.601115712300122, 0.7608293568482984, 0.8332917308184719,
            0.940380109632508},
    };

    /** The value the paper prints for the local minimum of problem 2, which is not its f*. */
    private static final double FREUDENSTEIN_ROTH_LOCAL = 48.9842;

    @Test
    void valueAtAnAccurateMinimiserIsThePrintedOptimum() {
        for (double[] row : MINIMISERS) {
            MghProblem p = MoreGarbowHillstrom.problem((int) row[0], (int) row[1], (int) row[2]);
            double[] x = java.util.Arrays.copyOfRange(row, 3, row.length);
            double printed = p.number() == 2 ? FREUDENSTEIN_ROTH_LOCAL : p.optimalValue().getAsDouble();
            double unit = Math.pow(10, Math.floor(Math.log10(printed)) - 5);
            double f = p.energy().interpreter().value(x);
            assertTrue(f >= printed && f < printed + unit,
                    p + ": f = " + f + " at the minimiser, the paper prints " + printed + "...");
        }
    }

    /**
     * Bard's other minimum, f = 17.4286... at (0.8406..., -inf, -inf): as x2 and x3 fall,
     * u_i / (v_i x2 + w_i x3) vanishes and f tends to sum_i (y_i - x1)^2, least at the mean of
     * the y_i, 0.84066...; at x2 = x3 = -1e12 the quotients are below 1e-11, so f is within
     * 1e-9 of that limit.
     */
    @Test
    void bardTendsToThePrintedValueAtInfinity() {
        double f = MoreGarbowHillstrom.problem(8).energy().interpreter().value(new double[] {12.61 / 15, -1e12, -1e12});
        assertTrue(f >= 17.4286 && f < 17.4287, "f = " + f);
    }
}
