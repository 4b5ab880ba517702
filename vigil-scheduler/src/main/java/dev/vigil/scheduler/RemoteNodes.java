package dev.vigil.scheduler;

/** Remote and guest nodes: their connection resources and what depends on them. */
final class RemoteNodes {
    private RemoteNodes() {
    }

    static boolean containsGuestNode(Rsc rsc) {
        return false;
    }

    static boolean guestWillStop(SNode node) {
        return false;
    }

    static void fenceGuest(Cluster cluster, SNode node) {
    }

    static void orderConnectionActions(Cluster cluster) {
    }

    /** Histories of remote and guest nodes, once their connections' states are known. */
    static void unpackHistories(Cluster cluster, HistoryUnpacker unpacker) {
    }

    /** A failed remote connection: the remote node must be fenced (or the connection recovered). */
    static void resetConnection(Cluster cluster, Rsc connection, SNode node) {
        connection.failed = true;
        connection.mustStop = true;
        if (connection.role != dev.vigil.model.Role.STOPPED) {
            Actions.stop(cluster, connection, node, false);
        }
    }
}
