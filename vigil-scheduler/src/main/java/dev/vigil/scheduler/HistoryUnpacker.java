package dev.vigil.scheduler;

import dev.vigil.model.Role;
import dev.vigil.model.Score;
import dev.vigil.model.cib.LrmOp;
import dev.vigil.model.cib.LrmResource;
import dev.vigil.model.cib.NodeState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Works out each resource's current state from its operation history on every node: the role
 * it is in, where it is active, what failed and how the failure must be handled (on-fail),
 * pending operations, partial migrations, and recurring monitors already in place.
 *
 * <p>State is derived, never stored: the operations, replayed in call order, tell what the
 * resource is doing now.
 */
final class HistoryUnpacker {
    /** OCF return codes. */
    static final int OCF_OK = 0;
    static final int OCF_NOT_RUNNING = 7;
    static final int OCF_RUNNING_PROMOTED = 8;
    static final int OCF_FAILED_PROMOTED = 9;

    /** What to do about a failure, from least to most severe (the most severe one wins). */
    enum OnFail { IGNORE, DEMOTE, RESTART, RESET_REMOTE, RESTART_CONTAINER, BAN, BLOCK, STOP, STANDBY, FENCE }

    private final Cluster cluster;

    private HistoryUnpacker(Cluster cluster) {
        this.cluster = cluster;
    }

    static void unpack(Cluster cluster) {
        new HistoryUnpacker(cluster).run();
    }

    private void run() {
        // Without fencing, offline nodes' histories are ignored; with it, they are evidence.
        boolean fencing = cluster.options.stonithEnabled();
        for (NodeState state : cluster.cib.status().nodes()) {
            SNode node = cluster.nodesById.get(state.id());
            if (node == null) {
                node = cluster.nodesByName.get(state.uname());
            }
            if (node == null || !state.hasLrm() || node.isRemote()) {
                continue;
            }
            if (!fencing && !cluster.options.shutdownLock() && !node.online) {
                continue;
            }
            for (LrmResource entry : state.lrmResources()) {
                unpackResource(node, entry);
            }
        }
        RemoteNodes.unpackHistories(cluster, this);
        Migration.finishUnpack(cluster);
        for (Rsc rsc : cluster.byId.values()) {
            Rsc clone = rsc.enclosingClone();
            if (rsc.isPrimitive() && rsc.role == Role.STARTED && clone != null && clone.promotable) {
                rsc.role = Role.UNPROMOTED; // a promotable clone's running instances are unpromoted
            }
        }
    }

    void unpackResource(SNode node, LrmResource entry) {
        Rsc rsc = ResourceLookup.forHistory(cluster, node, entry);
        if (rsc == null) {
            return;
        }
        List<LrmOp> ops = inCallOrder(entry.ops());
        cluster.histories.add(new Cluster.History(rsc, node, entry, List.copyOf(ops)));
        ShutdownLocks.noteHistory(cluster, rsc, node, entry);
        Role savedRole = rsc.role;
        rsc.role = Role.UNKNOWN;
        Replay r = new Replay();
        for (LrmOp op : ops) {
            replay(rsc, node, op, r);
        }
        if (rsc.role != Role.UNKNOWN) {
            rsc.knownOn.add(node);
        }
        scheduleActiveRecurring(rsc, node, ops);
        if (rsc.role != Role.UNKNOWN && rsc.role != Role.STOPPED) {
            Digests.cancelUnconfiguredRecurring(cluster, rsc, node, ops);
        }
        applyState(rsc, node, r);
        if (rsc.runningOn.contains(node) && !entry.id().equals(rsc.id)) {
            rsc.historyId = entry.id(); // an anonymous instance active under another instance's name
        }
        if (savedRole.compareTo(rsc.role) > 0 || rsc.role == Role.UNKNOWN) {
            rsc.role = savedRole == Role.UNKNOWN ? Role.STOPPED : savedRole;
        }
    }

