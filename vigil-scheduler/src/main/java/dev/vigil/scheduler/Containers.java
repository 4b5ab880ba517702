package dev.vigil.scheduler;

import dev.vigil.model.Role;
import dev.vigil.model.Score;
import java.util.Map;

/**
 * Resources that run inside another resource (meta-attribute {@code container}), including the
 * implicit connection of a guest node: they start after their container, stop before it and
 * run where it runs. A resource whose container is (or holds) a remote node's connection runs
 * on that remote node instead.
 */
final class Containers {
    private Containers() {
    }

    static void internalConstraints(Cluster cluster, Rsc rsc) {
        Rsc container = rsc.container;
        if (container == null) {
            return;
        }
        Rsc connection = null;
        boolean bundled = rsc.enclosingBundle() != null;
        if (rsc.isRemoteConnection) {
            if (!bundled) {
                // No guest inside a guest (bundles excepted): the container may not run on a remote node.
                avoidRemoteNodes(container);
            }
            // A re-probe of the container may find it running and make the recovery unnecessary.
            cluster.orderings.add(Ordering.byKey(container, "monitor", rsc, "stop", Action.ORDER_OPTIONAL));
        } else if (container.isRemoteConnection) {
            connection = container;
        } else {
            connection = RemoteNodes.guestConnectionIn(cluster, container);
        }
        if (connection != null) {
            onlyOnNodeOf(rsc, connection);
            return;
        }
        cluster.orderings.add(Ordering.byKey(container, "start", rsc, "start",
                Action.IMPLIES_THEN | Action.RUNNABLE_LEFT));
        cluster.orderings.add(Ordering.byKey(rsc, "stop", container, "stop", Action.IMPLIES_FIRST));
        // A bundle's container may run on a remote node, where its connection cannot: the
        // connection only prefers the container's host, and (moving it being cheap) does not
        // hold a running container back.
        boolean bundledConnection = bundled && rsc.isRemoteConnection;
        int score = bundledConnection ? BundleAssigner.CONNECTION_WITH_CONTAINER : Score.INFINITY;
        boolean influence = !bundledConnection || !container.isActive();
        Constraints.addColocation(cluster, new Colocation("resource-with-container", rsc, container,
                score, Role.UNKNOWN, Role.UNKNOWN, null, influence));
    }

    /** A container's failures on a node include those of the resources running inside it. */
    static int failCount(Cluster cluster, Rsc rsc, SNode node) {
        int failures = FailCounts.count(cluster, rsc, node);
        for (Rsc filler : rsc.fillers) {
            failures = Score.add(failures, FailCounts.count(cluster, filler, node));
        }
        return failures;
    }

    /** Bans a resource from every remote and guest node (with a connection) it could otherwise run on. */
    static void avoidRemoteNodes(Rsc rsc) {
        for (Map.Entry<SNode, Integer> e : rsc.allowed.entrySet()) {
            if (e.getKey().remoteRsc != null) {
                e.setValue(Score.MINUS_INFINITY);
            }
        }
    }

    /** Keeps a resource on the remote node a connection provides. */
    private static void onlyOnNodeOf(Rsc rsc, Rsc connection) {
        for (Map.Entry<SNode, Integer> e : rsc.allowed.entrySet()) {
            if (e.getKey().remoteRsc != connection) {
                e.setValue(Score.MINUS_INFINITY);
            }
        }
    }
}
