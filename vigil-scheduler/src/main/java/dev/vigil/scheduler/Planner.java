package dev.vigil.scheduler;

import dev.vigil.model.Durations;
import dev.vigil.model.Role;
import dev.vigil.model.cib.Operation;
import java.util.ArrayList;
import java.util.List;

/**
 * Stage 3: the actions. Probes for resources whose state on a node is unknown; for each
 * resource the steps from its current role and node to its next ones (stop, start, demote,
 * promote, recurring monitors); fencing of unclean nodes and shutdown of leaving nodes.
 * Whether an action is finally required or runnable is settled by the {@link Orderer}.
 */
final class Planner {
    /** The task that applies changed parameters without a restart (agents that support it). */
    static final String RELOAD = "reload-agent";

    private final Cluster cluster;

    private Planner(Cluster cluster) {
        this.cluster = cluster;
    }

    static void plan(Cluster cluster) {
        Planner p = new Planner(cluster);
        Digests.checkParameterChanges(cluster);
        Orphans.deleteHistories(cluster);
        Migration.decide(cluster);
        if (cluster.options.enableStartupProbes()) {
            p.probes();
        }
        Orphans.clearFailCounts(cluster);
        for (Rsc rsc : cluster.resources) {
            p.createActions(rsc);
        }
        RemoteNodes.orderConnectionActions(cluster);
        Utilization.orderLoadChanges(cluster);
        Migration.orderMigrations(cluster);
        p.fencingAndShutdowns();
    }

    // ------------------------------------------------------------------ probes

    private void probes() {
        for (SNode node : cluster.nodes) {
            // A pending node is probed too: the probes cannot run yet, which blocks starts.
            if (!node.online && !node.pending) {
                RemoteNodes.fenceIfConnectionLost(cluster, node);
                continue;
            }
            if (node.unclean || !node.rscDiscoveryEnabled) {
                continue;
            }
            String probed = node.attributes.get("probe_complete");
            if (probed != null && !Options.isTrue(probed)) {
                Action reprobe = Actions.custom(cluster, null, "probe_complete-" + node.name, "probe_complete", node, false);
                reprobe.dcAction = true;
                continue;
            }
            for (Rsc rsc : cluster.resources) {
                probe(rsc, node);
            }
        }
    }

    boolean probe(Rsc rsc, SNode node) {
        if (rsc.isBundle()) {
            return BundleActions.probe(this, cluster, rsc, node);
        }
        if (node.isRemote()) {
            if (rsc.isFencingDevice || rsc.isRemoteConnection) {
                return false;
            }
            if (node.isGuest() && RemoteNodes.containsGuestNode(cluster, rsc)) {
                return false;
            }
        }
        if (rsc.isClone() && !rsc.globallyUnique) {
            // One probe per node is enough for interchangeable instances.
            Rsc instance = CloneActions.probedInstance(rsc, node);
            return instance != null && probe(instance, node);
        }
        if (!rsc.children.isEmpty()) {
            boolean any = false;
            for (Rsc child : rsc.children) {
                any |= probe(child, node);
            }
            return any;
        }
        if (rsc.container != null && !rsc.isRemoteConnection) {
            return false;
        }
        if (node.bundleNode && !Bundles.runsOn(rsc, node)) {
            return false; // a bundle's guest node only hosts its replica's instance
        }
        if (rsc.orphan) {
            return false;
        }
        if (rsc.knownOn.contains(node) || CloneActions.knownAsAnonymousInstance(rsc, node)) {
            return false;
        }
        Rsc top = rsc.top();
        Integer allowed = rsc.allowed.get(node);
        String mode = Discovery.mode(rsc, node);
        if (Discovery.isExclusive(top) || Discovery.isExclusive(rsc)) {
            if (allowed == null || !"exclusive".equals(mode)) {
                return false;
            }
        }
        if ("never".equals(mode)) {
            return false;
        }
        if (node.isGuest()) {
            Rsc guest = node.remoteRsc.container;
            if (guest != null && guest.role == Role.STOPPED) {
                // Nothing can run in a stopped guest; start only once its container was probed.
                if (guest.assigned != null && !guest.knownOn.contains(guest.assigned)) {
                    cluster.orderings.add(Ordering.byKey(guest, "monitor", top, "start", Action.ORDER_OPTIONAL));
                }
                return false;
            }
            if (guest != null && RemoteNodes.guestWillStop(node)) {
                cluster.orderings.add(Ordering.byKey(guest, "stop", top, "start", Action.ORDER_OPTIONAL));
                return false;
            }
        }
        Action probe = Actions.custom(cluster, rsc, Action.key(rsc.id, "monitor", 0), "monitor", node, false);
        probe.optional = false;
        if (!rsc.runningOn.contains(node)) {
            probe.meta.put("op_target_rc", "7");
        } else if (rsc.role == Role.PROMOTED) {
            probe.meta.put("op_target_rc", "8");
        }
        int flags = Action.ORDER_OPTIONAL;
        if (!probe.runnable && rsc.runningOn.isEmpty()) {
            flags |= Action.RUNNABLE_LEFT;
        }
        Rsc startOf = rsc.enclosingClone() != null || rsc.parent == null || rsc.parent.isBundle() ? top : rsc;
        if (rsc.parent != null && rsc.parent.isGroup() && rsc.parent.parent == null) {
            startOf = rsc;
        }
        cluster.orderings.add(Ordering.actionThenKey(probe, startOf, "start", flags));
        cluster.orderings.add(Ordering.actionThenKey(probe, rsc, RELOAD, Action.ORDER_OPTIONAL));
        return true;
    }