    /**
     * Operations in execution order: by call id; a pending operation (call id -1) is placed by
     * the transition it belongs to, relative to completed ones. The order is not a total one,
     * so a stable merge sort that tolerates that is used (as Pacemaker does).
     */
    static List<LrmOp> inCallOrder(List<LrmOp> ops) {
        List<LrmOp> list = new ArrayList<>(ops);
        mergeSort(list, 0, list.size());
        return list;
    }

    private static void mergeSort(List<LrmOp> list, int from, int to) {
        if (to - from < 2) {
            return;
        }
        int mid = (from + to) >>> 1;
        mergeSort(list, from, mid);
        mergeSort(list, mid, to);
        List<LrmOp> merged = new ArrayList<>(to - from);
        int i = from;
        int j = mid;
        while (i < mid && j < to) {
            if (compareCallOrder(list.get(j), list.get(i)) < 0) {
                merged.add(list.get(j++));
            } else {
                merged.add(list.get(i++));
            }
        }
        while (i < mid) {
            merged.add(list.get(i++));
        }
        while (j < to) {
            merged.add(list.get(j++));
        }
        for (int k = 0; k < merged.size(); k++) {
            list.set(from + k, merged.get(k));
        }
    }

    static int compareCallOrder(LrmOp a, LrmOp b) {
        if (a.id() != null && a.id().equals(b.id())) {
            return 0;
        }
        int ca = a.callId();
        int cb = b.callId();
        if (ca == -1 && cb == -1) {
            return 0;
        }
        if (ca >= 0 && ca < cb) {
            return -1;
        }
        if (cb >= 0 && ca > cb) {
            return 1;
        }
        if (cb >= 0 && ca == cb) {
            long la = a.lastRcChange();
            long lb = b.lastRcChange();
            if (la >= 0 && la < lb) {
                return -1;
            }
            if (lb >= 0 && la > lb) {
                return 1;
            }
            return 0;
        }
        // One of them is pending: its transition tells how old it is.
        String[] ma = magic(a);
        String[] mb = magic(b);
        if (ma == null || mb == null) {
            return 0;
        }
        int ta = parseInt(ma[1]);
        int tb = parseInt(mb[1]);
        if (!ma[0].equalsIgnoreCase(mb[0]) || ta == tb) {
            if (cb == -1) {
                return -1;
            }
            if (ca == -1) {
                return 1;
            }
        } else if ((ta >= 0 && ta < tb) || tb == -1) {
            return -1;
        } else if ((tb >= 0 && ta > tb) || ta == -1) {
            return 1;
        }
        return 0;
    }

    /** {uuid, transition id} from a transition magic {@code status:rc;action:transition:rc:uuid}. */
    private static String[] magic(LrmOp op) {
        String m = op.transitionMagic();
        if (m == null) {
            return null;
        }
        int semi = m.indexOf(';');
        if (semi < 0) {
            return null;
        }
        String[] key = m.substring(semi + 1).split(":", 4);
        if (key.length < 4) {
            return null;
        }
        return new String[] {key[3], key[1]};
    }

