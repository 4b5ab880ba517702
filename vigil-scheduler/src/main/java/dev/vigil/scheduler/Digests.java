package dev.vigil.scheduler;

import dev.vigil.model.cib.LrmOp;
import dev.vigil.model.cib.LrmResource;
import dev.vigil.model.cib.Operation;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Compares each resource's operation history with its current definition, after assignment:
 * a changed definition restarts the resource (or reloads it, when only parameters the agent
 * can reload changed), a changed recurring operation is scheduled again, a recurring operation
 * no longer configured is cancelled, and a failure recorded with older parameters has its fail
 * count cleared.
 */
final class Digests {
    static final String DEFINITION_CHANGED = "resource definition change";

    private final Cluster cluster;

    private Digests(Cluster cluster) {
        this.cluster = cluster;
    }

    static void checkParameterChanges(Cluster cluster) {
        Digests digests = new Digests(cluster);
        for (Cluster.History history : cluster.histories) {
            digests.check(history);
        }
    }

    /**
     * Before assignment: a fail count recorded with another agent, or with parameters that
     * changed since the failure, is cleared in this run, so it no longer keeps the resource
     * from the node.
     */
    static void noteStaleFailCounts(Cluster cluster) {
        Digests digests = new Digests(cluster);
        for (Cluster.History history : cluster.histories) {
            if (digests.failCountIsStale(history)) {
                FailCounts.noteCleared(cluster, history.rsc(), history.node());
            }
        }
    }

    private boolean failCountIsStale(Cluster.History history) {
        Rsc rsc = history.rsc();
        SNode node = history.node();
        if (!comparable(rsc)) {
            return false;
        }
        if (agentChanged(rsc, history.entry())) {
            return FailCounts.countIgnoringTimeout(rsc, node) > 0;
        }
        return failureWithOldParameters(rsc, node, history.ops());
    }

    /** A replica's generated definition only approximates Pacemaker's, so it is not compared. */
    private static boolean comparable(Rsc rsc) {
        return rsc.isPrimitive() && !rsc.orphan && !rsc.isBundleReplicaPart();
    }

    private void check(Cluster.History history) {
        Rsc rsc = history.rsc();
        SNode node = history.node();
        if (!comparable(rsc)) {
            return;
        }
        if (agentChanged(rsc, history.entry())) {
            if (FailCounts.countIgnoringTimeout(rsc, node) > 0) {
                FailCounts.scheduleClear(cluster, rsc, node, "resource agent changed");
            }
            replaceAgent(rsc, node);
            return;
        }
        if (rsc.runningOn.contains(node)) {
            checkActive(rsc, node, activeOps(history.ops()));
        } else if (rsc.assigned == node) {
            cancelStoppedRoleMonitors(rsc, node, history.ops());
        }
        if (failureWithOldParameters(rsc, node, history.ops())) {
            FailCounts.scheduleClear(cluster, rsc, node, "resource parameters have changed");
        }
    }

    /** Was the history recorded with another agent (class, provider or type) than configured now? */
    private static boolean agentChanged(Rsc rsc, LrmResource entry) {
        if (entry.agentClass() == null || entry.type() == null || rsc.agentClass == null) {
            return false;
        }
        return !entry.agentClass().equals(rsc.agentClass) || !entry.type().equals(rsc.agentType)
                || ("ocf".equals(rsc.agentClass) && !Objects.equals(entry.provider(), rsc.agentProvider));
    }

    /**
     * A resource whose agent changed is stopped with the old agent; where it is to run next, its
     * old history is deleted before it starts again with the new one.
     */
    private void replaceAgent(Rsc rsc, SNode node) {
        if (rsc.assigned != node || !rsc.managed) {
            return;
        }
        Action stop = rsc.runningOn.contains(node) ? Actions.stop(cluster, rsc, node, false) : null;
        Action delete = Actions.custom(cluster, rsc, Action.key(rsc.id, "delete", 0), "delete", node, false);
        Action start = Actions.start(cluster, rsc, node, false);
        if (stop != null) {
            cluster.orderings.add(Ordering.actions(stop, delete, Action.ORDER_OPTIONAL));
        }
        cluster.orderings.add(Ordering.actions(delete, start, Action.ORDER_OPTIONAL));
    }

    /** The operations since the resource last started on the node (all of them if it never did). */
    private static List<LrmOp> activeOps(List<LrmOp> ops) {
        for (int i = ops.size() - 1; i >= 0; i--) {
            String task = ops.get(i).operation();
            if (succeeded(ops.get(i)) && ("start".equals(task) || "migrate_from".equals(task))) {
                return ops.subList(i, ops.size());
            }
        }
        return ops;
    }

