package dev.vigil.controller.status;

import dev.vigil.model.cib.LrmOp;
import dev.vigil.model.cib.LrmResource;
import dev.vigil.model.cib.NodeState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A quick reading of which resources a node's history says are active: the latest entry by
 * call id decides (a pending start counts as active). The scheduler's own unpacking is the
 * authority; this is for the controller's own needs (fencing priorities, local stops when
 * quorum is lost, status lines), where a cautious approximation is enough.
 */
public final class ActiveResources {
    private ActiveResources() {
    }

    /** History ids of the resources active on the node, sorted. */
    public static Set<String> on(NodeState state) {
        Set<String> active = new TreeSet<>();
        if (state == null) {
            return active;
        }
        for (LrmResource r : state.lrmResources()) {
            if (isActive(r)) {
                active.add(r.id());
            }
        }
        return active;
    }

    /** Whether one resource's history ends in an active state. */
    public static boolean isActive(LrmResource r) {
        LrmOp last = latest(r);
        if (last == null) {
            return false;
        }
        String task = last.operation();
        if (last.opStatus() == LrmOp.STATUS_PENDING) {
            return !"stop".equals(task) && !"monitor".equals(task);
        }
        int rc = OpHistory.effectiveRc(last.rcCode());
        if ("stop".equals(task)) {
            // A failed stop leaves the resource in an unknown state: count it as active.
            return last.opStatus() != LrmOp.STATUS_DONE || rc != 0;
        }
        if ("monitor".equals(task)) {
            return rc != 7 && !(rc == 5 && last.intervalMs() == 0);
        }
        if ("start".equals(task) || "promote".equals(task) || "demote".equals(task) || "migrate_from".equals(task)) {
            return true; // even a failed start may have left something running
        }
        return !"migrate_to".equals(task) || last.opStatus() != LrmOp.STATUS_DONE || rc != 0;
    }

    /** The latest entry by call id, then by last-rc-change; pending entries (call id -1) last. */
    static LrmOp latest(LrmResource r) {
        List<LrmOp> ops = new ArrayList<>(r.ops());
        ops.removeIf(o -> o.opStatus() == LrmOp.STATUS_CANCELLED);
        ops.sort(Comparator.comparingLong((LrmOp o) -> o.callId() < 0 ? Long.MAX_VALUE : o.callId())
                .thenComparingLong(LrmOp::lastRcChange));
        return ops.isEmpty() ? null : ops.get(ops.size() - 1);
    }
}
