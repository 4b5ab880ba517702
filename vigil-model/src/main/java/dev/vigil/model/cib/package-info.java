/**
 * The CIB as immutable values: configuration (nodes, resources, constraints, properties,
 * defaults) and status (node states, operation history, transient attributes, tickets).
 *
 * <p>These types mirror Pacemaker's CIB XML closely enough that a document read and written
 * back reads as an equal value. They hold data only: resolving references, evaluating rules
 * and deriving state belong to the scheduler. No I/O, JDK only.
 */
package dev.vigil.model.cib;
