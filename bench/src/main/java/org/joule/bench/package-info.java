/** JMH benchmarks: compiled energies against the interpreter and hand-written Java. */
package org.joule.bench;
