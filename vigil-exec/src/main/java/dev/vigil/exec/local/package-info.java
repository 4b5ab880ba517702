/**
 * The executor of a real node, {@link dev.vigil.exec.local.LocalExecutor}: per-resource
 * queues on a bounded thread pool, recurring operations on a timer, results to futures and
 * one listener. Agents are run by {@code dev.vigil.exec.agent}.
 *
 * <p>Depends on the API ({@code dev.vigil.exec}) and {@code dev.vigil.exec.agent} only; the
 * daemon constructs it, simulations implement {@link dev.vigil.exec.Executor} themselves.
 */
package dev.vigil.exec.local;
