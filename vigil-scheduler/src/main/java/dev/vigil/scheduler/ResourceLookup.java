package dev.vigil.scheduler;

import dev.vigil.model.cib.LrmResource;
import dev.vigil.model.cib.Operations;
import dev.vigil.model.cib.Primitive;
import java.util.List;

/**
 * Maps a history entry ({@code lrm_resource id}) on a node to the resource it belongs to: a
 * configured primitive, an instance of a clone (anonymous clone instances are interchangeable,
 * so the entry takes an instance already active on that node or a free one), or an orphan
 * (history of a resource that is no longer configured).
 */
final class ResourceLookup {
    private ResourceLookup() {
    }

    static Rsc forHistory(Cluster cluster, SNode node, LrmResource entry) {
        String historyId = entry.id();
        Rsc direct = cluster.byId.get(historyId);
        if (direct != null && direct.isPrimitive() && direct.enclosingClone() == null) {
            return direct;
        }
        String base = stripInstance(historyId);
        Rsc clone = cloneOwning(cluster, base);
        if (clone != null && clone.parent != null && clone.parent.isBundle()) {
            return bundledInstance(cluster, clone, base, node, historyId, entry);
        }
        if (clone != null) {
            if (clone.globallyUnique) {
                Rsc exact = cluster.byId.get(historyId);
                if (exact != null && exact.isPrimitive()) {
                    return exact;
                }
                return cloneOrphan(cluster, clone, base, historyId, entry);
            }
            return anonymousInstance(cluster, clone, base, node, historyId, entry);
        }
        if (direct != null && direct.isPrimitive()) {
            return direct;
        }
        return orphan(cluster, historyId, entry);
    }

    static String stripInstance(String id) {
        int colon = id.lastIndexOf(':');
        if (colon < 0) {
            return id;
        }
        String suffix = id.substring(colon + 1);
        return suffix.chars().allMatch(Character::isDigit) && !suffix.isEmpty() ? id.substring(0, colon) : id;
    }

    /** The clone whose (possibly grouped) primitive has this base id. */
    private static Rsc cloneOwning(Cluster cluster, String baseId) {
        for (Rsc top : cluster.byId.values()) {
            if (!top.isClone() || top.children.isEmpty()) {
                continue;
            }
            for (Rsc p : top.children.get(0).primitives()) {
                if (p.baseId().equals(baseId)) {
                    return top;
                }
            }
        }
        return null;
    }

    /** The primitive of an instance that corresponds to the history's base id. */
    static Rsc memberOf(Rsc instance, String baseId) {
        for (Rsc p : instance.primitives()) {
            if (p.baseId().equals(baseId)) {
                return p;
            }
        }
        return null;
    }

    private static Rsc anonymousInstance(Cluster cluster, Rsc clone, String base, SNode node, String historyId,
                                         LrmResource entry) {
        Rsc found = null;
        Rsc inactive = null;
        boolean skipInactive = false;
        for (Rsc instance : clone.children) {
            if (found != null) {
                break;
            }
            if (!instance.runningOn.isEmpty() || instance.pendingNode != null && instance.isPrimitive()) {
                SNode where = !instance.runningOn.isEmpty() ? instance.runningOn.get(0) : instance.pendingNode;
                if (where == node) {
                    Rsc member = memberOf(instance, base);
                    if (member != null) {
                        if (!member.runningOn.isEmpty()) {
                            skipInactive = true;
                        } else {
                            found = member;
                        }
                    }
                }
            } else if (!skipInactive && inactive == null && !instance.blocked) {
                Rsc member = memberOf(instance, base);
                if (member != null && (member.pendingNode == null || member.pendingNode == node)) {
                    inactive = member;
                }
            }
        }
        if (found == null && !skipInactive) {
            found = inactive;
        }
        if (found != null && !"fencing".equals(found.requires) && !"unfencing".equals(found.requires)
                && (!node.online || node.unclean) && !node.isGuest()) {
            found = null;
        }
        if (found == null) {
            return cloneOrphan(cluster, clone, base, historyId, entry);
        }
        return found;
    }

    /** A bundled instance is the one of the replica whose guest node the history is from. */
    private static Rsc bundledInstance(Cluster cluster, Rsc clone, String base, SNode node, String historyId,
                                       LrmResource entry) {
        for (Bundles.Replica replica : clone.parent.replicas) {
            if (replica.node == node && replica.child != null) {
                return replica.child;
            }
        }
        return cloneOrphan(cluster, clone, base, historyId, entry);
    }

    /** A new instance beyond clone-max, marked orphan, for history that fits no instance. */
    private static Rsc cloneOrphan(Cluster cluster, Rsc clone, String base, String historyId, LrmResource entry) {
        int n = clone.children.size();
        while (cluster.byId.containsKey(base + ":" + n)) {
            n++;
        }
        Rsc template = clone.children.isEmpty() ? null : clone.children.get(0);
        Rsc instance = Unpacker.cloneInstance(cluster, clone, ":" + n);
        markOrphan(instance);
        clone.children.add(instance);
        Rsc member = memberOf(instance, base);
        return member != null ? member : template;
    }

    private static void markOrphan(Rsc rsc) {
        rsc.orphan = true;
        for (Rsc c : rsc.children) {
            markOrphan(c);
        }
    }

    private static Rsc orphan(Cluster cluster, String id, LrmResource entry) {
        Rsc existing = cluster.byId.get(id);
        if (existing != null && existing.orphan) {
            return existing;
        }
        Primitive config = new Primitive(id, null, entry.agentClass(), entry.provider(), entry.type(), null,
                List.of(), List.of(), List.of(), Operations.NONE);
        Rsc rsc = new Rsc(id, Rsc.Variant.PRIMITIVE, config, null);
        rsc.agentClass = entry.agentClass();
        rsc.agentProvider = entry.provider();
        rsc.agentType = entry.type();
        rsc.orphan = true;
        rsc.isFencingDevice = "stonith".equals(entry.agentClass());
        rsc.managed = !cluster.options.maintenanceMode() && cluster.options.stopOrphanResources();
        if (cluster.options.symmetricCluster()) {
            for (SNode n : cluster.nodes) {
                rsc.allowed.put(n, n.baseWeight);
            }
        }
        rsc.requires = rsc.isFencingDevice ? "quorum" : cluster.options.stonithEnabled() ? "fencing" : "quorum";
        cluster.index.unpackSets(cluster.cib.configuration().rscDefaults(), RuleContext.timeOnly(cluster.now),
                rsc.meta, false);
        cluster.byId.put(id, rsc);
        cluster.resources.add(rsc);
        cluster.orphans.add(rsc);
        RemoteNodes.adoptOrphan(cluster, rsc, entry);
        if (rsc.managed) {
            // A removed resource must not run anywhere; it is stopped where it still runs.
            for (SNode n : cluster.nodes) {
                cluster.locations.add(new Cluster.LocationRule("__orphan_do_not_run__", rsc, null,
                        java.util.Map.of(n, dev.vigil.model.Score.MINUS_INFINITY), null));
            }
        }
        return rsc;
    }
}
