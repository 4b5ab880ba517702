package dev.vigil.api;

import java.util.List;

/**
 * The request types, with their arguments and results. A type is named {@code area.verb}; a
 * later version adds types (resource.create, constraint.add, status, explain...) without
 * touching these.
 */
public final class ApiTypes {
    private ApiTypes() {
    }

    /** {@code api.info}: what the daemon speaks. No arguments. */
    public static final String API_INFO = "api.info";
    /** {@code cluster.status}: membership, quorum, DC, CIB version. No arguments. */
    public static final String CLUSTER_STATUS = "cluster.status";
    /** {@code cib.query}: this node's copy of the CIB. No arguments. */
    public static final String CIB_QUERY = "cib.query";
    /** {@code cib.replace}: a new configuration, validated, applied by the DC. */
    public static final String CIB_REPLACE = "cib.replace";
    /** {@code node.attribute}: read, set or delete a node attribute. */
    public static final String NODE_ATTRIBUTE = "node.attribute";

    /** {@code controller.status}: what this node's controller knows (DC, transition, fencing history). No arguments. */
    public static final String CONTROLLER_STATUS = "controller.status";

    /**
     * {@code resource.cleanup}: forget the failures and operation history of a resource (every
     * resource with a recorded failure when {@code resource} is null) on a node (every node when
     * null), so it is probed and placed afresh. The request goes to the DC; the result only says
     * it was handed over.
     */
    public static final String RESOURCE_CLEANUP = "resource.cleanup";

    /** Arguments of {@code resource.cleanup}. */
    public record CleanupArgs(String resource, String node) {
    }

    /** Result of {@code resource.cleanup}. */
    public record CleanupResult(String resource, String node, boolean requested) {
    }

    /**
     * {@code stonith.fence}: fence {@code node} ({@code action} reboot, the default, or off)
     * through the DC, waiting for the result (at most twice stonith-timeout plus cluster-delay).
     * Errors: {@code not-found} for an unknown node; {@code rejected} when there is no DC, the
     * node is the DC or the node asked, no device can fence it or fencing failed;
     * {@code unavailable} when no answer came in time.
     */
    public static final String STONITH_FENCE = "stonith.fence";

    /** Arguments of {@code stonith.fence}. */
    public record FenceArgs(String node, String action) {
    }

    /** Result of {@code stonith.fence} (only a success is a result; a failure is an error). */
    public record FenceResult(String node, String action, String message) {
    }

    /** An empty argument object. */
    public record NoArgs() {
    }

    /** Result of {@code api.info}. */
    public record ApiInfo(String daemon, String node, List<Integer> protocolVersions, List<String> types) {
    }

    /** Result of {@code cluster.status}. */
    public record ClusterStatus(String cluster, String localNode, long viewId, List<NodeInfo> nodes,
                                QuorumInfo quorum, String dc, CibInfo cib) {
    }

    /**
     * A node of the nodelist.
     *
     * @param online a member of this node's view
     */
    public record NodeInfo(String name, int id, boolean online, boolean dc, boolean local) {
    }

    /** Quorum as votequorum states it; {@code reason} is one sentence. */
    public record QuorumInfo(boolean quorate, int votes, int expectedVotes, int quorum, String reason) {
    }

    /** A CIB's version ({@code admin_epoch.epoch.num_updates}) and digest. */
    public record CibInfo(String version, String digest) {
    }

    /** Result of {@code cib.query}. */
    public record CibQueryResult(String version, String digest, String xml) {
    }

    /**
     * Arguments of {@code cib.replace}: a whole CIB document. Its configuration and the root
     * element's own settings replace the cluster's; its status section and version numbers
     * are ignored (the cluster keeps those).
     *
     * @param expectedVersion optional: the version the document was read at
     *                        ({@code admin_epoch.epoch.num_updates}). When given, the replacement
     *                        is refused ({@code conflict}) if the configuration changed since, i.e.
     *                        if admin_epoch or epoch differ; num_updates is ignored because status
     *                        updates move it all the time without touching the configuration.
     */
    public record CibReplaceArgs(String xml, String expectedVersion) {
        public CibReplaceArgs(String xml) {
            this(xml, null);
        }
    }

    /** Result of {@code cib.replace}: the new version ({@code changed} false if there was nothing to change). */
    public record CibReplaceResult(String version, boolean changed) {
    }

    /**
     * Arguments of {@code node.attribute}: without {@code value} and {@code delete}, a query.
     *
     * @param lifetime {@code forever} (permanent, the default) or {@code reboot} (transient)
     */
    public record NodeAttributeArgs(String node, String name, String value, Boolean delete, String lifetime) {
    }

    /** Result of {@code node.attribute}: the value now (null when unset) and the CIB version. */
    public record NodeAttributeResult(String node, String name, String value, String lifetime, String version) {
    }

    /**
     * Result of {@code controller.status}.
     *
     * @param dc         whether this node's controller acts as DC
     * @param transition the transition the DC runs now, -1 when idle or not DC
     * @param fencing    the fencing results this node knows of, oldest first (at most 500)
     */
    public record ControllerStatus(String node, boolean dc, int transition, List<FenceEvent> fencing) {
    }

    /** One fencing: its target and action, whether it worked, which node's fencer ran it for which DC. */
    public record FenceEvent(String target, String action, boolean success, String executor, String origin,
                             List<String> devices, String reason, long startedAtMillis, long completedAtMillis) {
    }
}
