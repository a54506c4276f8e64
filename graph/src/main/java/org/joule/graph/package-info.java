/**
 * Energies as interned expression graphs, and everything symbolic done to them. A
 * {@link org.joule.graph.Graph} owns the variables and builds immutable
 * {@link org.joule.graph.Node}s, returning the existing node for an equal expression and
 * simplifying as it builds; {@link org.joule.graph.Tensor} and the static helpers of
 * {@link org.joule.graph.Joule} are the Java DSL over them. Every rule is keyed by the
 * {@link org.joule.graph.Op} enum: evaluation, local derivatives, rewrites and printing.
 *
 * <p>An {@link org.joule.graph.Energy} pairs an output with the coordinates to
 * differentiate by; the {@link org.joule.graph.Differentiator} builds its gradient and
 * Hessian-vector product into the same graph (reverse mode, one sweep), and
 * {@link org.joule.graph.EnergyPrograms} flattens the three into straight-line
 * {@link org.joule.graph.Program}s that the reference {@link org.joule.graph.Interpreter}
 * and the bytecode compiler both walk. {@link org.joule.graph.Printer} and
 * {@link org.joule.graph.Parser} convert to and from text, and
 * {@link org.joule.graph.GradientChecker} compares any energy function's gradient with
 * finite differences.
 */
package org.joule.graph;
