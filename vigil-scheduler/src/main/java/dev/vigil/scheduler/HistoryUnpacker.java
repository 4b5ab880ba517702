package dev.vigil.scheduler;

import dev.vigil.model.Role;
import dev.vigil.model.Score;
import dev.vigil.model.cib.LrmOp;
import dev.vigil.model.cib.LrmResource;
import dev.vigil.model.cib.NodeState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Works out each resource's current state from its operation history on every node: the role
 * it is in, where it is active, what failed and how the failure must be handled (on-fail),
 * pending operations, partial migrations, and recurring monitors already in place.
 *
 * <p>State is derived, never stored: the last operations tell what the resource is doing now.
 */
final class HistoryUnpacker {
    /** OCF return codes. */
    static final int OCF_OK = 0;
    static final int OCF_NOT_RUNNING = 7;
    static final int OCF_RUNNING_PROMOTED = 8;
    static final int OCF_FAILED_PROMOTED = 9;

    /** What to do about a failure, from least to most severe (the most severe one wins). */
    enum OnFail { IGNORE, DEMOTE, RESTART, STOP, BLOCK, RESET_REMOTE, STANDBY, FENCE, BAN }

    private final Cluster cluster;

    private HistoryUnpacker(Cluster cluster) {
        this.cluster = cluster;
    }

    static void unpack(Cluster cluster) {
        new HistoryUnpacker(cluster).run();
    }

    private void run() {
        for (NodeState state : cluster.cib.status().nodes()) {
            SNode node = cluster.nodesById.get(state.id());
            if (node == null) {
                node = cluster.nodesByName.get(state.uname());
            }
            if (node == null || !state.hasLrm()) {
                continue;
            }
            if (!node.isRemote() && node.unseen) {
                continue;
            }
            for (LrmResource entry : state.lrmResources()) {
                unpackResource(node, entry);
            }
        }
    }

    private void unpackResource(SNode node, LrmResource entry) {
        Rsc rsc = ResourceLookup.forHistory(cluster, node, entry);
        if (rsc == null) {
            return;
        }
        List<LrmOp> ops = new ArrayList<>(entry.ops());
        ops.sort(CALL_ORDER);
        cluster.histories.add(new Cluster.History(rsc, node, List.copyOf(ops)));
        Interpretation result = new Interpretation();
        for (LrmOp op : ops) {
            interpret(rsc, node, op, result);
        }
        if (result.role != Role.UNKNOWN) {
            rsc.knownOn.add(node);
        }
        scheduleActiveRecurring(rsc, node, ops);
        applyState(rsc, node, result);
    }

    /** Operations in execution order: by call id, pending operations (call id -1) last. */
    static final Comparator<LrmOp> CALL_ORDER = (a, b) -> {
        int ca = a.callId();
        int cb = b.callId();
        if (ca == cb) {
            return Long.compare(a.lastRcChange(), b.lastRcChange());
        }
        if (ca < 0) {
            return 1;
        }
        if (cb < 0) {
            return -1;
        }
        return Integer.compare(ca, cb);
    };

    /** The running interpretation of one resource's history on one node. */
    static final class Interpretation {
        Role role = Role.UNKNOWN;
        OnFail onFail = OnFail.IGNORE;
        boolean failed;
        LrmOp lastFailure;
        LrmOp migrateTo;
        LrmOp migrateFrom;
        String pendingTask;
    }

    private void interpret(Rsc rsc, SNode node, LrmOp op, Interpretation r) {
        String task = op.operation();
        if (task == null || task.equals("cancel") || task.equals("meta-data")) {
            return;
        }
        int status = op.opStatus();
        int rc = op.rcCode();
        long interval = op.intervalMs();
        boolean probe = task.equals("monitor") && interval == 0;
        int expected = expectedRc(op);

        if (status == LrmOp.STATUS_PENDING) {
            pending(rsc, node, task, r);
            return;
        }
        if (failureExpired(rsc, node, op, rc, expected, status)) {
            return;
        }
        if (status == LrmOp.STATUS_CANCELLED) {
            return;
        }
        Outcome outcome = classify(task, probe, rc, expected, status);
        switch (outcome) {
            case OK -> success(rsc, node, task, rc, interval, r, op);
            case NOT_RUNNING -> {
                r.role = Role.STOPPED;
                if (!probe && r.failed && task.equals("monitor")) {
                    r.failed = false;
                }
            }
            case PROMOTED -> r.role = Role.PROMOTED;
            case SOFT, HARD, FATAL, NOT_INSTALLED -> failure(rsc, node, op, task, probe, rc, outcome, r);
            case IGNORED -> {
            }
        }
    }

