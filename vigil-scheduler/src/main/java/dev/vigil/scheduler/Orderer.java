package dev.vigil.scheduler;

import java.util.ArrayList;
import java.util.List;

/**
 * Stage 4: orderings. Resolves every ordering to edges between actions, then propagates what
 * the edges imply until nothing changes: a required "first" can make "then" required, an
 * unrunnable "first" can make "then" unrunnable, a required start of a running resource forces
 * its stop (a restart), and so on.
 */
final class Orderer {
    private final Cluster cluster;
    /** Orderings between interleaved clones, in the order they were applied. */
    private final List<CloneActions.InterleavedOrder> interleavedOrders = new ArrayList<>();
    /** Interleaved orderings whose instances are paired when their edge is first propagated. */
    private final List<CloneActions.InterleavedOrder> unpaired = new ArrayList<>();

    private Orderer(Cluster cluster) {
        this.cluster = cluster;
    }

    static void apply(Cluster cluster) {
        Orderer o = new Orderer(cluster);
        for (Ordering ordering : new ArrayList<>(cluster.orderings)) {
            o.applyOrdering(ordering);
        }
        for (Action a : new ArrayList<>(cluster.actions)) {
            o.blockColocationDependents(a);
        }
        o.probeOrderingsForStops();
        o.propagate(new ArrayList<>(cluster.actions));
        o.stopInstancesLeftWithoutPartners();
    }

    /**
     * An instance stopped for want of a partner can in turn leave instances that follow it
     * without one, whatever order the edges were propagated in: repeats until none is left.
     * Each pass that changes anything stops an instance, so there are at most as many passes
     * as instances.
     */
    private void stopInstancesLeftWithoutPartners() {
        // Orderings whose edge propagation never reached (none in practice) are paired now.
        for (CloneActions.InterleavedOrder order : List.copyOf(unpaired)) {
            if (CloneActions.orderInstancePairs(order)) {
                List<Action> paired = new ArrayList<>();
                for (Rsc member : order.then().rsc.primitives()) {
                    paired.addAll(member.actions);
                }
                propagate(paired);
            }
        }
        unpaired.clear();
        boolean changed = true;
        while (changed) {
            changed = false;
            for (CloneActions.InterleavedOrder order : interleavedOrders) {
                List<Action> affected = new ArrayList<>();
                for (Rsc instance : CloneActions.stopInstancesWithoutPartners(cluster, order)) {
                    for (Rsc member : instance.primitives()) {
                        affected.addAll(member.actions);
                    }
                }
                if (!affected.isEmpty()) {
                    changed = true;
                    propagate(affected);
                }
            }
        }
    }

    /**
     * Pairs the instances of the interleaved orderings first propagated on this edge, as
     * Pacemaker does then (which decides the reasons the summary gives): instances without a
     * partner stop, the others are ordered after their partners. Returns whether anything
     * changed; like Pacemaker, only flags and edges change here, "then" counts as changed and
     * the instances see the rest when their turn comes.
     */
    private boolean pairInstances(Action.Edge edge) {
        boolean changed = false;
        for (var it = unpaired.iterator(); it.hasNext(); ) {
            CloneActions.InterleavedOrder order = it.next();
            if (order.first() != edge.first || order.then() != edge.then) {
                continue;
            }
            it.remove();
            changed |= !CloneActions.stopInstancesWithoutPartners(cluster, order).isEmpty();
            changed |= CloneActions.orderInstancePairs(order);
        }
        return changed;
    }

    // ------------------------------------------------------------------ resolving orderings to edges

    private void applyOrdering(Ordering o) {
        if (o.firstRsc() != null) {
            orderFirst(o);
            return;
        }
        if (o.thenRsc() != null) {
            orderAfter(o.firstAction(), o.thenRsc(), o);
        } else {
            link(o.firstAction(), o.thenAction(), o.flags());
        }
    }

