package dev.vigil.scheduler;

import dev.vigil.model.Durations;
import dev.vigil.model.Role;
import dev.vigil.model.cib.Group;
import dev.vigil.model.cib.LrmResource;
import dev.vigil.model.cib.Node;
import dev.vigil.model.cib.NodeState;
import dev.vigil.model.cib.NvPair;
import dev.vigil.model.cib.NvSet;
import dev.vigil.model.cib.Operation;
import dev.vigil.model.cib.Operations;
import dev.vigil.model.cib.Primitive;
import dev.vigil.model.cib.Resource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Remote and guest nodes. A remote node is named after its connection resource (an
 * {@code ocf:pacemaker:remote} primitive); a guest node is named by the {@code remote-node}
 * meta-attribute of a resource (its container, a VM for example), which gets an implicit
 * connection resource of that name. Neither kind has a membership of its own: its state
 * follows its connection resource.
 */
final class RemoteNodes {
    /** The connection's recurring monitor that Pacemaker gives guest connections. */
    private static final String GUEST_MONITOR_INTERVAL = "30s";

    private RemoteNodes() {
    }

    // ------------------------------------------------------------------ unpacking

    /**
     * Adds a node for every remote connection and every guest in the configuration (a
     * bundle's guest nodes come when the bundle is unpacked).
     */
    static void addNodes(Cluster cluster) {
        for (Resource r : cluster.cib.configuration().resources()) {
            addNodesFor(cluster, r);
        }
    }

    private static void addNodesFor(Cluster cluster, Resource r) {
        if (r instanceof Primitive p) {
            if (isConnectionAgent(p)) {
                addNode(cluster, p.id(), SNode.Kind.REMOTE);
            }
            String guest = guestName(cluster, p);
            if (guest != null) {
                addNode(cluster, guest, SNode.Kind.GUEST);
            }
        } else if (r instanceof Group g) {
            g.members().forEach(m -> addNodesFor(cluster, m));
        }
    }

    static SNode addNode(Cluster cluster, String name, SNode.Kind kind) {
        SNode node = cluster.nodesByName.get(name);
        if (node == null) {
            node = Unpacker.addNode(cluster, name, name, kind);
        }
        node.kind = kind;
        cluster.haveRemoteNodes = true;
        return node;
    }

    static boolean isConnectionAgent(Primitive p) {
        return "ocf".equals(p.agentClass()) && "pacemaker".equals(p.provider()) && "remote".equals(p.type());
    }

    /** The guest node a primitive's {@code remote-node} meta-attribute names, or null. */
    static String guestName(Cluster cluster, Primitive p) {
        Map<String, String> meta = new LinkedHashMap<>();
        cluster.index.unpackSets(p.metaAttributes(), RuleContext.timeOnly(cluster.now), meta, false);
        String name = meta.get("remote-node");
        return name == null || name.isBlank() ? null : name;
    }

    /**
     * The implicit connection resources of guest nodes, one per {@code remote-node} container,
     * in configuration order.
     */
    static List<Primitive> guestConnections(Cluster cluster) {
        List<Primitive> out = new ArrayList<>();
        for (Resource r : cluster.cib.configuration().resources()) {
            collectGuestConnections(cluster, r, out);
        }
        return out;
    }

    private static void collectGuestConnections(Cluster cluster, Resource r, List<Primitive> out) {
        if (r instanceof Primitive p) {
            String guest = guestName(cluster, p);
            if (guest != null && out.stream().noneMatch(c -> c.id().equals(guest))) {
                out.add(guestConnection(cluster, p, guest));
            }
        } else if (r instanceof Group g) {
            g.members().forEach(m -> collectGuestConnections(cluster, m, out));
        }
    }

