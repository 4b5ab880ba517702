package dev.vigil.scheduler;

/**
 * Resources removed from the configuration but still in the history (orphans, not surplus
 * instances of clones that still exist), when the
 * cluster stops them (stop-orphan-resources): their history is deleted on every node that
 * has one (after the stop where they still run), and their fail counts are cleared first.
 */
final class Orphans {
    private Orphans() {
    }

    static void deleteHistories(Cluster cluster) {
        for (Cluster.History history : cluster.histories) {
            Rsc rsc = history.rsc();
            if (!rsc.orphan || !rsc.managed || !rsc.isPrimitive() || rsc.parent != null) {
                continue; // surplus clone instances are only stopped
            }
            Action delete = Actions.custom(cluster, rsc, Action.key(rsc.id, "delete", 0), "delete", history.node(),
                    false);
            if (rsc.runningOn.contains(history.node())) {
                cluster.orderings.add(Ordering.keyThenAction(rsc, "stop", delete, Action.ORDER_OPTIONAL));
            }
        }
    }

    static void clearFailCounts(Cluster cluster) {
        for (Rsc rsc : cluster.orphans) {
            if (!rsc.managed || !rsc.isPrimitive() || rsc.parent != null) {
                continue;
            }
            for (SNode node : cluster.nodes) {
                if (FailCounts.countIgnoringTimeout(rsc, node) > 0) {
                    Action clear = FailCounts.scheduleClear(cluster, rsc, node, "it is orphaned");
                    cluster.orderings.add(Ordering.actionThenKey(clear, rsc, "stop", Action.ORDER_OPTIONAL));
                }
            }
        }
    }
}
