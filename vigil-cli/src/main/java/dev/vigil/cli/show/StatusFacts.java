package dev.vigil.cli.show;

import dev.vigil.model.cib.Cib;
import dev.vigil.model.cib.LrmOp;
import dev.vigil.model.cib.LrmResource;
import dev.vigil.model.cib.NodeState;
import dev.vigil.model.cib.NvSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the status section says about resources, for the editing commands: where a resource
 * runs (for {@code move} without a node, {@code restart}), its failed operations and fail
 * counts (for {@code cleanup} and {@code failcount}). A simple reading of the operation
 * history: the last non-recurring operation decides; the scheduler's full reading is
 * {@code vigil status}'s business.
 */
public final class StatusFacts {
    private static final Set<String> RUNNING_AFTER = Set.of("start", "promote", "demote", "migrate_from");

    private StatusFacts() {
    }

    /** One failed operation: {@code monitor (interval 10000ms) on node1: rc 7, reason}. */
    public record Failure(String resource, String node, String operation, long intervalMs, int rc, String reason) {
        public String describe() {
            return resource + " " + operation + (intervalMs > 0 ? " (every " + intervalMs / 1000 + "s)" : "") + " on " + node
                    + ": rc " + rc + (reason == null || reason.isEmpty() ? "" : " (" + reason + ")");
        }
    }

    /** One fail count: resource, node, operation key, count. */
    public record FailCount(String resource, String node, String operation, String count) {
    }

    /** Nodes where the resource (or, for a clone child, any of its instances {@code id:N}) last ran successfully. */
    public static List<String> runningOn(Cib cib, String resourceId) {
        List<String> nodes = new ArrayList<>();
        for (NodeState n : cib.status().nodes()) {
            for (LrmResource r : n.lrmResources()) {
                if (matches(r.id(), resourceId) && isRunning(r) && !nodes.contains(n.uname())) {
                    nodes.add(n.uname());
                }
            }
        }
        return nodes;
    }

    /** Failed operations of the resource (every resource when null) on the node (every node when null). */
    public static List<Failure> failures(Cib cib, String resourceId, String node) {
        List<Failure> out = new ArrayList<>();
        for (NodeState n : cib.status().nodes()) {
            if (node != null && !node.equals(n.uname())) {
                continue;
            }
            for (LrmResource r : n.lrmResources()) {
                if (resourceId != null && !matches(r.id(), resourceId)) {
                    continue;
                }
                for (LrmOp op : r.ops()) {
                    if (isFailure(op)) {
                        out.add(new Failure(r.id(), n.uname(), op.operation(), op.intervalMs(), op.rcCode(), op.exitReason()));
                    }
                }
            }
        }
        return out;
    }

    /** Fail counts from the nodes' transient attributes ({@code fail-count-RSC#OP_INTERVAL}). */
    public static List<FailCount> failCounts(Cib cib, String resourceId, String node) {
        List<FailCount> out = new ArrayList<>();
        for (NodeState n : cib.status().nodes()) {
            if (node != null && !node.equals(n.uname())) {
                continue;
            }
            Map<String, String> attrs = new TreeMap<>();
            for (NvSet s : n.transientAttributes()) {
                s.pairs().forEach(p -> attrs.put(p.name(), p.value()));
            }
            attrs.forEach((name, value) -> {
                if (!name.startsWith("fail-count-")) {
                    return;
                }
                String key = name.substring("fail-count-".length());
                int hash = key.indexOf('#');
                String rsc = hash < 0 ? key : key.substring(0, hash);
                if (resourceId == null || matches(rsc, resourceId)) {
                    out.add(new FailCount(rsc, n.uname(), hash < 0 ? "" : key.substring(hash + 1), value));
                }
            });
        }
        return out;
    }

    private static boolean isRunning(LrmResource r) {
        LrmOp last = r.ops().stream().filter(op -> op.intervalMs() == 0 && op.opStatus() != LrmOp.STATUS_PENDING)
                .max(Comparator.comparingInt(LrmOp::callId)).orElse(null);
        if (last == null) {
            return false;
        }
        if (RUNNING_AFTER.contains(last.operation())) {
            return last.rcCode() == 0 || last.rcCode() == 8;
        }
        return last.operation().equals("monitor") && (last.rcCode() == 0 || last.rcCode() == 8);
    }

    /** Not the expected result: a probe finding it stopped (7) or promoted (8) is not a failure. */
    private static boolean isFailure(LrmOp op) {
        if (op.opStatus() == LrmOp.STATUS_PENDING || op.opStatus() == LrmOp.STATUS_CANCELLED) {
            return false;
        }
        int rc = op.rcCode();
        boolean probe = op.operation().equals("monitor") && op.intervalMs() == 0;
        if (probe) {
            return rc != 0 && rc != 7 && rc != 8;
        }
        return op.opStatus() != LrmOp.STATUS_DONE || rc != 0 && !(rc == 8 && op.operation().equals("monitor"));
    }

    private static boolean matches(String historyId, String resourceId) {
        return historyId.equals(resourceId) || historyId.startsWith(resourceId + ":");
    }
}
