package dev.vigil.scheduler;

import dev.vigil.model.Role;
import dev.vigil.model.cib.LrmOp;
import dev.vigil.model.cib.LrmResource;
import dev.vigil.model.cib.NodeState;
import java.util.ArrayList;
import java.util.List;

/**
 * Live migration (migrate_to / migrate_from) of resources that allow it: what a migration in
 * the history means (still under way, finished but not cleaned up, failed), whether a moving
 * resource can migrate instead of stopping and starting, and the actions and orderings of a
 * migration. A migrating resource runs {@code migrate_to} on its current node, then
 * {@code migrate_from} on its new node, then stops on the old node; its start becomes a pseudo
 * action that completes when all that is done.
 */
final class Migration {
    private Migration() {
    }

    // ------------------------------------------------------------------ history

    static void noteMigrateToSuccess(Cluster cluster, Rsc rsc, SNode source, LrmOp op) {
        // Judged once the source's whole history is known (noteMigrationState).
    }

    static void noteMigrateToFailure(Cluster cluster, Rsc rsc, SNode source, LrmOp op) {
        // Judged once the source's whole history is known (noteMigrationState).
    }

    static void noteMigrateFromFailure(Cluster cluster, Rsc rsc, SNode target, LrmOp op) {
        // A failed migrate_from leaves the resource active and failed on the target, as any
        // failed start-like operation does.
    }

    /**
     * Called after replaying a resource's history on a node with the last migrate_to found
     * there. Works out where the resource may be active: a migration still under way is
     * active on both nodes (only on the target once the source has stopped), a finished one
     * only on the target (the source just needs a stop), a failed one possibly on the target
     * too. A record on the target newer than the migrate_to tells the target's state instead.
     */
    static void noteMigrationState(HistoryUnpacker unpacker, Cluster cluster, Rsc rsc, SNode source,
                                   LrmOp migrateTo) {
        SNode target = cluster.node(migrateTo.get("migrate_target"));
        List<LrmOp> sourceOps = historyOf(cluster, rsc, source);
        int at = sourceOps.indexOf(migrateTo);
        if (target == null || target == source || at < 0 || !rsc.isPrimitive()
                || migrateTo.opStatus() == LrmOp.STATUS_PENDING) {
            return; // a migration still in progress is the pending operation's business
        }
        List<LrmOp> later = sourceOps.subList(at + 1, sourceOps.size());
        if (anySucceeded(later, "start") || anySucceeded(later, "migrate_from")) {
            return; // the resource came back, or never left
        }
        List<LrmOp> targetOps = targetHistory(cluster, rsc, target);
        boolean stoppedHere = anySucceeded(later, "stop");
        if (Digests.succeeded(migrateTo) && anySucceeded(targetOps, "migrate_from")) {
            if (!stoppedHere) {
                rsc.role = Role.STOPPED;
                rsc.dangleMigrationSource = source;
            }
            return;
        }
        if (newerRecordOn(targetOps, migrateTo)) {
            return;
        }
        unpacker.addRunning(rsc, target, Role.STARTED);
        if (Digests.succeeded(migrateTo)) {
            rsc.partialMigrationTarget = target;
            if (!stoppedHere) {
                rsc.partialMigrationSource = source;
            }
        }
    }

    /** Once every history is replayed: a resource that migrated to a node is started there. */
    static void finishUnpack(Cluster cluster) {
        for (Rsc rsc : cluster.byId.values()) {
            if (rsc.partialMigrationTarget != null && rsc.role.compareTo(Role.STARTED) < 0) {
                rsc.role = Role.STARTED;
            }
        }
    }

    private static boolean newerRecordOn(List<LrmOp> targetOps, LrmOp migrateTo) {
        long migrated = time(migrateTo);
        for (LrmOp op : targetOps) {
            if (migrated > 0 && time(op) > migrated) {
                return true;
            }
        }
        return false;
    }

