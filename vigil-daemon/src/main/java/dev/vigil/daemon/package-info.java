/**
 * {@code vigil daemon}: {@link dev.vigil.daemon.DaemonCommand} reads the options, config and
 * key; {@link dev.vigil.daemon.Daemon} wires membership, quorum, the replicated CIB, executor,
 * fencer, controller and the API server by hand, and stops them in reverse order.
 */
package dev.vigil.daemon;
