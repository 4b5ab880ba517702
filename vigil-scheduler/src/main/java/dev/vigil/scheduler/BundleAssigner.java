package dev.vigil.scheduler;

import dev.vigil.model.Role;
import dev.vigil.model.Score;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Placement of bundles: the containers are spread over the nodes like clone instances (at
 * most replicas-per-host on a node), each replica's IP and connection follow its container,
 * and each instance of the bundled primitive runs on its replica's guest node.
 */
final class BundleAssigner {
    /** The score an instance has on its own replica's guest node. */
    private static final int REPLICA_NODE_SCORE = 500;
    /** A replica's connection prefers its container's host, but may run elsewhere. */
    static final int CONNECTION_WITH_CONTAINER = 10_000;

    private BundleAssigner() {
    }

    // ------------------------------------------------------------------ node criteria

    /**
     * The implicit clone may not run on its own guest nodes; each instance only on its
     * replica's guest node. A guest node that was configured before the bundle created it is
     * banned for the resources configured before the bundle.
     */
    static void nodeCriteria(Cluster cluster, Rsc bundle) {
        Rsc clone = bundle.bundledClone;
        if (clone != null) {
            for (Bundles.Replica replica : bundle.replicas) {
                if (replica.node == null) {
                    continue;
                }
                clone.allowed.put(replica.node, Score.MINUS_INFINITY);
                if (replica.child != null) {
                    replica.child.allowed.clear();
                    replica.child.allowed.put(replica.node, REPLICA_NODE_SCORE);
                }
            }
        }
        for (Bundles.Replica replica : bundle.replicas) {
            if (replica.node != null && replica.node.configured) {
                banForEarlierResources(cluster, bundle, replica);
            }
        }
    }

    private static void banForEarlierResources(Cluster cluster, Rsc bundle, Bundles.Replica replica) {
        for (Rsc rsc : cluster.resources) {
            if (rsc == bundle) {
                break;
            }
            banEverywhereBelow(rsc, replica.node);
        }
        // The bundle's own containers and addresses made before the guest node are banned too.
        for (Bundles.Replica r : bundle.replicas) {
            if (r.index > replica.index) {
                break;
            }
            for (Rsc rsc : new Rsc[] {r.container, r.ip}) {
                if (rsc != null) {
                    rsc.allowed.put(replica.node, 0);
                }
            }
        }
    }

    private static void banEverywhereBelow(Rsc rsc, SNode node) {
        if (rsc.allowed.containsKey(node)) {
            rsc.allowed.put(node, Score.MINUS_INFINITY);
        }
        for (Rsc child : rsc.children) {
            banEverywhereBelow(child, node);
        }
    }

    /** A location constraint on a bundle applies to its containers and addresses (and by role to its clone). */
    static void applyLocation(Placement placement, Rsc bundle, Cluster.LocationRule rule) {
        for (Bundles.Replica replica : bundle.replicas) {
            placement.applyLocation(replica.container, rule);
            if (replica.ip != null) {
                placement.applyLocation(replica.ip, rule);
            }
        }
        boolean byRole = rule.role() == Role.PROMOTED || rule.role() == Role.UNPROMOTED;
        if (bundle.bundledClone != null && byRole) {
            placement.applyLocation(bundle.bundledClone, rule);
        }
    }

    // ------------------------------------------------------------------ assignment

    static SNode assign(Placement placement, Cluster cluster, Rsc bundle, SNode prefer) {
        if (!bundle.provisional || bundle.assigning) {
            return null;
        }
        bundle.assigning = true;
        placement.showScores("pcmk__bundle_allocate", bundle);
        if (bundle.bundledClone != null) {
            placement.showScores("pcmk__bundle_allocate", bundle.bundledClone);
        }
        shareColocations(bundle);
        distributeContainers(placement, bundle);
        for (Bundles.Replica replica : bundle.replicas) {
            if (replica.ip != null) {
                placement.assign(replica.ip, prefer);
            }
            SNode host = replica.container.assigned;
            if (replica.remote != null && host != null && host.isRemote() && host.remoteRsc != null) {
                // A remote node's pacemaker-remoted takes one connection: nest it in the host's.
                Constraints.addColocation(cluster, new Colocation("child-remote-with-docker-remote", replica.remote,
                        host.remoteRsc, Score.INFINITY, Role.UNKNOWN, Role.UNKNOWN, null, true));
            }
            if (replica.remote != null) {
                placement.assign(replica.remote, prefer);
                RemoteNodes.connectionAssigned(replica.remote);
            }
            if (replica.child != null) {
                assignChild(placement, replica);
            }
        }
        Rsc clone = bundle.bundledClone;
        if (clone != null) {
            for (Map.Entry<SNode, Integer> e : clone.allowed.entrySet()) {
                e.setValue(isNodeOf(bundle, e.getKey()) ? 0 : Score.MINUS_INFINITY);
            }
            placement.assign(clone, prefer);
        }
        bundle.assigning = false;
        bundle.provisional = false;
        return null;
    }

    /**
     * A resource colocated with a bundle: with a mandatory colocation it may only run where
     * one of the bundle's containers (with a promoted instance, when the role is asked for)
     * runs; otherwise each container adds its preference.
     */
    static void applyBundleAsPrimary(Rsc dependent, Rsc bundle, Colocation c) {
        if (bundle.provisional) {
            return;
        }
        if (c.score() < Score.INFINITY) {
            for (Bundles.Replica replica : bundle.replicas) {
                Colocations.applyToScores(dependent, replica.container.assigned, c);
            }
            return;
        }
        List<SNode> hosts = new ArrayList<>();
        for (Bundles.Replica replica : bundle.replicas) {
            SNode host = replica.container.assigned;
            if (host == null || replica.container.blocked) {
                continue;
            }
            boolean wantsPromoted = c.primaryRole() == Role.PROMOTED;
            if (wantsPromoted && (replica.child == null || replica.child.nextRole != Role.PROMOTED)) {
                continue;
            }
            hosts.add(host);
        }
        for (Map.Entry<SNode, Integer> e : dependent.allowed.entrySet()) {
            if (!hosts.contains(e.getKey())) {
                e.setValue(Score.MINUS_INFINITY);
            }
        }
    }