    // ------------------------------------------------------------------ resource actions

    void createActions(Rsc rsc) {
        switch (rsc.variant) {
            case PRIMITIVE -> primitiveActions(rsc);
            case GROUP -> groupActions(rsc);
            case CLONE -> CloneActions.create(this, cluster, rsc);
            case BUNDLE -> BundleActions.create(this, cluster, rsc);
        }
    }

    private void groupActions(Rsc group) {
        for (Rsc member : group.children) {
            createActions(member);
        }
        Actions.pseudo(cluster, group, "start", true);
        Actions.pseudo(cluster, group, "running", true);
        Actions.pseudo(cluster, group, "stop", true);
        Actions.pseudo(cluster, group, "stopped", true);
        Rsc clone = group.enclosingClone();
        if (Options.isTrue(group.meta("stateful")) || clone != null && clone.promotable) {
            Actions.pseudo(cluster, group, "demote", true);
            Actions.pseudo(cluster, group, "demoted", true);
            Actions.pseudo(cluster, group, "promote", true);
            Actions.pseudo(cluster, group, "promoted", true);
        }
    }

    private void primitiveActions(Rsc rsc) {
        if (rsc.nextRole == null || rsc.nextRole == Role.UNKNOWN) {
            rsc.nextRole = rsc.assigned == null ? Role.STOPPED : Role.STARTED;
        }
        Migration.cleanUpSource(cluster, rsc);
        SNode current = rsc.currentNode();
        int cleanActive = 0;
        for (SNode n : rsc.runningOn) {
            if (n.online && !n.unclean) {
                cleanActive++;
            }
        }
        int allActive = rsc.runningOn.size();
        boolean needStop = false;
        boolean needPromote = false;
        boolean moving = false;
        boolean allowMigrate = false;
        if (current != null && rsc.assigned != null && current != rsc.assigned
                && rsc.nextRole.compareTo(Role.STARTED) >= 0) {
            moving = true;
            allowMigrate = Migration.canMigrate(cluster, rsc, current);
            needStop = true;
        }
        boolean multiplyActive;
        if (rsc.partialMigrationSource != null && rsc.partialMigrationTarget != null && allowMigrate
                && allActive == 2 && current == rsc.partialMigrationSource
                && rsc.assigned == rsc.partialMigrationTarget) {
            multiplyActive = false; // the migration continues
        } else if (rsc.partialMigrationSource != null || rsc.partialMigrationTarget != null) {
            needStop = true;
            rsc.partialMigrationSource = null;
            rsc.partialMigrationTarget = null;
            allowMigrate = false;
            multiplyActive = false;
        } else if ("fencing".equals(rsc.requires) || "unfencing".equals(rsc.requires)) {
            multiplyActive = allActive > 1;
        } else {
            multiplyActive = cleanActive > 1;
        }
        boolean stopUnexpected = false;
        if (multiplyActive) {
            cluster.warnings.add(rsc.agentClass + " resource " + rsc.id + " might be active on "
                    + allActive + " nodes");
            switch (rsc.multipleActive) {
                case "stop_start" -> needStop = true;
                case "stop_unexpected" -> {
                    needStop = true;
                    stopUnexpected = true;
                    rsc.stopUnexpected = true;
                }
                default -> {
                }
            }
        }
        if (rsc.startPending && rsc.assigned != null) {
            Actions.start(cluster, rsc, rsc.assigned, true).printAlways = true;
        }
        if (moving) {
            // the remaining checks are for resources that stay where they are
        } else if (rsc.failed) {
            if (rsc.mustStop) {
                needStop = true;
            } else if (rsc.nextRole == Role.PROMOTED) {
                needPromote = true;
            }
        } else if (rsc.blocked) {
            needStop = true;
        } else if (rsc.role.compareTo(Role.STARTED) > 0 && current != null && rsc.assigned != null) {
            Action start = Actions.start(cluster, rsc, rsc.assigned, true);
            if (!start.optional) {
                needStop = true;
            }
        }
        scheduleRestart(rsc, current, needStop, needPromote, stopUnexpected);
        scheduleRoleTransition(rsc, stopUnexpected);
        if (rsc.reload) {
            scheduleReload(rsc, current, moving || needStop);
        }
        recurring(rsc);
        if (allowMigrate) {
            Migration.createActions(cluster, rsc, current);
        } else if (moving) {
            Migration.explainBlocked(cluster, rsc, current);
        }
    }

