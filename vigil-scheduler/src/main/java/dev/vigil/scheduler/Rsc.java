package dev.vigil.scheduler;

import dev.vigil.model.Role;
import dev.vigil.model.cib.Operation;
import dev.vigil.model.cib.Resource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A resource as one scheduler run sees it: its effective configuration, its current state
 * worked out from the operation history, and what the run decides for it. Clone instances are
 * resources of their own ({@code web:0}, {@code web:1}…), children of the clone.
 */
final class Rsc {
    enum Variant { PRIMITIVE, GROUP, CLONE, BUNDLE }

    // ------------------------------------------------------------------ configuration
    final String id;
    final Variant variant;
    final Resource config;
    final Rsc parent;
    final List<Rsc> children = new ArrayList<>();
    /** Agent of a primitive (after applying its template). */
    String agentClass;
    String agentProvider;
    String agentType;
    /** Effective meta-attributes: own sets, then the parent's, then rsc_defaults. */
    final Map<String, String> meta = new LinkedHashMap<>();
    /** Effective instance attributes (node-independent evaluation). */
    final Map<String, String> params = new LinkedHashMap<>();
    /** Capacity the resource needs on its node ({@code utilization} attributes of a primitive). */
    final Map<String, String> utilization = new LinkedHashMap<>();
    /** Configured operations, after resolving references and templates. */
    final List<Operation> ops = new ArrayList<>();

    int priority;
    int stickiness;
    int migrationThreshold = dev.vigil.model.Score.INFINITY;
    long failureTimeoutMs;
    boolean managed = true;
    boolean maintenance;
    boolean critical = true;
    boolean allowMigrate;
    boolean notify;
    boolean globallyUnique;
    boolean promotable;
    boolean interleave;
    boolean ordered;
    /** Group: members colocated (default) and ordered (default). */
    boolean colocated = true;
    boolean groupOrdered = true;
    int cloneMax;
    int cloneNodeMax = 1;
    int promotedMax = 1;
    int promotedNodeMax = 1;
    Role targetRole = Role.STARTED;
    /** What must hold before starting: nothing, quorum, fencing or unfencing. */
    String requires = "quorum";
    String multipleActive = "stop_start";
    boolean isFencingDevice;
    /** A connection resource for a remote node ({@code ocf:pacemaker:remote}). */
    boolean isRemoteConnection;
    /** reconnect_interval of a remote connection, in ms (0 = reconnect at once). */
    long remoteReconnectMs;
    /** The node a remote connection / container provides (guest or remote node). */
    SNode providesNode;
    /** For a resource running inside a guest node: the container resource. */
    Rsc container;
    final List<Rsc> fillers = new ArrayList<>();
    /** Bundle: its settings, its replicas and the implicit clone of its primitive (or null). */
    Bundles.Spec bundleSpec;
    final List<Bundles.Replica> replicas = new ArrayList<>();
    Rsc bundledClone;

    // ------------------------------------------------------------------ current state (from history)
    /** The id the operation history knows an anonymous clone instance by, if it differs from {@link #id}. */
    String historyId;
    Role role = Role.STOPPED;
    final List<SNode> runningOn = new ArrayList<>();
    /** Nodes where the resource's state is known (it was probed or operated on). */
    final Set<SNode> knownOn = new LinkedHashSet<>();
    boolean orphan;
    boolean failed;
    /** Must not be started or stopped by the cluster (on-fail=block, unmanaged failures). */
    boolean blocked;
    /** The cluster must stop it everywhere (multiple-active, orphan, etc.). */
    boolean mustStop;
    /** Multiply active with multiple-active=stop_unexpected: stopped only where unexpected. */
    boolean stopUnexpected;
    boolean failureIgnored;
    /** Parameters changed in a way the agent can reload without a restart. */
    boolean reload;
    boolean startPending;
    /** A pending operation's task on {@link #pendingNode}: shown as Starting/Stopping etc. */
    String pendingTask;
    SNode pendingNode;
    SNode partialMigrationTarget;
    SNode partialMigrationSource;
    /** A finished migration's source, where the resource still needs a stop. */
    SNode dangleMigrationSource;
    /** This run moves the resource by live migration. */
    boolean migrating;
    /** The resource whose real stop keeps this one from migrating. */
    Rsc migrationBlocker;
    SNode lockNode;
    long lockTime;
    /** Nodes where a stop failed: the resource may still be active there (needs fencing). */
    final Set<SNode> stopFailedOn = new LinkedHashSet<>();

