package dev.vigil.scheduler;

import java.util.ArrayList;
import java.util.List;

/**
 * Actions of clones: the instances' own actions, and the clone's pseudo actions that bracket
 * them ({@code start} … {@code running}, {@code stop} … {@code stopped}, and for promotable
 * clones {@code promote} … {@code promoted}, {@code demote} … {@code demoted}). Orderings with
 * a clone act on these pseudo actions; a clone action is required when an instance's is, and
 * can run when at least one instance's can.
 */
final class CloneActions {
    private CloneActions() {
    }

    static void create(Planner planner, Cluster cluster, Rsc clone) {
        for (Rsc instance : clone.children) {
            planner.createActions(instance);
        }
        pseudoActions(cluster, clone, CloneNotifications.Op.START);
        pseudoActions(cluster, clone, CloneNotifications.Op.STOP);
        if (clone.promotable) {
            pseudoActions(cluster, clone, CloneNotifications.Op.PROMOTE);
            pseudoActions(cluster, clone, CloneNotifications.Op.DEMOTE);
        }
    }

    /** An operation's pseudo actions (required if some instance acts), and its notifications' brackets. */
    private static void pseudoActions(Cluster cluster, Rsc clone, CloneNotifications.Op op) {
        boolean acting = anyRequired(clone, op.task);
        Actions.pseudo(cluster, clone, op.task, !acting);
        Actions.pseudo(cluster, clone, op.done, !acting);
        if (clone.notify) {
            CloneNotifications.createBrackets(cluster, clone, op);
        }
    }

