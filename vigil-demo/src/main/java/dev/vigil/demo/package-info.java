/**
 * Clusters of real {@code vigil daemon} processes on this machine: node i listens on 127.0.0.i,
 * everything lives in one directory, nothing needs root. {@link dev.vigil.demo.LocalCluster}
 * starts, kills and "reboots" nodes (for the demo, the multi-process tests and the failover
 * benchmark); {@link dev.vigil.demo.DemoCommand} is {@code vigil demo}.
 *
 * <p>Depends on the API client, the cluster's config and key code and the controller's status
 * helpers; the daemons it starts run from the same classpath.
 */
package dev.vigil.demo;