    // ------------------------------------------------------------------ decisions of this run
    Role nextRole;
    /** Scores per node, in node order; a node absent from the map may not host the resource. */
    final Map<SNode, Integer> allowed = new LinkedHashMap<>();
    SNode assigned;
    boolean provisional = true;
    boolean assigning;
    final List<Colocation> thisWith = new ArrayList<>();
    final List<Colocation> withThis = new ArrayList<>();
    final List<Action> actions = new ArrayList<>();
    /** resource-discovery per node from location constraints: always, never or exclusive. */
    final Map<SNode, String> discoveryMode = new LinkedHashMap<>();
    boolean exclusiveDiscovery;

    Rsc(String id, Variant variant, Resource config, Rsc parent) {
        this.id = id;
        this.variant = variant;
        this.config = config;
        this.parent = parent;
    }

    boolean isPrimitive() {
        return variant == Variant.PRIMITIVE;
    }

    boolean isClone() {
        return variant == Variant.CLONE;
    }

    boolean isGroup() {
        return variant == Variant.GROUP;
    }

    boolean isBundle() {
        return variant == Variant.BUNDLE;
    }

    /**
     * The top-level resource this one belongs to; within a bundle, the bundle's member (its
     * clone, a container, an address or a connection) counts as top-level, as in Pacemaker.
     */
    Rsc top() {
        Rsc r = this;
        while (r.parent != null && !r.parent.isBundle()) {
            r = r.parent;
        }
        return r;
    }

    /** The bundle this resource belongs to, or null. */
    Rsc enclosingBundle() {
        for (Rsc r = parent; r != null; r = r.parent) {
            if (r.isBundle()) {
                return r;
            }
        }
        return null;
    }

    /** Is this a resource a bundle generates for a replica (container, address or connection)? */
    boolean isBundleReplicaPart() {
        return parent != null && parent.isBundle();
    }

    /** The id without a clone instance suffix ({@code web:2} → {@code web}). */
    String baseId() {
        int colon = id.lastIndexOf(':');
        return colon < 0 ? id : id.substring(0, colon);
    }

    /** The id the operation history knows this resource by. */
    String historyName() {
        return historyId != null ? historyId : id;
    }

    /** Is this an instance of a clone (directly, or as a group inside one)? */
    boolean isCloneInstance() {
        return parent != null && parent.isClone();
    }

    /** The clone this resource is an instance of, or a member of an instance of, or null. */
    Rsc enclosingClone() {
        for (Rsc r = parent; r != null; r = r.parent) {
            if (r.isClone()) {
                return r;
            }
        }
        return null;
    }

    /** Primitives at or below this resource, in configuration order. */
    List<Rsc> primitives() {
        List<Rsc> out = new ArrayList<>();
        collectPrimitives(this, out);
        return out;
    }

    private static void collectPrimitives(Rsc r, List<Rsc> out) {
        if (r.isPrimitive()) {
            out.add(r);
        }
        for (Rsc c : r.children) {
            collectPrimitives(c, out);
        }
        if (r.bundledClone != null) {
            collectPrimitives(r.bundledClone, out);
        }
    }

    /**
     * Where the resource is considered active: a partial migration's source; for a resource
     * that does not need fencing to recover, the first clean node it runs on; else the first.
     */
    SNode currentNode() {
        SNode active = null;
        boolean needsFencing = "fencing".equals(requires) || "unfencing".equals(requires);
        for (SNode node : runningOn) {
            boolean happy = node.online && !node.unclean;
            if (partialMigrationSource != null) {
                if (node == partialMigrationSource) {
                    return node;
                }
            } else if (!needsFencing) {
                if (happy && (active == null || !active.online || active.unclean)) {
                    active = node;
                }
            }
            if (active == null) {
                active = node;
            }
            if (partialMigrationSource == null && (needsFencing || happy)) {
                break;
            }
        }
        return active;
    }

    boolean isActive() {
        return !runningOn.isEmpty();
    }

    String meta(String name) {
        return meta.get(name);
    }

    @Override
    public String toString() {
        return id;
    }
}
