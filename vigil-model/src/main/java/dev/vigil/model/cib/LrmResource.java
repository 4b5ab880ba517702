package dev.vigil.model.cib;

import java.util.List;

/**
 * The operation history of one resource on one node ({@code lrm_resource}). {@code shutdownLock}
 * is the time (epoch seconds, as text) the resource was stopped by a clean shutdown of the node
 * while the cluster locks such resources to their node, or null.
 */
public record LrmResource(String id, String agentClass, String provider, String type,
                          String container, List<LrmOp> ops, String shutdownLock) {
    public LrmResource {
        ops = List.copyOf(ops);
    }

    public LrmResource(String id, String agentClass, String provider, String type, String container,
                       List<LrmOp> ops) {
        this(id, agentClass, provider, type, container, ops, null);
    }
}