    private static long time(LrmOp op) {
        return op.lastRcChange() > 0 ? op.lastRcChange() : op.lastRun();
    }

    private static boolean anySucceeded(List<LrmOp> ops, String task) {
        for (LrmOp op : ops) {
            if (task.equals(op.operation()) && Digests.succeeded(op)) {
                return true;
            }
        }
        return false;
    }

    private static List<LrmOp> historyOf(Cluster cluster, Rsc rsc, SNode node) {
        for (int i = cluster.histories.size() - 1; i >= 0; i--) {
            Cluster.History h = cluster.histories.get(i);
            if (h.rsc() == rsc && h.node() == node) {
                return h.ops();
            }
        }
        return List.of();
    }

    /** The resource's recorded operations on the migration target, whether replayed yet or not. */
    private static List<LrmOp> targetHistory(Cluster cluster, Rsc rsc, SNode target) {
        List<LrmOp> known = historyOf(cluster, rsc, target);
        if (!known.isEmpty()) {
            return known;
        }
        for (NodeState state : cluster.cib.status().nodes()) {
            if (!target.id.equals(state.id()) && !target.name.equals(state.uname())) {
                continue;
            }
            for (LrmResource entry : state.lrmResources()) {
                if (entry.id().equals(rsc.id)) {
                    return HistoryUnpacker.inCallOrder(entry.ops());
                }
            }
        }
        return List.of();
    }

    // ------------------------------------------------------------------ deciding

