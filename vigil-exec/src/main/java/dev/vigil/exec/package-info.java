/**
 * The executor and its vocabulary: run agent operations on this node and report their results
 * the way Pacemaker records them ({@code lrm_rsc_op}).
 *
 * <p>The public API is small: {@link dev.vigil.exec.Executor} (implemented here by
 * {@code dev.vigil.exec.local.LocalExecutor}, elsewhere by simulations), the request and result
 * records, {@link dev.vigil.exec.OcfResult} and {@link dev.vigil.exec.OpStatus} for codes,
 * {@link dev.vigil.exec.AgentSpec} and {@link dev.vigil.exec.AgentMetadata} for agents. The
 * fencer lives in {@code dev.vigil.exec.fence}. Depends on {@code vigil-model} only; nothing
 * here knows about the cluster, the CIB document or the controller.
 */
package dev.vigil.exec;
