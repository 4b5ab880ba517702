package dev.vigil.scheduler;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A node as one scheduler run sees it: membership state worked out from the status section,
 * its attributes and capacities, and the bookkeeping of the run (resources assigned to it).
 */
final class SNode {
    enum Kind { MEMBER, REMOTE, GUEST }

    final String id;
    final String name;
    Kind kind;
    /** Index in name order; used for deterministic tie-breaks. */
    int order;

    boolean online;
    /** Membership says the node is in the cluster (in_ccm), whatever its controller's state. */
    boolean inCluster;
    boolean unclean;
    /** No status entry was ever recorded for this node. */
    boolean unseen = true;
    boolean standby;
    boolean standbyOnFail;
    /** In standby only because it is shutting down (not shown as standby). */
    boolean standbyForShutdown;
    boolean pending;
    boolean maintenance;
    boolean shutdown;
    boolean expectedUp;
    boolean isDc;
    boolean rscDiscoveryEnabled = true;
    /** Guest/remote: the connection must be reset (the node is "fenced" by recovering it). */
    boolean remoteRequiresReset;
    boolean remoteWasFenced;
    /** Configured in the CIB's node list (rather than made for a connection). */
    boolean configured;
    /** The guest node of a bundle replica: resources other than the replica's child avoid it. */
    boolean bundleNode;
    /** Remote/guest: membership has been worked out from the connection resource. */
    boolean remoteStateKnown;
    boolean remoteMaintenance;
    /** A remote node whose connection is being moved or is unusable. */
    boolean remoteReconnecting;
    /** Why the node must be fenced (first reason wins). */
    String fenceReason;
    /** "RED" or "YELLOW" when a #health attribute says so (shown in the status). */
    String healthNote;
    /** Base score every resource gets on this node (node health, node score). */
    int baseWeight;

    /** Node attributes: permanent, then transient, plus the built-ins (#uname, #id, #kind…). */
    final Map<String, String> attributes = new LinkedHashMap<>();
    final Map<String, String> utilization = new LinkedHashMap<>();
    /** Capacity taken by the resources assigned here so far, per utilization attribute. */
    final Map<String, Integer> consumed = new LinkedHashMap<>();

    /** The resource whose connection makes this remote/guest node (null for cluster members). */
    Rsc remoteRsc;

    /** Resources (primitives) found active here from the history. */
    final List<Rsc> running = new ArrayList<>();
    /** How many primitives the assignment placed here so far (load balancing tie-break). */
    int assignedCount;

    SNode(String id, String name, Kind kind) {
        this.id = id;
        this.name = name;
        this.kind = kind;
    }

    boolean isRemote() {
        return kind != Kind.MEMBER;
    }

    boolean isGuest() {
        return kind == Kind.GUEST;
    }

    /** Can host resources at all in this transition (not counting scores). */
    boolean canRunResources() {
        return online && !shutdown && !unclean && !standby && !maintenance && !pending;
    }

    @Override
    public String toString() {
        return name;
    }
}
