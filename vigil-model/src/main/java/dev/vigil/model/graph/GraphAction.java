package dev.vigil.model.graph;

import java.util.Map;

/**
 * One action of a transition graph. {@code key} is Pacemaker's operation key
 * ({@code rsc_task_intervalMs}, or for cluster actions e.g. {@code stonith-node1-reboot});
 * {@code resource} and {@code node} are null where they do not apply. {@code parameters}
 * holds what the executor passes to the agent (instance attributes and {@code CRM_meta_*}).
 */
public record GraphAction(int id, ActionType type, String key, String task, String resource,
                          long intervalMs, String node, Map<String, String> parameters) {
    public GraphAction {
        parameters = parameters == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(parameters));
    }

    public boolean isPseudo() {
        return type == ActionType.PSEUDO;
    }
}
