package dev.vigil.scheduler;

import java.util.ArrayList;
import java.util.List;

/**
 * Creates actions. An action is identified by its key and node: asking again for an existing
 * one returns it (made required if asked for as required). Whether a resource action can run
 * at all (node online, quorum, what it requires) is decided here; orderings refine it later.
 */
final class Actions {
    private Actions() {
    }

    static Action find(Cluster cluster, Rsc rsc, String key, SNode node) {
        List<Action> pool = rsc == null ? cluster.actions : rsc.actions;
        for (Action a : pool) {
            if (a.key.equals(key) && (node == null || a.node == node)) {
                return a;
            }
        }
        return null;
    }

    static List<Action> findAll(Rsc rsc, String key, SNode node) {
        List<Action> out = new ArrayList<>();
        for (Action a : rsc.actions) {
            if (a.key.equals(key) && (node == null || a.node == node)) {
                out.add(a);
            }
        }
        return out;
    }

    /** All actions of a resource for a task (any interval 0 key), optionally on one node. */
    static List<Action> byTask(Rsc rsc, String task, SNode node) {
        return findAll(rsc, Action.key(rsc.id, task, 0), node);
    }

    static Action custom(Cluster cluster, Rsc rsc, String key, String task, SNode node, boolean optional) {
        Action action = find(cluster, rsc, key, node);
        if (action == null) {
            action = new Action(cluster.nextActionId(), rsc, task, node, intervalOf(key), key);
            action.optional = optional;
            action.cancel = task.equals("cancel");
            cluster.actions.add(action);
            if (rsc != null) {
                rsc.actions.add(action);
                if (task.equals("start") || task.equals("promote")) {
                    action.needs = rsc.requires;
                }
                if (isPseudoTask(task)) {
                    action.pseudo = true;
                }
            }
        } else if (!optional) {
            action.optional = false;
        }
        if (rsc != null) {
            updateRunnable(cluster, action);
        }
        return action;
    }

    /** Group/clone/bundle "done" markers are pseudo actions. */
    private static boolean isPseudoTask(String task) {
        return switch (task) {
            case "running", "stopped", "promoted", "demoted", "notified", "notify-confirmed",
                    "pre_notify", "post_notify", "confirmed-pre_notify", "confirmed-post_notify" -> true;
            default -> false;
        };
    }

    static long intervalOf(String key) {
        int underscore = key.lastIndexOf('_');
        if (underscore < 0) {
            return 0;
        }
        try {
            return Long.parseLong(key.substring(underscore + 1));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static void updateRunnable(Cluster cluster, Action a) {
        Rsc rsc = a.rsc;
        if (a.pseudo) {
            return;
        }
        if (a.node == null) {
            a.runnable = false;
            return;
        }
        if (!rsc.managed && a.intervalMs == 0 && !a.cancel) {
            a.optional = true; // nothing is done to an unmanaged resource (probes are made required after)
            return;
        }
        SNode node = a.node;
        if (!a.dcAction && !node.online && (!node.isGuest() || node.remoteRequiresReset)) {
            a.runnable = false;
            if (rsc.managed && a.task.equals("stop") && !node.unclean) {
                Fencing.fenceNode(cluster, node, "stop is unrunnable", false);
            }
        } else if (!a.dcAction && node.pending) {
            a.runnable = false;
        } else if (a.needs.equals("nothing")) {
            a.runnable = true;
            if (node.isGuest() && !Fencing.canFence(cluster, node)) {
                a.runnable = false;
            }
        } else if (!cluster.haveQuorum && stopsWithoutQuorum(cluster, rsc)) {
            a.runnable = false;
            a.reason = "no quorum";
        } else if (!cluster.haveQuorum && cluster.options.noQuorumPolicy().equals("freeze")) {
            if (!rsc.isActive() || (rsc.nextRole != null && rsc.nextRole.compareTo(rsc.role) > 0)) {
                a.runnable = false;
                a.reason = "quorum freeze";
            }
        } else {
            a.runnable = true;
        }
    }

    /** Without quorum, "stop" stops everything; "demote" keeps promotable clones, only demoted. */
    private static boolean stopsWithoutQuorum(Cluster cluster, Rsc rsc) {
        String policy = cluster.options.noQuorumPolicy();
        Rsc clone = rsc.enclosingClone();
        return policy.equals("stop") || policy.equals("demote") && (clone == null || !clone.promotable);
    }

    // ------------------------------------------------------------------ shorthands

    static Action stop(Cluster cluster, Rsc rsc, SNode node, boolean optional) {
        return custom(cluster, rsc, Action.key(rsc.id, "stop", 0), "stop", node, optional);
    }

    static Action start(Cluster cluster, Rsc rsc, SNode node, boolean optional) {
        return custom(cluster, rsc, Action.key(rsc.id, "start", 0), "start", node, optional);
    }

    static Action promote(Cluster cluster, Rsc rsc, SNode node, boolean optional) {
        return custom(cluster, rsc, Action.key(rsc.id, "promote", 0), "promote", node, optional);
    }

    static Action demote(Cluster cluster, Rsc rsc, SNode node, boolean optional) {
        return custom(cluster, rsc, Action.key(rsc.id, "demote", 0), "demote", node, optional);
    }

    /** Cancels a recurring operation that is active on a node. */
    static Action cancel(Cluster cluster, Rsc rsc, String task, long interval, SNode node) {
        String key = Action.key(rsc.id, task, interval);
        Action cancel = custom(cluster, rsc, cancelKey(rsc, task, interval), "cancel", node, false);
        cancel.cancel = true;
        cancel.meta.put("task", task);
        cancel.meta.put("interval", Long.toString(interval));
        cancel.meta.put("cancel_key", key);
        return cancel;
    }

    static String cancelKey(Rsc rsc, String task, long interval) {
        return rsc.id + "_cancel_" + interval + "_" + task;
    }

    /** A pseudo action of a collective resource (group, clone, bundle): no node. */
    static Action pseudo(Cluster cluster, Rsc rsc, String task, boolean optional) {
        Action a = custom(cluster, rsc, Action.key(rsc.id, task, 0), task, null, optional);
        a.pseudo = true;
        a.runnable = true;
        return a;
    }
}