    private static int parseInt(String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The running state of one resource's history on one node. */
    static final class Replay {
        OnFail onFail = OnFail.IGNORE;
        LrmOp lastFailure;
        LrmOp migrateTo;
    }

    private void replay(Rsc rsc, SNode node, LrmOp op, Replay r) {
        String task = op.operation();
        // Notifications say nothing about the resource's state (a pending one is not shown either).
        if (task == null || task.equals("cancel") || task.equals("meta-data") || task.equals("notify")) {
            return;
        }
        long interval = op.intervalMs();
        int rc = op.rcCode();
        int status = op.opStatus();
        int expected = expectedRc(op);
        boolean probe = task.equals("monitor") && interval == 0;
        if (task.equals("migrate_to")) {
            r.migrateTo = op;
        }
        boolean expired = expired(rsc, node, op, rc, probe);
        if (status == LrmOp.STATUS_DONE || status == LrmOp.STATUS_ERROR) {
            status = remap(rsc, node, task, probe, rc, expected, r);
        }
        if (expired && status != LrmOp.STATUS_DONE) {
            return; // an expired failure is forgotten
        }
        switch (status) {
            case LrmOp.STATUS_CANCELLED -> {
                return;
            }
            case LrmOp.STATUS_PENDING -> {
                pending(rsc, node, task, interval, op);
                return;
            }
            case LrmOp.STATUS_DONE -> {
                success(rsc, node, task, rc, op, r);
                return;
            }
            case LrmOp.STATUS_NOT_INSTALLED -> {
                OnFail strategy = onFailFor(rsc, task, interval);
                if (strategy == OnFail.IGNORE) {
                    r.onFail = OnFail.BAN; // shown as FAILED, and kept away from this node
                }
                ban(rsc, node, "hard-error");
                failure(rsc, node, op, task, probe, rc, r);
                return;
            }
            case LrmOp.STATUS_NOT_CONNECTED -> {
                if (node.isRemote() && node.remoteRsc != null && node.remoteRsc.managed) {
                    node.remoteRsc.failed = true;
                    node.remoteRsc.mustStop = true;
                }
            }
            default -> {
            }
        }
        OnFail strategy = onFailFor(rsc, task, interval);
        if (strategy == OnFail.IGNORE || (strategy == OnFail.RESTART_CONTAINER && task.equals("stop"))) {
            success(rsc, node, task, expected < 0 ? OCF_OK : expected, op, r);
            rsc.failureIgnored = true;
            cluster.failedOps.add(new Cluster.FailedOp(rsc, node, op));
            if (strategy == OnFail.RESTART_CONTAINER && r.onFail.compareTo(OnFail.RESTART) <= 0) {
                r.onFail = strategy;
            }
            return;
        }
        failure(rsc, node, op, task, probe, rc, r);
        if (status == LrmOp.STATUS_ERROR_HARD) {
            ban(failureOwner(rsc), node, "hard-error");
        } else if (status == LrmOp.STATUS_ERROR_FATAL) {
            for (SNode n : cluster.nodes) {
                ban(failureOwner(rsc), n, "fatal-error");
            }
        }
    }

    /**
     * The executor's status, corrected with what the scheduler knows: whether the result was
     * the expected one, and what some exit codes mean.
     */
    private int remap(Rsc rsc, SNode node, String task, boolean probe, int rc, int expected, Replay r) {
        int status = LrmOp.STATUS_DONE;
        if (expected < 0 || expected != rc) {
            status = LrmOp.STATUS_ERROR;
        }
        switch (rc) {
            case OCF_OK -> {
                if (probe && expected == OCF_NOT_RUNNING) {
                    status = LrmOp.STATUS_DONE;
                }
            }
            case OCF_NOT_RUNNING -> {
                if (probe || expected == rc || !rsc.managed) {
                    status = LrmOp.STATUS_DONE;
                    rsc.role = Role.STOPPED;
                    r.onFail = OnFail.IGNORE;
                }
            }
            case OCF_RUNNING_PROMOTED -> {
                if (probe && rc != expected) {
                    status = LrmOp.STATUS_DONE;
                }
                rsc.role = Role.PROMOTED;
            }
            case OCF_FAILED_PROMOTED -> {
                rsc.role = Role.PROMOTED;
                status = LrmOp.STATUS_ERROR;
            }
            case 191 -> {
                // degraded but running promoted: a success
                rsc.role = Role.PROMOTED;
                status = LrmOp.STATUS_DONE;
            }
            case 6 -> status = LrmOp.STATUS_ERROR_FATAL;
            case 3, 5, 2, 4 -> {
                if (rc == 3 && !probe && !task.equals("start") && !task.equals("stop") && isRecurring(task)) {
                    status = LrmOp.STATUS_NOT_SUPPORTED;
                } else {
                    if (!Fencing.canFence(cluster, node) && task.equals("stop")) {
                        rsc.managed = false;
                        rsc.blocked = true;
                    }
                    status = LrmOp.STATUS_ERROR_HARD;
                }
            }
            case 190 -> {
                // degraded but running: a success
            }
            default -> {
                if (status == LrmOp.STATUS_DONE) {
                    status = LrmOp.STATUS_ERROR;
                }
            }
        }
        return status;
    }

    private static boolean isRecurring(String task) {
        return task.equals("monitor");
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

    private void pending(Rsc rsc, SNode node, String task, long interval, LrmOp op) {
        switch (task) {
            case "start" -> {
                rsc.startPending = true;
                setActive(rsc);
            }
            case "promote" -> rsc.role = Role.PROMOTED;
            case "migrate_to" -> {
                if (node.unclean) {
                    SNode target = cluster.node(op.get("migrate_target"));
                    if (target != null) {
                        Actions.stop(cluster, rsc, target, false);
                    }
                }
            }
            default -> {
            }
        }
        if (rsc.pendingTask == null && (interval != 0 || !task.equals("monitor"))) {
            rsc.pendingTask = task;
            rsc.pendingNode = node;
        }
    }

    private static void setActive(Rsc rsc) {
        Rsc top = rsc.top();
        rsc.role = top.isClone() && top.promotable ? Role.UNPROMOTED : Role.STARTED;
    }

    /** A completed operation: the role it leaves the resource in, and whether it clears past failures. */
    private void success(Rsc rsc, SNode node, String task, int rc, LrmOp op, Replay r) {
        boolean clearPastFailure = false;
        if (rc == 5 && task.equals("monitor") && op.intervalMs() == 0) {
            rsc.role = Role.STOPPED;
        } else if (rc == OCF_NOT_RUNNING) {
            clearPastFailure = true;
        } else if (task.equals("monitor")) {
            if (r.lastFailure != null && opKey(op).equals(opKey(r.lastFailure))) {
                clearPastFailure = true;
            }
            if (rsc.role.compareTo(Role.STARTED) < 0 || rsc.role == Role.UNKNOWN) {
                setActive(rsc);
            }
        } else if (task.equals("start")) {
            rsc.role = Role.STARTED;
            clearPastFailure = true;
            r.migrateTo = null; // a later start here settles an earlier migration away
        } else if (task.equals("stop")) {
            rsc.role = Role.STOPPED;
            clearPastFailure = true;
        } else if (task.equals("promote")) {
            rsc.role = Role.PROMOTED;
            clearPastFailure = true;
        } else if (task.equals("demote")) {
            if (r.onFail == OnFail.DEMOTE) {
                clearPastFailure = true;
            }
            rsc.role = Role.UNPROMOTED;
        } else if (task.equals("migrate_from")) {
            rsc.role = Role.STARTED;
            clearPastFailure = true;
            r.migrateTo = null;
        } else if (task.equals("migrate_to")) {
            if (rsc.role.compareTo(Role.STARTED) < 0 || rsc.role == Role.UNKNOWN) {
                setActive(rsc); // it ran here to be migrated away
            }
            Migration.noteMigrateToSuccess(cluster, rsc, node, op);
        } else if (rsc.role.compareTo(Role.STARTED) < 0 || rsc.role == Role.UNKNOWN) {
            setActive(rsc);
        }
        if (clearPastFailure) {
            switch (r.onFail) {
                case STOP, FENCE, BAN, STANDBY -> {
                    // not cleared by a completed operation
                }
                case RESET_REMOTE -> {
                    if (rsc.remoteReconnectMs == 0) {
                        r.onFail = OnFail.IGNORE;
                        rsc.nextRole = targetNextRole(rsc);
                    }
                }
                default -> {
                    r.onFail = OnFail.IGNORE;
                    rsc.nextRole = targetNextRole(rsc);
                }
            }
        }
    }

    /** What next role is left when past failures are cleared: only an explicit target-role. */
    private static Role targetNextRole(Rsc rsc) {
        return rsc.targetRole == Role.STOPPED ? Role.STOPPED : null;
    }

    private static String opKey(LrmOp op) {
        String key = op.get("operation_key");
        return key != null ? key : op.operation() + "_" + op.intervalMs();
    }

    private void failure(Rsc rsc, SNode node, LrmOp op, String task, boolean probe, int rc, Replay r) {
        r.lastFailure = op;
        cluster.failedOps.add(new Cluster.FailedOp(rsc, node, op));
        OnFail strategy = onFailFor(rsc, task, op.intervalMs());
        if (strategy.compareTo(r.onFail) > 0) {
            r.onFail = strategy;
        }
        switch (task) {
            case "stop" -> {
                ban(rsc, node, "__stop_fail__");
                rsc.stopFailedOn.add(node);
            }
            case "migrate_to" -> Migration.noteMigrateToFailure(cluster, rsc, node, op);
            case "migrate_from" -> Migration.noteMigrateFromFailure(cluster, rsc, node, op);
            case "promote" -> rsc.role = Role.PROMOTED;
            case "demote" -> {
                if (strategy == OnFail.BLOCK) {
                    rsc.role = Role.PROMOTED;
                    rsc.nextRole = Role.STOPPED;
                } else if (rc == OCF_NOT_RUNNING) {
                    rsc.role = Role.STOPPED;
                } else {
                    rsc.role = Role.UNPROMOTED;
                }
            }
            default -> {
            }
        }
        if (probe && rc == 5) {
            rsc.role = Role.STOPPED;
        } else if (rsc.role.compareTo(Role.STARTED) < 0 || rsc.role == Role.UNKNOWN) {
            setActive(rsc);
        }
        Role failRole = OpConfig.failRole(cluster, rsc, task, op.intervalMs(), strategy);
        if (failRole == Role.STOPPED) {
            Rsc owner = failureOwner(rsc);
            cluster.warnings.add(owner.id + " will not be started under current conditions");
            for (SNode n : cluster.nodes) {
                ban(owner, n, "on-fail-stop");
            }
            if (rsc.nextRole == null || rsc.nextRole.compareTo(Role.STOPPED) > 0) {
                rsc.nextRole = Role.STOPPED;
            }
        }
    }

    /** Failures of an anonymous clone's instance count against the whole clone. */
    private static Rsc failureOwner(Rsc rsc) {
        Rsc clone = rsc.enclosingClone();
        if (clone != null && !clone.globallyUnique) {
            return rsc.top();
        }
        return rsc;
    }

    private void ban(Rsc rsc, SNode node, String why) {
        cluster.locations.add(new Cluster.LocationRule(why, rsc, null, Map.of(node, Score.MINUS_INFINITY), null));
    }

    /** The configured on-fail for an operation, with Pacemaker's defaults. */
    OnFail onFailFor(Rsc rsc, String task, long intervalMs) {
        String configured = OpConfig.onFail(cluster, rsc, task, intervalMs);
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
                case "restart-container":
                    return rsc.container != null ? OnFail.RESTART_CONTAINER : OnFail.RESTART;
                case "restart":
                    return OnFail.RESTART;
                default:
                    break;
            }
        }
        if (dropsRemoteConnection(rsc, task, intervalMs)) {
            return OnFail.RESET_REMOTE;
        }
        if (rsc.container != null) {
            // Recovering the container recovers whatever runs in it, a failed stop included.
            return OnFail.RESTART_CONTAINER;
        }
        if (task.equals("stop")) {
            return cluster.options.stonithEnabled() ? OnFail.FENCE : OnFail.BLOCK;
        }
        return OnFail.RESTART;
    }

