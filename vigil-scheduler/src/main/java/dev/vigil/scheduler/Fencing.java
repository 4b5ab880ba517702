package dev.vigil.scheduler;

/**
 * Deciding that a node must be fenced, and creating its fence action. A guest node is "fenced"
 * by recovering its container; a remote node needs its connection reset.
 */
final class Fencing {
    private Fencing() {
    }

    /** Marks the node for fencing with a reason (the first reason given is kept). */
    static void fenceNode(Cluster cluster, SNode node, String reason, boolean priorityDelay) {
        if (node.isGuest()) {
            Rsc container = node.remoteRsc == null ? null : node.remoteRsc.container;
            if (container != null && !container.failed) {
                if (container.managed) {
                    node.remoteRequiresReset = true;
                    container.failed = true;
                    container.mustStop = true;
                }
            }
        } else if (node.isRemote()) {
            Rsc connection = node.remoteRsc;
            if (connection == null || connection.managed) {
                node.remoteRequiresReset = true;
            }
            node.unclean = true;
            fenceOp(cluster, node, null, true, reason, false);
        } else if (!node.unclean) {
            node.unclean = true;
            fenceOp(cluster, node, null, true, reason, priorityDelay);
        }
    }

    static Action fenceOp(Cluster cluster, SNode node, String op, boolean optional, String reason,
                          boolean priorityDelay) {
        String action = op == null ? cluster.options.stonithAction() : op;
        String key = "stonith-" + node.name + "-" + action;
        Action fence = null;
        for (Action a : cluster.actions) {
            if (a.rsc == null && a.key.equals(key)) {
                fence = a;
                break;
            }
        }
        if (fence == null) {
            fence = Actions.custom(cluster, null, key, "stonith", node, true);
            fence.dcAction = true;
            fence.meta.put("on_node", node.name);
            fence.meta.put("on_node_uuid", node.id);
            fence.meta.put("stonith_action", action);
        }
        if (!optional && canFence(cluster, node)) {
            fence.optional = false;
            if (fence.reason == null) {
                fence.reason = reason;
            }
        } else if (reason != null && fence.reason == null) {
            fence.reason = reason;
        }
        return fence;
    }

    static boolean canFence(Cluster cluster, SNode node) {
        if (node != null && node.isGuest()) {
            Rsc container = node.remoteRsc == null ? null : node.remoteRsc.container;
            if (container != null) {
                for (SNode host : container.runningOn) {
                    if (!host.online && !canFence(cluster, host)) {
                        return false;
                    }
                }
            }
            return true;
        }
        if (!cluster.options.stonithEnabled() || !haveFencingDevice(cluster)) {
            return false;
        }
        if (cluster.haveQuorum || cluster.options.noQuorumPolicy().equals("ignore")) {
            return true;
        }
        return node != null && node.online;
    }

    static boolean haveFencingDevice(Cluster cluster) {
        for (Rsc r : cluster.byId.values()) {
            if (r.isFencingDevice && !r.orphan) {
                return true;
            }
        }
        return false;
    }
}
