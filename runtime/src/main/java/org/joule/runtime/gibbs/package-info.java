/**
 * The Gibbs distribution of an energy over a grid of outputs, and maximum-likelihood
 * training through it.
 *
 * <p>For an energy E(y; W) and inverse temperature β, the Gibbs distribution is
 * P(y | W) = exp(−β E(y; W)) / Z(W) with Z(W) = ∫ exp(−β E(y; W)) dy. Over a low-dimensional
 * y the integral is a sum over a {@link org.joule.runtime.gibbs.Grid}, computed with a
 * max-shifted log-sum-exp, so log Z is finite for any β and energy scale. The negative
 * log-likelihood of data, scaled by 1/β as in LeCun et al., "A tutorial on energy-based
 * learning" (2006), section 2.2, is L(Y, W) = E(Y, W) + (1/β) log Z(W), with gradient
 * ∂E(Y)/∂W − E_{y∼P(y|W)}[∂E(y)/∂W]: push down the energy of the data, push up everywhere
 * else in proportion to P. Sums over data and grid run through
 * {@link org.joule.runtime.Batch}, so results are the same bits for any thread count.
 */
package org.joule.runtime.gibbs;
