/**
 * Training loops for energies without a partition function, that see only
 * {@link org.joule.runtime.EnergyFunction}s: the contrastive methods of LeCun et al. 2006 ("A
 * tutorial on energy-based learning", Predicting Structured Data, MIT Press) and of the lecture
 * "SSL, EBM with details and examples": push the energy down on the data and up on chosen points.
 *
 * <ul>
 *   <li>{@link org.joule.runtime.training.ContrastiveDivergence}: contrastive divergence CD-k
 *       (Hinton 2002, "Training products of experts by minimizing contrastive divergence",
 *       Neural Computation 14(8)) — kick a data point with noise and descend the energy, k
 *       Langevin or MALA steps, and push up where it lands — and persistent contrastive
 *       divergence (Tieleman 2008, "Training restricted Boltzmann machines using approximations
 *       to the likelihood gradient", ICML), whose negative chains live on between updates;</li>
 *   <li>{@link org.joule.runtime.training.DenoisingAutoencoder}: corrupt a point, learn to
 *       reconstruct it (Vincent, Larochelle, Bengio &amp; Manzagol 2008, "Extracting and
 *       composing robust features with denoising autoencoders", ICML), so that the
 *       reconstruction energy ‖g(y) − y‖² grows away from the data.</li>
 * </ul>
 *
 * <p>Every loop takes a {@link org.joule.runtime.training.TrainingPlan} (steps, minibatch size,
 * a {@link org.joule.runtime.training.ParameterUpdate}, seed, threads) and calls a
 * {@link org.joule.runtime.training.TrainingListener} after each step with the loss estimate and
 * the gradient norm. Runs are reproducible: minibatches and noise come from streams split from
 * the seed in a fixed order on the calling thread, each negative sample or chain has its own
 * stream, and sums over rows go through {@link org.joule.runtime.Batch}, so the result is the
 * same bits whatever the thread count. A NaN or infinite loss or gradient ends the run with an
 * {@link java.lang.ArithmeticException} naming the step and the parameter, never a NaN model.
 */
package org.joule.runtime.training;
