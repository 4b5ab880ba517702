package dev.vigil.model.cib;

import java.util.List;

/** The operation history of one resource on one node ({@code lrm_resource}). */
public record LrmResource(String id, String agentClass, String provider, String type,
                          String container, List<LrmOp> ops) {
    public LrmResource {
        ops = List.copyOf(ops);
    }
}
