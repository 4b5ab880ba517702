/**
 * The daemon's runtime core: {@link dev.vigil.daemon.core.NodeLoop} is the one thread that
 * owns the node's state (cluster monitor and CIB replica), feeds them membership events,
 * messages, requests and clock ticks, and carries out their effects (disk, network, futures,
 * log). {@link dev.vigil.daemon.core.ReplicatedCib} is the {@link
 * dev.vigil.controller.CibService} on top of it, {@link dev.vigil.daemon.core.ClusterTransport}
 * the controller's message channel. No JGroups types here: the network is an interface.
 */
package dev.vigil.daemon.core;