    private static boolean isNodeOf(Rsc bundle, SNode node) {
        for (Bundles.Replica replica : bundle.replicas) {
            if (replica.node == node) {
                return true;
            }
        }
        return false;
    }

    /** The instance runs on its replica's guest node or nowhere. */
    private static void assignChild(Placement placement, Bundles.Replica replica) {
        Rsc child = replica.child;
        for (Map.Entry<SNode, Integer> e : child.allowed.entrySet()) {
            if (e.getKey() != replica.node) {
                e.setValue(Score.MINUS_INFINITY);
            } else if (!placement.thresholdReached(child, e.getKey())) {
                e.setValue(Score.INFINITY);
            }
        }
        Rsc clone = child.parent;
        boolean wasAssigning = clone.assigning;
        clone.assigning = true;
        placement.assign(child, replica.node);
        clone.assigning = wasAssigning;
    }

    /**
     * The bundle's colocations apply to each container: those it follows (when mandatory or
     * negative), and those that follow it (when negative), all of them when the replicas do not
     * cover every usable node.
     */
    private static void shareColocations(Rsc bundle) {
        int usable = 0;
        for (SNode node : bundle.allowed.keySet()) {
            if (Placement.available(node, false, bundle.allowed)) {
                usable++;
            }
        }
        boolean all = bundle.replicas.size() < usable;
        for (Bundles.Replica replica : bundle.replicas) {
            for (Colocation c : bundle.thisWith) {
                if (all || c.score() < 0 || c.score() >= Score.INFINITY) {
                    replica.container.thisWith.add(c);
                }
            }
            for (Colocation c : bundle.withThis) {
                if (c.influence() && (all || c.score() < 0)) {
                    replica.container.withThis.add(c);
                }
            }
        }
    }

    /**
     * Spreads the containers over the nodes as clone instances are spread: first each
     * healthy active container stays where it runs while that node holds fewer than an even
     * share, then the others go to the best nodes that still have room for replicas-per-host.
     */
    private static void distributeContainers(Placement placement, Rsc bundle) {
        int max = bundle.replicas.size();
        int perHost = bundle.bundleSpec.replicasPerHost();
        List<Rsc> containers = new ArrayList<>();
        for (Bundles.Replica replica : bundle.replicas) {
            containers.add(replica.container);
        }
        containers.sort(Comparator.comparingInt(BundleAssigner::placementRank));
        int available = 0;
        for (SNode node : bundle.allowed.keySet()) {
            if (Placement.available(node, false, bundle.allowed)) {
                available++;
            }
        }
        int evenShare = Math.max(1, available == 0 ? 1 : max / available);
        Map<SNode, Integer> counts = new java.util.HashMap<>();
        int placed = 0;
        for (Rsc container : containers) {
            SNode current = container.currentNode();
            if (placed >= max || current == null || !container.provisional || container.failed) {
                continue;
            }
            if (!Placement.available(current, false, bundle.allowed)
                    || bundle.allowed.getOrDefault(current, Score.MINUS_INFINITY) < 0
                    || counts.getOrDefault(current, 0) >= evenShare) {
                continue;
            }
            if (placeContainer(placement, bundle, container, current, perHost, counts)) {
                placed++;
            }
        }
        for (Rsc container : containers) {
            if (!container.provisional) {
                continue;
            }
            if (placed >= max) {
                container.allowed.replaceAll((node, score) -> Score.MINUS_INFINITY);
            } else if (placeContainer(placement, bundle, container, null, perHost, counts)) {
                placed++;
            }
        }
    }

    /** Active, healthy containers are placed first, failed ones after them, inactive ones last. */
    private static int placementRank(Rsc container) {
        if (!container.isActive()) {
            return 2;
        }
        return container.failed ? 1 : 0;
    }

    /**
     * Places one container, if it can go where it is preferred: nodes that cannot host it, that
     * the bundle may not use, or that hold replicas-per-host already, are banned first.
     */
    private static boolean placeContainer(Placement placement, Rsc bundle, Rsc container, SNode prefer, int perHost,
                                          Map<SNode, Integer> counts) {
        if (prefer != null && container.allowed.getOrDefault(prefer, Score.MINUS_INFINITY) < 0) {
            return false;
        }
        for (Map.Entry<SNode, Integer> e : container.allowed.entrySet()) {
            SNode node = e.getKey();
            Integer bundleScore = bundle.allowed.get(node);
            if (!Placement.available(node, false, container.allowed) || bundleScore == null
                    || counts.getOrDefault(node, 0) >= perHost && bundleScore >= 0) {
                e.setValue(Score.MINUS_INFINITY);
            } else if (bundleScore < 0) {
                e.setValue(bundleScore);
            }
        }
        Map<SNode, Integer> backup = new java.util.LinkedHashMap<>(container.allowed);
        SNode chosen = placement.assign(container, prefer);
        if (chosen != null && prefer != null && chosen != prefer) {
            // Somewhere else is better: it waits for the second round.
            placement.unassign(container);
            container.provisional = true;
            container.allowed.clear();
            container.allowed.putAll(backup);
            return false;
        }
        if (chosen != null) {
            counts.merge(chosen, 1, Integer::sum);
        }
        return chosen != null;
    }
}
