package dev.vigil.scheduler;

import dev.vigil.model.Role;
import dev.vigil.model.Score;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stage 2: node scores and assignment. First every resource gets a score per node from the
 * cluster's symmetry, node health, location constraints, stickiness and fail counts; then
 * resources are assigned in priority order, each taking its colocations into account (the
 * resource it must follow is assigned first; resources that follow it pull it towards them).
 */
final class Placement {
    private final Cluster cluster;

    private Placement(Cluster cluster) {
        this.cluster = cluster;
    }

    static void applyNodeCriteria(Cluster cluster) {
        Placement p = new Placement(cluster);
        for (Rsc rsc : cluster.resources) {
            p.symmetricDefault(rsc);
        }
        p.applyLocations();
        for (Rsc rsc : cluster.byId.values()) {
            p.applyExclusiveDiscovery(rsc);
        }
        for (Rsc rsc : cluster.resources) {
            p.stickiness(rsc);
        }
        for (SNode node : cluster.nodes) {
            for (Rsc rsc : cluster.resources) {
                p.failureThreshold(rsc, node);
            }
        }
    }

    static void assignAll(Cluster cluster) {
        Placement p = new Placement(cluster);
        if (Utilization.enabled(cluster)) {
            Utilization.createLoadActions(cluster);
            Utilization.sortForAssignment(cluster.resources);
        }
        for (Rsc rsc : cluster.resources) {
            if (rsc.isRemoteConnection) {
                p.assign(rsc, rsc.partialMigrationTarget);
                RemoteNodes.connectionAssigned(rsc);
            }
        }
        for (Rsc rsc : cluster.resources) {
            if (!rsc.isRemoteConnection) {
                p.assign(rsc, null);
            }
        }
    }

    // ------------------------------------------------------------------ node criteria

    private void symmetricDefault(Rsc rsc) {
        if (cluster.options.symmetricCluster() && !rsc.orphan) {
            for (SNode node : cluster.nodes) {
                if (!node.bundleNode) { // only the bundle's own instances may use its guest nodes
                    addScore(rsc, node, 0, true);
                }
            }
            if (rsc.bundledClone != null) {
                symmetricDefault(rsc.bundledClone);
            }
        }
        if (rsc.isBundle()) {
            BundleAssigner.nodeCriteria(cluster, rsc);
        }
    }

    /**
     * Adds a score for a node to a resource and (for collective resources) to its children;
     * the node enters the resource's table with its base weight when first seen.
     */
    void addScore(Rsc rsc, SNode node, int score, boolean symmetricDefault) {
        for (Rsc child : rsc.children) {
            addScore(child, node, score, symmetricDefault);
        }
        Integer current = rsc.allowed.get(node);
        if (current == null) {
            rsc.allowed.put(node, Score.add(node.baseWeight, score));
        } else {
            rsc.allowed.put(node, Score.add(current, score));
        }
    }

    /** Adds a score on every node of the cluster (or of the resource's table when {@code known}). */
    void addScoreEverywhere(Rsc rsc, int score) {
        for (SNode node : cluster.nodes) {
            addScore(rsc, node, score, false);
        }
    }

    private void applyLocations() {
        for (Cluster.LocationRule rule : cluster.locations) {
            applyLocation(rule.rsc(), rule);
        }
    }

    /**
     * A location rule applies to the resource and its children. In a colocated group only the
     * first member takes the scores; later members only learn of the nodes (at score 0),
     * since they follow the first member anyway.
     */
    void applyLocation(Rsc rsc, Cluster.LocationRule rule) {
        if (rule.role() != null && rule.role() != Role.UNKNOWN) {
            if (rsc.nextRole != rule.role()) {
                return;
            }
        }
        for (Map.Entry<SNode, Integer> e : rule.scores().entrySet()) {
            SNode node = e.getKey();
            Integer current = rsc.allowed.get(node);
            rsc.allowed.put(node, current == null ? Score.add(node.baseWeight, e.getValue())
                    : Score.add(current, e.getValue()));
            if (e.getValue() != 0) {
                cluster.trace.contribute(rsc.id, node.name, "location constraint " + rule.id(), e.getValue());
            }
            Discovery.note(rsc, node, rule.discovery());
        }
        if (rsc.isGroup() || rsc.isClone()) {
            Cluster.LocationRule current = rule;
            for (Rsc child : rsc.children) {
                applyLocation(child, current);
                if (rsc.isGroup() && rsc.colocated && current == rule) {
                    Map<SNode, Integer> zero = new LinkedHashMap<>();
                    rule.scores().keySet().forEach(n -> zero.put(n, 0));
                    current = new Cluster.LocationRule(rule.id(), rule.rsc(), rule.role(), zero, rule.discovery());
                }
            }
        } else if (rsc.isBundle()) {
            BundleAssigner.applyLocation(this, rsc, rule);
        }
    }