    /** Is some instance (or instance member) about to perform the task? */
    private static boolean anyRequired(Rsc clone, String task) {
        for (Rsc instance : clone.children) {
            for (Rsc p : instance.primitives()) {
                for (Action a : p.actions) {
                    if (a.task.equals(task) && a.intervalMs == 0 && !a.optional) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    // ------------------------------------------------------------------ probes

    /** The instance that probes an anonymous clone on a node: the one placed there, else the first. */
    static Rsc probedInstance(Rsc clone, SNode node) {
        for (Rsc instance : clone.children) {
            if (instance.assigned == node && node != null) {
                return instance;
            }
        }
        return clone.children.isEmpty() ? null : clone.children.get(0);
    }

    /** Whether any instance of an anonymous clone has history for this member on the node. */
    static boolean knownAsAnonymousInstance(Rsc rsc, SNode node) {
        Rsc clone = rsc.enclosingClone();
        if (clone == null || clone.globallyUnique) {
            return false;
        }
        for (Rsc instance : clone.children) {
            Rsc member = ResourceLookup.memberOf(instance, rsc.baseId());
            if (member != null && member.knownOn.contains(node)) {
                return true;
            }
        }
        return false;
    }

    static void internalConstraints(InternalConstraints ic, Cluster cluster, Rsc clone) {
        order(cluster, clone, "stopped", clone, "start", Action.ORDER_OPTIONAL);
        order(cluster, clone, "start", clone, "running", Action.RUNNABLE_LEFT);
        order(cluster, clone, "stop", clone, "stopped", Action.RUNNABLE_LEFT);
        if (clone.promotable) {
            order(cluster, clone, "demoted", clone, "stop", Action.ORDER_OPTIONAL);
            order(cluster, clone, "running", clone, "promote", Action.RUNNABLE_LEFT);
            order(cluster, clone, "demote", clone, "demoted", Action.RUNNABLE_LEFT);
            order(cluster, clone, "promote", clone, "promoted", Action.RUNNABLE_LEFT);
            order(cluster, clone, "demoted", clone, "promote", Action.ORDER_OPTIONAL);
            order(cluster, clone, "stopped", clone, "promote", Action.ORDER_OPTIONAL);
        }
        Rsc previous = null;
        for (Rsc instance : clone.children) {
            ic.forResource(instance);
            order(cluster, clone, "start", instance, "start", Action.RUNNABLE_LEFT | Action.IMPLIES_FIRST_PRINTED);
            order(cluster, instance, "start", clone, "running", Action.IMPLIES_THEN_PRINTED);
            order(cluster, clone, "stop", instance, "stop", Action.IMPLIES_FIRST_PRINTED);
            order(cluster, instance, "stop", clone, "stopped", Action.IMPLIES_THEN_PRINTED);
            if (clone.promotable) {
                order(cluster, clone, "promote", instance, "promote", Action.RUNNABLE_LEFT | Action.IMPLIES_FIRST_PRINTED);
                order(cluster, instance, "promote", clone, "promoted", Action.IMPLIES_THEN_PRINTED);
                order(cluster, clone, "demote", instance, "demote", Action.IMPLIES_FIRST_PRINTED);
                order(cluster, instance, "demote", clone, "demoted", Action.IMPLIES_THEN_PRINTED);
            }
            if (clone.ordered && previous != null) {
                order(cluster, previous, "start", instance, "start", Action.ORDER_OPTIONAL);
                order(cluster, instance, "stop", previous, "stop", Action.ORDER_OPTIONAL);
            }
            previous = instance;
        }
    }

    private static void order(Cluster cluster, Rsc first, String firstTask, Rsc then, String thenTask, int flags) {
        cluster.orderings.add(Ordering.byKey(first, firstTask, then, thenTask, flags));
    }

    // ------------------------------------------------------------------ interleaving

    /**
     * Is an ordering between two clones interleaved? The dependent clone decides: the "then"
     * clone when starting or promoting, the "first" clone when stopping or demoting.
     */
    static boolean interleaved(Action first, Action then) {
        if (first.rsc == null || then.rsc == null || first.rsc == then.rsc || !first.rsc.isClone()
                || !then.rsc.isClone()) {
            return false;
        }
        boolean leaving = then.task.equals("stop") || then.task.equals("demote");
        return (leaving ? first.rsc : then.rsc).interleave;
    }

    /** An ordering between the actions of two interleaved clones. */
    record InterleavedOrder(Action first, Action then, int flags) {
        String firstTask() {
            return Orderer.memberTask(Orderer.forOrdering(first).task);
        }

        /** Whether instances pair up where they run now (stopping, demoting) or will run. */
        boolean current() {
            return firstTask().equals("stop") || firstTask().equals("demote");
        }
    }

    /**
     * Orders each instance of the "then" clone after the "first" clone's instance on the same
     * node (where instances run now when the first clone stops or demotes, else where they will
     * run). Instances without such a partner are dealt with by {@link #stopInstancesWithoutPartners}.
     * Returns whether it added any ordering.
     */
    static boolean orderInstancePairs(InterleavedOrder order) {
        boolean added = false;
        String firstTask = order.firstTask();
        boolean current = order.current();
        for (Rsc instance : order.then().rsc.children) {
            SNode node = current ? instance.currentNode() : instance.assigned;
            Rsc partner = node == null ? null : partnerOn(order.first().rsc, node, current);
            if (partner == null) {
                continue;
            }
            Action firstAction = instanceAction(partner, firstTask, null);
            Action thenAction = instanceAction(instance, Orderer.memberTask(order.then().task), null);
            if (firstAction != null && thenAction != null) {
                // A pair only orders: an instance leaving does not drag its partner along.
                added |= Orderer.link(firstAction, thenAction,
                        order.flags() & ~Action.IMPLIES_FIRST | Action.ORDER_OPTIONAL);
            }
        }
        return added;
    }

    /**
     * An instance that must follow an instance on the node it is assigned to, with none there,
     * cannot run: it is unassigned (it stops if active). Pacemaker does this when it first
     * propagates the ordering, which decides which reasons the summary gives. Returns the
     * instances stopped.
     */
    static List<Rsc> stopInstancesWithoutPartners(Cluster cluster, InterleavedOrder order) {
        List<Rsc> stopped = new ArrayList<>();
        if (order.current() || (order.flags() & (Action.RUNNABLE_LEFT | Action.IMPLIES_THEN)) == 0) {
            return stopped;
        }
        for (Rsc instance : order.then().rsc.children) {
            SNode node = instance.assigned;
            if (node != null && partnerOn(order.first().rsc, node, false) == null) {
                Placement.forceStop(cluster, instance);
                stopped.add(instance);
            }
        }
        return stopped;
    }

    private static Rsc partnerOn(Rsc clone, SNode node, boolean current) {
        for (Rsc instance : clone.children) {
            SNode where = current ? instance.currentNode() : instance.assigned;
            if (where == node) {
                return instance;
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ ordering semantics

    /**
     * A clone action is required when some instance's corresponding action is, and (for starts
     * and promotions) can run only when some instance's can. On a given node only the
     * instances there count for being required; whether it can run at all is what counts for
     * orderings.
     */
    static Orderer.ActionFlags flagsForOrdering(Action action, SNode node) {
        Orderer.ActionFlags anywhere = summarise(action, null);
        if (node == null) {
            return anywhere;
        }
        Orderer.ActionFlags there = summarise(action, node);
        return new Orderer.ActionFlags(there.optional(), anywhere.runnable() || there.runnable(), true);
    }

    private static Orderer.ActionFlags summarise(Action action, SNode node) {
        String task = Orderer.memberTask(action.task);
        // Only stopping goes ahead without a runnable instance (what cannot stop is fenced or blocked).
        boolean checkRunnable = !task.equals("stop");
        boolean optional = true;
        boolean anyRunnable = false;
        for (Rsc instance : action.rsc.children) {
            // A group instance answers for its own "running" (so for all its members' starts);
            // a primitive has only the start itself.
            Action instanceAction = instance.isGroup() ? instanceAction(instance, action.task, node) : null;
            if (instanceAction == null) {
                instanceAction = instanceAction(instance, task, node);
            }
            if (instanceAction == null) {
                continue;
            }
            Orderer.ActionFlags f = Orderer.flagsForOrdering(instanceAction, node);
            if (!f.optional()) {
                optional = false;
                action.optional = false;
            }
            anyRunnable |= f.runnable();
        }
        boolean runnable = action.runnable;
        if (checkRunnable && !anyRunnable) {
            runnable = false;
            if (node == null) {
                action.runnable = false;
            }
        }
        return new Orderer.ActionFlags(node == null ? action.optional : optional, runnable, true);
    }

    /**
     * An instance's action for a task, on a node if given (a group instance's is its pseudo
     * action, which happens where the group is leaving or going).
     */
    static Action instanceAction(Rsc instance, String task, SNode node) {
        for (Action a : instance.actions) {
            if (a.task.equals(task) && a.intervalMs == 0 && (node == null || whereItHappens(a) == node)) {
                return a;
            }
        }
        return null;
    }

    private static SNode whereItHappens(Action a) {
        if (a.node != null) {
            return a.node;
        }
        boolean leaving = a.task.equals("stop") || a.task.equals("demote");
        return leaving ? a.rsc.currentNode() : a.rsc.assigned;
    }

    /**
     * The instance actions an ordering on a clone action also applies to: those of runnable
     * instances, on the node of the ordering's first action if it has one.
     */
    static List<Action> instanceActionsFor(Action cloneAction, SNode node) {
        List<Action> out = new ArrayList<>();
        for (Rsc instance : cloneAction.rsc.children) {
            Action a = instanceAction(instance, cloneAction.task, node);
            if (a != null && Orderer.flagsForOrdering(a, node).runnable()) {
                out.add(a);
            }
        }
        return out;
    }
}