    /** A reload of changed parameters is moot when the resource restarts anyway. */
    private void scheduleReload(Rsc rsc, SNode current, boolean restarting) {
        Action start = current == null ? null : Actions.find(cluster, rsc, Action.key(rsc.id, "start", 0), current);
        if (restarting || start == null || !start.optional) {
            rsc.reload = false;
            for (Action reload : Actions.byTask(rsc, RELOAD, null)) {
                reload.optional = true;
            }
        }
    }

    private void scheduleRestart(Rsc rsc, SNode current, boolean needStop, boolean needPromote,
                                 boolean stopUnexpected) {
        Role role = rsc.role;
        while (role != Role.STOPPED) {
            Role next = RoleSteps.next(role, Role.STOPPED);
            if (!step(rsc, role, next, current, !needStop, true, stopUnexpected)) {
                break;
            }
            role = next;
        }
        while (rsc.role.compareTo(rsc.nextRole) <= 0 && role != rsc.role && !rsc.blocked) {
            boolean required = needStop;
            Role next = RoleSteps.next(role, rsc.role);
            if (next == Role.PROMOTED && needPromote) {
                required = true;
            }
            if (!step(rsc, role, next, rsc.assigned, !required, true, stopUnexpected)) {
                break;
            }
            role = next;
        }
    }

    private void scheduleRoleTransition(Rsc rsc, boolean stopUnexpected) {
        Role role = rsc.role;
        int guard = 0;
        while (role != rsc.nextRole && guard++ < 8) {
            Role next = RoleSteps.next(role, rsc.nextRole);
            if (!step(rsc, role, next, rsc.assigned, false, false, stopUnexpected)) {
                break;
            }
            role = next;
        }
    }

    /** Creates the action that takes rsc from role {@code from} to {@code to}. */
    private boolean step(Rsc rsc, Role from, Role to, SNode node, boolean optional, boolean restarting,
                         boolean stopUnexpected) {
        switch (RoleSteps.action(from, to)) {
            case STOP -> stopResource(rsc, optional, restarting, stopUnexpected);
            case START -> {
                if (node == null) {
                    return false;
                }
                startResource(rsc, node, optional, stopUnexpected);
            }
            case DEMOTE -> {
                for (SNode n : rsc.runningOn) {
                    if (!(stopUnexpected && n == rsc.assigned)) {
                        Actions.demote(cluster, rsc, n, optional);
                    }
                }
            }
            case PROMOTE -> {
                if (node == null) {
                    return false;
                }
                promoteResource(rsc, node, optional, stopUnexpected);
            }
            case NONE -> {
            }
            case ERROR -> {
                return false;
            }
        }
        return true;
    }

    private void stopResource(Rsc rsc, boolean optional, boolean restarting, boolean stopUnexpected) {
        for (SNode current : rsc.runningOn) {
            boolean opt = optional;
            if (stopUnexpected && current == rsc.assigned) {
                continue;
            }
            if (rsc.partialMigrationTarget != null) {
                if (rsc.partialMigrationTarget == current && rsc.assigned == rsc.partialMigrationTarget) {
                    continue;
                }
                opt = false;
            }
            Action stop = Actions.stop(cluster, rsc, current, opt);
            if (rsc.assigned == null) {
                setReason(stop, "node availability", true);
            } else if (restarting && stopUnexpected) {
                setReason(stop, "being multiply active", true);
            }
            if (!rsc.managed) {
                stop.runnable = false;
            }
        }
    }

