/**
 * {@code vigil cluster setup|start|stop|destroy|node}: the cluster's files in one directory and
 * the daemons of the nodes that live on this machine. {@link ClusterPlan} is pure (arguments and
 * an old config in, a new config out); {@link ClusterLayout} names the files; {@link LocalDaemons}
 * starts and stops processes. Nothing here reaches another machine: remote nodes are told what
 * to copy and run there.
 */
package dev.vigil.cli.setup;