    private void orderFirst(Ordering o) {
        Rsc firstRsc = o.firstRsc();
        List<Action> firsts = new ArrayList<>();
        if (o.firstAction() != null) {
            firsts.add(o.firstAction());
        } else {
            firsts.addAll(findByKey(firstRsc, o.firstKey()));
        }
        if (firsts.isEmpty() && firstRsc != o.thenRsc()) {
            String task = taskOfKey(o.firstKey());
            long interval = Actions.intervalOf(o.firstKey());
            dev.vigil.model.Role state = firstRsc.isPrimitive() ? firstRsc.role : collectiveRole(firstRsc);
            if (state == dev.vigil.model.Role.STOPPED && task.equals("stop")) {
                // nothing to order
            } else if (state == dev.vigil.model.Role.UNPROMOTED && task.equals("demote")) {
                // nothing to order
            } else {
                firsts.add(Actions.custom(cluster, firstRsc, Action.key(firstRsc.id, task, interval), task, null,
                        true));
            }
        }
        Rsc thenRsc = o.thenRsc();
        if (thenRsc == null) {
            if (o.thenAction() == null) {
                return;
            }
            thenRsc = o.thenAction().rsc;
        }
        for (Action first : firsts) {
            if (thenRsc == null) {
                link(first, o.thenAction(), o.flags());
            } else {
                orderAfter(first, thenRsc, o);
            }
        }
    }

    private static dev.vigil.model.Role collectiveRole(Rsc rsc) {
        dev.vigil.model.Role max = dev.vigil.model.Role.STOPPED;
        for (Rsc p : rsc.primitives()) {
            if (p.role.compareTo(max) > 0) {
                max = p.role;
            }
        }
        return max;
    }

    private void orderAfter(Action first, Rsc thenRsc, Ordering o) {
        List<Action> thens = new ArrayList<>();
        if (o.thenAction() != null) {
            thens.add(o.thenAction());
        } else {
            thens.addAll(findByKey(thenRsc, o.thenKey()));
        }
        if (thens.isEmpty()) {
            return;
        }
        int flags = o.flags();
        if (first == null && (flags & Action.IMPLIES_THEN) == 0) {
            return;
        }
        for (Action then : thens) {
            if (first != null) {
                link(first, then, flags);
                if (CloneActions.interleaved(first, then)) {
                    CloneActions.InterleavedOrder order = new CloneActions.InterleavedOrder(first, then, flags);
                    interleavedOrders.add(order);
                    unpaired.add(order);
                }
            } else {
                then.runnable = false;
            }
        }
    }

    /** Actions of a resource with this key; a clone instance's key may name the clone's base id. */
    private static List<Action> findByKey(Rsc rsc, String key) {
        List<Action> out = new ArrayList<>();
        for (Action a : rsc.actions) {
            if (a.key.equals(key)) {
                out.add(a);
            }
        }
        if (out.isEmpty() && key != null && !key.startsWith(rsc.id + "_")) {
            String task = taskOfKey(key);
            long interval = Actions.intervalOf(key);
            String k = Action.key(rsc.id, task, interval);
            for (Action a : rsc.actions) {
                if (a.key.equals(k)) {
                    out.add(a);
                }
            }
        }
        return out;
    }

    static String taskOfKey(String key) {
        int last = key.lastIndexOf('_');
        String withoutInterval = key.substring(0, last);
        int previous = withoutInterval.lastIndexOf('_');
        String task = withoutInterval.substring(previous + 1);
        // Tasks with an underscore (migrate_to, pre_notify…) keep their first part.
        String before = withoutInterval.substring(0, Math.max(previous, 0));
        for (String compound : new String[] {"migrate", "pre", "post", "confirmed-pre", "confirmed-post"}) {
            if (before.endsWith("_" + compound)) {
                return compound + "_" + task;
            }
        }
        return task;
    }

    /** Adds an edge unless an equivalent one exists (same actions and an overlapping type). */
    static boolean link(Action first, Action then, int flags) {
        if (first == null || then == null || flags == 0 || first == then) {
            return false;
        }
        for (Action.Edge e : first.after) {
            if (e.then == then && (e.type & flags) != 0) {
                return false;
            }
        }
        Action.Edge edge = new Action.Edge(first, then, flags);
        first.after.add(0, edge);
        then.before.add(0, edge);
        return true;
    }

    // ------------------------------------------------------------------ probes before stops

