/**
 * This node's view of the cluster: {@link dev.vigil.daemon.cluster.ClusterMonitor} turns
 * views, the peers' quorum flags and the clock into a {@link dev.vigil.controller.ClusterState}
 * (view, quorum, DC) with votequorum's rules from vigil-cluster. Pure: the node loop calls it.
 */
package dev.vigil.daemon.cluster;
