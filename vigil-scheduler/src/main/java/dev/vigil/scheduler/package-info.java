/**
 * The scheduler: a pure function from a CIB snapshot to a transition graph
 * ({@link dev.vigil.scheduler.Scheduler#schedule}), deciding as Pacemaker's policy engine does.
 *
 * <p>Stages, each in its own class: {@code Unpacker} (configuration and status into nodes and
 * resources, each resource's current role derived from its operation history), {@code Placement}
 * (node scores from constraints, stickiness, failures; then assignment), {@code Planner}
 * (actions), {@code Orderer} (ordering constraints and their effect on what may run) and
 * {@code GraphBuilder} (the graph). The working objects of one run ({@code SNode}, {@code Rsc},
 * {@code Action}) are mutable but never escape a run: results are published as immutable values.
 *
 * <p>No I/O and no clock: the snapshot carries "now". Iteration order never depends on hashing.
 * Depends on vigil-model only.
 */
package dev.vigil.scheduler;
