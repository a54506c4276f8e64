/**
 * The {@code joule} command line and the demos: {@link org.joule.samples.Main} with its
 * subcommands {@code diff} (simplified symbolic derivatives), {@code eval} (value, gradient
 * and Hessian as JSON, also as a stream of JSON lines), {@code minimize}, {@code sample}
 * (Markov chain Monte Carlo from p ∝ exp(−β E) with Stan's diagnostics), {@code compile} (classes ahead of
 * time, also from a Maven build through exec-maven-plugin), {@code ellipse}, {@code gibbs-ml} and {@code kmeans-spiral} (alias
 * {@code demo}).
 *
 * <p>{@code kmeans-spiral} is K-means as a latent-variable energy-based model after LeCun's
 * lecture, on points along a spiral ({@link org.joule.samples.SpiralKMeans#spiral}): soft
 * K-means by annealing the free energy, its WCSS against Commons Math's, and JFreeChart
 * figures of the energy landscape ({@code Charts}) with a terminal progress bar
 * ({@code Progress}). The model is the general latent-variable machinery
 * ({@link org.joule.samples.KMeansEnergy}): hard K-means by coordinate descent
 * ({@link org.joule.samples.HardKMeans}) and soft K-means by deterministic annealing of the
 * data free energy ({@link org.joule.samples.SoftKMeans}). The module's shaded
 * {@code joule.jar} runs it all; {@code hmc} samples a banana by HMC and NUTS ({@link org.joule.samples.HmcCommand}).
 */
package org.joule.samples;
