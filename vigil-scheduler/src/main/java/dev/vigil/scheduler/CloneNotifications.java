package dev.vigil.scheduler;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Notifications of clones with notify=true. Around each of the clone's operations (demote,
 * stop, start, promote) the instances are told before and after: pseudo actions bracket the
 * "pre" and "post" notify actions of the instances, the operation waits for the pre ones to be
 * confirmed, and the next operation's notifications wait for this one's post confirmations.
 *
 * <p>The bracketing pseudo actions are created with the clone's own actions; the instances'
 * notify actions once the orderings have settled which operations happen.
 */
final class CloneNotifications {
    /** The clone operations that notify, in the order they happen within a transition. */
    enum Op {
        DEMOTE("demote", "demoted"), STOP("stop", "stopped"), START("start", "running"), PROMOTE("promote", "promoted");

        final String task;
        final String done;

        Op(String task, String done) {
            this.task = task;
            this.done = done;
        }
    }

    /** The four pseudo actions of one operation's notifications. */
    private record Brackets(Action pre, Action preConfirmed, Action post, Action postConfirmed) {
    }

    private CloneNotifications() {
    }

    /** Creates the pseudo actions that bracket an operation's notifications (after the operation's own). */
    static void createBrackets(Cluster cluster, Rsc clone, Op op) {
        Action action = Actions.pseudo(cluster, clone, op.task, true);
        Actions.pseudo(cluster, clone, "pre_notify_" + op.task, action.optional);
        Actions.pseudo(cluster, clone, "confirmed-pre_notify_" + op.task, action.optional);
        Actions.pseudo(cluster, clone, "post_notify_" + op.done, action.optional);
        Actions.pseudo(cluster, clone, "confirmed-post_notify_" + op.done, action.optional);
    }

    /**
     * An instance whose stop the fencing of its node implies gets a notification of its own,
     * delivered to the other instances as soon as the node is fenced: its bracketing pseudo
     * actions are created now, the notify actions with the clone's others.
     */
    static void createAfterFencing(Cluster cluster, Rsc instance, Action fencing) {
        Action post = Actions.pseudo(cluster, instance, FENCED_POST, false);
        Action confirmed = Actions.pseudo(cluster, instance, FENCED_CONFIRMED, false);
        cluster.orderings.add(Ordering.actions(fencing, post, Action.ORDER_OPTIONAL | Action.IMPLIES_THEN));
        cluster.orderings.add(Ordering.actions(post, confirmed, Action.ORDER_OPTIONAL | Action.IMPLIES_THEN));
    }

    private static final String FENCED_POST = "post_notify_stop";
    private static final String FENCED_CONFIRMED = "notified";

    /** After the orderings: every notifying clone tells its instances around what happens. */
    static void createNotifications(Cluster cluster) {
        for (Rsc rsc : cluster.resources) {
            if (rsc.isClone() && rsc.notify) {
                notifyInstances(cluster, rsc);
            }
        }
    }

    private static void notifyInstances(Cluster cluster, Rsc clone) {
        Map<Op, Brackets> happening = new LinkedHashMap<>();
        for (Op op : List.of(Op.START, Op.STOP, Op.PROMOTE, Op.DEMOTE)) {
            Brackets b = brackets(clone, op);
            if (b != null && settle(clone, op, b)) {
                happening.put(op, b);
                for (Rsc instance : clone.children) {
                    for (Rsc member : instance.primitives()) {
                        notifyInstance(cluster, member, op, b);
                    }
                }
                if (op == Op.START || op == Op.PROMOTE) {
                    monitorsAfter(clone, b.postConfirmed());
                }
            }
        }
        orderOperations(happening);
        notifyStopsAfterFencing(cluster, clone);
    }

    /** The instances that stay active hear of each stop implied by fencing once it is done. */
    private static void notifyStopsAfterFencing(Cluster cluster, Rsc clone) {
        for (Rsc instance : clone.children) {
            for (Rsc fenced : instance.primitives()) {
                // The instance's own post notify actions share the key, on a node.
                Action post = pseudoOf(fenced, FENCED_POST);
                if (post == null) {
                    continue;
                }
                Action confirmed = pseudoOf(fenced, FENCED_CONFIRMED);
                for (Rsc other : clone.children) {
                    for (Rsc member : other.primitives()) {
                        SNode current = member.currentNode();
                        if (current != null && !acts(member, "stop", current)) {
                            notifyAction(cluster, member, current, "post", Op.STOP, post, confirmed);
                        }
                    }
                }
            }
        }
    }

    private static Brackets brackets(Rsc clone, Op op) {
        Action pre = find(clone, "pre_notify_" + op.task);
        if (pre == null) {
            return null;
        }
        return new Brackets(pre, find(clone, "confirmed-pre_notify_" + op.task), find(clone, "post_notify_" + op.done),
                find(clone, "confirmed-post_notify_" + op.done));
    }

    private static Action pseudoOf(Rsc rsc, String task) {
        String key = Action.key(rsc.id, task, 0);
        for (Action a : rsc.actions) {
            if (a.key.equals(key) && a.node == null) {
                return a;
            }
        }
        return null;
    }