    /** The connection resource for a guest: its address, port and timeouts come from the container. */
    private static Primitive guestConnection(Cluster cluster, Primitive container, String guest) {
        Map<String, String> meta = new LinkedHashMap<>();
        cluster.index.unpackSets(container.metaAttributes(), RuleContext.timeOnly(cluster.now), meta, false);
        String id = guest;
        List<NvPair> params = new ArrayList<>();
        if (meta.get("remote-addr") != null) {
            // Without it the agent connects to the guest's name; the parameter is left unset,
            // as Pacemaker does, so that recorded digests compare.
            params.add(NvPair.of(id + "-addr", "addr", meta.get("remote-addr")));
        }
        if (meta.get("remote-port") != null) {
            params.add(NvPair.of(id + "-port", "port", meta.get("remote-port")));
        }
        List<NvPair> metaPairs = new ArrayList<>();
        metaPairs.add(NvPair.of(id + "-container", "container", container.id()));
        if (meta.get("remote-allow-migrate") != null) {
            metaPairs.add(NvPair.of(id + "-migrate", "allow-migrate", meta.get("remote-allow-migrate")));
        }
        if (meta.get("is-managed") != null) {
            metaPairs.add(NvPair.of(id + "-managed", "is-managed", meta.get("is-managed")));
        }
        List<Operation> ops = new ArrayList<>();
        ops.add(new Operation(id + "-monitor-interval-30s", null, "monitor", GUEST_MONITOR_INTERVAL, null,
                Map.of("timeout", "30s"), List.of(), List.of()));
        if (meta.get("remote-connect-timeout") != null) {
            ops.add(new Operation(id + "-start-interval-0", null, "start", "0", null,
                    Map.of("timeout", meta.get("remote-connect-timeout")), List.of(), List.of()));
        }
        return new Primitive(id, null, "ocf", "pacemaker", "remote", null,
                List.of(NvSet.of(id + "-instance_attributes", params)),
                List.of(NvSet.of(id + "-meta_attributes", metaPairs)), List.of(),
                new Operations(null, null, ops));
    }

    /** Ties connection resources to their nodes, and contained resources to their containers. */
    static void link(Cluster cluster) {
        for (Rsc rsc : new ArrayList<>(cluster.byId.values())) {
            String containerId = rsc.meta("container");
            Rsc container = containerId == null ? null : cluster.byId.get(containerId);
            if (container != null && container != rsc) {
                rsc.container = container;
                container.fillers.add(rsc);
            }
            if (rsc.isRemoteConnection && rsc.isPrimitive()) {
                rsc.remoteReconnectMs = reconnectIntervalMs(rsc);
                SNode node = cluster.nodesByName.get(rsc.id);
                if (node != null && node.isRemote()) {
                    node.remoteRsc = rsc;
                    rsc.providesNode = node;
                }
            }
        }
    }

    /**
     * A removed resource found in the history: if it was a remote connection, its node still
     * exists, shutting down; if it ran in a container, it is tied to it once the cluster
     * nodes' histories are read.
     */
    static void adoptOrphan(Cluster cluster, Rsc orphan, LrmResource entry) {
        orphan.isRemoteConnection = "ocf".equals(entry.agentClass()) && "pacemaker".equals(entry.provider())
                && "remote".equals(entry.type());
        if (orphan.isRemoteConnection) {
            SNode node = cluster.nodesByName.get(orphan.id);
            if (node == null) {
                node = Unpacker.addNode(cluster, orphan.id, orphan.id, SNode.Kind.REMOTE);
                unpackAttributes(cluster, node, null, stateOf(cluster, node));
                cluster.haveRemoteNodes = true;
            }
            node.remoteRsc = orphan;
            orphan.providesNode = node;
            node.shutdown = true;
        }
        if (entry.container() != null) {
            orphan.meta.put("container", entry.container());
        }
    }

    /** Ties removed resources that ran in a container to it (a removed guest's connection makes it a guest). */
    private static void linkOrphanFillers(Cluster cluster) {
        for (Rsc orphan : cluster.orphans) {
            Rsc container = orphan.container == null ? cluster.byId.get(orphan.meta("container")) : null;
            if (container == null || container == orphan) {
                continue;
            }
            orphan.container = container;
            container.fillers.add(orphan);
            if (orphan.providesNode != null) {
                orphan.providesNode.kind = SNode.Kind.GUEST;
            }
        }
    }