    /** With exclusive discovery, a resource may only run where such a constraint enables discovery. */
    private void applyExclusiveDiscovery(Rsc rsc) {
        if (!rsc.exclusiveDiscovery) {
            return;
        }
        for (Map.Entry<SNode, Integer> e : rsc.allowed.entrySet()) {
            if (!"exclusive".equals(Discovery.mode(rsc, e.getKey()))) {
                e.setValue(Score.MINUS_INFINITY);
            }
        }
    }

    private void stickiness(Rsc rsc) {
        if (!rsc.children.isEmpty() || rsc.bundledClone != null) {
            for (Rsc child : rsc.children) {
                stickiness(child);
            }
            if (rsc.bundledClone != null) {
                stickiness(rsc.bundledClone);
            }
            return;
        }
        if (!rsc.managed || rsc.stickiness < 1 || rsc.runningOn.size() != 1) {
            return;
        }
        SNode node = rsc.runningOn.get(0);
        if (!cluster.options.symmetricCluster() && !rsc.allowed.containsKey(node)) {
            return;
        }
        addScore(rsc, node, rsc.stickiness, false);
        cluster.trace.contribute(rsc.id, node.name, "resource-stickiness (it is running here)", rsc.stickiness);
    }

    /** Has the resource failed on the node as often as its migration-threshold allows? */
    boolean thresholdReached(Rsc rsc, SNode node) {
        if (rsc.migrationThreshold == 0 || rsc.failureIgnored) {
            return false;
        }
        int failures = FailCounts.count(cluster, rsc, node);
        return failures > 0 && rsc.migrationThreshold - failures <= 0;
    }

    private void failureThreshold(Rsc rsc, SNode node) {
        if (!rsc.children.isEmpty() || rsc.bundledClone != null) {
            for (Rsc child : new ArrayList<>(rsc.children)) {
                failureThreshold(child, node);
            }
            if (rsc.bundledClone != null) {
                failureThreshold(rsc.bundledClone, node);
            }
            return;
        }
        if (rsc.migrationThreshold == 0 || rsc.failureIgnored) {
            return;
        }
        int failures = Containers.failCount(cluster, rsc, node);
        if (failures <= 0) {
            return;
        }
        Rsc banned = rsc;
        Rsc clone = rsc.enclosingClone();
        if (clone != null && !clone.globallyUnique) {
            banned = rsc.top();
        }
        if (rsc.migrationThreshold - failures <= 0) {
            cluster.warnings.add(rsc.id + " cannot run on " + node.name
                    + " due to reaching migration threshold (clean up resource to allow again)");
            addScore(banned, node, Score.MINUS_INFINITY, false);
            cluster.trace.contribute(banned.id, node.name, "fail count " + failures + " reached migration-threshold "
                    + rsc.migrationThreshold, Score.MINUS_INFINITY);
        }
    }

    // ------------------------------------------------------------------ assignment

    SNode assign(Rsc rsc, SNode prefer) {
        return switch (rsc.variant) {
            case PRIMITIVE -> assignPrimitive(rsc, prefer);
            case GROUP -> assignGroup(rsc, prefer);
            case CLONE -> CloneAssigner.assign(this, cluster, rsc, prefer);
            case BUNDLE -> BundleAssigner.assign(this, cluster, rsc, prefer);
        };
    }

    private SNode assignGroup(Rsc group, SNode prefer) {
        if (!group.provisional) {
            return group.assigned;
        }
        if (group.assigning) {
            return null;
        }
        if (group.children.isEmpty()) {
            group.provisional = false;
            return null;
        }
        group.assigning = true;
        Colocations.handOverGroupColocations(cluster, group);
        Rsc first = group.children.get(0);
        group.role = first.role;
        showScores(stageName(group, "pcmk__group_assign"), group);
        SNode firstNode = null;
        boolean seenFirst = false;
        for (Rsc member : group.children) {
            SNode node = assign(member, prefer);
            if (!seenFirst) {
                firstNode = node;
                seenFirst = true;
            }
        }
        group.nextRole = first.nextRole;
        group.assigning = false;
        group.provisional = false;
        if (!group.colocated) {
            return null;
        }
        group.assigned = firstNode;
        return firstNode;
    }