    private static Action find(Rsc clone, String task) {
        return Actions.find(null, clone, Action.key(clone.id, task, 0), null);
    }

    /**
     * The brackets follow the operation: required and runnable with it, and around it; returns
     * whether the operation happens.
     */
    private static boolean settle(Rsc clone, Op op, Brackets b) {
        Action action = find(clone, op.task);
        Action done = find(clone, op.done);
        for (Action a : List.of(b.pre(), b.preConfirmed())) {
            a.optional = action.optional;
            a.runnable = action.runnable;
        }
        for (Action a : List.of(b.post(), b.postConfirmed())) {
            a.optional = done.optional;
            a.runnable = done.runnable;
        }
        link(b.pre(), b.preConfirmed());
        link(b.post(), b.postConfirmed());
        link(b.preConfirmed(), b.post());
        link(b.preConfirmed(), action);
        link(done, b.post());
        // What waits for the operation (orderings on it count from its completion) waits for
        // its notifications too.
        List<Action.Edge> after = new ArrayList<>(action.after);
        after.addAll(done.after);
        for (Action.Edge e : after) {
            if (e.type != 0 && !belongsTo(e.then, clone)) {
                link(b.postConfirmed(), e.then);
            }
        }
        return !action.optional || !done.optional;
    }

    private static boolean belongsTo(Action action, Rsc clone) {
        for (Rsc r = action.rsc; r != null; r = r.parent) {
            if (r == clone) {
                return true;
            }
        }
        return false;
    }

    /**
     * Instances (each member of a cloned group on its own) active before the operation hear
     * before it, those active after it hear after:
     * stops and demotions concern the instances running now; starts and promotions those
     * running once the stops are done, and those starting (which hear only afterwards).
     */
    private static void notifyInstance(Cluster cluster, Rsc instance, Op op, Brackets b) {
        SNode current = instance.currentNode();
        boolean stopping = current != null && acts(instance, "stop", current);
        boolean starting = instance.assigned != null && acts(instance, "start", instance.assigned);
        boolean staying = current != null && !stopping;
        switch (op) {
            case STOP -> {
                notifyAction(cluster, instance, current, "pre", op, b.pre(), b.preConfirmed());
                if (staying) {
                    notifyAction(cluster, instance, current, "post", op, b.post(), b.postConfirmed());
                }
            }
            case DEMOTE -> {
                notifyAction(cluster, instance, current, "pre", op, b.pre(), b.preConfirmed());
                notifyAction(cluster, instance, current, "post", op, b.post(), b.postConfirmed());
            }
            case START, PROMOTE -> {
                SNode node = staying ? current : instance.assigned;
                boolean before = op == Op.PROMOTE ? staying || starting : staying && !starting;
                if (before) {
                    notifyAction(cluster, instance, node, "pre", op, b.pre(), b.preConfirmed());
                }
                if (staying || starting) {
                    notifyAction(cluster, instance, node, "post", op, b.post(), b.postConfirmed());
                }
            }
        }
    }

    /** Will the instance really perform the task on the node? */
    private static boolean acts(Rsc instance, String task, SNode node) {
        for (Action a : instance.actions) {
            if (a.task.equals(task) && a.intervalMs == 0 && a.node == node && !a.optional && a.runnable) {
                return true;
            }
        }
        return false;
    }

    private static void notifyAction(Cluster cluster, Rsc instance, SNode node, String phase, Op op, Action bracket,
                                     Action confirmed) {
        if (node == null || !node.online || node.unclean) {
            return;
        }
        String key = Action.key(instance.id, phase + "_notify_" + op.task, 0);
        Action notify = Actions.custom(cluster, instance, key, "notify", node, bracket.optional);
        notify.meta.put("notify_type", phase);
        notify.meta.put("notify_operation", op.task);
        if (!bracket.runnable) {
            notify.runnable = false;
        }
        link(bracket, notify);
        link(notify, confirmed);
    }

    /** Instances start (or resume) monitoring once everyone has heard of the change. */
    private static void monitorsAfter(Rsc clone, Action confirmed) {
        for (Rsc instance : clone.children) {
            for (Rsc p : instance.primitives()) {
                for (Action a : p.actions) {
                    if (a.task.equals("monitor") && a.intervalMs > 0 && !a.optional) {
                        link(confirmed, a);
                    }
                }
            }
        }
    }

    /** Each operation's notifications start after the earlier operations' are confirmed. */
    private static void orderOperations(Map<Op, Brackets> happening) {
        for (Map.Entry<Op, Brackets> later : happening.entrySet()) {
            for (Map.Entry<Op, Brackets> earlier : happening.entrySet()) {
                if (earlier.getKey().ordinal() < later.getKey().ordinal()) {
                    link(earlier.getValue().postConfirmed(), later.getValue().pre());
                }
            }
        }
    }

    private static void link(Action first, Action then) {
        Orderer.link(first, then, Action.ORDER_OPTIONAL);
    }
}