    private enum Outcome { OK, NOT_RUNNING, PROMOTED, SOFT, HARD, FATAL, NOT_INSTALLED, IGNORED }

    private static Outcome classify(String task, boolean probe, int rc, int expected, int status) {
        switch (status) {
            case LrmOp.STATUS_DONE:
                break;
            case LrmOp.STATUS_TIMEOUT:
            case LrmOp.STATUS_ERROR:
                return Outcome.SOFT;
            case LrmOp.STATUS_ERROR_HARD:
            case LrmOp.STATUS_NOT_SUPPORTED:
                return Outcome.HARD;
            case LrmOp.STATUS_ERROR_FATAL:
                return Outcome.FATAL;
            case LrmOp.STATUS_NOT_INSTALLED:
                return probe ? Outcome.NOT_INSTALLED : Outcome.HARD;
            case LrmOp.STATUS_NOT_CONNECTED:
            case LrmOp.STATUS_INVALID:
                return Outcome.SOFT;
            default:
                return Outcome.SOFT;
        }
        if (rc == expected) {
            if (rc == OCF_NOT_RUNNING) {
                return Outcome.NOT_RUNNING;
            }
            if (rc == OCF_RUNNING_PROMOTED) {
                return Outcome.PROMOTED;
            }
            return Outcome.OK;
        }
        switch (rc) {
            case OCF_OK:
                if (probe || task.equals("monitor") && expected == OCF_NOT_RUNNING) {
                    return Outcome.OK; // found running when a probe expected otherwise
                }
                return task.equals("monitor") && expected == OCF_RUNNING_PROMOTED ? Outcome.SOFT : Outcome.OK;
            case OCF_NOT_RUNNING:
                if (probe) {
                    return Outcome.NOT_RUNNING;
                }
                return task.equals("stop") ? Outcome.NOT_RUNNING : Outcome.SOFT;
            case OCF_RUNNING_PROMOTED:
                if (probe) {
                    return Outcome.PROMOTED;
                }
                return Outcome.SOFT;
            case 2: // invalid parameter
            case 3: // unimplemented feature
            case 4: // insufficient privileges
                return Outcome.HARD;
            case 5: // not installed
                return probe ? Outcome.NOT_INSTALLED : Outcome.HARD;
            case 6: // not configured
                return Outcome.FATAL;
            case 190: // degraded
                return Outcome.OK;
            case 191: // degraded promoted
                return Outcome.PROMOTED;
            default:
                return Outcome.SOFT;
        }
    }

    /** The rc the controller expected, from the transition key ({@code action:transition:rc:uuid}). */
    static int expectedRc(LrmOp op) {
        String key = op.transitionKey();
        if (key != null) {
            String[] parts = key.split(":");
            if (parts.length >= 3) {
                try {
                    return Integer.parseInt(parts[2]);
                } catch (NumberFormatException e) {
                    // fall through
                }
            }
        }
        return -1;
    }

    /** The rc the controller expected, or success when the history does not say. */
    static int expectedRcOrDefault(LrmOp op) {
        int expected = expectedRc(op);
        return expected < 0 ? OCF_OK : expected;
    }

    private void pending(Rsc rsc, SNode node, String task, Interpretation r) {
        switch (task) {
            case "start" -> {
                r.role = Role.STARTED;
                rsc.startPending = true;
            }
            case "promote" -> r.role = Role.PROMOTED;
            case "migrate_to", "migrate_from" -> r.role = Role.STARTED;
            case "monitor" -> {
                if (r.role == Role.UNKNOWN) {
                    r.role = Role.STOPPED;
                }
            }
            default -> {
            }
        }
        r.pendingTask = task;
        rsc.pendingTask = task;
        rsc.pendingNode = node;
    }

