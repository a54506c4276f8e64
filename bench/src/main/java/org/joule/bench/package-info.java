/**
 * JMH benchmarks of compiled energies against the interpreter, hand-written Java loops and
 * Commons Math forward mode on the design's workloads (K-means free energy, MLP, extended
 * Rosenbrock), sums over data rows on one and more threads, and a rough measurement of how
 * differentiation and compilation scale with graph size up to a million nodes.
 *
 * <p>{@code mvn package} builds {@code bench/target/benchmarks.jar}; {@code bench/README.md}
 * has the commands, the machine and the results. Nothing here is a library: the hand-written
 * kernels exist only as the speed limit the compiled code is measured against.
 */
package org.joule.bench;