    private void checkActive(Rsc rsc, SNode node, List<LrmOp> ops) {
        boolean definitionChecked = false;
        for (LrmOp op : ops) {
            if (op.operation() == null) {
                continue;
            }
            if (op.opStatus() == LrmOp.STATUS_PENDING) {
                restartPendingStart(rsc, node, op);
                continue;
            }
            if (op.intervalMs() > 0 && op.opStatus() != LrmOp.STATUS_CANCELLED) {
                checkRecurring(rsc, node, op);
            } else if (!succeeded(op)) {
                continue;
            } else if (!definitionChecked && checksDefinition(op.operation())
                    && op.rcCode() != HistoryUnpacker.OCF_NOT_RUNNING) {
                definitionChecked = checkDefinition(rsc, node, op);
            }
        }
    }

    /** Monitors for the stopped role, where the resource is about to start, are cancelled first. */
    private void cancelStoppedRoleMonitors(Rsc rsc, SNode node, List<LrmOp> ops) {
        for (LrmOp op : ops) {
            Operation configured = op.intervalMs() > 0 && succeeded(op)
                    ? OpConfig.find(rsc, op.operation(), op.intervalMs()) : null;
            if (configured != null && "stopped".equalsIgnoreCase(configured.role())) {
                Actions.cancel(cluster, rsc, op.operation(), op.intervalMs(), node);
            }
        }
    }

    /**
     * A start still in progress with an old definition is stopped once it completes (and so
     * started again with the new one where the resource stays).
     */
    private void restartPendingStart(Rsc rsc, SNode node, LrmOp op) {
        if ("start".equals(op.operation()) && rsc.managed && changed(rsc, node, op)) {
            Actions.stop(cluster, rsc, node, false);
        }
    }

    private static boolean checksDefinition(String task) {
        return switch (task) {
            case "start", "promote", "migrate_from", "monitor" -> true;
            default -> false;
        };
    }

    /** A recurring operation: cancelled if no longer wanted, scheduled again if changed. */
    private void checkRecurring(Rsc rsc, SNode node, LrmOp op) {
        Operation configured = OpConfig.find(rsc, op.operation(), op.intervalMs());
        boolean wanted = configured != null && OpConfig.enabled(configured);
        boolean orphaned = !wanted && rsc.assigned != null && cluster.options.stopOrphanActions();
        if (rsc.maintenance || node.maintenance || orphaned) {
            Action cancel = Actions.cancel(cluster, rsc, op.operation(), op.intervalMs(), node);
            cluster.orderings.add(Ordering.keyThenAction(rsc, "stop", cancel, Action.ORDER_OPTIONAL));
        } else if (!wanted) {
            // Stopping everywhere ends the operation anyway: the cancel noted from the history is moot.
            Action cancel = Actions.find(cluster, rsc, Actions.cancelKey(rsc, op.operation(), op.intervalMs()), node);
            if (cancel != null) {
                cancel.optional = true;
            }
        } else if (wanted && succeeded(op) && rsc.assigned == node && changed(rsc, node, op)) {
            Actions.custom(cluster, rsc, Action.key(rsc.id, op.operation(), op.intervalMs()), op.operation(), node,
                    false);
        }
    }

    /**
     * Recurring operations in a node's history that are no longer configured are cancelled. The
     * cancellation is noted while the history is read (before any recovery of the resource);
     * whether it is still needed is settled after assignment ({@link #checkRecurring}).
     */
    static void cancelUnconfiguredRecurring(Cluster cluster, Rsc rsc, SNode node, List<LrmOp> ops) {
        if (!rsc.isPrimitive() || rsc.orphan || !cluster.options.stopOrphanActions()) {
            return;
        }
        for (LrmOp op : activeOps(ops)) {
            if (op.intervalMs() <= 0 || op.operation() == null || op.opStatus() == LrmOp.STATUS_CANCELLED
                    || op.opStatus() == LrmOp.STATUS_PENDING) {
                continue;
            }
            Operation configured = OpConfig.find(rsc, op.operation(), op.intervalMs());
            if (configured == null || !OpConfig.enabled(configured)) {
                Actions.cancel(cluster, rsc, op.operation(), op.intervalMs(), node);
            }
        }
    }

    /**
     * A start-like operation: if the definition changed since, the resource is reloaded or
     * restarted where it stays. Returns whether a change was found.
     */
    private boolean checkDefinition(Rsc rsc, SNode node, LrmOp op) {
        if (!changed(rsc, node, op)) {
            return false;
        }
        if (rsc.assigned != node || !rsc.managed) {
            return true;
        }
        if (onlyReloadableChanged(rsc, node, op)) {
            rsc.reload = true;
            Actions.custom(cluster, rsc, Action.key(rsc.id, Planner.RELOAD, 0), Planner.RELOAD, node, false);
        } else {
            Action start = Actions.start(cluster, rsc, node, false);
            Planner.setReason(start, DEFINITION_CHANGED, false);
        }
        return true;
    }

