package org.joule.runtime.sampling;

/**
 * Nesterov's dual averaging of the log step size towards a target acceptance statistic δ, as
 * Hoffman &amp; Gelman 2014, §3.2 and Algorithm 5 give it and Stan runs it, with Stan's constants
 * γ = 0.05, t0 = 10, κ = 0.75 and μ = log(10 ε0): after m adaptation transitions with acceptance
 * statistics α_i, H̄_m = (1 − 1/(m + t0)) H̄_(m−1) + (δ − α_m)/(m + t0),
 * log ε_m = μ − √m H̄_m / γ, and log ε̄_m = m^(−κ) log ε_m + (1 − m^(−κ)) log ε̄_(m−1).
 * During warm-up the chain steps with ε_m; after it, with ε̄.
 */
final class DualAveraging {
    private static final double GAMMA = 0.05;
    private static final double T0 = 10;
    private static final double KAPPA = 0.75;

    private final double target;
    private double mu;
    private double hBar;
    private double logEpsilonBar;
    private int counter;

    DualAveraging(double target) {
        this.target = target;
    }

    /** Restarts the averaging around step size {@code epsilon} (Stan does so after each metric update). */
    void restart(double epsilon) {
        mu = Math.log(10 * epsilon);
        hBar = 0;
        logEpsilonBar = 0;
        counter = 0;
    }

    /** Learns from one acceptance statistic; returns the step size for the next transition. */
    double learn(double acceptance) {
        counter++;
        double a = Math.min(acceptance, 1);
        double eta = 1.0 / (counter + T0);
        hBar = (1 - eta) * hBar + eta * (target - a);
        double logEpsilon = mu - hBar * Math.sqrt(counter) / GAMMA;
        double weight = Math.pow(counter, -KAPPA);
        logEpsilonBar = (1 - weight) * logEpsilonBar + weight * logEpsilon;
        return Math.exp(logEpsilon);
    }

    /** The averaged step size exp(log ε̄), used after warm-up. */
    double averaged() {
        return Math.exp(logEpsilonBar);
    }

    /** Whether {@link #learn} has been called since the last restart. */
    boolean learned() {
        return counter > 0;
    }
}
