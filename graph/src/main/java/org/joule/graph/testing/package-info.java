/**
 * Test support published for users' own property tests, and used by Joule's: jqwik
 * arbitraries of random expressions that are defined everywhere in a box and of random
 * points away from kinks ({@link org.joule.graph.testing.GraphArbitraries}), the graph-free
 * expression recipes they generate and jqwik shrinks ({@link org.joule.graph.testing.Expr}),
 * the energies of the design's workloads, K-means free energy, MLP, Rosenbrock, sparse
 * coding, autoencoder ({@link org.joule.graph.testing.Workloads}), and the 35 unconstrained
 * test problems of Moré, Garbow and Hillstrom with their starting points and published optima,
 * for testing optimisers ({@link org.joule.graph.testing.MoreGarbowHillstrom}).
 *
 * <p>jqwik is an optional dependency of {@code joule-graph}: add {@code net.jqwik:jqwik} to
 * your test class path to use the arbitraries (README, "Gradient tests of your own"). The
 * workloads need only this module.
 */
package org.joule.graph.testing;
