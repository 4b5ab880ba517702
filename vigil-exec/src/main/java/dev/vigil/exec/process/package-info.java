/**
 * Child processes for agents: each one starts in its own session and process group (through
 * {@code setsid}), its output is captured up to a cap without ever blocking on pipes that
 * forked daemons keep open, and a timeout kills the whole group (SIGTERM, then SIGKILL).
 *
 * <p>Knows nothing about OCF or fencing. Linux only: it reads {@code /proc} to find the members
 * of a process group.
 */
package dev.vigil.exec.process;