    private void probeOrderingsForStops() {
        for (Ordering o : cluster.orderings) {
            if (o.flags() == 0 || o.firstRsc() == null || o.firstRsc() == o.thenRsc()) {
                continue;
            }
            boolean firstIsStop = o.firstAction() != null ? o.firstAction().task.equals("stop")
                    : o.firstKey() != null && o.firstKey().endsWith("_stop_0");
            if (!firstIsStop) {
                continue;
            }
            if (o.thenRsc() != null && o.firstRsc().container == o.thenRsc()) {
                boolean thenIsStop = o.thenAction() != null ? o.thenAction().task.equals("stop")
                        : o.thenKey() != null && o.thenKey().endsWith("_stop_0");
                if (thenIsStop) {
                    continue;
                }
            }
            int flags = Action.ORDER_OPTIONAL;
            if ((o.flags() & Action.APPLY_FIRST_NON_MIGRATABLE) != 0) {
                flags |= Action.APPLY_FIRST_NON_MIGRATABLE;
            }
            if ((o.flags() & Action.SAME_NODE) != 0) {
                flags |= Action.SAME_NODE;
            }
            if (o.flags() == Action.ANTI_COLOCATION || o.flags() == Action.LOAD) {
                flags = o.flags();
            }
            List<Action> probes = new ArrayList<>();
            for (Action a : o.firstRsc().actions) {
                if (a.task.equals("monitor") && a.intervalMs == 0) {
                    probes.add(a);
                }
            }
            if (probes.isEmpty()) {
                continue;
            }
            List<Action> thens = new ArrayList<>();
            if (o.thenAction() != null) {
                thens.add(o.thenAction());
            } else if (o.thenRsc() != null) {
                for (Action a : o.thenRsc().actions) {
                    if (a.key.equals(o.thenKey())) {
                        thens.add(a);
                    }
                }
            }
            for (Action probe : probes) {
                for (Action then : thens) {
                    if (probeNeededBefore(probe, then)) {
                        link(probe, then, flags);
                    }
                }
            }
        }
    }

    private static boolean probeNeededBefore(Action probe, Action then) {
        if (then.task.equals("stonith") && probe.node != null && probe.node == then.node
                && "on".equals(then.meta.get("stonith_action"))) {
            return false;
        }
        return !(then.task.equals("do_shutdown") && probe.node != null && then.node != null && probe.node != then.node);
    }

    // ------------------------------------------------------------------ colocation blocking

    /** An unrunnable start/promote of a whole primary blocks its mandatory dependents. */
    void blockColocationDependents(Action action) {
        if (action.runnable || action.rsc == null) {
            return;
        }
        boolean isStart = action.task.equals("start");
        if (!isStart && !action.task.equals("promote")) {
            return;
        }
        Rsc rsc = action.rsc.top();
        if (rsc.parent != null) {
            rsc = rsc.parent; // a bundle member: the whole bundle
        }
        for (Rsc child : rsc.children) {
            Action childAction = null;
            for (Action a : child.actions) {
                if (a.task.equals(action.task)) {
                    childAction = a;
                    break;
                }
            }
            if (childAction == null || childAction.runnable) {
                return;
            }
        }
        for (Colocation c : Colocations.withThis(rsc)) {
            if (c.score() < dev.vigil.model.Score.INFINITY) {
                continue;
            }
            if (!isStart && c.primaryRole() != dev.vigil.model.Role.PROMOTED) {
                continue;
            }
            String task = c.dependentRole() == dev.vigil.model.Role.PROMOTED ? "promote" : "start";
            markBlocked(c.dependent(), task, action.rsc);
        }
    }

    private void markBlocked(Rsc rsc, String task, Rsc reason) {
        // Instances first: the reason belongs to them, not to what their clone's pseudo action implies.
        for (Rsc child : rsc.children) {
            markBlocked(child, task, reason);
        }
        for (Action a : new ArrayList<>(rsc.actions)) {
            if (a.runnable && a.task.equals(task)) {
                a.runnable = false;
                Planner.setReason(a, "colocation with " + reason.id, false);
                blockColocationDependents(a);
                propagate(List.of(a));
                for (Action.Edge e : new ArrayList<>(a.after)) {
                    update(e.then, 0);
                }
            }
        }
        if (rsc.bundledClone != null) {
            markBlocked(rsc.bundledClone, task, reason);
        }
    }

    // ------------------------------------------------------------------ propagation

    /**
     * Re-evaluates actions from their orderings until nothing changes. The traversal follows
     * Pacemaker's (newest action first, depth first on change) because the first ordering that
     * makes an action required or unrunnable gives the reason shown in the summary.
     */
    void propagate(List<Action> actions) {
        List<Action> newestFirst = new ArrayList<>(actions);
        java.util.Collections.reverse(newestFirst);
        for (Action a : newestFirst) {
            update(a, 0);
        }
    }

    private static final int MAX_DEPTH = 20_000;

