/**
 * The replicated CIB's protocol as a pure state machine: {@link
 * dev.vigil.daemon.replication.CibReplica#step} takes one input (a cluster state change, a
 * message from another node, a local change request, a clock tick) and returns the effects to
 * carry out (persist, send, broadcast, announce, complete a request), in order. No I/O, no clock,
 * no threads: the daemon's node loop does all of that, and tests drive it directly.
 * docs/daemon.md describes the protocol.
 */
package dev.vigil.daemon.replication;
