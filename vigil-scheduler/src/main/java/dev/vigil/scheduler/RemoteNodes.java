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
}