    private void update(Action then, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalStateException("ordering propagation too deep at " + then);
        }
        boolean wasRunnable = then.runnable;
        boolean wasOptional = then.optional;
        if (then.rsc != null && then.rsc.isClone()) {
            // A clone's action is required as soon as one of its instances' is.
            CloneActions.flagsForOrdering(then, null);
        } else if (then.rsc != null && then.rsc.isGroup() && !then.before.isEmpty()) {
            groupFlags(then, null); // likewise a group's, once an edge into it is looked at
        }
        if (then.requiresAny) {
            then.runnableBefore = 0;
            if (then.requiredRunnableBefore == 0) {
                then.requiredRunnableBefore = 1;
            }
            then.runnable = false;
        }
        boolean paired = false;
        for (Action.Edge edge : new ArrayList<>(then.before)) {
            if (edge.type == 0) {
                continue;
            }
            paired |= pairInstances(edge);
            Action effectiveFirst = applyEdge(edge, then);
            if (effectiveFirst != null && changedFirst) {
                changedFirst = false;
                for (Action.Edge e : new ArrayList<>(effectiveFirst.after)) {
                    update(e.then, depth + 1);
                }
                update(effectiveFirst, depth + 1);
            }
            while (!changedInstanceActions.isEmpty()) {
                Action changedInstance = changedInstanceActions.remove(0);
                for (Action.Edge e : new ArrayList<>(changedInstance.after)) {
                    update(e.then, depth + 1);
                }
            }
        }
        boolean changed = paired || then.runnable != wasRunnable || then.optional != wasOptional;
        if (changed) {
            if (wasRunnable && !then.runnable) {
                blockColocationDependents(then);
            }
            update(then, depth + 1);
            for (Action.Edge e : new ArrayList<>(then.after)) {
                update(e.then, depth + 1);
            }
        }
    }

    /** Set when applying an edge changed its (remapped) first action. */
    private boolean changedFirst;
    /** Instance actions that an edge to their clone's action changed (what follows them is updated). */
    private final List<Action> changedInstanceActions = new ArrayList<>();

    /** Applies one edge to {@code then}; returns the effective first action (null if skipped). */
    private Action applyEdge(Action.Edge edge, Action then) {
        Action first = edge.first;
        SNode firstNode = first.node;
        SNode thenNode = then.node;
        if (first.rsc != null && first.rsc.isGroup() && first.task.equals("start")) {
            firstNode = first.rsc.assigned;
        }
        if (then.rsc != null && then.rsc.isGroup() && then.task.equals("start")) {
            thenNode = then.rsc.assigned;
        }
        if ((edge.type & Action.SAME_NODE) != 0 && firstNode != null && thenNode != null && firstNode != thenNode) {
            edge.type = 0;
            return null;
        }
        if (first.rsc != null && (edge.type & Action.THEN_CANCELS_FIRST) != 0 && !then.optional) {
            first.optional = true;
        }
        if (first.rsc != null && then.rsc != null && first.rsc != then.rsc && !isAncestor(first.rsc, then.rsc)) {
            first = forOrdering(first);
        }
        // A collective's action taking its members' flags is not a change that re-processes
        // what follows it (Pacemaker's reasons depend on it): only this edge's effects are.
        ActionFlags ff = flagsForOrdering(first, thenNode);
        boolean firstOptional = first.optional;
        boolean firstRunnable = first.runnable;
        if ((edge.type & Action.ONE_OR_MORE) != 0 && then.requiresAny) {
            if (ff.runnable()) {
                then.runnableBefore++;
                if (then.runnableBefore >= then.requiredRunnableBefore) {
                    then.runnable = true;
                }
                if (!ff.optional()) {
                    then.optional = false; // in the graph because a runnable first is required
                }
            }
        }
        updateOrdered(first, then, ff, edge.type);
        if (first.rsc != null && first.rsc.blocked && !first.rsc.managed && first.task.equals("stop")
                && !first.runnable && then.runnable) {
            // Nothing ordered after a stop that will never happen can happen either.
            then.runnable = false;
        }
        changedFirst = first.optional != firstOptional || first.runnable != firstRunnable;
        return first;
    }

    private static boolean isAncestor(Rsc ancestor, Rsc rsc) {
        for (Rsc p = rsc.parent; p != null; p = p.parent) {
            if (p == ancestor) {
                return true;
            }
        }
        return false;
    }

    /** A collective resource's start/stop/promote/demote is "done" at its completion pseudo action. */
    static Action forOrdering(Action action) {
        Rsc rsc = action.rsc;
        if (rsc == null || rsc.isPrimitive()) {
            return action;
        }
        String done = switch (action.task) {
            case "start" -> "running";
            case "stop" -> "stopped";
            case "promote" -> "promoted";
            case "demote" -> "demoted";
            default -> null;
        };
        if (done == null) {
            return action;
        }
        Action result = Actions.find(null, rsc, Action.key(rsc.id, done, 0), null);
        return result == null ? action : result;
    }

    record ActionFlags(boolean optional, boolean runnable, boolean pseudo) {
    }

    /** The flags that count for ordering: a collective's pseudo action reflects its children. */
    static ActionFlags flagsForOrdering(Action action, SNode node) {
        if (action.rsc == null || action.rsc.isPrimitive()) {
            return new ActionFlags(action.optional, action.runnable, action.pseudo);
        }
        if (action.rsc.isGroup()) {
            return groupFlags(action, null); // only clones look at a specific node
        }
        if (action.rsc.isBundle()) {
            return BundleActions.flagsForOrdering(action, node);
        }
        return CloneActions.flagsForOrdering(action, node);
    }

    private static ActionFlags groupFlags(Action action, SNode node) {
        boolean optional = true;
        boolean runnable = true;
        String memberTask = memberTask(action.task);
        for (Rsc member : action.rsc.children) {
            Action memberAction = null;
            for (Action a : member.actions) {
                if (a.task.equals(memberTask) && (node == null || a.node == node)) {
                    memberAction = a;
                    break;
                }
            }
            if (memberAction != null) {
                ActionFlags mf = flagsForOrdering(memberAction, node);
                if (optional && !mf.optional()) {
                    optional = false;
                    action.optional = false;
                }
                if (!memberTask.equals(action.task) && runnable && !mf.runnable()) {
                    runnable = false;
                    action.runnable = false;
                }
            } else if (!memberTask.equals("stop") && !memberTask.equals("demote")) {
                runnable = false;
            }
        }
        return new ActionFlags(optional, runnable, true);
    }

    /** The task a member performs for a collective's task ("running" → "start"). */
    static String memberTask(String task) {
        return switch (task) {
            case "running" -> "start";
            case "stopped" -> "stop";
            case "promoted" -> "promote";
            case "demoted" -> "demote";
            default -> task;
        };
    }

    /** Pacemaker's ordering semantics for one edge. */
    private void updateOrdered(Action first, Action then, ActionFlags ff, int type) {
        if (CloneActions.interleaved(first, then)) {
            return; // the instances' own orderings carry the effect
        }
        if (then.rsc != null && then.rsc.isClone()) {
            updatePrimitiveOrdered(first, then, ff, type);
            if (first.rsc != then.rsc) {
                for (Action instanceAction : CloneActions.instanceActionsFor(then, first.node)) {
                    boolean wasOptional = instanceAction.optional;
                    boolean wasRunnable = instanceAction.runnable;
                    updateOrdered(first, instanceAction, ff, type);
                    if (instanceAction.optional != wasOptional || instanceAction.runnable != wasRunnable) {
                        changedInstanceActions.add(instanceAction);
                    }
                }
            }
            return;
        }
        if (then.rsc != null && !then.rsc.isPrimitive()) {
            updatePrimitiveOrdered(first, then, ff, type);
            for (Rsc child : then.rsc.children) {
                for (Action a : child.actions) {
                    if (a.task.equals(then.task) && (first.node == null || a.node == first.node)) {
                        updateOrdered(first, a, ff, type);
                        break;
                    }
                }
            }
            return;
        }
        updatePrimitiveOrdered(first, then, ff, type);
    }

    /** One edge's effect on its two actions, checked in Pacemaker's order (it decides the reasons). */
    private void updatePrimitiveOrdered(Action first, Action then, ActionFlags ff, int type) {
        if ((type & Action.ASYMMETRICAL) != 0) {
            asymmetric(first, then);
        }
        if ((type & Action.IMPLIES_FIRST) != 0 && thenRequiredFor(first, then) && !isCollectivePseudo(first)) {
            first.optional = false;
        }
        if ((type & Action.PROMOTED_IMPLIES_FIRST) != 0 && then.rsc != null
                && then.rsc.role == dev.vigil.model.Role.PROMOTED && !then.optional) {
            first.optional = false;
        }
        if ((type & Action.IMPLIES_FIRST_MIGRATABLE) != 0) {
            if (!then.migrateRunnable || !then.runnable) {
                first.runnable = false;
            }
            if (!then.optional) {
                first.optional = false;
            }
        }
        // A bundle's pseudo actions are shown when its members act, though nothing waits for them.
        if ((type & Action.IMPLIES_FIRST_PRINTED) != 0 && !then.optional && isBundleAction(first)) {
            first.optional = false;
        }
        if ((type & Action.IMPLIES_THEN_PRINTED) != 0 && !ff.optional() && isBundleAction(then)) {
            then.optional = false;
        }
        if ((type & Action.PROBE) != 0 && !ff.runnable()) {
            then.runnable = false; // a probe that must wait for a start that cannot happen
        }
        if ((type & Action.PSEUDO_LEFT) != 0 && !ff.runnable()) {
            then.migrateRunnable = false;
            then.pseudo = false;
        }
        if ((type & Action.IMPLIES_THEN) != 0 && then.optional && !ff.optional() && !first.migrateRunnable) {
            then.optional = false;
            setReason(then, first, "required");
        }
        if ((type & Action.IMPLIES_THEN_ON_NODE) != 0 && then.optional && !ff.optional()
                && first.node != null && first.node == then.node) {
            then.optional = false;
        }
        if ((type & Action.RUNNABLE_LEFT) != 0 && then.runnable && !ff.runnable()) {
            then.runnable = false;
            then.migrateRunnable = false;
            setReason(then, first, "unrunnable");
        }
        if ((type & Action.RESTART) != 0) {
            restart(first, then);
        }
    }

    /** A collective's own actions follow their members': nothing else makes them required. */
    private static boolean isCollectivePseudo(Action action) {
        return action.rsc != null && (action.rsc.isClone() || action.rsc.isGroup());
    }

    /** Is then required as far as first is concerned? A clone's action counts only its instances on first's node. */
    private static boolean thenRequiredFor(Action first, Action then) {
        if (then.rsc != null && then.rsc.isClone() && first.node != null) {
            return !CloneActions.flagsForOrdering(then, first.node).optional();
        }
        return !then.optional;
    }

    /**
     * An asymmetric mandatory ordering blocks "then" when "first" cannot run, unless "then" is
     * already running where the action would happen (it is left alone, not stopped).
     */
    private static void asymmetric(Action first, Action then) {
        if (then.rsc == null || first.runnable) {
            return;
        }
        Rsc rsc = then.rsc;
        boolean runningThere = rsc.role.compareTo(dev.vigil.model.Role.STARTED) >= 0 && rsc.runningOn.size() == 1
                && then.node != null && rsc.runningOn.get(0) == then.node
                || rsc.isClone() && rsc.isActive() && then.task.equals("start");
        if (!runningThere && then.runnable) {
            then.runnable = false;
            setReason(then, first, "unrunnable");
        }
    }

    /** Pacemaker's reason text for a flag change caused by another action: "unrunnable web start". */
    static void setReason(Action then, Action cause, String change) {
        if (then.reason != null || cause == null) {
            return;
        }
        if (cause.rsc != null && cause.rsc == then.rsc) {
            if (isMigration(cause)) {
                // A migration's orderings are copies of its start's: what blocks one blocks the other.
                then.reason = cause.reason;
            }
            return;
        }
        if (cause.rsc == null) {
            then.reason = change + " " + cause.task;
        } else {
            then.reason = change + " " + cause.rsc.id + " " + cause.task;
        }
    }

    private static boolean isMigration(Action a) {
        return a.task.equals("migrate_to") || a.task.equals("migrate_from");
    }

    private static boolean isBundleAction(Action a) {
        return a.pseudo && a.rsc != null && a.rsc.isBundle();
    }

    /** A stop/start pair of one resource: required start forces the stop; unrunnable start too. */
    private static void restart(Action first, Action then) {
        String reason = null;
        if (!then.runnable && then.rsc != null && then.rsc.managed) {
            reason = "shutdown";
        }
        if (!then.optional) {
            reason = "restart";
        }
        if (reason != null && first.optional) {
            if (first.runnable || !then.optional) {
                first.optional = false;
                setReason(first, then, "required");
            }
        }
        if (reason != null && !first.optional && !first.runnable && then.runnable) {
            then.runnable = false;
            setReason(then, first, "unrunnable");
        }
    }
}
