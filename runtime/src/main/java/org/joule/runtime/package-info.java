/**
 * What an energy needs at run time, and all that a class compiled ahead of time needs on its
 * class path: the {@link org.joule.runtime.EnergyFunction} interface that the reference
 * interpreter and compiled classes both implement (value, gradient and Hessian-vector
 * product over a flat input array), the {@link org.joule.runtime.Layout} of that array by
 * named {@link org.joule.runtime.Variable}s and their {@link org.joule.runtime.Role}s, the
 * base class {@link org.joule.runtime.CompiledEnergy} of generated code, the stable
 * elementary functions of {@link org.joule.runtime.Numerics} that interpreter and compiled
 * code share so that they agree bit for bit, and {@link org.joule.runtime.Batch}, which sums
 * an energy and its gradient over data rows in a fixed order whatever the number of threads.
 *
 * <p>This package depends on nothing but the JDK, and it never sees an expression graph:
 * code that only evaluates energies (an optimiser, a sampler, a server answering requests)
 * can depend on this module alone.
 */
package org.joule.runtime;