    private static NodeState stateOf(Cluster cluster, SNode node) {
        for (NodeState state : cluster.cib.status().nodes()) {
            if (node.id.equals(state.id())) {
                return state;
            }
        }
        return null;
    }

    /** Attributes of a remote or guest node: configured, then from its status entry. */
    static void unpackAttributes(Cluster cluster, SNode node, Node config, NodeState state) {
        Unpacker.unpackNodeAttributes(cluster, node, config, state);
        if (state != null) {
            node.unseen = false;
            String fenced = state.get("node_fenced");
            node.remoteWasFenced = fenced != null && !fenced.equals("0");
            node.remoteMaintenance = Options.isTrue(state.get("node_in_maintenance"));
        }
        NodeStatus.unpackAttributes(cluster, node);
        String shutdown = node.attributes.get("shutdown");
        if (shutdown != null && !shutdown.isBlank() && !shutdown.equals("0")) {
            node.shutdown = true;
        }
    }

    /**
     * Histories of remote and guest nodes, after the cluster nodes': each once its connection
     * (and container) is known to be up, which may take several passes; with fencing enabled,
     * the others last, so that what is found active on a node that is down gets it fenced.
     */
    static void unpackHistories(Cluster cluster, HistoryUnpacker unpacker) {
        linkOrphanFillers(cluster);
        List<NodeState> remaining = new ArrayList<>();
        for (NodeState state : cluster.cib.status().nodes()) {
            SNode node = nodeOf(cluster, state);
            if (node != null && node.isRemote() && state.hasLrm()) {
                remaining.add(state);
            }
        }
        boolean progress = true;
        while (progress) {
            progress = false;
            for (NodeState state : new ArrayList<>(remaining)) {
                SNode node = nodeOf(cluster, state);
                if (connectionUp(node)) {
                    remaining.remove(state);
                    unpackHistory(unpacker, node, state);
                    progress = true;
                }
            }
        }
        if (cluster.options.stonithEnabled()) {
            for (NodeState state : remaining) {
                unpackHistory(unpacker, nodeOf(cluster, state), state);
            }
        }
        for (SNode node : cluster.nodes) {
            if (node.isRemote() && !node.remoteStateKnown) {
                updateState(node);
            }
            if (node.isRemote() && node.shutdown && node.remoteRsc != null) {
                // The remote node is shutting down: its connection is closed.
                node.remoteRsc.nextRole = Role.STOPPED;
            }
        }
    }

    private static SNode nodeOf(Cluster cluster, NodeState state) {
        SNode node = cluster.nodesById.get(state.id());
        return node != null ? node : cluster.nodesByName.get(state.uname());
    }

    private static void unpackHistory(HistoryUnpacker unpacker, SNode node, NodeState state) {
        updateState(node);
        for (LrmResource entry : state.lrmResources()) {
            unpacker.unpackResource(node, entry);
        }
    }

    /**
     * A failed remote connection (on-fail reset-remote) must be stopped and its remote node
     * fenced; with a reconnect interval it stays down until the failure expires.
     */
    static void resetConnection(Cluster cluster, Rsc connection, SNode node) {
        connection.failed = true;
        connection.mustStop = true;
        SNode remote = connection.providesNode;
        // A remote node already recorded as fenced needs no more fencing.
        if (remote != null && !remote.isGuest() && !remote.unclean && !remote.remoteWasFenced) {
            Fencing.fenceNode(cluster, remote, "remote connection is unrecoverable", false);
        }
        if (connection.role != Role.STOPPED) {
            Actions.stop(cluster, connection, node, false);
        }
        if (connection.remoteReconnectMs > 0) {
            connection.nextRole = Role.STOPPED;
        }
    }

    /**
     * A remote node whose connection failed and stays down cannot be probed: the state of its
     * resources is unknown, so it is fenced.
     */
    static void fenceIfConnectionLost(Cluster cluster, SNode node) {
        Rsc connection = node.remoteRsc;
        if (node.kind == SNode.Kind.REMOTE && !node.remoteWasFenced && connection != null && connection.failed
                && (connection.nextRole == Role.STOPPED || connection.assigned == null)) {
            Fencing.fenceNode(cluster, node, "the connection is unrecoverable", false);
        }
    }

