/**
 * Compilation of energies to JVM bytecode with ASM. {@link org.joule.compiler.Compiler} is
 * the one public entry point: it compiles an energy's value, value-and-gradient and
 * Hessian-vector-product programs into a class implementing
 * {@link org.joule.runtime.EnergyFunction}, in process as a hidden class that is unloaded
 * when unreachable, or ahead of time as class files or a jar that need only
 * {@code joule-runtime} at run time.
 *
 * <p>The generated code is straight-line and walks the same flattened programs as the
 * reference interpreter with the same floating-point operations, so the two agree bit for
 * bit. Programs of any size compile: they are cut into methods under HotSpot's 8,000-byte
 * JIT limit, values cross methods through a work array with slots reused by liveness, and
 * constants spill into further classes before a constant pool fills. The classes behind
 * the entry point plan that split, emit each op from a table keyed by
 * {@link org.joule.graph.Op}, and assemble the classes.
 */
package org.joule.compiler;
