/**
 * Free energy over a continuous latent variable by inner minimisation:
 * F(y; W) = min_z E(y, z; W), as an {@link org.joule.runtime.EnergyFunction} of its own.
 *
 * <p>{@link org.joule.runtime.latent.MinimizedLatent} runs an optimiser of
 * {@link org.joule.runtime.optimize} on the energy's gradient in z (and its Hessian-vector
 * products, for trust-region Newton) from a warm start, and differentiates F by the envelope
 * theorem: at an interior minimiser z*(y, W), ∇_z E = 0, so
 * ∂F/∂(y, W) = ∂E/∂(y, W) evaluated at z* — no derivative of z* is needed (Milgrom &amp; Segal,
 * "Envelope theorems for arbitrary choice sets", Econometrica 70(2), 2002, Theorem 1; LeCun et
 * al., "A tutorial on energy-based learning", 2006, section 4, "latent variable architectures", where
 * F(y) = min_z E(y, z) is the free energy at β = ∞). The theorem needs the minimiser to be
 * unique and to move smoothly with (y, W); where the global minimiser jumps from one branch to
 * another, F has a kink and no gradient.
 *
 * <p>An inner run that does not converge is a {@link org.joule.runtime.latent.LatentNotConvergedException}
 * naming the stop reason, the point and the inner gradient norm, or a
 * {@link org.joule.runtime.latent.LatentMinimum} whose status says so: never a silently wrong F.
 */
package org.joule.runtime.latent;