    /**
     * A failure of a remote node's connection drops the connection, and the remote node must
     * be fenced, except when a probe or a start fails: then no connection existed.
     */
    private boolean dropsRemoteConnection(Rsc rsc, String task, long intervalMs) {
        if (!rsc.isRemoteConnection || rsc.container != null || !cluster.options.stonithEnabled()) {
            return false;
        }
        boolean probe = task.equals("monitor") && intervalMs == 0;
        return !probe && !task.equals("start");
    }

    /**
     * Whether an old failure no longer counts (failure-timeout): its fail count has expired,
     * so the failure is forgotten and the fail count cleared.
     */
    private boolean expired(Rsc rsc, SNode node, LrmOp op, int rc, boolean probe) {
        if (rsc.failureTimeoutMs <= 0) {
            return false;
        }
        long lastRun = op.lastRcChange();
        if (lastRun <= 0) {
            return false;
        }
        boolean expired = cluster.now >= lastRun + rsc.failureTimeoutMs / 1000;
        if (!expired) {
            return false;
        }
        int unexpired = FailCounts.count(cluster, rsc, node);
        if (FailCounts.countIgnoringTimeout(rsc, node) > 0) {
            if (unexpired == 0) {
                FailCounts.scheduleClear(cluster, rsc, node, "it expired");
            } else {
                expired = false;
            }
        }
        if (expired && probe && (rc == OCF_OK || rc == OCF_NOT_RUNNING || rc == OCF_RUNNING_PROMOTED
                || rc == 190 || rc == 191)) {
            expired = false;
        }
        return expired;
    }

