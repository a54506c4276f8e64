package org.joule.samples;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.commons.math3.ml.clustering.CentroidCluster;
import org.apache.commons.math3.ml.clustering.DoublePoint;
import org.apache.commons.math3.ml.clustering.KMeansPlusPlusClusterer;
import org.apache.commons.math3.ml.distance.EuclideanDistance;
import org.apache.commons.math3.random.JDKRandomGenerator;

/** Data sets and independent references for the K-means tests. */
final class KMeansFixtures {
    /** The true means of the Gaussian mixture: pairwise at least 8 apart, standard deviation 1. */
    static final double[][] MIXTURE_MEANS = {{-8, -8}, {8, -8}, {-8, 8}, {8, 8}, {0, 0}};

    private KMeansFixtures() {
    }

    /** The demo's spiral: 600 points, seed 1 (as {@code joule demo} draws them). */
    static double[][] spiral() {
        return SpiralKMeans.spiral(600, new Random(1));
    }

    /** 1000 points, 200 from each of the 5 isotropic unit Gaussians around {@link #MIXTURE_MEANS}, seeded. */
    static double[][] mixture() {
        Random r = new Random(2024);
        double[][] p = new double[1000][];
        for (int i = 0; i < p.length; i++) {
            double[] m = MIXTURE_MEANS[i % MIXTURE_MEANS.length];
            p[i] = new double[] {m[0] + r.nextGaussian(), m[1] + r.nextGaussian()};
        }
        return p;
    }

    /** Σ_i min_j ||y_i − c_j||² in plain Java: the WCSS of the nearest-centre assignment. */
    static double wcss(double[][] data, double[][] centres) {
        double s = 0;
        for (double[] p : data) {
            s += squaredDistance(p, centres[nearest(p, centres)]);
        }
        return s;
    }

    /** The index of the nearest centre, the first of equally near ones, in plain Java. */
    static int nearest(double[] p, double[][] centres) {
        int best = 0;
        for (int j = 1; j < centres.length; j++) {
            if (squaredDistance(p, centres[j]) < squaredDistance(p, centres[best])) {
                best = j;
            }
        }
        return best;
    }

    static double squaredDistance(double[] a, double[] b) {
        double s = 0;
        for (int c = 0; c < a.length; c++) {
            double d = a[c] - b[c];
            s += d * d;
        }
        return s;
    }

    /**
     * Commons Math 3.6.1's KMeansPlusPlusClusterer, best of 10 runs (seeds 0..9, Euclidean
     * distance, run to convergence), scored by the WCSS computed here from its clusters and
     * centres.
     */
    static double commonsMathBestOf10(double[][] data, int k) {
        List<DoublePoint> points = new ArrayList<>();
        for (double[] p : data) {
            points.add(new DoublePoint(p));
        }
        double best = Double.POSITIVE_INFINITY;
        for (int run = 0; run < 10; run++) {
            JDKRandomGenerator random = new JDKRandomGenerator();
            random.setSeed(run);
            KMeansPlusPlusClusterer<DoublePoint> clusterer =
                    new KMeansPlusPlusClusterer<>(k, -1, new EuclideanDistance(), random);
            double wcss = 0;
            for (CentroidCluster<DoublePoint> cluster : clusterer.cluster(points)) {
                double[] centre = cluster.getCenter().getPoint();
                for (DoublePoint q : cluster.getPoints()) {
                    wcss += squaredDistance(q.getPoint(), centre);
                }
            }
            best = Math.min(best, wcss);
        }
        return best;
    }
}
