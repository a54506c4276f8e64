package org.joule.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Hard and soft K-means against Commons Math 3.6.1's KMeansPlusPlusClusterer, best of 10 runs,
 * on the demo's spiral and on a Gaussian mixture: each WCSS within 1% of Commons Math's.
 *
 * <p>Our WCSS is recomputed here in plain Java from the returned centres (nearest centre per
 * point), so a wrong WCSS in the result cannot pass; it must also agree with the reported one
 * to 1e-12 relative (the same per-point squared distances summed in the same order; the
 * bound allows for the graph computing ||y − w||² with a different association).
 */
class KMeansComparisonTest {

    private static void withinOnePercent(String what, double ours, double commonsMath) {
        System.out.printf("K-means %s: WCSS %.9f, Commons Math best of 10 %.9f, ratio %.6f%n", what, ours,
                commonsMath, ours / commonsMath);
        assertTrue(Math.abs(ours / commonsMath - 1) <= 0.01,
                what + ": WCSS " + ours + " is not within 1% of Commons Math's " + commonsMath);
    }

    private static double checkedWcss(double[][] data, Clustering c) {
        double wcss = KMeansFixtures.wcss(data, c.centres());
        assertEquals(wcss, c.wcss(), 1e-12 * wcss, "reported WCSS against plain Java");
        assertTrue(c.converged(), c.toString());
        return wcss;
    }

    /**
     * The spiral has many local minima: single k-means++ runs of hard K-means came within 1%
     * of Commons Math's best of 10 for 2 of seeds 1..20 (and soft K-means for 4 of 20), so
     * both use restarts here: 50 for hard (each run costs milliseconds), 20 for soft (which
     * share the compiled free energies).
     */
    @Test
    void spiralHardAndSoftWithinOnePercentOfCommonsMath() {
        double[][] data = KMeansFixtures.spiral();
        double reference = KMeansFixtures.commonsMathBestOf10(data, 12);
        Clustering hard = new HardKMeans(12).seed(11).restarts(50).threads(2).fit(data);
        withinOnePercent("hard, spiral k=12, 50 restarts", checkedWcss(data, hard), reference);
        SoftKMeans.Result soft = new SoftKMeans(12).seed(11).restarts(20).threads(2).fit(data);
        withinOnePercent("soft, spiral k=12, 20 restarts", checkedWcss(data, soft.clustering()), reference);
        System.out.printf("  soft: annealed WCSS %.9f before the hard step%n", soft.annealedWcss());
    }

    /**
     * The mixture's clusters are far apart (means at least 8 standard deviations apart), so
     * one run of each method suffices. The centres are the sample means of 200 points each,
     * whose error per coordinate has standard deviation 1/sqrt(200) = 0.071; 0.35 is about 5
     * of them in distance, exceeded with probability exp(−0.35² / (2 · 0.071²)) &lt; 1e−5 per
     * centre. (A point is misassigned only if it lies more than 5.6 standard deviations out.)
     */
    @Test
    void mixtureWithinOnePercentOfCommonsMathAndCentresNearTheTrueMeans() {
        double[][] data = KMeansFixtures.mixture();
        double reference = KMeansFixtures.commonsMathBestOf10(data, 5);
        Clustering hard = new HardKMeans(5).seed(3).fit(data);
        withinOnePercent("hard, mixture k=5", checkedWcss(data, hard), reference);
        centresNearTheTrueMeans(hard.centres(), 0.35);
        SoftKMeans.Result soft = new SoftKMeans(5).seed(3).fit(data);
        withinOnePercent("soft, mixture k=5", checkedWcss(data, soft.clustering()), reference);
        centresNearTheTrueMeans(soft.clustering().centres(), 0.35);
        System.out.printf("  soft: annealed WCSS %.9f before the hard step%n", soft.annealedWcss());
    }

    private static void centresNearTheTrueMeans(double[][] centres, double tolerance) {
        boolean[] taken = new boolean[centres.length];
        for (double[] mean : KMeansFixtures.MIXTURE_MEANS) {
            int j = KMeansFixtures.nearest(mean, centres);
            double distance = Math.sqrt(KMeansFixtures.squaredDistance(mean, centres[j]));
            assertTrue(distance <= tolerance, "true mean " + java.util.Arrays.toString(mean)
                    + ": nearest centre is " + distance + " away");
            assertTrue(!taken[j], "two true means share centre " + j);
            taken[j] = true;
        }
    }
}
