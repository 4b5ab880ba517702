package dev.vigil.controller.core;

import dev.vigil.controller.status.ActiveResources;
import dev.vigil.controller.status.OpHistory;
import dev.vigil.model.cib.LrmOp;
import dev.vigil.model.cib.LrmResource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * This node's own operation history, the authority a DC collects when the node joins. It also
 * remembers, per resource, the agent and parameters of the last request (so the node can stop
 * its resources on its own when it loses quorum) and, per recurring operation, what to report
 * with its later results.
 */
final class LocalHistory {
    /** How a resource was last run here. */
    record ResourceRun(String agentClass, String provider, String type, Map<String, String> params) {
        ResourceRun {
            params = java.util.Collections.unmodifiableMap(new TreeMap<>(params));
        }
    }

    /** A recurring operation registered with the executor. */
    record Recurring(String rscId, String transitionKey, String digest) {
    }

    private final Map<String, LrmResource> resources = new TreeMap<>();
    private final Map<String, ResourceRun> runs = new TreeMap<>();
    private final Map<String, Recurring> recurring = new TreeMap<>();
    /** rc and op-status last reported per recurring operation key: only changes are reported. */
    private final Map<String, String> lastReported = new TreeMap<>();

    void record(String rscId, String agentClass, String provider, String type, LrmOp op) {
        resources.put(rscId, OpHistory.record(resources.get(rscId), rscId, agentClass, provider, type, op));
    }

    void remove(String rscId, String opId) {
        LrmResource r = OpHistory.remove(resources.get(rscId), opId);
        if (r != null) {
            resources.put(rscId, r);
        }
        recurring.remove(opId);
        lastReported.remove(opId);
    }

    void forget(String rscId) {
        resources.remove(rscId);
        runs.remove(rscId);
        recurring.keySet().removeIf(k -> k.startsWith(rscId + "_"));
        lastReported.keySet().removeIf(k -> k.startsWith(rscId + "_"));
    }

    void noteRun(String rscId, ResourceRun run) {
        runs.put(rscId, run);
    }

    ResourceRun run(String rscId) {
        return runs.get(rscId);
    }

    /**
     * A recurring operation (re)registered by a request: its first result must be reported
     * whatever the previous registration last reported, since the DC waits for it.
     */
    void noteRecurring(String opKey, Recurring r) {
        recurring.put(opKey, r);
        lastReported.remove(opKey);
    }

    Recurring recurring(String opKey) {
        return recurring.get(opKey);
    }

    /** After a stop the executor has cancelled the resource's recurring operations. */
    void dropRecurring(String rscId) {
        recurring.keySet().removeIf(k -> k.startsWith(rscId + "_") && recurring.get(k).rscId().equals(rscId));
        lastReported.keySet().removeIf(k -> k.startsWith(rscId + "_"));
    }

    /** True when this rc/status of a recurring operation differs from the last one reported (and notes it). */
    boolean isChange(String opKey, int rc, int opStatus) {
        String value = rc + "/" + opStatus;
        return !value.equals(lastReported.put(opKey, value));
    }

    /** The whole history, sorted by resource id. */
    List<LrmResource> snapshot() {
        return new ArrayList<>(resources.values());
    }

    LrmResource resource(String rscId) {
        return resources.get(rscId);
    }

    /** Resources whose history says they are active here, the most recently started first. */
    List<String> activeNewestFirst() {
        List<LrmResource> active = new ArrayList<>();
        for (LrmResource r : resources.values()) {
            if (ActiveResources.isActive(r)) {
                active.add(r);
            }
        }
        active.sort(Comparator.comparingLong(LocalHistory::lastStartCall).reversed()
                .thenComparing(LrmResource::id));
        List<String> ids = new ArrayList<>();
        for (LrmResource r : active) {
            ids.add(r.id());
        }
        return ids;
    }

    private static long lastStartCall(LrmResource r) {
        long best = -1;
        for (LrmOp op : r.ops()) {
            if ("start".equals(op.operation()) || "promote".equals(op.operation())) {
                best = Math.max(best, op.callId() < 0 ? Long.MAX_VALUE : op.callId());
            }
        }
        return best;
    }
}
