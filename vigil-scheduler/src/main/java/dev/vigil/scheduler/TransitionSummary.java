package dev.vigil.scheduler;

import dev.vigil.model.Role;
import java.util.ArrayList;
import java.util.List;

/**
 * The transition summary: per node action (fencing, shutdown) and per resource, one line
 * saying what changes, worked out from the resource's roles, nodes and actions.
 */
final class TransitionSummary {
    private final List<PlannedChange> lines = new ArrayList<>();

    static List<PlannedChange> of(Cluster cluster) {
        TransitionSummary s = new TransitionSummary();
        for (int i = cluster.actions.size() - 1; i >= 0; i--) {
            Action a = cluster.actions.get(i);
            if (a.rsc != null || a.optional) {
                continue;
            }
            if (a.task.equals("do_shutdown")) {
                s.lines.add(new PlannedChange("Shutdown", a.node.name, "", "", true));
            } else if (a.task.equals("stonith")) {
                String op = a.meta.getOrDefault("stonith_action", "reboot");
                s.lines.add(new PlannedChange("Fence (" + op + ")", fenceTarget(a.node), "",
                        a.reason == null ? "" : a.reason, true));
            }
        }
        for (Rsc rsc : cluster.resources) {
            s.resource(rsc);
        }
        return s.lines;
    }

    /** A guest is named with the container whose recovery fences it. */
    private static String fenceTarget(SNode node) {
        Rsc container = node.isGuest() && node.remoteRsc != null ? node.remoteRsc.container : null;
        return container == null ? node.name : node.name + " (resource: " + container.id + ")";
    }

    private void resource(Rsc rsc) {
        if (rsc.isBundle()) {
            for (Bundles.Replica replica : rsc.replicas) {
                for (Rsc member : new Rsc[] {replica.ip, replica.container, replica.remote, replica.child}) {
                    if (member != null) {
                        resource(member);
                    }
                }
            }
            return;
        }
        if (!rsc.children.isEmpty()) {
            for (Rsc child : rsc.children) {
                resource(child);
            }
            return;
        }
        if (!rsc.isPrimitive()) {
            return;
        }
        SNode next = rsc.assigned;
        SNode current = null;
        if (!rsc.runningOn.isEmpty()) {
            current = rsc.currentNode();
            if (rsc.role == Role.STOPPED) {
                rsc.role = Role.STARTED;
            }
        }
        if (current == null && rsc.orphan) {
            return;
        }
        if (!rsc.managed || (current == null && next == null)) {
            return;
        }
        boolean moving = current != null && next != null && current != next;
        Action start = first(rsc, "start", next);
        SNode startNode = start == null || !start.runnable ? null : current;
        Action stop = first(rsc, "stop", startNode);
        if (stop == null && rsc.stopUnexpected) {
            stop = first(rsc, "stop", null);
        }
        Action promote = first(rsc, "promote", next);
        Action demote = first(rsc, "demote", next);
        Role nextRole = rsc.nextRole == null ? Role.STOPPED : rsc.nextRole;
        if (rsc.role == nextRole) {
            if (next == null) {
                return;
            }
            Action migrate = first(rsc, "migrate_from", next);
            if (migrate != null && current != null && migrate.runnable) {
                add("Migrate", rsc, current, next, start, null);
            } else if (rsc.reload) {
                add("Reload", rsc, current, null, start, null);
            } else if (start == null || start.optional) {
                if (demote != null && promote != null && !demote.optional && !promote.optional) {
                    add("Re-promote", rsc, current, next, promote, demote);
                }
            } else if (!start.runnable) {
                add("Stop", rsc, current, null, stop, stop != null && stop.reason != null ? stop : start);
            } else if (moving && current != null) {
                add(rsc.failed ? "Recover" : "Move", rsc, current, next, stop, null);
            } else if (rsc.failed || rsc.stopUnexpected) {
                add("Recover", rsc, current, null, stop, null);
            } else {
                add("Restart", rsc, current, next, start, null);
            }
            return;
        }
        if (stop != null && (nextRole == Role.STOPPED || (start != null && !start.runnable))) {
            String key = Action.key(rsc.id, "stop", 0);
            for (SNode node : rsc.runningOn) {
                Action stopOp = null;
                for (Action a : rsc.actions) {
                    if (a.key.equals(key) && a.node == node) {
                        stopOp = a;
                        break;
                    }
                }
                add("Stop", rsc, node, null, stopOp != null ? stopOp : stop,
                        stopOp != null && stopOp.reason != null ? stopOp : start);
            }
        } else if (stop != null && rsc.failed && rsc.mustStop) {
            add("Recover", rsc, current, next, stop, start);
        } else if (moving) {
            add("Move", rsc, current, next, stop, null);
        } else if (rsc.reload) {
            add("Reload", rsc, current, null, start, null);
        } else if (start != null && (!start.optional || !start.runnable)) {
            // A start that cannot happen is still reported (as blocked).
            add("Start", rsc, null, next, start, null);
        } else if (rsc.role == Role.PROMOTED) {
            add("Demote", rsc, current, next, demote, null);
        } else if (nextRole == Role.PROMOTED) {
            add("Promote", rsc, current, next, promote, null);
        }
    }

    private static Action first(Rsc rsc, String task, SNode node) {
        for (Action a : rsc.actions) {
            if (a.task.equals(task) && a.intervalMs == 0 && (node == null || a.node == node)) {
                return a;
            }
        }
        return null;
    }

    private void add(String change, Rsc rsc, SNode origin, SNode destination, Action action, Action source) {
        if (action == null) {
            action = source;
        }
        if (action == null) {
            return;
        }
        Action src = source == null ? action : source;
        Role role = rsc.role;
        Role nextRole = rsc.nextRole == null ? Role.STOPPED : rsc.nextRole;
        boolean needRole = role.compareTo(Role.STARTED) > 0 || nextRole.compareTo(Role.UNPROMOTED) > 0;
        boolean sameHost = origin != null && origin == destination;
        boolean sameRole = role == nextRole;
        String details;
        if (needRole && origin == null) {
            details = role.text() + " -> " + nextRole.text() + " " + destination.name;
        } else if (origin == null) {
            details = destination.name;
        } else if (needRole && destination == null) {
            details = role.text() + " " + origin.name;
        } else if (destination == null) {
            details = origin.name;
        } else if (needRole && sameRole && sameHost) {
            details = role.text() + " " + origin.name;
        } else if (sameRole && sameHost) {
            details = origin.name;
        } else if (needRole && sameRole) {
            details = origin.name + " -> " + destination.name + " " + role.text();
        } else if (sameRole) {
            details = origin.name + " -> " + destination.name;
        } else if (sameHost) {
            details = role.text() + " -> " + nextRole.text() + " " + origin.name;
        } else {
            details = role.text() + " " + origin.name + " -> " + nextRole.text() + " " + destination.name;
        }
        String reason;
        if (src.reason != null && !action.runnable) {
            reason = "due to " + src.reason + " (blocked)";
        } else if (src.reason != null) {
            reason = "due to " + src.reason;
        } else if (!action.runnable) {
            reason = "blocked";
        } else {
            reason = "";
        }
        lines.add(new PlannedChange(change, rsc.id, details, reason, false));
    }
}