    /** Is the node's connection (and, for a guest, its container) active, so its history counts? */
    static boolean connectionUp(SNode node) {
        Rsc connection = node.remoteRsc;
        if (connection == null || connection.role != Role.STARTED) {
            return false;
        }
        return connection.container == null || connection.container.role == Role.STARTED;
    }

    /**
     * A remote or guest node is online while its connection runs and neither it nor the
     * container failed; a guest also goes down with an unclean host.
     */
    static void updateState(SNode node) {
        node.remoteStateKnown = true;
        Rsc connection = node.remoteRsc;
        if (connection == null) {
            node.online = false;
            return;
        }
        Rsc container = connection.container;
        node.online = connection.role == Role.STARTED;
        if (node.online && connection.nextRole == Role.STOPPED) {
            node.shutdown = true;
        }
        SNode host = container != null && connection.runningOn.size() == 1 ? connection.runningOn.get(0) : null;
        if (container != null && container.failed) {
            node.online = false;
            node.remoteRequiresReset = true;
        } else if (connection.failed) {
            node.online = false;
        } else if (connection.role == Role.STOPPED || container != null && container.role == Role.STOPPED) {
            node.online = false;
            node.remoteRequiresReset = false;
        } else if (host != null && !host.online && host.unclean) {
            // The guest goes down with the host that is being fenced.
            node.online = false;
            node.remoteRequiresReset = true;
        }
    }

    /** How long a failed remote connection waits before reconnecting ({@code reconnect_interval}). */
    private static long reconnectIntervalMs(Rsc connection) {
        String value = connection.params.get("reconnect_interval");
        return Durations.parseMillisOr(value != null ? value : connection.meta("reconnect_interval"), 0);
    }

    /**
     * Once its connection is placed, a remote or guest node can take resources if the
     * connection will run: fencing that was only needed in case the connection could not be
     * re-established is revoked.
     */
    static void connectionAssigned(Rsc connection) {
        SNode node = connection.providesNode;
        if (node == null) {
            return;
        }
        boolean willRun = connection.assigned != null && connection.nextRole != Role.STOPPED;
        if (!willRun) {
            // A node whose connection goes away takes no new resources; a bundle's guest node
            // still takes its replica's instance, whose start then cannot run.
            node.shutdown |= connection.enclosingBundle() == null;
            return;
        }
        if (node.unclean && node.unseen && !connection.failed) {
            node.unclean = false;
        }
        node.online = true;
    }

    // ------------------------------------------------------------------ orderings

    /** What the connection of a remote node will be like in this transition. */
    enum ConnectionState {
        /** Running on a healthy node and staying there. */
        ALIVE,
        /** Running on a node that is going away, or migrating: recoverable later in the transition. */
        RESTING,
        /** Not running now but will start somewhere. */
        UNKNOWN,
        /** Stopped cleanly and staying stopped. */
        STOPPED,
        /** Down for good: whatever runs on the node can only be stopped by fencing it. */
        FAILED
    }

    static ConnectionState connectionState(SNode remote) {
        Rsc connection = remote.remoteRsc;
        SNode host = connection.currentNode();
        if (connection.nextRole == Role.STOPPED || connection.assigned == null) {
            if (host != null && host.unclean) {
                return ConnectionState.FAILED; // stuck on a node that must be fenced
            }
            if (!connection.failed) {
                return ConnectionState.STOPPED;
            }
            if (connection.nextRole == Role.STOPPED && connection.remoteReconnectMs > 0 && remote.remoteWasFenced
                    && !remote.shutdown) {
                return ConnectionState.UNKNOWN; // known only once the reconnect interval expires
            }
            return ConnectionState.FAILED;
        }
        if (host == null) {
            return ConnectionState.UNKNOWN;
        }
        if (host.unclean || !host.online) {
            return ConnectionState.RESTING;
        }
        if (connection.runningOn.size() > 1 && connection.partialMigrationSource != null
                && connection.partialMigrationTarget != null) {
            return ConnectionState.RESTING;
        }
        return ConnectionState.ALIVE;
    }

