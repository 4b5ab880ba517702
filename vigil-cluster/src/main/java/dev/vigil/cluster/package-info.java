/**
 * Vigil's cluster layer, the part Corosync plays in the classic stack: the cluster
 * configuration file ({@link dev.vigil.cluster.config}), the cluster key
 * ({@link dev.vigil.cluster.key}), membership over JGroups ({@link dev.vigil.cluster.membership})
 * and votequorum's rules with the DC choice ({@link dev.vigil.cluster.quorum}).
 *
 * <p>A library: the daemon wires it together. It depends on vigil-model and JGroups only, and
 * nothing outside {@code dev.vigil.cluster.membership} touches JGroups.
 */
package dev.vigil.cluster;
