/**
 * Minimisers that see only an {@link org.joule.runtime.EnergyFunction}: they move the wrt
 * coordinates of a full layout array and leave every other coordinate at its start value, so
 * the same code minimises an interpreted energy, a class compiled in-process or one generated
 * ahead of time, over all its parameters or over its latent variables only.
 *
 * <ul>
 *   <li>{@link org.joule.runtime.optimize.GradientDescent} (fixed step or Armijo backtracking),
 *       {@link org.joule.runtime.optimize.Momentum} (heavy ball, Nesterov) and
 *       {@link org.joule.runtime.optimize.Adam} (Kingma &amp; Ba 2015);</li>
 *   <li>{@link org.joule.runtime.optimize.Lbfgs} with a strong-Wolfe line search and
 *       {@link org.joule.runtime.optimize.TrustRegionNewton} with Steihaug–Toint conjugate
 *       gradients on the energy's Hessian-vector products (Nocedal &amp; Wright, Numerical
 *       Optimization, 2nd ed., Alg. 7.4, 3.5, 3.6, 4.1 and 7.2);</li>
 *   <li>{@link org.joule.runtime.optimize.Fista}, ISTA and FISTA for an energy plus an L1
 *       penalty (Beck &amp; Teboulle 2009);</li>
 *   <li>{@link org.joule.runtime.optimize.CommonsMath}, adapters both ways to Apache Commons
 *       Math 3.6.1 optimisers and functions, and its nonlinear conjugate gradient run as one
 *       more method with the same result type.</li>
 * </ul>
 *
 * <p>Every method shares one driver: {@link org.joule.runtime.optimize.StoppingRules} (gradient
 * inf-norm, relative change, iterations, evaluations), an
 * {@link org.joule.runtime.optimize.IterationListener} called once per iteration, and an
 * {@link org.joule.runtime.optimize.OptimizationResult} that says why the run stopped
 * ({@link org.joule.runtime.optimize.StopReason}). A NaN or infinite energy, gradient or
 * Hessian-vector product met on the way ends the run with
 * {@link org.joule.runtime.optimize.StopReason#NON_FINITE}, naming the iteration and the
 * coordinate; it never comes back as a NaN result. Runs are deterministic: the same start gives
 * the same bits.
 */
package org.joule.runtime.optimize;