    /**
     * Every action on a remote or guest node goes over its connection: it must happen while the
     * connection is up (after its start, before its stop), and a resource moving onto such a
     * node leaves its old node only once the connection is up.
     */
    static void orderConnectionActions(Cluster cluster) {
        for (Action action : new ArrayList<>(cluster.actions)) {
            if (action.rsc == null) {
                continue;
            }
            if (action.rsc.isRemoteConnection && action.task.equals("clear_failcount")) {
                // A connection's cleared fail count must be cleared before it starts again.
                cluster.orderings.add(Ordering.actionThenKey(action, action.rsc, "start", Action.ORDER_OPTIONAL));
                continue;
            }
            SNode node = action.node;
            if (node == null || !node.isRemote() || node.remoteRsc == null || action.pseudo || action.cancel) {
                continue; // cancelling a recurring monitor needs no ordering
            }
            Rsc connection = node.remoteRsc;
            if (action.task.equals("start")) {
                for (Action stop : Actions.byTask(action.rsc, "stop", null)) {
                    if (stop.node != node) {
                        cluster.orderings.add(Ordering.keyThenAction(connection, "start", stop, Action.ORDER_OPTIONAL));
                    }
                }
            }
            if (connection.container != null) {
                orderOnGuest(cluster, action, connection);
            } else {
                orderOnRemote(cluster, action, connection);
            }
        }
    }

    /**
     * On a guest node: starts wait for the container (and are redone when it is) and for the
     * connection; stops come before the connection goes, unless the container failed, which
     * implies them.
     */
    private static void orderOnGuest(Cluster cluster, Action action, Rsc connection) {
        Rsc container = connection.container;
        if (container.failed) {
            Fencing.fenceNode(cluster, action.node, "container failed", false);
        }
        String task = action.task.startsWith("migrate_") ? "stop" : action.task;
        switch (task) {
            case "start", "promote" -> {
                afterStartOf(cluster, container, action, Action.IMPLIES_THEN);
                afterStartOf(cluster, connection, action, 0);
            }
            case "stop", "demote" -> {
                if (!container.failed) {
                    beforeConnectionStop(cluster, action, connection, Action.IMPLIES_FIRST);
                }
            }
            default -> afterStartOf(cluster, connection, action,
                    action.intervalMs > 0 ? Action.IMPLIES_THEN : 0);
        }
    }

    private static void orderOnRemote(Cluster cluster, Action action, Rsc connection) {
        SNode node = action.node;
        ConnectionState state = connectionState(node);
        // With the connection lost for good, the action can only be recovered: force it.
        int recover = state == ConnectionState.FAILED ? Action.IMPLIES_THEN : 0;
        switch (action.task) {
            case "start", "promote" -> afterStartOf(cluster, connection, action, recover);
            case "stop" -> {
                if (state == ConnectionState.ALIVE) {
                    beforeConnectionStop(cluster, action, connection, Action.IMPLIES_FIRST);
                } else if (state == ConnectionState.FAILED) {
                    // Only fencing can stop it; the stop becomes implied by the fencing.
                    Fencing.fenceNode(cluster, node, "resources are active but connection is unrecoverable", false);
                } else if (connection.nextRole == Role.STOPPED) {
                    beforeConnectionStop(cluster, action, connection, Action.IMPLIES_FIRST);
                } else {
                    afterStartOf(cluster, connection, action, recover);
                }
            }
            case "demote" -> {
                if (state == ConnectionState.RESTING || state == ConnectionState.UNKNOWN) {
                    afterStartOf(cluster, connection, action, 0);
                }
            }
            default -> {
                if (action.intervalMs > 0) {
                    afterStartOf(cluster, connection, action, Action.IMPLIES_THEN);
                    return;
                }
                if (action.task.equals("monitor") && state == ConnectionState.FAILED) {
                    Fencing.fenceNode(cluster, node,
                            "resources are in unknown state and connection is unrecoverable", false);
                }
                if (connection.currentNode() != null && connection.nextRole == Role.STOPPED) {
                    // Check that things are stopped before the connection closes for good.
                    beforeConnectionStop(cluster, action, connection, Action.RUNNABLE_LEFT);
                } else {
                    afterStartOf(cluster, connection, action, 0);
                }
            }
        }
    }