    /** Scores are printed under the name of the Pacemaker function that reports them. */
    private String stageName(Rsc rsc, String name) {
        return name;
    }

    void showScores(String stage, Rsc rsc) {
        if (rsc.orphan) {
            return; // removed resources are only stopped, so their scores are not shown
        }
        for (Map.Entry<SNode, Integer> e : rsc.allowed.entrySet()) {
            cluster.trace.allocation(stage, rsc.id, e.getKey().name, e.getValue());
        }
        for (Rsc child : rsc.children) {
            showScores(stage, child);
        }
    }

    SNode assignPrimitive(Rsc rsc, SNode prefer) {
        if (rsc.parent != null && !rsc.parent.assigning) {
            assign(rsc.parent, prefer);
        }
        if (!rsc.provisional) {
            return rsc.assigned;
        }
        if (rsc.assigning) {
            return null;
        }
        rsc.assigning = true;
        for (Colocation c : Colocations.thisWith(rsc)) {
            Map<SNode, Integer> before = new LinkedHashMap<>(rsc.allowed);
            applyThisWith(c, rsc);
            traceChange(rsc, before, "colocation " + c.id() + " with " + c.primary().id);
        }
        for (Colocation c : Colocations.withThisForAssignment(cluster, rsc)) {
            Map<SNode, Integer> before = new LinkedHashMap<>(rsc.allowed);
            Colocations.addDependentScores(cluster, c, rsc);
            traceChange(rsc, before, "colocation " + c.id() + ": " + c.dependent().id + " wants to be with it");
        }
        if (rsc.nextRole == Role.STOPPED) {
            for (SNode node : cluster.nodes) {
                addScore(rsc, node, Score.MINUS_INFINITY, false);
                cluster.trace.contribute(rsc.id, node.name, "target-role is Stopped (disabled)", Score.MINUS_INFINITY);
            }
            rsc.assigned = null;
        } else if (rsc.nextRole != null && rsc.nextRole.compareTo(rsc.role) > 0 && !cluster.haveQuorum
                && cluster.options.noQuorumPolicy().equals("freeze")) {
            rsc.nextRole = rsc.role;
        }
        showScores("pcmk__primitive_assign", rsc);
        if (cluster.options.stonithEnabled() && !Fencing.haveFencingDevice(cluster) && !cluster.options.haveWatchdog()) {
            rsc.managed = false;
        }
        if (!rsc.managed) {
            rsc.nextRole = rsc.role;
            finalizeAssignment(rsc, rsc.currentNode(), true);
        } else if (cluster.options.stopAllResources()) {
            finalizeAssignment(rsc, null, true);
        } else if (rsc.provisional) {
            SNode roomiest = Utilization.enabled(cluster) ? Utilization.banInsufficientCapacity(cluster, rsc) : null;
            assignBestNode(rsc, prefer != null ? prefer : roomiest);
        }
        rsc.assigning = false;
        return rsc.assigned;
    }

    /** Records, per node, how a step changed the resource's scores (for {@code vigil explain}). */
    private void traceChange(Rsc rsc, Map<SNode, Integer> before, String source) {
        for (Map.Entry<SNode, Integer> e : rsc.allowed.entrySet()) {
            int after = e.getValue();
            Integer old = before.get(e.getKey());
            int delta;
            if (old == null || isInfinite(after)) {
                delta = old != null && old == after ? 0 : after;
            } else if (isInfinite(old)) {
                delta = 0; // an infinite score absorbs every finite change
            } else {
                delta = after - old;
            }
            if (delta != 0) {
                cluster.trace.contribute(rsc.id, e.getKey().name, source, delta);
            }
        }
    }

    private static boolean isInfinite(int score) {
        return score >= Score.INFINITY || score <= Score.MINUS_INFINITY;
    }

    static boolean isMandatory(int score) {
        return score <= Score.MINUS_INFINITY || score >= Score.INFINITY;
    }

    private void applyThisWith(Colocation c, Rsc rsc) {
        Map<SNode, Integer> archive = null;
        if (c.dependentRole().compareTo(Role.PROMOTED) >= 0 && c.dependentRole() != Role.UNKNOWN
                || (c.score() < 0 && c.score() > Score.MINUS_INFINITY)) {
            archive = new LinkedHashMap<>(rsc.allowed);
        }
        assign(c.primary(), null);
        Colocations.applyToDependent(cluster, rsc, c.primary(), c);
        if (archive != null && !Colocations.anyNodeAvailable(rsc.allowed)) {
            rsc.allowed.clear();
            rsc.allowed.putAll(archive);
        }
    }

