package dev.vigil.scheduler;

/**
 * Unfencing: with a fence device that {@code provides=unfencing} (shared storage fenced by
 * cutting access, such as SCSI reservations), a node must be "unfenced" (fence action
 * {@code on}) before it may probe fence devices or start resources that require unfencing,
 * which then becomes those resources' default. A node that was never unfenced (no
 * {@code #node-unfenced} attribute) is unfenced as soon as something needs it; otherwise the
 * unfence action stays optional, and a required one restarts what requires it on that node.
 */
final class Unfencing {
    static final String UNFENCED_ATTRIBUTE = "#node-unfenced";
    private static final String ON = "on";

    private Unfencing() {
    }

    /**
     * Turns unfencing on when a fence device provides it; resources that name no
     * {@code requires} then require unfencing.
     */
    static void enable(Cluster cluster) {
        if (!cluster.options.stonithEnabled()) {
            return;
        }
        cluster.unfencingEnabled = cluster.byId.values().stream()
                .anyMatch(r -> r.isFencingDevice && "unfencing".equals(r.meta("provides")));
        if (!cluster.unfencingEnabled) {
            return;
        }
        for (Rsc rsc : cluster.byId.values()) {
            if (!rsc.isFencingDevice && rsc.meta("requires") == null) {
                rsc.requires = "unfencing";
            }
        }
    }

    /** Has the node been unfenced since it joined? */
    static boolean unfenced(SNode node) {
        String value = node.attributes.get(UNFENCED_ATTRIBUTE);
        return value != null && !value.equals("0");
    }

    /**
     * A probe of a fence device, or of a resource that requires unfencing, waits for the node's
     * unfencing; a node never unfenced is unfenced for it.
     */
    static void beforeProbe(Cluster cluster, Rsc rsc, SNode node, Action probe) {
        if (!needsUnfencing(cluster, rsc)) {
            return;
        }
        Action unfence = Fencing.fenceOp(cluster, node, ON, true, null, false);
        cluster.orderings.add(Ordering.actions(unfence, probe, Action.ORDER_OPTIONAL));
        if (!unfenced(node) && node.online && !node.unclean && !node.shutdown) {
            Fencing.fenceOp(cluster, node, ON, false, "required by " + rsc.id + " " + probe.task, false);
        }
    }

    /**
     * A resource that requires unfencing stops before a node's unfencing and starts after it
     * there; a required unfencing thus restarts it on that node.
     */
    static void orderStartsAndStops(Cluster cluster) {
        if (!cluster.unfencingEnabled) {
            return;
        }
        for (Rsc rsc : cluster.byId.values()) {
            if (!rsc.isPrimitive() || rsc.isFencingDevice || !"unfencing".equals(rsc.requires)) {
                continue;
            }
            for (SNode node : rsc.allowed.keySet()) {
                if (node.isRemote()) {
                    continue; // remote nodes are not unfenced this way
                }
                Action unfence = Fencing.fenceOp(cluster, node, ON, true, null, false);
                for (Action stop : Actions.byTask(rsc, "stop", node)) {
                    cluster.orderings.add(Ordering.actions(stop, unfence, Action.ORDER_OPTIONAL));
                }
                for (Action start : Actions.byTask(rsc, "start", node)) {
                    cluster.orderings.add(Ordering.actions(unfence, start, Action.IMPLIES_THEN_ON_NODE));
                }
            }
        }
    }

    private static boolean needsUnfencing(Cluster cluster, Rsc rsc) {
        return cluster.unfencingEnabled && (rsc.isFencingDevice || "unfencing".equals(rsc.requires));
    }
}