    /** Did the parameters change since this operation ran? A masked secret alone is no change. */
    private boolean changed(Rsc rsc, SNode node, LrmOp op) {
        Map<String, String> params = parameters(rsc, node, op);
        String recorded = op.opDigest();
        if (recorded == null) {
            return false; // an operation recorded without a digest: what it ran with is unknown, as in Pacemaker
        }
        if (recorded.equals(OperationDigest.of(params, op.intervalMs(),
                OpConfig.timeoutMs(cluster, rsc, op.operation(), op.intervalMs())))) {
            return false;
        }
        String secure = op.get("op-secure-digest");
        return secure == null || !secure.equals(secureDigest(rsc, op, params));
    }

    private static String secureDigest(Rsc rsc, LrmOp op, Map<String, String> params) {
        List<String> secureParams = names(op.get("op-secure-params"));
        if (rsc.isFencingDevice && FeatureSet.olderThan(op.get("crm_feature_set"), "3.16.0")) {
            return OperationDigest.secureWithoutFencerOptions(params, secureParams);
        }
        return OperationDigest.secure(params, secureParams);
    }

    private boolean onlyReloadableChanged(Rsc rsc, SNode node, LrmOp op) {
        String restartDigest = op.get("op-restart-digest");
        return restartDigest != null && restartDigest.equals(OperationDigest.restart(Unpacker.paramsOn(cluster, rsc, node),
                operationParameters(rsc, node, op),
                op.get("op-force-restart") == null ? null : names(op.get("op-force-restart"))));
    }

    /** The parameters an operation runs with on a node: the resource's, then the operation's own. */
    private Map<String, String> parameters(Rsc rsc, SNode node, LrmOp op) {
        Map<String, String> params = new LinkedHashMap<>(Unpacker.paramsOn(cluster, rsc, node));
        params.putAll(operationParameters(rsc, node, op));
        return params;
    }

    private Map<String, String> operationParameters(Rsc rsc, SNode node, LrmOp op) {
        return OpConfig.parameters(cluster, rsc, op.operation(), op.intervalMs(), node);
    }

    private static List<String> names(String spaceSeparated) {
        return spaceSeparated == null ? List.of()
                : Arrays.stream(spaceSeparated.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
    }

    /**
     * Once orderings are settled: a resource that has to restart after all (an ordering made
     * its start required) is not reloaded.
     */
    static void settleReloads(Cluster cluster) {
        for (Rsc rsc : cluster.byId.values()) {
            if (!rsc.reload) {
                continue;
            }
            for (Action reload : Actions.byTask(rsc, Planner.RELOAD, null)) {
                if (Actions.byTask(rsc, "start", reload.node).stream().anyMatch(a -> !a.optional)) {
                    reload.optional = true;
                    rsc.reload = false;
                }
            }
        }
    }

    // ------------------------------------------------------------------ failures with old parameters

    /**
     * A failure recorded with parameters that have changed since no longer says anything about
     * the resource: its fail count is cleared. That is the last failure's own record, or any
     * operation when the node keeps a whole-resource fail count (the older attribute format).
     */
    private boolean failureWithOldParameters(Rsc rsc, SNode node, List<LrmOp> ops) {
        boolean wholeResourceCount = FailCounts.hasWholeResourceCount(cluster, rsc, node);
        for (LrmOp op : ops) {
            if (op.operation() == null || op.opStatus() == LrmOp.STATUS_PENDING) {
                continue;
            }
            boolean lastFailure = op.id() != null && op.id().endsWith("_last_failure_0");
            if ((lastFailure || wholeResourceCount) && definitionDiffers(rsc, node, op)) {
                return true;
            }
        }
        return false;
    }

    /** Operations the cluster itself schedules; records of others say nothing about the definition. */
    private static final Set<String> CLUSTER_TASKS = Set.of("start", "stop", "monitor", "promote",
            "demote", "migrate_to", "migrate_from", "notify", "reload", Planner.RELOAD);

    /** Unconfigured recurring operations count as changed; records without a digest never do. */
    private boolean definitionDiffers(Rsc rsc, SNode node, LrmOp op) {
        if (!CLUSTER_TASKS.contains(op.operation())) {
            return false;
        }
        if (op.intervalMs() > 0) {
            Operation configured = OpConfig.find(rsc, op.operation(), op.intervalMs());
            if (configured == null || !OpConfig.enabled(configured)) {
                return true;
            }
        }
        return op.opDigest() != null && changed(rsc, node, op);
    }

    static boolean succeeded(LrmOp op) {
        return op.opStatus() == LrmOp.STATUS_DONE
                && op.rcCode() == HistoryUnpacker.expectedRcOrDefault(op);
    }
}