    private void success(Rsc rsc, SNode node, String task, int rc, long interval, Interpretation r, LrmOp op) {
        switch (task) {
            case "start", "migrate_from" -> {
                r.role = Role.STARTED;
                if (task.equals("migrate_from")) {
                    r.migrateFrom = op;
                }
            }
            case "stop" -> {
                r.role = Role.STOPPED;
                r.failed = false;
                r.onFail = OnFail.IGNORE;
            }
            case "promote" -> r.role = Role.PROMOTED;
            case "demote" -> {
                r.role = Role.UNPROMOTED;
                if (r.onFail == OnFail.DEMOTE) {
                    r.onFail = OnFail.IGNORE;
                    r.failed = false;
                }
            }
            case "migrate_to" -> {
                r.role = Role.STARTED;
                r.migrateTo = op;
            }
            case "monitor" -> {
                if (rc == OCF_RUNNING_PROMOTED) {
                    r.role = Role.PROMOTED;
                } else if (r.role.compareTo(Role.STARTED) < 0 || r.role == Role.UNKNOWN) {
                    r.role = Role.STARTED;
                }
            }
            default -> {
                if (r.role == Role.UNKNOWN) {
                    r.role = Role.STARTED;
                }
            }
        }
    }

    private void failure(Rsc rsc, SNode node, LrmOp op, String task, boolean probe, int rc, Outcome outcome,
                         Interpretation r) {
        cluster.failedOps.add(new Cluster.FailedOp(rsc, node, op));
        if (outcome == Outcome.NOT_INSTALLED) {
            // The agent is not installed there: the resource cannot run there, and is not running.
            r.role = Role.STOPPED;
            ban(rsc, node, "not-installed");
            return;
        }
        r.lastFailure = op;
        OnFail onFail = onFailFor(rsc, task, op.intervalMs());
        if (outcome == Outcome.HARD) {
            ban(rsc, node, "hard-error");
        } else if (outcome == Outcome.FATAL) {
            for (SNode n : cluster.nodes) {
                ban(rsc, n, "fatal-error");
            }
        }
        if (onFail.compareTo(r.onFail) > 0) {
            r.onFail = onFail;
        }
        if (onFail == OnFail.IGNORE) {
            rsc.failureIgnored = true;
            if (task.equals("stop")) {
                r.role = Role.STOPPED;
            } else if (r.role == Role.UNKNOWN || r.role == Role.STOPPED) {
                r.role = Role.STARTED;
            }
            return;
        }
        r.failed = true;
        switch (task) {
            case "stop" -> {
                r.role = Role.STARTED;
                rsc.stopFailedOn.add(node);
                ban(rsc, node, "__stop_fail__");
            }
            case "promote" -> r.role = Role.PROMOTED;
            case "demote" -> r.role = onFail == OnFail.BLOCK ? Role.UNPROMOTED : Role.PROMOTED;
            case "migrate_to", "migrate_from" -> r.role = Role.STARTED;
            case "monitor" -> {
                if (rc == OCF_FAILED_PROMOTED || rc == OCF_RUNNING_PROMOTED && !probe) {
                    r.role = Role.PROMOTED;
                } else if (rc == OCF_NOT_RUNNING) {
                    r.role = Role.STOPPED;
                } else if (r.role.compareTo(Role.STARTED) < 0 || r.role == Role.UNKNOWN) {
                    r.role = Role.STARTED;
                }
            }
            default -> {
                if (r.role.compareTo(Role.STARTED) < 0 || r.role == Role.UNKNOWN) {
                    r.role = Role.STARTED;
                }
            }
        }
        if (task.equals("start") && cluster.options.startFailureIsFatal()) {
            // A failed start keeps the resource off this node unless its fail count is cleared.
            r.role = Role.STARTED;
        }
    }

    private void ban(Rsc rsc, SNode node, String why) {
        Rsc target = rsc;
        cluster.locations.add(new Cluster.LocationRule(why, target, null,
                java.util.Map.of(node, Score.MINUS_INFINITY), null));
    }

    /** The configured on-fail for an operation, with Pacemaker's defaults. */
    OnFail onFailFor(Rsc rsc, String task, long intervalMs) {
        String configured = OpConfig.attribute(cluster, rsc, task, intervalMs, "on-fail");
        if (configured != null) {
            switch (configured) {
                case "ignore":
                    return OnFail.IGNORE;
                case "block":
                    return OnFail.BLOCK;
                case "stop":
                    return OnFail.STOP;
                case "standby":
                    return OnFail.STANDBY;
                case "fence":
                    return cluster.options.stonithEnabled() ? OnFail.FENCE : OnFail.BLOCK;
                case "demote":
                    return OnFail.DEMOTE;
                case "restart":
                    return OnFail.RESTART;
                case "restart-container":
                    return OnFail.RESTART;
                default:
                    break;
            }
        }
        if (task.equals("stop")) {
            return cluster.options.stonithEnabled() ? OnFail.FENCE : OnFail.BLOCK;
        }
        return OnFail.RESTART;
    }

