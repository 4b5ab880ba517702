package dev.vigil.scheduler;

/** Node capacities and resource utilization for the placement strategies. */
final class Utilization {
    private Utilization() {
    }

    static void consume(SNode node, Rsc rsc) {
    }

    static void release(SNode node, Rsc rsc) {
    }

    static int compareCapacities(SNode a, SNode b) {
        return 0;
    }
}