    private void startResource(Rsc rsc, SNode node, boolean optional, boolean stopUnexpected) {
        Action start = Actions.start(cluster, rsc, node, true);
        if (start.runnable && !optional) {
            start.optional = false;
        }
        if (stopUnexpected && rsc.runningOn.contains(node) && node == rsc.assigned) {
            start.pseudo = true;
        }
    }

    private void promoteResource(Rsc rsc, SNode node, boolean optional, boolean stopUnexpected) {
        boolean runnable = true;
        for (Action start : Actions.byTask(rsc, "start", node)) {
            if (!start.runnable) {
                runnable = false;
            }
        }
        if (runnable) {
            Action promote = Actions.promote(cluster, rsc, node, optional);
            if (stopUnexpected && rsc.runningOn.contains(node) && node == rsc.assigned) {
                promote.pseudo = true;
            }
        } else {
            for (Action promote : Actions.byTask(rsc, "promote", node)) {
                promote.runnable = false;
            }
        }
    }

    static void setReason(Action a, String reason, boolean overwrite) {
        if (overwrite || a.reason == null) {
            a.reason = reason;
        }
    }

    // ------------------------------------------------------------------ recurring monitors

    private void recurring(Rsc rsc) {
        if (rsc.blocked || rsc.maintenance) {
            return;
        }
        Action start = null;
        if (rsc.assigned == null) {
            // recurring actions for active roles are not needed
        } else if (rsc.assigned.maintenance) {
            return;
        } else if (rsc.nextRole != Role.STOPPED || !rsc.managed) {
            start = Actions.start(cluster, rsc, rsc.assigned, true);
        }
        for (Operation op : rsc.ops) {
            long interval = Durations.parseMillisOr(op.interval(), 0);
            if (interval <= 0 || !OpConfig.enabled(op) || OpConfig.duplicated(rsc, op)) {
                continue;
            }
            Role opRole = op.role() == null ? Role.UNKNOWN : Role.parse(op.role());
            if (opRole == Role.STARTED && !isPromotableInstance(rsc)) {
                opRole = Role.UNKNOWN;
            }
            String key = Action.key(rsc.id, op.name(), interval);
            if (start != null) {
                recurringForActive(rsc, start, rsc.assigned, op, opRole, key, interval);
            }
            recurringForInactive(rsc, rsc.assigned, op, opRole, key, interval);
        }
    }

    /**
     * Whether the resource is (a member of) an instance of a promotable clone: its active
     * roles are Unpromoted and Promoted, so an operation for the Started role is for neither.
     */
    private static boolean isPromotableInstance(Rsc rsc) {
        Rsc clone = rsc.enclosingClone();
        return clone != null && clone.promotable;
    }

    /** Two operations with one name and interval are ambiguous: neither is scheduled. */
    private void recurringForActive(Rsc rsc, Action start, SNode node, Operation op, Role opRole, String key,
                                    long interval) {
        if (opRole == Role.STOPPED) {
            return;
        }
        boolean optional = activeRecurringOptional(rsc, node, key, start);
        if ((opRole != Role.UNKNOWN && rsc.nextRole != opRole)
                || (opRole == Role.UNKNOWN && rsc.nextRole == Role.PROMOTED)) {
            if (optional) {
                Action cancel = cancel(rsc, op.name(), interval, node);
                String afterTask = switch (rsc.role) {
                    case UNPROMOTED, STARTED -> rsc.nextRole == Role.PROMOTED ? "promote"
                            : rsc.nextRole == Role.STOPPED ? "stop" : null;
                    case PROMOTED -> "demote";
                    default -> null;
                };
                if (afterTask != null) {
                    cluster.orderings.add(Ordering.actionThenKey(cancel, rsc, afterTask, Action.RUNNABLE_LEFT));
                }
            }
            return;
        }
        Action mon = Actions.custom(cluster, rsc, key, op.name(), node, optional);
        if (!start.runnable) {
            mon.runnable = false;
        } else if (node == null || !node.online || node.unclean) {
            mon.runnable = false;
        }
        if (rsc.nextRole == Role.PROMOTED) {
            mon.meta.put("op_target_rc", "8");
        }
        if (rsc.managed) {
            cluster.orderings.add(Ordering.keyThenAction(rsc, "start", mon, Action.IMPLIES_THEN | Action.RUNNABLE_LEFT));
            cluster.orderings.add(Ordering.keyThenAction(rsc, RELOAD, mon, Action.IMPLIES_THEN | Action.RUNNABLE_LEFT));
            if (rsc.nextRole == Role.PROMOTED) {
                cluster.orderings.add(Ordering.keyThenAction(rsc, "promote", mon,
                        Action.ORDER_OPTIONAL | Action.RUNNABLE_LEFT));
            } else if (rsc.role == Role.PROMOTED) {
                cluster.orderings.add(Ordering.keyThenAction(rsc, "demote", mon,
                        Action.ORDER_OPTIONAL | Action.RUNNABLE_LEFT));
            }
        }
    }

