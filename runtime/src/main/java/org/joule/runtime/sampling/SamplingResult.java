package org.joule.runtime.sampling;

import java.util.Arrays;
import java.util.List;

/**
 * The draws of a sampling run, chains × draws × coordinates over the energy's wrt coordinates
 * (named as the layout names them), with per-chain statistics and, computed on first request,
 * per-coordinate summaries pooled over the chains or for one chain. Immutable and thread-safe.
 */
public final class SamplingResult {
    private final String[] names;
    private final SamplingPlan plan;
    private final double[][] draws;
    private final double[][] energies;
    private final ChainStatistics[] statistics;
    private final Summary[] pooled;
    private final Summary[][] perChain;

    SamplingResult(String[] names, SamplingPlan plan, List<Chain.Output> outputs) {
        this.names = names;
        this.plan = plan;
        int m = outputs.size();
        draws = new double[m][];
        energies = new double[m][];
        statistics = new ChainStatistics[m];
        for (int c = 0; c < m; c++) {
            draws[c] = outputs.get(c).draws();
            energies[c] = outputs.get(c).energies();
            statistics[c] = outputs.get(c).statistics();
        }
        pooled = new Summary[names.length];
        perChain = new Summary[m][names.length];
    }

    /**
     * The plan the run followed.
     *
     * @return β, chains, warm-up, draws and seed
     */
    public SamplingPlan plan() {
        return plan;
    }

    /**
     * The names of the sampled coordinates, in wrt order, such as {@code y[0]}.
     *
     * @return an unmodifiable list of {@link #dimension()} names
     */
    public List<String> names() {
        return List.of(names);
    }

    /**
     * Number of chains.
     *
     * @return 1 or more
     */
    public int chains() {
        return draws.length;
    }

    /**
     * Kept draws per chain.
     *
     * @return 1 or more
     */
    public int draws() {
        return plan.draws();
    }

    /**
     * Number of sampled coordinates, the energy's {@code wrtLength()}.
     *
     * @return 1 or more
     */
    public int dimension() {
        return names.length;
    }

    /**
     * One coordinate of one draw.
     *
     * @param chain      0 &lt;= chain &lt; {@link #chains()}
     * @param draw       0 &lt;= draw &lt; {@link #draws()}
     * @param coordinate 0 &lt;= coordinate &lt; {@link #dimension()}
     * @return its value, always finite
     */
    public double draw(int chain, int draw, int coordinate) {
        if (draw < 0 || draw >= draws() || coordinate < 0 || coordinate >= dimension()) {
            throw new IndexOutOfBoundsException("draw " + draw + ", coordinate " + coordinate + " outside "
                    + draws() + " draws of " + dimension() + " coordinates");
        }
        return draws[chain][draw * names.length + coordinate];
    }

    /**
     * The draws of one chain.
     *
     * @param chain 0 &lt;= chain &lt; {@link #chains()}
     * @return a new array {@code [draw][coordinate]}
     */
    public double[][] chainDraws(int chain) {
        int n = names.length;
        double[][] out = new double[draws()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = Arrays.copyOfRange(draws[chain], i * n, (i + 1) * n);
        }
        return out;
    }

    /**
     * The draws of one coordinate, in the shape {@link Diagnostics} takes.
     *
     * @param coordinate 0 &lt;= coordinate &lt; {@link #dimension()}
     * @return a new array {@code [chain][draw]}
     */
    public double[][] coordinateDraws(int coordinate) {
        if (coordinate < 0 || coordinate >= dimension()) {
            throw new IndexOutOfBoundsException("coordinate " + coordinate + " outside " + dimension());
        }
        int n = names.length;
        double[][] out = new double[draws.length][draws()];
        for (int c = 0; c < draws.length; c++) {
            for (int i = 0; i < out[c].length; i++) {
                out[c][i] = draws[c][i * n + coordinate];
            }
        }
        return out;
    }

    /**
     * The energy E (not β E) at each kept draw of one chain.
     *
     * @param chain 0 &lt;= chain &lt; {@link #chains()}
     * @return a new array of {@link #draws()} energies
     */
    public double[] energies(int chain) {
        return energies[chain].clone();
    }

    /**
     * What one chain did: acceptance, divergences, gradient evaluations, step size, metric.
     *
     * @param chain 0 &lt;= chain &lt; {@link #chains()}
     * @return its statistics
     */
    public ChainStatistics statistics(int chain) {
        return statistics[chain];
    }

    /**
     * The mean acceptance statistic over all kept draws of all chains.
     *
     * @return a number in [0, 1]
     */
    public double acceptanceRate() {
        double s = 0;
        for (ChainStatistics c : statistics) {
            s += c.acceptanceRate();
        }
        return s / statistics.length;
    }

