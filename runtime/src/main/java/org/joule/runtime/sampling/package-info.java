/**
 * Markov chain Monte Carlo samplers of the Gibbs density p(y) ∝ exp(−β E(y)) that see only an
 * {@link org.joule.runtime.EnergyFunction}: they move its wrt coordinates and keep every other
 * coordinate at its start value, so the same code samples the latents of E(x, y, z) with the
 * data fixed, or y with the parameters fixed, from an interpreted or a compiled energy.
 *
 * <ul>
 *   <li>{@link org.joule.runtime.sampling.Langevin}, the unadjusted Langevin algorithm, and
 *       {@link org.joule.runtime.sampling.Mala}, its Metropolis-adjusted form (Roberts &amp;
 *       Tweedie 1996, "Exponential convergence of Langevin distributions and their discrete
 *       approximations", Bernoulli 2(4));</li>
 *   <li>{@link org.joule.runtime.sampling.Hmc}, Hamiltonian Monte Carlo with leapfrog steps and a
 *       Metropolis correction (Neal 2011, "MCMC using Hamiltonian dynamics", Handbook of MCMC,
 *       ch. 5);</li>
 *   <li>{@link org.joule.runtime.sampling.Nuts}, the No-U-Turn Sampler (Hoffman &amp; Gelman 2014,
 *       JMLR 15) with multinomial trajectory sampling and the generalised U-turn criterion
 *       (Betancourt 2017, "A conceptual introduction to Hamiltonian Monte Carlo",
 *       arXiv:1701.02434), as Stan and BlackJAX run it.</li>
 * </ul>
 *
 * <p>Warm-up adapts, as an {@link org.joule.runtime.sampling.Adaptation} says, the step size by
 * dual averaging towards a target acceptance (Hoffman &amp; Gelman 2014, §3.2) and a diagonal mass
 * matrix from the warm-up draws in Stan's doubling windows. A
 * {@link org.joule.runtime.sampling.SamplingPlan} gives β, the number of chains, warm-up, draws
 * and one seed; chains run in parallel, each on its own stream split from the seed, so a run
 * gives the same bits on any number of threads. Each chain preallocates its arrays: a leapfrog
 * step allocates nothing. A NaN or infinite energy or gradient, or an energy error above 1000,
 * met in a trajectory is a divergence, counted per chain and rejected, never a NaN draw.
 *
 * <p>A {@link org.joule.runtime.sampling.SamplingResult} holds the draws (chains × draws ×
 * coordinates, named as the layout names them), per-chain
 * {@link org.joule.runtime.sampling.ChainStatistics} (acceptance, divergences, gradient
 * evaluations, step size, metric) and per-coordinate {@link org.joule.runtime.sampling.Summary}
 * (mean, sd, 5/50/95% quantiles, bulk ESS and rank-normalised split R-hat, computed by
 * {@link org.joule.runtime.sampling.Diagnostics} as Vehtari, Gelman, Simpson, Carpenter &amp;
 * Bürkner 2021, "Rank-normalization, folding, and localization", Bayesian Analysis 16(2),
 * define them), pooled and per chain, and the covariance of the draws.
 */
package org.joule.runtime.sampling;
