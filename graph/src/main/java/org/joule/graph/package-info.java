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
 *
 * <p>For energy-based models: {@link org.joule.graph.FreeEnergy} marginalises a latent
 * variable over a {@link org.joule.graph.LatentSet} (one-hot codes, values, quadrature grids)
 * by substituting it ({@link org.joule.graph.Graph#substitute}); {@link org.joule.graph.ScoreMatching}
 * builds exact, sliced and denoising score-matching objectives, with training rows from
 * {@link org.joule.graph.NoiseRows}; {@link org.joule.graph.Losses} holds the losses of LeCun
 * et al., "A tutorial on energy-based learning" (2006).
 */
package org.joule.graph;