    /**
     * Divergent transitions among the kept draws, summed over chains.
     *
     * @return 0 or more
     */
    public int divergences() {
        int s = 0;
        for (ChainStatistics c : statistics) {
            s += c.divergences();
        }
        return s;
    }

    /**
     * Value-and-gradient calls of all chains while drawing the kept draws.
     *
     * @return 0 or more
     */
    public long gradientEvaluations() {
        long s = 0;
        for (ChainStatistics c : statistics) {
            s += c.gradientEvaluations();
        }
        return s;
    }

    /**
     * Value-and-gradient calls of all chains, warm-up included.
     *
     * @return 1 or more
     */
    public long totalGradientEvaluations() {
        long s = 0;
        for (ChainStatistics c : statistics) {
            s += c.gradientEvaluations() + c.warmupGradientEvaluations();
        }
        return s;
    }

    /**
     * The summary of one coordinate over all chains: mean, sd, quantiles, bulk ESS, R-hat.
     *
     * @param coordinate 0 &lt;= coordinate &lt; {@link #dimension()}
     * @return the pooled summary
     */
    public synchronized Summary summary(int coordinate) {
        if (pooled[coordinate] == null) {
            pooled[coordinate] = summarize(names[coordinate], coordinateDraws(coordinate));
        }
        return pooled[coordinate];
    }

    /**
     * The summary of one coordinate in one chain (R-hat then compares the chain's two halves).
     *
     * @param chain      0 &lt;= chain &lt; {@link #chains()}
     * @param coordinate 0 &lt;= coordinate &lt; {@link #dimension()}
     * @return the chain's summary
     */
    public synchronized Summary summary(int chain, int coordinate) {
        if (perChain[chain][coordinate] == null) {
            perChain[chain][coordinate] = summarize(names[coordinate],
                    new double[][] {coordinateDraws(coordinate)[chain]});
        }
        return perChain[chain][coordinate];
    }

    /**
     * The pooled summaries of all coordinates.
     *
     * @return {@link #dimension()} summaries in wrt order
     */
    public List<Summary> summaries() {
        Summary[] out = new Summary[names.length];
        for (int k = 0; k < out.length; k++) {
            out[k] = summary(k);
        }
        return List.of(out);
    }

    /**
     * The means of all coordinates over all draws.
     *
     * @return a new array of {@link #dimension()} means
     */
    public double[] mean() {
        int n = names.length;
        double[] mean = new double[n];
        for (double[] chain : draws) {
            for (int i = 0; i < chain.length; i++) {
                mean[i % n] += chain[i];
            }
        }
        for (int k = 0; k < n; k++) {
            mean[k] /= (double) draws.length * draws();
        }
        return mean;
    }

    /**
     * The covariance of the coordinates over all draws of all chains (divisor S − 1, S the
     * number of draws; 0 when S = 1).
     *
     * @return a new {@link #dimension()} × {@link #dimension()} symmetric array
     */
    public double[][] covariance() {
        int n = names.length;
        double[] mean = mean();
        double[][] cov = new double[n][n];
        for (double[] chain : draws) {
            for (int d = 0; d < draws(); d++) {
                int o = d * n;
                for (int i = 0; i < n; i++) {
                    double di = chain[o + i] - mean[i];
                    for (int j = 0; j <= i; j++) {
                        cov[i][j] += di * (chain[o + j] - mean[j]);
                    }
                }
            }
        }
        long s = (long) draws.length * draws();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                cov[i][j] = s > 1 ? cov[i][j] / (s - 1) : 0;
                cov[j][i] = cov[i][j];
            }
        }
        return cov;
    }

    private static Summary summarize(String name, double[][] chains) {
        double[] all = new double[chains.length * chains[0].length];
        for (int c = 0; c < chains.length; c++) {
            System.arraycopy(chains[c], 0, all, c * chains[c].length, chains[c].length);
        }
        double mean = Diagnostics.mean(all);
        double sd = all.length > 1 ? Math.sqrt(Diagnostics.variance(all, mean)) : Double.NaN;
        Arrays.sort(all);
        double essMean = Diagnostics.ess(chains);
        return new Summary(name, mean, sd, Diagnostics.sortedQuantile(all, 0.05), Diagnostics.sortedQuantile(all, 0.5),
                Diagnostics.sortedQuantile(all, 0.95), Diagnostics.essBulk(chains), Diagnostics.rhat(chains), essMean,
                sd / Math.sqrt(essMean));
    }

    @Override
    public String toString() {
        return "SamplingResult[" + chains() + " chains of " + draws() + " draws over " + names() + ", acceptance "
                + acceptanceRate() + ", divergences " + divergences() + ", gradient evaluations "
                + totalGradientEvaluations() + "]";
    }
}
