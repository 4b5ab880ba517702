package dev.vigil.scheduler;

import dev.vigil.model.Score;
import dev.vigil.model.cib.LrmResource;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Shutdown locks ({@code shutdown-lock}): resources active on a node when it is cleanly shut
 * down stay locked to that node, not allowed to run elsewhere, until it comes back (or for at
 * most {@code shutdown-lock-limit}). Fence devices, remote connections and clone instances are
 * never locked. A stopped locked resource is recorded with the lock's time in its history
 * entry; an expired lock's entry is deleted.
 */
final class ShutdownLocks {
    private ShutdownLocks() {
    }

    /** A history entry that records a lock from an earlier shutdown of the node. */
    static void noteHistory(Cluster cluster, Rsc rsc, SNode node, LrmResource entry) {
        if (!cluster.options.shutdownLock() || entry.shutdownLock() == null || !lockable(rsc)) {
            return;
        }
        long lockedAt = parse(entry.shutdownLock());
        if (expired(cluster, lockedAt)) {
            Action delete = Actions.custom(cluster, rsc, Action.key(rsc.id, "lrm_delete", 0), "lrm_delete", node, false);
            delete.dcAction = true; // the node's history is kept by the cluster, whether the node is up or not
            delete.runnable = true;
            return;
        }
        rsc.lockNode = node;
        rsc.lockTime = lockedAt;
    }

    /** Locks what runs on nodes shutting down now, then keeps every locked resource off other nodes. */
    static void apply(Cluster cluster) {
        if (!cluster.options.shutdownLock()) {
            return;
        }
        for (Rsc rsc : cluster.byId.values()) {
            SNode node = rsc.runningOn.size() == 1 ? rsc.runningOn.get(0) : null;
            if (node != null && node.online && node.shutdown && lockable(rsc)) {
                long since = parse(node.attributes.get("shutdown"));
                if (!expired(cluster, since)) {
                    rsc.lockNode = node;
                    rsc.lockTime = since;
                }
            }
            if (rsc.lockNode != null) {
                banElsewhere(cluster, rsc);
            }
        }
    }

    private static void banElsewhere(Cluster cluster, Rsc rsc) {
        Map<SNode, Integer> scores = new LinkedHashMap<>();
        for (SNode node : cluster.nodes) {
            if (node != rsc.lockNode) {
                scores.put(node, Score.MINUS_INFINITY);
            }
        }
        cluster.locations.add(new Cluster.LocationRule("shutdown-lock", rsc, null, scores, null));
    }

    private static boolean lockable(Rsc rsc) {
        return rsc.isPrimitive() && !rsc.isFencingDevice && !rsc.isRemoteConnection && rsc.enclosingClone() == null
                && rsc.top().variant != Rsc.Variant.BUNDLE;
    }

    private static boolean expired(Cluster cluster, long lockedAt) {
        long limitSeconds = cluster.options.shutdownLockLimitMs() / 1000;
        return limitSeconds > 0 && cluster.now > lockedAt + limitSeconds;
    }

    private static long parse(String seconds) {
        try {
            return seconds == null ? 0 : Long.parseLong(seconds.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
