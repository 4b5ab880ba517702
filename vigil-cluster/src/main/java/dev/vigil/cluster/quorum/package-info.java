/**
 * Quorum and the DC choice, as pure functions: no I/O, no clock (the caller passes {@code now}),
 * deterministic. {@link dev.vigil.cluster.quorum.Quorum#evaluate} implements corosync
 * votequorum's rules (votes, expected_votes, two_node, wait_for_all, last_man_standing,
 * auto_tie_breaker) over a view and a {@link dev.vigil.cluster.quorum.QuorumHistory};
 * {@link dev.vigil.cluster.quorum.DesignatedCoordinator} names the DC of a quorate partition.
 */
package dev.vigil.cluster.quorum;