    /** Recurring monitors active since the last start become optional actions of the run. */
    private void scheduleActiveRecurring(Rsc rsc, SNode node, List<LrmOp> ops) {
        int start = -1;
        int stop = -1;
        int impliedMonitorStart = -1;
        int impliedCloneStart = -1;
        for (int i = 0; i < ops.size(); i++) {
            LrmOp op = ops.get(i);
            String task = op.operation();
            if (task.equals("stop") && op.opStatus() == LrmOp.STATUS_DONE) {
                stop = i;
            } else if (task.equals("start") || task.equals("migrate_from")) {
                start = i;
            } else if (impliedMonitorStart <= stop && task.equals("monitor")) {
                if (op.rcCode() == OCF_OK || op.rcCode() == OCF_RUNNING_PROMOTED) {
                    impliedMonitorStart = i;
                }
            } else if (task.equals("promote") || task.equals("demote")) {
                impliedCloneStart = i;
            }
        }
        if (start == -1) {
            start = impliedCloneStart != -1 ? impliedCloneStart : impliedMonitorStart;
        }
        if (!node.online) {
            return;
        }
        for (int i = 0; i < ops.size(); i++) {
            LrmOp op = ops.get(i);
            if (start < stop && i <= stop) {
                continue;
            }
            if (i < start) {
                continue;
            }
            if (op.intervalMs() == 0 || op.opStatus() == LrmOp.STATUS_PENDING) {
                continue;
            }
            Actions.custom(cluster, rsc, Action.key(rsc.id, op.operation(), op.intervalMs()), op.operation(), node, true);
        }
    }