    private void assignBestNode(Rsc rsc, SNode prefer) {
        List<SNode> sorted = sortNodes(rsc.allowed, rsc.currentNode());
        SNode best = sorted.isEmpty() ? null : sorted.get(0);
        SNode chosen = null;
        if (prefer != null && best != null) {
            Integer preferScore = rsc.allowed.get(prefer);
            if (preferScore != null && preferScore >= rsc.allowed.get(best) && available(prefer, true, rsc.allowed)) {
                chosen = prefer;
            }
        }
        if (chosen == null && best != null) {
            chosen = best;
            Rsc clone = rsc.enclosingClone();
            boolean uniqueInstance = clone != null && clone.globallyUnique && rsc.parent == clone;
            int bestScore = rsc.allowed.get(best);
            if (!uniqueInstance && bestScore > 0 && available(best, false, rsc.allowed)) {
                SNode running = rsc.currentNode();
                if (running != null && available(running, true, rsc.allowed)) {
                    for (int i = 1; i < sorted.size(); i++) {
                        SNode n = sorted.get(i);
                        if (rsc.allowed.get(n) != bestScore) {
                            break;
                        }
                        if (n == running) {
                            chosen = n;
                        }
                    }
                }
            }
        }
        finalizeAssignment(rsc, chosen, false);
    }

    /** Nodes sorted as Pacemaker prefers them: score, then load, then the current node, then name. */
    List<SNode> sortNodes(Map<SNode, Integer> scores, SNode active) {
        return sortNodes(cluster, scores, active);
    }

    static List<SNode> sortNodes(Cluster cluster, Map<SNode, Integer> scores, SNode active) {
        List<SNode> nodes = new ArrayList<>(scores.keySet());
        nodes.sort((a, b) -> {
            int sa = available(a, false, scores) ? scores.get(a) : Score.MINUS_INFINITY;
            int sb = available(b, false, scores) ? scores.get(b) : Score.MINUS_INFINITY;
            if (sa != sb) {
                return sa > sb ? -1 : 1;
            }
            String strategy = cluster.options.placementStrategy();
            if (!strategy.equals("minimal")) {
                if (strategy.equals("balanced")) {
                    int c = Utilization.compareCapacities(a, b);
                    if (c != 0) {
                        return c;
                    }
                }
                if (a.assignedCount != b.assignedCount) {
                    return a.assignedCount < b.assignedCount ? -1 : 1;
                }
                if (active != null) {
                    if (active == a) {
                        return -1;
                    }
                    if (active == b) {
                        return 1;
                    }
                }
            }
            return a.name.compareTo(b.name);
        });
        return nodes;
    }

    /** Can the node take resources (and, when {@code considerScore}, is its score non-negative)? */
    static boolean available(SNode node, boolean considerScore, Map<SNode, Integer> scores) {
        if (node == null || !node.online || node.shutdown || node.unclean || node.standby || node.maintenance) {
            return false;
        }
        return !considerScore || scores.getOrDefault(node, Score.MINUS_INFINITY) >= 0;
    }

    /** Records the assignment (or that the resource will stop). */
    boolean finalizeAssignment(Rsc rsc, SNode chosen, boolean force) {
        SNode node = chosen;
        if (!force && node != null && (rsc.allowed.getOrDefault(node, Score.MINUS_INFINITY) < 0
                || !available(node, true, rsc.allowed))) {
            rsc.nextRole = Role.STOPPED;
            node = null;
        }
        unassign(rsc);
        rsc.provisional = false;
        if (node == null) {
            rsc.nextRole = Role.STOPPED;
            for (Action a : rsc.actions) {
                if (a.task.equals("stop")) {
                    a.optional = false;
                } else if (a.task.equals("start")) {
                    a.runnable = false;
                } else if (a.intervalMs > 0 && !"7".equals(a.meta.get("op_target_rc"))) {
                    a.runnable = false;
                }
            }
            return false;
        }
        rsc.assigned = node;
        node.assignedCount++;
        Utilization.consume(node, rsc);
        return true;
    }

    /** Takes back an assignment after the fact: the resource (and its members) will stop. */
    static void forceStop(Cluster cluster, Rsc rsc) {
        Placement p = new Placement(cluster);
        for (Rsc child : rsc.children) {
            forceStop(cluster, child);
        }
        p.finalizeAssignment(rsc, null, true);
    }

    void unassign(Rsc rsc) {
        if (rsc.assigned != null) {
            rsc.assigned.assignedCount--;
            Utilization.release(rsc.assigned, rsc);
            rsc.assigned = null;
        }
    }
}
