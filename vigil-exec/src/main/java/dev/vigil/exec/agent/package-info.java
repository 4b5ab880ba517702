/**
 * How each class of agent is found and run: OCF (environment, exit codes), LSB init scripts
 * (status codes mapped to OCF), systemd units (through systemctl), fence agents (the
 * fence-agents stdin protocol); meta-data parsing; "did you mean" suggestions for unknown
 * agents.
 *
 * <p>Not API: the executor ({@code dev.vigil.exec.local}) and the fencer
 * ({@code dev.vigil.exec.fence}) use it. Depends on the API records of {@code dev.vigil.exec}
 * and on {@code dev.vigil.exec.process}; knows nothing about queues or the cluster.
 */
package dev.vigil.exec.agent;