    private boolean activeRecurringOptional(Rsc rsc, SNode node, String key, Action start) {
        if (node == null) {
            return false;
        }
        if (!start.optional) {
            return false;
        }
        return Actions.find(cluster, rsc, key, node) != null;
    }

    private void recurringForInactive(Rsc rsc, SNode node, Operation op, Role opRole, String key, long interval) {
        if (opRole != Role.STOPPED) {
            return;
        }
        Rsc clone = rsc.enclosingClone();
        if (clone != null && !clone.globallyUnique) {
            return;
        }
        for (SNode stopNode : cluster.nodes) {
            if (node != null && stopNode == node) {
                if (Actions.find(cluster, rsc, key, node) != null) {
                    // The monitor for the stopped role must be gone before the resource starts there.
                    Action cancel = cancel(rsc, op.name(), interval, node);
                    for (Action start : Actions.byTask(rsc, "start", node)) {
                        cluster.orderings.add(Ordering.actions(cancel, start, Action.ORDER_OPTIONAL));
                    }
                }
                continue;
            }
            boolean optional = Actions.find(cluster, rsc, key, stopNode) != null;
            Action mon = Actions.custom(cluster, rsc, key, op.name(), stopNode, optional);
            mon.meta.put("op_target_rc", "7");
            if (rsc.managed) {
                // Only once we know the resource is stopped there does a Stopped-role monitor make sense.
                for (Action probe : Actions.byTask(rsc, "monitor", stopNode)) {
                    Orderer.link(probe, mon, Action.RUNNABLE_LEFT);
                }
                orderAfterStops(rsc, stopNode, mon);
            }
            if (!stopNode.online || stopNode.unclean) {
                mon.runnable = false;
            }
        }
    }

    private void orderAfterStops(Rsc rsc, SNode node, Action mon) {
        for (Action stop : Actions.byTask(rsc, "stop", node)) {
            if (!stop.optional && !mon.optional && !rsc.managed) {
                mon.optional = true;
            }
            if (!stop.runnable) {
                mon.runnable = false;
            }
            if (rsc.managed) {
                cluster.orderings.add(Ordering.actions(stop, mon, Action.IMPLIES_THEN | Action.RUNNABLE_LEFT));
            }
        }
    }

    Action cancel(Rsc rsc, String task, long interval, SNode node) {
        return Actions.cancel(cluster, rsc, task, interval, node);
    }

    // ------------------------------------------------------------------ fencing and shutdown

    private void fencingAndShutdowns() {
        Action dcDown = null;
        boolean haveManaged = false;
        for (Rsc r : cluster.byId.values()) {
            if (r.managed) {
                haveManaged = true;
                break;
            }
        }
        List<Action> fencingOps = new ArrayList<>();
        List<Action> shutdownOps = new ArrayList<>();
        for (SNode node : cluster.nodes) {
            Action fencing = null;
            if (node.isGuest()) {
                if (node.remoteRequiresReset && haveManaged && Fencing.canFence(cluster, node)) {
                    RemoteNodes.fenceGuest(cluster, this, node);
                }
                continue;
            }
            if (haveManaged && node.unclean && Fencing.canFence(cluster, node)) {
                fencing = Fencing.fenceOp(cluster, node, null, false, "node is unclean", false);
                orderVsFence(fencing);
                if (node.isDc) {
                    dcDown = fencing;
                } else {
                    if (!cluster.options.concurrentFencing() && !fencingOps.isEmpty()) {
                        cluster.orderings.add(Ordering.actions(fencingOps.get(0), fencing, Action.ORDER_OPTIONAL));
                    }
                    fencingOps.add(0, fencing);
                }
            } else if (!node.isRemote() && node.online && node.shutdown) {
                Action down = shutdown(node);
                if (node.isDc) {
                    dcDown = down;
                } else if (dcDown == null) {
                    shutdownOps.add(0, down);
                }
            }
            if (fencing == null && node.unclean) {
                cluster.warnings.add("Node " + node.name + " is unclean but cannot be fenced");
            }
        }
        if (dcDown != null) {
            if (dcDown.task.equals("do_shutdown")) {
                for (Action s : shutdownOps) {
                    cluster.orderings.add(Ordering.actions(s, dcDown, Action.ORDER_OPTIONAL));
                }
            }
            if (cluster.options.concurrentFencing()) {
                for (Action f : fencingOps) {
                    cluster.orderings.add(Ordering.actions(f, dcDown, Action.ORDER_OPTIONAL));
                }
            } else if (!fencingOps.isEmpty()) {
                cluster.orderings.add(Ordering.actions(fencingOps.get(0), dcDown, Action.ORDER_OPTIONAL));
            }
        }
    }