    /**
     * Decides which moving resources migrate. A resource may migrate if it allows it, is a
     * healthy started primitive moving between two usable nodes, and does not have to stop
     * before another resource that stops for real (its stop would then wait for the whole
     * migration). Blocking one migration can block others, so this repeats until stable.
     */
    static void decide(Cluster cluster) {
        List<Rsc> candidates = new ArrayList<>();
        for (Rsc rsc : cluster.byId.values()) {
            if (eligible(rsc)) {
                rsc.migrating = true;
                candidates.add(rsc);
            }
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Rsc rsc : candidates) {
                Rsc blocker = rsc.migrating ? stopsBeforeRealStop(cluster, rsc) : null;
                if (blocker != null) {
                    rsc.migrating = false;
                    rsc.migrationBlocker = blocker;
                    changed = true;
                }
            }
        }
    }

    private static boolean eligible(Rsc rsc) {
        if (!rsc.isPrimitive() || !rsc.allowMigrate || !rsc.managed || rsc.failed || rsc.isCloneInstance()) {
            return false;
        }
        SNode source = rsc.partialMigrationSource != null ? rsc.partialMigrationSource : rsc.currentNode();
        SNode target = rsc.assigned;
        if (source == null || target == null || source == target) {
            return false;
        }
        if (rsc.partialMigrationTarget == null && rsc.runningOn.size() != 1 || rsc.dangleMigrationSource != null) {
            return false; // active on several nodes, or the last migration still needs cleaning up
        }
        if (rsc.role != Role.STARTED || (rsc.nextRole != null && rsc.nextRole != Role.STARTED)) {
            return false;
        }
        return usable(source) && usable(target);
    }

    private static boolean usable(SNode node) {
        return node.online && !node.unclean && !node.pending;
    }

    /**
     * A resource that must stop after this one and start again elsewhere (or demote), without
     * migrating; or null. Its stop would have to wait for the whole migration, which waits for
     * its start: a loop. A resource that only stops can simply stop after the migration.
     */
    private static Rsc stopsBeforeRealStop(Cluster cluster, Rsc rsc) {
        String stopKey = Action.key(rsc.id, "stop", 0);
        for (Ordering o : cluster.orderings) {
            if (o.firstRsc() != rsc || !stopKey.equals(o.firstKey()) || o.thenRsc() == null || o.thenRsc() == rsc) {
                continue;
            }
            Rsc then = o.thenRsc();
            boolean mandatory = (o.flags() & ~Action.ORDER_OPTIONAL) != 0;
            if (Action.key(then.id, "stop", 0).equals(o.thenKey()) && movesElsewhere(then)) {
                return then;
            }
            if (mandatory && Action.key(then.id, "demote", 0).equals(o.thenKey()) && demotes(then)) {
                return then;
            }
        }
        return null;
    }

    /**
     * Does some primitive of the resource stop for real and start again elsewhere? Even an
     * optional ordering of such a resource around this one leaves no order for a migration:
     * its start comes before the migration and its stop after it.
     */
    private static boolean movesElsewhere(Rsc rsc) {
        return rsc.primitives().stream().anyMatch(p -> stopsForReal(p) && p.assigned != null);
    }

    private static boolean demotes(Rsc rsc) {
        return rsc.primitives().stream()
                .anyMatch(p -> p.role == Role.PROMOTED && p.nextRole != null && p.nextRole != Role.PROMOTED);
    }

    /** Does the resource (or, for a collective one, any of its primitives) stop without migrating? */
    private static boolean stopsForReal(Rsc rsc) {
        if (!rsc.isPrimitive()) {
            return rsc.primitives().stream().anyMatch(Migration::stopsForReal);
        }
        if (rsc.migrating || rsc.runningOn.isEmpty()) {
            return false;
        }
        return rsc.assigned == null || rsc.failed || !rsc.runningOn.contains(rsc.assigned);
    }

    static boolean canMigrate(Cluster cluster, Rsc rsc, SNode current) {
        return rsc.migrating;
    }

    // ------------------------------------------------------------------ actions

    /**
     * The actions of a migration from {@code current} (or a partial migration's source) to the
     * assigned node: migrate_to (unless it already happened), migrate_from, and the start as a
     * pseudo action that waits for them and the stop on the source.
     */
    static void createActions(Cluster cluster, Rsc rsc, SNode current) {
        SNode source = rsc.partialMigrationSource != null ? rsc.partialMigrationSource : current;
        SNode target = rsc.assigned;
        Action start = Actions.start(cluster, rsc, target, false);
        start.pseudo = true;
        start.migrateRunnable = true; // a required start by migration restarts nothing on the node
        Action migrateTo = rsc.partialMigrationTarget == target ? null
                : migrationAction(cluster, rsc, "migrate_to", source, source, target);
        Action migrateFrom = migrationAction(cluster, rsc, "migrate_from", target, source, target);
        if (migrateTo != null) {
            cluster.orderings.add(Ordering.actions(migrateTo, migrateFrom,
                    Action.ORDER_OPTIONAL | Action.IMPLIES_THEN | Action.RUNNABLE_LEFT));
        }
        for (Action stop : Actions.byTask(rsc, "stop", source)) {
            cluster.orderings.add(Ordering.actions(migrateFrom, stop, Action.ORDER_OPTIONAL | Action.IMPLIES_THEN));
        }
        cluster.orderings.add(Ordering.actions(migrateFrom, start, Action.ORDER_OPTIONAL | Action.RUNNABLE_LEFT));
    }

    private static Action migrationAction(Cluster cluster, Rsc rsc, String task, SNode node, SNode source,
                                          SNode target) {
        Action a = Actions.custom(cluster, rsc, Action.key(rsc.id, task, 0), task, node, false);
        a.meta.put("migrate_source", source.name);
        a.meta.put("migrate_target", target.name);
        return a;
    }

    /**
     * The stop a finished migration left on its source. It only cleans up: a start elsewhere
     * waits for it, but it does not make the resource restart where it is.
     */
    static void cleanUpSource(Cluster cluster, Rsc rsc) {
        if (rsc.dangleMigrationSource != null && rsc.dangleMigrationSource.online) {
            Action stop = Actions.stop(cluster, rsc, rsc.dangleMigrationSource, false);
            stop.migrateRunnable = true;
        }
    }

    /** A migration blocked by another resource's real stop is reported as caused by it. */
    static void explainBlocked(Cluster cluster, Rsc rsc, SNode current) {
        if (rsc.migrationBlocker == null || current == null) {
            return;
        }
        for (Action stop : Actions.byTask(rsc, "stop", current)) {
            Planner.setReason(stop, "unrunnable " + rsc.migrationBlocker.id + " stop", false);
        }
    }

    // ------------------------------------------------------------------ orderings

    /**
     * A migration must respect what its start and stop are ordered after: orderings into the
     * start also hold for migrate_to (a migrating predecessor counts once its migrate_from is
     * done), and so do orderings after real stops of other resources.
     */
    static void orderMigrations(Cluster cluster) {
        cluster.orderings.removeIf(Migration::optionalAfterMigratingStop);
        for (Ordering o : List.copyOf(cluster.orderings)) {
            Rsc then = o.thenRsc();
            if (then == null || !then.migrating) {
                continue;
            }
            Action migrateTo = Actions.find(cluster, then, Action.key(then.id, "migrate_to", 0), null);
            if (migrateTo == null) {
                continue;
            }
            String thenTask = o.thenAction() != null ? o.thenAction().task : Orderer.taskOfKey(o.thenKey());
            if (thenTask.equals("start")) {
                orderBeforeMigration(cluster, o, migrateTo);
            } else if (thenTask.equals("stop") && firstIsRealStop(o)) {
                cluster.orderings.add(copyWithThen(o, migrateTo, Action.ORDER_OPTIONAL));
            }
        }
    }

    /**
     * A merely optional ordering after a migrating resource's stop is dropped: that stop waits
     * for the whole migration, and other resources need not.
     */
    private static boolean optionalAfterMigratingStop(Ordering o) {
        Rsc first = o.firstRsc();
        if (o.flags() != Action.ORDER_OPTIONAL || first == null || !first.migrating || o.thenRsc() == first) {
            return false;
        }
        String task = o.firstAction() != null ? o.firstAction().task : Orderer.taskOfKey(o.firstKey());
        return task.equals("stop");
    }

    private static void orderBeforeMigration(Cluster cluster, Ordering o, Action migrateTo) {
        Rsc first = o.firstRsc();
        Rsc then = migrateTo.rsc;
        boolean probe = o.firstAction() != null && o.firstAction().task.equals("monitor")
                && o.firstAction().intervalMs == 0;
        if ((first == then && !probe) || (first != null && first != then && first.top() == then.top()
                && !first.isPrimitive())) {
            return; // the resource's own steps, or its group's pseudo actions
        }
        if (first != null && first.migrating && o.firstAction() == null
                && Action.key(first.id, "start", 0).equals(o.firstKey())) {
            Action migrateFrom = Actions.find(cluster, first, Action.key(first.id, "migrate_from", 0), null);
            if (migrateFrom != null) {
                cluster.orderings.add(Ordering.actions(migrateFrom, migrateTo, o.flags()));
                return;
            }
        }
        cluster.orderings.add(copyWithThen(o, migrateTo, o.flags()));
    }

    private static boolean firstIsRealStop(Ordering o) {
        Rsc first = o.firstRsc();
        if (first == null || first == o.thenRsc() || first.migrating || enclosing(first, o.thenRsc())) {
            return false;
        }
        String task = o.firstAction() != null ? o.firstAction().task : Orderer.taskOfKey(o.firstKey());
        return task.equals("stop");
    }

    /** Is the resource a group or other collective that contains the other one? */
    private static boolean enclosing(Rsc collective, Rsc rsc) {
        for (Rsc parent = rsc.parent; parent != null; parent = parent.parent) {
            if (parent == collective) {
                return true;
            }
        }
        return false;
    }

    private static Ordering copyWithThen(Ordering o, Action then, int flags) {
        return new Ordering(o.firstRsc(), o.firstKey(), o.firstAction(), then.rsc, null, then, flags, o.id(),
                o.requiredFirsts());
    }
}
