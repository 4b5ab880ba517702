package dev.vigil.scheduler;

import dev.vigil.model.cib.Node;
import dev.vigil.model.cib.NodeState;
import java.util.HashMap;
import java.util.Map;

/**
 * Works out each cluster node's membership state (online, offline, pending, unclean) from its
 * status entry, the way Pacemaker's controller records it, plus standby, maintenance,
 * shutdown and health from its attributes.
 */
final class NodeStatus {
    private NodeStatus() {
    }

    static void unpack(Cluster cluster) {
        Map<String, Node> configs = new HashMap<>();
        for (Node n : cluster.cib.configuration().nodes()) {
            configs.putIfAbsent(n.id(), n);
        }
        Map<String, NodeState> states = new HashMap<>();
        for (NodeState s : cluster.cib.status().nodes()) {
            states.putIfAbsent(s.id(), s);
        }
        String dcUuid = cluster.cib.get("dc-uuid");
        for (SNode node : cluster.nodes) {
            node.isDc = dcUuid != null && dcUuid.equals(node.id);
            if (node.isDc) {
                cluster.dc = node;
            }
            if (node.isRemote()) {
                // Remote and guest nodes get their membership from their connection resource.
                RemoteNodes.unpackAttributes(cluster, node, configs.get(node.id), states.get(node.id));
                continue;
            }
            // Until its status entry is seen, a node is unclean if startup-fencing says so.
            node.unclean = cluster.options.startupFencing() && cluster.options.stonithEnabled();
            NodeState state = states.get(node.id);
            Unpacker.unpackNodeAttributes(cluster, node, configs.get(node.id), state);
            if (state == null) {
                continue;
            }
            node.unseen = false;
            node.unclean = false;
            unpackMembership(cluster, node, state);
            unpackAttributes(cluster, node);
        }
        for (SNode node : cluster.nodes) {
            if (node.isRemote() || node.unseen) {
                if (node.unseen && !node.isRemote()) {
                    unpackAttributes(cluster, node);
                }
                continue;
            }
        }
    }

    private static void unpackMembership(Cluster cluster, SNode node, NodeState state) {
        node.expectedUp = "member".equals(state.get("expected"));
        // Only with fencing does a member whose controller is gone still count as online.
        node.inCluster = member(state) > 0 && cluster.options.stonithEnabled();
        boolean terminate = Options.isTrue(node.attributes.get("terminate"))
                || (node.attributes.get("terminate") != null && !Options.isFalse(node.attributes.get("terminate"))
                && isPositiveNumber(node.attributes.get("terminate")));
        String shutdown = node.attributes.get("shutdown");
        if (shutdown != null && !shutdown.equals("0") && !shutdown.isBlank()) {
            node.shutdown = true;
        }
        if (cluster.options.stonithEnabled()) {
            withFencing(cluster, node, state, terminate);
        } else {
            withoutFencing(cluster, node, state);
        }
        if (node.online && node.shutdown && !node.standby) {
            // A node that is shutting down keeps running what it has but takes nothing new;
            // it is not shown as standby, though.
            node.standby = true;
            node.standbyForShutdown = true;
        }
    }

    private static boolean isPositiveNumber(String v) {
        try {
            return Long.parseLong(v.trim()) > 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** in_ccm: "true"/"false" or, from newer controllers, a timestamp (0 = not a member). */
    private static long member(NodeState state) {
        String v = state.get("in_ccm");
        if (v == null) {
            return -1;
        }
        if (Options.isTrue(v)) {
            return 1;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** crmd: "online"/"offline" or a timestamp (0 = offline). */
    private static long online(NodeState state) {
        String v = state.get("crmd");
        if (v == null) {
            return 0;
        }
        if (v.equals("online") || Options.isTrue(v)) {
            return 1;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * With fencing, a node that is not plainly up is pending, cleanly down, or unclean (to be
     * fenced). A node that asked to shut down is simply up or down, whatever its membership
     * says; one expected down (or never expected up) is pending while any layer still sees it.
     */
    private static void withFencing(Cluster cluster, SNode node, NodeState state, boolean terminate) {
        String join = state.get("join");
        long member = member(state);
        long online = online(state);
        if (node.shutdown) {
            node.online = online > 0;
        } else if (member < 0 && state.get("in_ccm") == null) {
            Fencing.fenceNode(cluster, node, "peer has not been seen by the cluster", false);
        } else if ("banned".equals(join)) {
            Fencing.fenceNode(cluster, node, "peer failed Pacemaker membership criteria", false);
        } else if (terminate) {
            terminating(cluster, node, join, member, online);
        } else if (!node.expectedUp) {
            if (member > 0 || online > 0) {
                pending(node, member);
            }
        } else if (member <= 0) {
            Fencing.fenceNode(cluster, node, "peer is no longer part of the cluster", true);
        } else if (online <= 0) {
            Fencing.fenceNode(cluster, node, "peer process is no longer available", true);
        } else if ("member".equals(join)) {
            node.online = true;
        } else if ("pending".equals(join) || "down".equals(join)) {
            pending(node, member);
        } else {
            Fencing.fenceNode(cluster, node, "peer was in an unknown state", false);
        }
    }

    /**
     * A pending node runs nothing new; while it is a cluster member it counts as online, so its
     * resources are probed there, though those probes cannot run until it has joined.
     */
    private static void pending(SNode node, long member) {
        node.standby = true;
        node.pending = true;
        node.online = member > 0;
    }

    /** A node whose termination was requested is fenced, unless it is already gone. */
    private static void terminating(Cluster cluster, SNode node, String join, long member, long online) {
        if ("down".equals(join) && member <= 0 && online <= 0) {
            node.online = false; // just fenced
        } else if (member <= 0) {
            Fencing.fenceNode(cluster, node, "peer is no longer part of the cluster", true);
        } else if (online <= 0) {
            Fencing.fenceNode(cluster, node, "peer process is no longer available", true);
        } else {
            node.online = "member".equals(join);
            Fencing.fenceNode(cluster, node, "termination was requested", false);
        }
    }

    /**
     * Without fencing, only a full member is online; a member whose controller went away
     * unexpectedly is unclean, anything else is just offline.
     */
    private static void withoutFencing(Cluster cluster, SNode node, NodeState state) {
        long member = member(state);
        long online = online(state);
        if (member <= 0) {
            return;
        }
        if (online > 0) {
            node.online = "member".equals(state.get("join"));
        } else if (node.expectedUp && !node.shutdown) {
            Fencing.fenceNode(cluster, node, "peer is unexpectedly down", false);
        }
    }

    /** Standby, maintenance, resource discovery and health from the node's attributes. */
    static void unpackAttributes(Cluster cluster, SNode node) {
        Map<String, String> a = node.attributes;
        if (Options.isTrue(a.get("standby"))) {
            node.standby = true;
            node.standbyForShutdown = false;
        }
        if (Options.isTrue(a.get("maintenance"))) {
            node.maintenance = true;
        }
        if (Options.isFalse(a.get("resource-discovery-enabled"))) {
            node.rscDiscoveryEnabled = false;
        }
    }
}