    private static void afterStartOf(Cluster cluster, Rsc first, Action action, int extra) {
        cluster.orderings.add(Ordering.keyThenAction(first, "start", action, Action.RUNNABLE_LEFT | extra));
    }

    private static void beforeConnectionStop(Cluster cluster, Action action, Rsc connection, int flags) {
        cluster.orderings.add(Ordering.actionThenKey(action, connection, "stop", flags));
    }

    // ------------------------------------------------------------------ guests

    /** The connection of a guest node whose container is {@code rsc} or one of its members. */
    static Rsc guestConnectionIn(Cluster cluster, Rsc rsc) {
        for (SNode node : cluster.nodes) {
            if (node.isGuest() && node.remoteRsc != null && node.remoteRsc.container != null
                    && isWithin(node.remoteRsc.container, rsc)) {
                return node.remoteRsc;
            }
        }
        return null;
    }

    private static boolean isWithin(Rsc member, Rsc rsc) {
        for (Rsc r = member; r != null; r = r.parent) {
            if (r == rsc) {
                return true;
            }
        }
        return false;
    }

    /** A guest's connection, made by the scheduler rather than configured. */
    static boolean isImplicitConnection(Rsc rsc) {
        return rsc.isRemoteConnection && rsc.container != null && !rsc.orphan;
    }

    /** Does the resource (or a member of it) contain a guest node? Such a resource cannot run on a guest. */
    static boolean containsGuestNode(Cluster cluster, Rsc rsc) {
        return guestConnectionIn(cluster, rsc) != null;
    }

    /**
     * Will the guest's container stop (or move) in this transition? Probes there would be
     * pointless. An approximation: the required stops are not known yet when probes are made.
     */
    static boolean guestWillStop(SNode node) {
        Rsc container = node.remoteRsc.container;
        return node.remoteRequiresReset || node.unclean || container.failed || container.nextRole == Role.STOPPED
                || container.role != Role.STOPPED && container.assigned != null
                && !container.runningOn.contains(container.assigned);
    }

    /**
     * A guest is "fenced" by recovering its container: a pseudo fence action, after the
     * container stops, stands for it, so that everything that waits for fencing can order
     * itself against it. It is a reboot if the container starts again.
     */
    static void fenceGuest(Cluster cluster, Planner planner, SNode node) {
        Rsc container = node.remoteRsc.container;
        Action stop = container == null ? null : first(container, "stop");
        String op = container != null && first(container, "start") != null ? "reboot" : "off";
        Action fence = Fencing.fenceOp(cluster, node, op, false, "guest is unclean", false);
        fence.pseudo = true;
        fence.runnable = true;
        // Linked directly (not as ordering constraints, which would also order probes).
        int implies = Action.RUNNABLE_LEFT | Action.IMPLIES_THEN;
        if (stop != null && stop.pseudo) {
            // The container's stop is implied by fencing its host: the guest is down after that.
            Action hostFence = Fencing.fenceOp(cluster, stop.node, null, false, null, false);
            Orderer.link(hostFence, fence, implies);
        } else if (stop != null) {
            Orderer.link(stop, fence, implies);
        } else {
            // The container is thought stopped already; its history may just have been
            // cleaned, so the guest is down only after its connection is stopped.
            Action connectionStop = first(node.remoteRsc, "stop");
            if (connectionStop != null) {
                Orderer.link(connectionStop, fence, Action.ORDER_OPTIONAL);
            }
        }
        planner.orderVsFence(fence);
    }

    private static Action first(Rsc rsc, String task) {
        List<Action> found = Actions.byTask(rsc, task, null);
        return found.isEmpty() ? null : found.get(0);
    }

}
