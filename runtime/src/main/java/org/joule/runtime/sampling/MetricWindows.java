package org.joule.runtime.sampling;

/**
 * Stan's windowed estimation of a diagonal inverse metric M⁻¹ (the posterior variances) from
 * warm-up draws. Warm-up is split into an initial buffer (75 iterations, where only the step
 * size adapts), a series of slow windows of doubling length (25, 50, 100, ...; the last one
 * stretched to the terminal buffer) and a terminal buffer (50 iterations). At the end of each
 * slow window the variances of the window's draws (Welford's algorithm) become M⁻¹, shrunk
 * towards 10⁻³ as Stan does: (n/(n + 5)) var + 10⁻³ · 5/(n + 5). When the three parts do not
 * fit, the buffers become 15% and 10% of warm-up and the window the rest. Below 20 warm-up
 * iterations the metric is not adapted (the caller does not create this class).
 */
final class MetricWindows {
    private final int warmup;
    private final int initBuffer;
    private final int termBuffer;
    private int windowSize;
    private int nextWindow;
    private int counter;

    private final double[] mean;
    private final double[] m2;
    private int count;

    MetricWindows(int dimension, int warmup) {
        this.warmup = warmup;
        int init = 75;
        int term = 50;
        int window = 25;
        if (init + window + term > warmup) {
            init = (int) (0.15 * warmup);
            term = (int) (0.1 * warmup);
            window = warmup - (init + term);
        }
        this.initBuffer = init;
        this.termBuffer = term;
        this.windowSize = window;
        this.nextWindow = init + window - 1;
        mean = new double[dimension];
        m2 = new double[dimension];
    }

    /**
     * Records warm-up draw {@code q}; at the end of a slow window writes the new variances into
     * {@code inverseMetric} and returns true.
     */
    boolean learn(double[] q, double[] inverseMetric) {
        if (counter >= initBuffer && counter < warmup - termBuffer && counter != warmup) {
            add(q);
        }
        if (counter == nextWindow && counter != warmup) {
            computeNextWindow();
            for (int k = 0; k < mean.length; k++) {
                double variance = m2[k] / (count - 1.0);
                inverseMetric[k] = (count / (count + 5.0)) * variance + 1e-3 * (5.0 / (count + 5.0));
            }
            count = 0;
            java.util.Arrays.fill(mean, 0);
            java.util.Arrays.fill(m2, 0);
            counter++;
            return true;
        }
        counter++;
        return false;
    }

    private void add(double[] q) {
        count++;
        for (int k = 0; k < q.length; k++) {
            double delta = q[k] - mean[k];
            mean[k] += delta / count;
            m2[k] += delta * (q[k] - mean[k]);
        }
    }

    private void computeNextWindow() {
        int lastEnd = warmup - termBuffer - 1;
        if (nextWindow == lastEnd) {
            return;
        }
        windowSize *= 2;
        nextWindow = counter + windowSize;
        if (nextWindow != lastEnd && nextWindow + 2 * windowSize >= warmup - termBuffer) {
            nextWindow = lastEnd;
        }
    }
}
