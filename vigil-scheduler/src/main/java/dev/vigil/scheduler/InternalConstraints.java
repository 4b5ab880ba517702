package dev.vigil.scheduler;

import dev.vigil.model.Score;

/**
 * Orderings and colocations that resource variants imply (stop before start, promote after
 * start, group members in sequence, clone pseudo actions around instance actions). Created
 * after the configured constraints, before assignment.
 */
final class InternalConstraints {
    private final Cluster cluster;

    private InternalConstraints(Cluster cluster) {
        this.cluster = cluster;
    }

    static void create(Cluster cluster) {
        InternalConstraints ic = new InternalConstraints(cluster);
        for (Rsc rsc : cluster.resources) {
            ic.forResource(rsc);
        }
    }

    void forResource(Rsc rsc) {
        switch (rsc.variant) {
            case PRIMITIVE -> primitive(rsc);
            case GROUP -> group(rsc);
            case CLONE -> CloneActions.internalConstraints(this, cluster, rsc);
            case BUNDLE -> BundleActions.internalConstraints(this, cluster, rsc);
        }
    }

    private void order(Rsc first, String firstTask, Rsc then, String thenTask, int flags) {
        cluster.orderings.add(Ordering.byKey(first, firstTask, then, thenTask, flags));
    }

    private void primitive(Rsc rsc) {
        if (!rsc.managed) {
            return;
        }
        Rsc top = rsc.top();
        order(rsc, "stop", rsc, "start", Action.ORDER_OPTIONAL | Action.IMPLIES_THEN | Action.RESTART);
        if ((top.isClone() && top.promotable) || rsc.role.compareTo(dev.vigil.model.Role.UNPROMOTED) > 0) {
            order(rsc, "demote", rsc, "stop", Action.PROMOTED_IMPLIES_FIRST);
            order(rsc, "start", rsc, "promote", Action.RUNNABLE_LEFT);
        }
        order(rsc, "lrm_delete", rsc, "monitor", Action.SAME_NODE | Action.THEN_CANCELS_FIRST);
        Containers.internalConstraints(cluster, rsc);
        if (rsc.isRemoteConnection || rsc.isFencingDevice) {
            // Remote nodes host neither connections nor fencing devices.
            Containers.avoidRemoteNodes(rsc);
        }
    }

    private void group(Rsc group) {
        order(group, "stopped", group, "start", Action.ORDER_OPTIONAL);
        order(group, "stop", group, "stopped", Action.RUNNABLE_LEFT);
        order(group, "start", group, "running", Action.RUNNABLE_LEFT);
        Rsc top = group.top();
        boolean promotable = top.isClone() && top.promotable;
        Rsc last = null;
        Rsc lastActive = null;
        for (Rsc member : group.children) {
            int stop = 0;
            int stopped = Action.IMPLIES_THEN_PRINTED;
            int start = Action.IMPLIES_THEN | Action.RUNNABLE_LEFT;
            int started = Action.RUNNABLE_LEFT | Action.IMPLIES_THEN | Action.IMPLIES_THEN_PRINTED;
            forResource(member);
            if (last == null) {
                if (group.groupOrdered) {
                    stop |= Action.ORDER_OPTIONAL;
                    stopped = Action.IMPLIES_THEN;
                }
            } else if (group.colocated) {
                Constraints.addColocation(cluster, new Colocation("group:internal_colocation", member, last,
                        Score.INFINITY, dev.vigil.model.Role.UNKNOWN, dev.vigil.model.Role.UNKNOWN, null,
                        member.critical));
            }
            if (promotable) {
                order(group, "demote", member, "demote", stop | Action.IMPLIES_FIRST_PRINTED);
                order(member, "demote", group, "demoted", stopped);
                order(member, "promote", group, "promoted", started);
                order(group, "promote", member, "promote", Action.IMPLIES_FIRST_PRINTED);
            }
            order(group, "start", member, "start", Action.IMPLIES_FIRST_PRINTED);
            order(group, "stop", member, "stop", stop | Action.IMPLIES_FIRST_PRINTED);
            order(member, "stop", group, "stopped", stopped);
            order(member, "start", group, "running", started);
            if (!group.groupOrdered) {
                order(group, "start", member, "start", start | Action.IMPLIES_FIRST_PRINTED);
                if (promotable) {
                    order(group, "promote", member, "promote", start | Action.IMPLIES_FIRST_PRINTED);
                }
            } else if (last != null) {
                order(last, "start", member, "start", start);
                order(member, "stop", last, "stop", Action.ORDER_OPTIONAL | Action.RESTART);
                if (promotable) {
                    order(last, "promote", member, "promote", start);
                    order(member, "demote", last, "demote", Action.ORDER_OPTIONAL);
                }
            } else {
                order(group, "start", member, "start", Action.ORDER_OPTIONAL);
                if (promotable) {
                    order(group, "promote", member, "promote", Action.ORDER_OPTIONAL);
                }
            }
            if (!member.runningOn.isEmpty()) {
                if (group.groupOrdered && last != null && last.runningOn.isEmpty() && lastActive != null
                        && !lastActive.runningOn.isEmpty()) {
                    order(member, "stop", lastActive, "stop", Action.ORDER_OPTIONAL);
                }
                lastActive = member;
            }
            last = member;
        }
    }
}
