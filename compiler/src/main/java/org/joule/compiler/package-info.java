/**
 * Compiles energy graphs to JVM bytecode with ASM (see the compiler issue).
 */
package org.joule.compiler;
