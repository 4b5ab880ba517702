package dev.vigil.scheduler;

import dev.vigil.model.Role;
import dev.vigil.model.cib.LrmOp;
import java.util.ArrayList;
import java.util.List;

/**
 * The cluster's current state as data, for {@code vigil status}: nodes, resources with their
 * roles and nodes, failed and pending operations. Worked out from the CIB's operation history
 * exactly as the scheduler unpacks it (nothing is scheduled), so the view and the scheduler
 * never disagree about what runs where.
 */
public record StatusView(boolean quorum, String dc, List<NodeEntry> nodes, List<ResourceEntry> resources,
                         List<FailedAction> failedActions, List<PendingAction> pendingActions) {
    public StatusView {
        nodes = List.copyOf(nodes);
        resources = List.copyOf(resources);
        failedActions = List.copyOf(failedActions);
        pendingActions = List.copyOf(pendingActions);
    }

    /**
     * One node.
     *
     * @param state crm_mon's words: online, OFFLINE, standby, maintenance, UNCLEAN (offline)…
     */
    public record NodeEntry(String name, String state, boolean online, boolean standby, boolean maintenance,
                            boolean dc) {
    }

    /**
     * One resource; groups, clones and bundles carry their members or instances as children.
     *
     * @param kind  primitive, group, clone, promotable clone or bundle
     * @param agent class:provider:type for primitives, else empty
     * @param role  Started, Stopped, Promoted, Unpromoted… (for a primitive)
     * @param flags disabled, unmanaged, blocked, failure ignored, LOCKED
     */
    public record ResourceEntry(String id, String kind, String agent, String role, boolean failed,
                                List<String> nodes, List<String> flags, List<ResourceEntry> children) {
        public ResourceEntry {
            nodes = List.copyOf(nodes);
            flags = List.copyOf(flags);
            children = List.copyOf(children);
        }

        /** Runs somewhere (or, for a collective resource, one of its members does). */
        public boolean active() {
            if (children.isEmpty()) {
                return !nodes.isEmpty();
            }
            return children.stream().anyMatch(ResourceEntry::active);
        }
    }

    /** An operation that ended otherwise than expected (crm_mon's "Failed Resource Actions"). */
    public record FailedAction(String resource, String operation, long intervalMs, String node, int rc,
                               String result, String exitReason, long lastChangeEpochSeconds) {
    }

    /** An operation the cluster started and has not heard back about. */
    public record PendingAction(String resource, String operation, String node) {
    }

    public static StatusView of(ClusterSnapshot snapshot) {
        Cluster cluster = Unpacker.unpack(snapshot);
        List<NodeEntry> nodes = new ArrayList<>();
        for (SNode n : cluster.nodes) {
            if (n.isGuest() && !n.online) {
                continue;
            }
            nodes.add(new NodeEntry(n.name, StatusPrinter.nodeStatus(n), n.online, n.standby, n.maintenance,
                    n == cluster.dc));
        }
        List<ResourceEntry> resources = new ArrayList<>();
        List<PendingAction> pending = new ArrayList<>();
        for (Rsc rsc : cluster.resources) {
            if (rsc.orphan && !rsc.isActive() || RemoteNodes.isImplicitConnection(rsc)) {
                continue;
            }
            resources.add(entry(rsc, pending));
        }
        List<FailedAction> failed = new ArrayList<>();
        for (Cluster.FailedOp f : cluster.failedOps) {
            LrmOp op = f.op();
            failed.add(new FailedAction(f.rsc().id, op.operation(), op.intervalMs(), f.node().name, op.rcCode(),
                    FailedProbes.exitText(op.rcCode()), op.exitReason(), op.lastRcChange()));
        }
        return new StatusView(cluster.haveQuorum, cluster.dc == null ? null : cluster.dc.name, nodes, resources, failed,
                pending);
    }

    private static ResourceEntry entry(Rsc rsc, List<PendingAction> pending) {
        List<ResourceEntry> children = new ArrayList<>();
        for (Rsc child : rsc.children) {
            children.add(entry(child, pending));
        }
        if (rsc.bundledClone != null) {
            children.add(entry(rsc.bundledClone, pending));
        }
        List<String> flags = new ArrayList<>();
        if (rsc.targetRole == Role.STOPPED) {
            flags.add("disabled");
        }
        if (rsc.blocked) {
            flags.add("blocked");
        } else if (!rsc.managed) {
            flags.add("unmanaged");
        }
        if (rsc.failureIgnored) {
            flags.add("failure ignored");
        }
        if (rsc.lockNode != null) {
            flags.add("LOCKED");
        }
        List<String> nodes = new ArrayList<>();
        String agent = "";
        String role = "";
        if (rsc.isPrimitive()) {
            rsc.runningOn.forEach(n -> nodes.add(n.name));
            agent = (rsc.agentClass == null ? "unknown" : rsc.agentClass)
                    + (rsc.agentProvider != null && "ocf".equals(rsc.agentClass) ? ":" + rsc.agentProvider : "")
                    + ":" + (rsc.agentType == null ? "unknown" : rsc.agentType);
            role = StatusPrinter.displayRole(rsc).text();
            if (rsc.pendingTask != null) {
                String on = rsc.runningOn.isEmpty() ? "" : rsc.runningOn.get(0).name;
                pending.add(new PendingAction(rsc.id, rsc.pendingTask, on));
            }
        }
        return new ResourceEntry(rsc.id, kind(rsc), agent, role, rsc.failed, nodes, flags, children);
    }

    private static String kind(Rsc rsc) {
        return switch (rsc.variant) {
            case PRIMITIVE -> "primitive";
            case GROUP -> "group";
            case CLONE -> rsc.promotable ? "promotable clone" : "clone";
            case BUNDLE -> "bundle";
        };
    }
}