    /** Applies the outcome of a node's history: on-fail handling and where the resource runs. */
    private void applyState(Rsc rsc, SNode node, Replay r) {
        if (rsc.role == Role.UNKNOWN) {
            return;
        }
        if (r.migrateTo != null) {
            Migration.noteMigrationState(this, cluster, rsc, node, r.migrateTo);
        }
        boolean active = rsc.role != Role.STOPPED;
        if (active && !node.online && !node.maintenance && rsc.managed) {
            boolean shouldFence = false;
            String reason = null;
            if (node.isGuest()) {
                rsc.failed = true;
                rsc.mustStop = true;
                shouldFence = true;
            } else if (cluster.options.stonithEnabled()) {
                if (node.isRemote() && node.remoteRsc != null && !node.remoteRsc.failed) {
                    node.unseen = true;
                    reason = rsc.id + " is active there (fencing will be revoked if remote connection can be "
                            + "re-established elsewhere)";
                }
                shouldFence = true;
            }
            if (shouldFence) {
                Fencing.fenceNode(cluster, node, reason != null ? reason : rsc.id + " is thought to be active there",
                        false);
            }
        }
        OnFail onFail = node.unclean ? OnFail.IGNORE : r.onFail;
        switch (onFail) {
            case DEMOTE -> {
                rsc.failed = true;
                Actions.demote(cluster, rsc, node, false);
            }
            case FENCE -> Fencing.fenceNode(cluster, node, rsc.id + " failed there", false);
            case STANDBY -> {
                node.standby = true;
                node.standbyOnFail = true;
            }
            case BLOCK -> {
                rsc.managed = false;
                rsc.blocked = true;
            }
            case BAN -> ban(rsc, node, "__action_migration_auto__");
            case STOP -> rsc.nextRole = Role.STOPPED;
            case RESTART -> {
                if (active) {
                    rsc.failed = true;
                    rsc.mustStop = true;
                    Actions.stop(cluster, rsc, node, false);
                }
            }
            case RESTART_CONTAINER -> {
                rsc.failed = true;
                rsc.mustStop = true;
                if (rsc.container != null) {
                    Actions.stop(cluster, rsc.container, node, false);
                } else if (active) {
                    Actions.stop(cluster, rsc, node, false);
                }
            }
            case RESET_REMOTE -> RemoteNodes.resetConnection(cluster, rsc, node);
            case IGNORE -> {
            }
        }
        if (active) {
            if (node.maintenance) {
                rsc.managed = false; // nothing is done to resources on a node in maintenance
            }
            addRunning(rsc, node, rsc.role);
            switch (onFail) {
                case IGNORE -> {
                }
                case DEMOTE, BLOCK -> rsc.failed = true;
                default -> {
                    rsc.failed = true;
                    rsc.mustStop = true;
                }
            }
        }
    }