    private Action shutdown(SNode node) {
        Action down = Actions.custom(cluster, null, "do_shutdown-" + node.name, "do_shutdown", node, false);
        down.dcAction = true;
        for (Action a : new ArrayList<>(cluster.actions)) {
            if (a.rsc == null || a.node != node || !a.task.equals("stop")) {
                continue;
            }
            if (a.rsc.maintenance || node.maintenance) {
                continue;
            }
            if (!a.rsc.managed && !a.rsc.blocked) {
                continue;
            }
            a.optional = false;
            cluster.orderings.add(Ordering.actions(a, down, Action.ORDER_OPTIONAL | Action.RUNNABLE_LEFT));
        }
        return down;
    }

    /** Orders starts after fencing where needed, and turns stops on the fenced node into pseudo actions. */
    void orderVsFence(Action fencing) {
        for (Rsc rsc : cluster.resources) {
            stonithOrdering(rsc, fencing);
        }
    }

    private void stonithOrdering(Rsc rsc, Action fencing) {
        if (!rsc.children.isEmpty() || rsc.bundledClone != null) {
            for (Rsc child : rsc.children) {
                stonithOrdering(child, fencing);
            }
            if (rsc.bundledClone != null) {
                stonithOrdering(rsc.bundledClone, fencing);
            }
            return;
        }
        if (!rsc.managed) {
            return;
        }
        SNode target = fencing.node;
        for (Action a : new ArrayList<>(rsc.actions)) {
            switch (a.needs) {
                case "fencing", "unfencing" -> cluster.orderings.add(Ordering.actions(fencing, a, Action.ORDER_OPTIONAL));
                case "quorum" -> {
                    if (a.task.equals("start") && rsc.allowed.containsKey(target) && !rsc.knownOn.contains(target)) {
                        cluster.orderings.add(Ordering.actions(fencing, a, Action.ORDER_OPTIONAL | Action.RUNNABLE_LEFT));
                    }
                }
                default -> {
                }
            }
        }
        boolean orderImplicit = "fencing".equals(rsc.requires) || "unfencing".equals(rsc.requires) || target.isGuest();
        List<Action> stops = Actions.byTask(rsc, "stop", target);
        Action parentStop = null;
        if (!stops.isEmpty() && orderImplicit && rsc.top() != rsc) {
            for (Action a : rsc.top().actions) {
                if (a.task.equals("stop")) {
                    parentStop = a;
                    break;
                }
            }
        }
        for (Action stop : stops) {
            stop.pseudo = true;
            stop.runnable = true;
            stop.impliedByFencing = target.isGuest();
            if (orderImplicit) {
                cluster.orderings.add(Ordering.actions(fencing, stop, Action.ORDER_OPTIONAL));
                if (parentStop != null && parentStop != stop) {
                    cluster.orderings.add(Ordering.actions(fencing, parentStop, Action.ORDER_OPTIONAL));
                }
            }
            Rsc clone = rsc.enclosingClone();
            if (clone != null && clone.notify) {
                CloneNotifications.createAfterFencing(cluster, rsc, fencing);
            }
        }
        for (Action demote : Actions.byTask(rsc, "demote", target)) {
            if (!demote.node.online || demote.node.unclean || rsc.failed) {
                demote.pseudo = true;
                demote.runnable = true;
                if ("fencing".equals(rsc.requires) || "unfencing".equals(rsc.requires)) {
                    cluster.orderings.add(Ordering.actions(fencing, demote, Action.ORDER_OPTIONAL | Action.PRESERVE));
                }
            }
        }
    }
}