    /** Failures older than failure-timeout no longer count (their fail count is cleared too). */
    private boolean failureExpired(Rsc rsc, SNode node, LrmOp op, int rc, int expected, int status) {
        if (rsc.failureTimeoutMs <= 0) {
            return false;
        }
        boolean isFailure = status != LrmOp.STATUS_DONE || (rc != expected && !(rc == OCF_NOT_RUNNING && op.intervalMs() == 0));
        if (!isFailure) {
            return false;
        }
        long last = Math.max(op.lastRcChange(), op.lastRun());
        return last > 0 && last + rsc.failureTimeoutMs / 1000 <= cluster.now
                && FailCounts.count(cluster, rsc, node) == 0;
    }

    /** Recurring monitors active since the last start become optional actions of the run. */
    private void scheduleActiveRecurring(Rsc rsc, SNode node, List<LrmOp> ops) {
        int start = -1;
        int stop = -1;
        for (int i = 0; i < ops.size(); i++) {
            LrmOp op = ops.get(i);
            String task = op.operation();
            boolean ok = op.opStatus() == LrmOp.STATUS_DONE && (op.rcCode() == OCF_OK || op.rcCode() == OCF_RUNNING_PROMOTED);
            if ((task.equals("start") || task.equals("migrate_from") || task.equals("promote")
                    || task.equals("demote")) && op.opStatus() == LrmOp.STATUS_DONE) {
                start = i;
            } else if (task.equals("stop")) {
                stop = i;
            } else if (task.equals("monitor") && op.intervalMs() == 0 && ok && start < 0) {
                start = i;
            }
        }
        if (start < 0 || stop > start) {
            return;
        }
        for (int i = ops.size() - 1; i > start; i--) {
            LrmOp op = ops.get(i);
            if (!"monitor".equals(op.operation()) || op.intervalMs() == 0) {
                continue;
            }
            if (op.opStatus() == LrmOp.STATUS_PENDING || op.opStatus() == LrmOp.STATUS_CANCELLED) {
                continue;
            }
            Actions.custom(cluster, rsc, Action.key(rsc.id, "monitor", op.intervalMs()), "monitor", node, true);
        }
    }

    private void applyState(Rsc rsc, SNode node, Interpretation r) {
        if (r.role == Role.UNKNOWN) {
            return;
        }
        if (r.migrateTo != null && r.role == Role.STARTED) {
            noteMigration(rsc, node, r);
        }
        if (r.failed) {
            rsc.failed = true;
        }
        switch (r.onFail) {
            case FENCE -> {
                if (r.failed) {
                    Fencing.fenceNode(cluster, node, rsc.id + " failed there", false);
                }
            }
            case STANDBY -> {
                if (r.failed) {
                    node.standby = true;
                    node.standbyOnFail = true;
                }
            }
            case BLOCK -> {
                if (r.failed) {
                    rsc.managed = false;
                    rsc.blocked = true;
                }
            }
            case STOP -> {
                if (r.failed) {
                    rsc.nextRole = Role.STOPPED;
                }
            }
            case RESTART -> {
                if (r.failed && r.role != Role.STOPPED) {
                    rsc.mustStop = true;
                    Actions.stop(cluster, rsc, node, false);
                }
            }
            case DEMOTE -> {
                if (r.failed) {
                    Actions.custom(cluster, rsc, Action.key(rsc.id, "demote", 0), "demote", node, false);
                }
            }
            default -> {
            }
        }
        if (r.role != Role.STOPPED) {
            if (rsc.role.compareTo(r.role) < 0 || rsc.role == Role.UNKNOWN) {
                rsc.role = r.role;
            }
            addRunning(rsc, node, r.role);
        }
        if (r.pendingTask != null && r.role == Role.STOPPED && !"stop".equals(r.pendingTask)) {
            rsc.pendingTask = null;
        }
    }

    private void noteMigration(Rsc rsc, SNode source, Interpretation r) {
        String targetName = r.migrateTo.get("migrate_target");
        SNode target = cluster.node(targetName);
        if (target == null) {
            return;
        }
        rsc.partialMigrationSource = source;
        rsc.partialMigrationTarget = target;
    }

    /** Records that {@code rsc} is active on {@code node}; parents track it too. */
    static void addRunning(Rsc rsc, SNode node, Role role) {
        if (!rsc.runningOn.contains(node)) {
            rsc.runningOn.add(node);
            if (rsc.isPrimitive()) {
                node.running.add(rsc);
            }
        }
        if (rsc.parent != null) {
            addRunning(rsc.parent, node, role);
        }
    }
}