    /** Records that {@code rsc} is active on {@code node}; parents track it too. */
    void addRunning(Rsc rsc, SNode node, Role role) {
        if (rsc.runningOn.contains(node)) {
            return;
        }
        rsc.runningOn.add(node);
        if (rsc.isPrimitive()) {
            node.running.add(rsc);
            if (!rsc.managed) {
                // An unmanaged resource stays where it is.
                cluster.locations.add(new Cluster.LocationRule("not_managed_default", rsc, null,
                        Map.of(node, Score.INFINITY), null));
            }
            if (activeCount(rsc) > 1) {
                multiplyActive(rsc);
            }
        }
        if (rsc.parent != null) {
            addRunning(rsc.parent, node, role);
        }
    }

    /** Active nodes that count: unclean nodes only when the resource needs fencing to recover. */
    private static int activeCount(Rsc rsc) {
        boolean needsFencing = "fencing".equals(rsc.requires) || "unfencing".equals(rsc.requires);
        int count = 0;
        for (SNode n : rsc.runningOn) {
            if (needsFencing || (n.online && !n.unclean)) {
                count++;
            }
        }
        return count;
    }

    /** multiple-active: stop_only bans the resource everywhere; block freezes it (and its group). */
    private void multiplyActive(Rsc rsc) {
        switch (rsc.multipleActive) {
            case "stop_only" -> {
                for (SNode n : cluster.nodes) {
                    ban(rsc, n, "multiple-active");
                }
            }
            case "block" -> {
                rsc.managed = false;
                rsc.blocked = true;
                Rsc parent = rsc.parent;
                if (parent != null && (parent.isGroup() || parent.isBundle()) && "block".equals(parent.multipleActive)) {
                    for (Rsc sibling : parent.children) {
                        sibling.managed = false;
                        sibling.blocked = true;
                    }
                }
            }
            default -> {
            }
        }
    }
}
