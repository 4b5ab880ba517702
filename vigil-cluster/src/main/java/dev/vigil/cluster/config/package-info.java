/**
 * {@code vigil.conf}: the cluster configuration in corosync.conf syntax, read into an immutable
 * {@link dev.vigil.cluster.config.ClusterConfig} and written back out.
 *
 * <p>Reading refuses anything Vigil would not honour (unknown keys, bad values, contradictions)
 * with a {@link dev.vigil.cluster.config.ConfigException} whose message is {@code FILE:LINE: reason}.
 * No network or DNS access: addresses must be IP literals. Depends on the JDK and vigil-model only.
 */
package dev.vigil.cluster.config;
