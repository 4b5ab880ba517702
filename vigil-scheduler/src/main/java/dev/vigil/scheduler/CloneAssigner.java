package dev.vigil.scheduler;

import dev.vigil.model.Role;
import dev.vigil.model.Score;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Assignment of clone instances and colocations that involve clones.
 *
 * <p>A clone places its instances one by one. Instances already active keep their node if it
 * is still among their best ones (without crowding a node beyond an even share); the others
 * then take the best node that still has room for another instance (clone-node-max). Instances
 * beyond clone-max (orphans) are stopped.
 */
final class CloneAssigner {
    private CloneAssigner() {
    }

    static SNode assign(Placement placement, Cluster cluster, Rsc clone, SNode prefer) {
        if (!clone.provisional || clone.assigning) {
            return null;
        }
        clone.assigning = true;
        if (clone.promotable) {
            Promotion.addPromotionScoresToPlacement(clone);
        }
        for (Colocation c : Colocations.thisWith(clone)) {
            placement.assign(c.primary(), null);
        }
        Map<SNode, Integer> dependentWishes = dependentWishes(cluster, clone);
        for (Colocation c : Colocations.withThis(clone)) {
            mergeDependentPreferences(cluster, clone, c);
        }
        placement.showScores("pcmk__clone_allocate", clone);
        new Distribution(placement, cluster, clone, dependentWishes).run();
        if (clone.promotable) {
            Promotion.assignRoles(cluster, clone);
        }
        clone.provisional = false;
        clone.assigning = false;
        return null;
    }

    /**
     * The clone's dependents' wishes per node, from an even start (only bans kept) and none
     * undone: even a dependent that can run nowhere evens out the nodes it makes unusable.
     */
    private static Map<SNode, Integer> dependentWishes(Cluster cluster, Rsc clone) {
        Map<SNode, Integer> scores = new LinkedHashMap<>();
        for (Map.Entry<SNode, Integer> e : clone.allowed.entrySet()) {
            scores.put(e.getKey(), e.getValue() <= Score.MINUS_INFINITY ? Score.MINUS_INFINITY : 0);
        }
        for (Colocation c : Colocations.withThis(clone)) {
            if (c.influence()) {
                scores = Colocations.addColocatedScores(cluster, c.dependent(), scores, c.nodeAttribute(),
                        c.score() / (float) Score.INFINITY, true, false, false, new HashSet<>());
            }
        }
        return scores;
    }

    /** The clone's own table leans towards where its dependents would like to be. */
    private static void mergeDependentPreferences(Cluster cluster, Rsc clone, Colocation c) {
        if (!c.influence()) {
            return;
        }
        Map<SNode, Integer> merged = Colocations.addColocatedScores(cluster, c.dependent(), clone.allowed,
                c.nodeAttribute(), c.score() / (float) Score.INFINITY, true, true, false, new HashSet<>());
        if (merged != clone.allowed) {
            Map<SNode, Integer> copy = new LinkedHashMap<>(merged);
            clone.allowed.clear();
            clone.allowed.putAll(copy);
        }
    }

    /** One clone's distribution of its instances over the nodes. */
    private static final class Distribution {
        private final Placement placement;
        private final Cluster cluster;
        private final Rsc clone;
        /** What the clone's dependents wish, which orders the instances. */
        private final Map<SNode, Integer> dependentWishes;
        /** Instances placed per node so far. */
        private final Map<SNode, Integer> perNode = new LinkedHashMap<>();
        private int assigned;

        Distribution(Placement placement, Cluster cluster, Rsc clone, Map<SNode, Integer> dependentWishes) {
            this.placement = placement;
            this.cluster = cluster;
            this.clone = clone;
            this.dependentWishes = dependentWishes;
        }

        void run() {
            List<Rsc> instances = sortedInstances();
            int evenShare = Math.max(1, clone.cloneMax / Math.max(1, availableNodes()));
            for (Rsc instance : instances) {
                SNode current = instance.currentNode();
                if (current != null && instance.provisional && !instance.orphan && !failed(instance)
                        && count(current) < evenShare && canHost(current, evenShare)) {
                    place(instance, current, clone.cloneNodeMax);
                }
            }
            for (Rsc instance : instances) {
                if (!instance.provisional) {
                    continue;
                }
                if (instance.orphan) {
                    leaveStopped(instance);
                } else if (assigned >= clone.cloneMax) {
                    banEverywhere(instance);
                    placement.assign(instance, null);
                } else {
                    place(instance, null, clone.cloneNodeMax);
                }
            }
        }

        /** A failed instance does not claim its node first: it is recovered wherever there is room. */
        private static boolean failed(Rsc instance) {
            for (Rsc p : instance.primitives()) {
                if (p.failed) {
                    return true;
                }
            }
            return false;
        }

        /** Nodes that can take resources and where the clone may run. */
        private int availableNodes() {
            int n = 0;
            for (Map.Entry<SNode, Integer> e : clone.allowed.entrySet()) {
                if (e.getValue() >= 0 && Placement.available(e.getKey(), false, clone.allowed)) {
                    n++;
                }
            }
            return n;
        }

        private int count(SNode node) {
            return perNode.getOrDefault(node, 0);
        }

        private boolean canHost(SNode node, int limit) {
            Integer cloneScore = clone.allowed.get(node);
            return cloneScore != null && cloneScore >= 0 && Placement.available(node, false, clone.allowed)
                    && count(node) < limit;
        }

        /**
         * Assigns an instance where it may still go; with a preferred node, only to that node
         * (otherwise the attempt is undone and the instance waits for the second round).
         */
        private void place(Rsc instance, SNode prefer, int limit) {
            for (SNode node : new ArrayList<>(instance.allowed.keySet())) {
                if (!canHost(node, limit)) {
                    ban(instance, node);
                }
            }
            Snapshot before = prefer == null ? null : new Snapshot(instance);
            SNode chosen = placement.assign(instance, prefer);
            if (before != null && chosen != prefer) {
                before.restore(placement);
                return;
            }
            if (chosen != null) {
                perNode.merge(chosen, 1, Integer::sum);
                assigned++;
            }
        }

        /** An orphan (history beyond clone-max) is not placed at all: it stops wherever it is. */
        private void leaveStopped(Rsc rsc) {
            for (Rsc child : rsc.children) {
                leaveStopped(child);
            }
            placement.finalizeAssignment(rsc, null, true);
        }

        private void banEverywhere(Rsc instance) {
            for (SNode node : new ArrayList<>(instance.allowed.keySet())) {
                ban(instance, node);
            }
        }

        private static void ban(Rsc rsc, SNode node) {
            if (rsc.allowed.containsKey(node)) {
                rsc.allowed.put(node, Score.MINUS_INFINITY);
            }
            for (Rsc child : rsc.children) {
                ban(child, node);
            }
        }

        private List<Rsc> sortedInstances() {
            List<Rsc> sorted = new ArrayList<>(clone.children);
            sorted.sort(instanceOrder(cluster, clone, dependentWishes));
            return sorted;
        }

    }

    /**
     * The order in which instances are placed: active ones first, then inactive ones, then
     * active ones the clone may no longer run where they are (so that an inactive instance
     * rather than a moved one takes a free node). Within each: by what the instance itself
     * scores where it is (not what the clone's constraints say), by how much the clone's
     * dependents want that node, by how much it wants its best node counting what the clone
     * follows, otherwise in configuration order.
     */
    static Comparator<Rsc> instanceOrder(Cluster cluster, Rsc clone, Map<SNode, Integer> dependentWishes) {
        Map<Rsc, Integer> preference = new LinkedHashMap<>();
        for (Rsc instance : clone.children) {
            preference.put(instance, preference(cluster, clone, instance));
        }
        return Comparator.comparingInt((Rsc instance) -> activity(clone, instance))
                .thenComparing((Rsc instance) -> whereActive(ownScores(clone, instance), instance),
                        Comparator.reverseOrder())
                .thenComparing((Rsc instance) -> whereActive(dependentWishes, instance), Comparator.reverseOrder())
                .thenComparing(preference::get, Comparator.reverseOrder());
    }

    /**
     * What an instance scores by itself: its stickiness and promotion score, or -INFINITY
     * where it is banned; the clone's location constraints count alike for every instance.
     */
    private static Map<SNode, Integer> ownScores(Rsc clone, Rsc instance) {
        Map<SNode, Integer> own = new LinkedHashMap<>();
        for (Map.Entry<SNode, Integer> e : instance.allowed.entrySet()) {
            SNode node = e.getKey();
            int score = 0;
            if (e.getValue() <= Score.MINUS_INFINITY) {
                score = Score.MINUS_INFINITY;
            } else {
                if (instance.isPrimitive() && instance.managed && instance.runningOn.size() == 1
                        && instance.runningOn.get(0) == node) {
                    score = Math.max(instance.stickiness, 0);
                }
                if (clone.promotable) {
                    score = Score.add(score, Math.max(Promotion.promotionScore(instance, node, 0), 0));
                }
            }
            own.put(node, score);
        }
        return own;
    }

    /**
     * How much an instance wants the node it is on (or, inactive, its best node) by itself,
     * counting what the resources the clone follows want too.
     */
    private static int preference(Cluster cluster, Rsc clone, Rsc instance) {
        Map<SNode, Integer> scores = ownScores(clone, instance);
        for (Colocation c : clone.thisWith) {
            scores = Colocations.addColocatedScores(cluster, c.primary(), scores, c.nodeAttribute(),
                    c.score() / (float) Score.INFINITY, false, true, true, new HashSet<>());
        }
        SNode current = instance.currentNode();
        if (current != null) {
            return scores.getOrDefault(current, Score.MINUS_INFINITY);
        }
        return bestScore(scores);
    }

    private static int whereActive(Map<SNode, Integer> scores, Rsc instance) {
        SNode current = instance.currentNode();
        return current == null ? Score.MINUS_INFINITY : scores.getOrDefault(current, Score.MINUS_INFINITY);
    }

    private static int activity(Rsc clone, Rsc instance) {
        SNode current = instance.currentNode();
        if (current == null) {
            return 1;
        }
        return clone.allowed.getOrDefault(current, Score.MINUS_INFINITY) >= 0 ? 0 : 2;
    }

    private static int bestScore(Map<SNode, Integer> scores) {
        int best = Score.MINUS_INFINITY;
        for (Map.Entry<SNode, Integer> e : scores.entrySet()) {
            if (Placement.available(e.getKey(), false, scores)) {
                best = Math.max(best, e.getValue());
            }
        }
        return best;
    }

    /** An instance's tables and decisions before a tentative assignment, to undo it. */
    private static final class Snapshot {
        private final Map<Rsc, Map<SNode, Integer>> tables = new LinkedHashMap<>();
        private final Map<Rsc, Role> nextRoles = new LinkedHashMap<>();

        Snapshot(Rsc instance) {
            record(instance);
        }

        private void record(Rsc rsc) {
            tables.put(rsc, new LinkedHashMap<>(rsc.allowed));
            nextRoles.put(rsc, rsc.nextRole);
            for (Rsc child : rsc.children) {
                record(child);
            }
        }

        void restore(Placement placement) {
            for (Map.Entry<Rsc, Map<SNode, Integer>> e : tables.entrySet()) {
                Rsc rsc = e.getKey();
                rsc.allowed.clear();
                rsc.allowed.putAll(e.getValue());
                placement.unassign(rsc);
                rsc.nextRole = nextRoles.get(rsc);
                rsc.provisional = true;
            }
        }
    }

    // ------------------------------------------------------------------ colocations with a clone

    /**
     * A dependent follows a clone: with interleaving, the clone's instance on the dependent's
     * node; mandatorily, any node with an instance; otherwise each instance adds its score.
     */
    static void applyCloneAsPrimary(Cluster cluster, Rsc dependent, Rsc clone, Colocation c) {
        if (clone.provisional) {
            return;
        }
        if (clone.promotable && c.primaryRole() != Role.UNKNOWN) {
            followRole(dependent, clone, c);
        } else if (interleaves(dependent, clone)) {
            Rsc partner = partnerInstance(cluster, dependent, clone);
            if (partner != null) {
                Colocations.applyToDependent(cluster, dependent, partner, c);
            } else if (c.score() >= Score.INFINITY) {
                banEverywhere(dependent);
            }
        } else if (c.score() >= Score.INFINITY) {
            List<SNode> hosts = new ArrayList<>();
            for (Rsc instance : clone.children) {
                if (instance.assigned != null && !instance.blocked) {
                    hosts.add(instance.assigned);
                }
            }
            excludeOthers(dependent.allowed, hosts);
        } else {
            for (Rsc instance : clone.children) {
                Colocations.applyToDependent(cluster, dependent, instance, c);
            }
        }
    }

    /**
     * Colocation with instances of a promotable clone in a given role: the nodes of those
     * instances gain (see {@link #gain}); a mandatory colocation rules out the other nodes.
     * Between two roles it only steers promotion: the dependent's instances are placed freely.
     */
    private static void followRole(Rsc dependent, Rsc clone, Colocation c) {
        List<SNode> hosts = new ArrayList<>();
        for (Rsc instance : clone.children) {
            SNode node = instance.assigned;
            if (node == null || instance.nextRole != c.primaryRole()) {
                continue;
            }
            Integer score = dependent.allowed.get(node);
            if (score != null && c.dependentRole() != Role.PROMOTED) {
                dependent.allowed.put(node, Score.add(gain(instance, node, c), score));
            }
            hosts.add(node);
        }
        if (c.dependentRole() != Role.PROMOTED && c.score() >= Score.INFINITY) {
            excludeOthers(dependent.allowed, hosts);
        }
    }

    /**
     * What a node hosting an instance in the wanted role gains: the colocation score, or for a
     * mandatory one what the instance itself scores there.
     */
    private static int gain(Rsc instance, SNode node, Colocation c) {
        if (c.score() < Score.INFINITY) {
            return c.score();
        }
        return instance.allowed.getOrDefault(node, 0);
    }

    /**
     * Rules out the nodes without a host; hosts the dependent did not know of become known,
     * but unusable (they were not allowed for it).
     */
    private static void excludeOthers(Map<SNode, Integer> scores, List<SNode> hosts) {
        for (Map.Entry<SNode, Integer> e : scores.entrySet()) {
            if (!hosts.contains(e.getKey())) {
                e.setValue(Score.MINUS_INFINITY);
            }
        }
        for (SNode host : hosts) {
            scores.putIfAbsent(host, Score.MINUS_INFINITY);
        }
    }

    private static void banEverywhere(Rsc rsc) {
        for (Map.Entry<SNode, Integer> e : rsc.allowed.entrySet()) {
            e.setValue(Score.MINUS_INFINITY);
        }
    }

    /** Instances of an interleaved clone pair up with the other clone's instance on their node. */
    static boolean interleaves(Rsc dependent, Rsc clone) {
        Rsc dependentClone = dependent.enclosingClone();
        return dependentClone != null && dependentClone != clone && dependentClone.interleave;
    }

    /**
     * The clone's instance assigned to the node the dependent is assigned to, or (if the
     * dependent is still unplaced) on the dependent's most preferred node that has one.
     */
    static Rsc partnerInstance(Cluster cluster, Rsc dependent, Rsc clone) {
        if (dependent.assigned != null) {
            return instanceOn(clone, dependent.assigned);
        }
        for (SNode node : Placement.sortNodes(cluster, dependent.allowed, null)) {
            Rsc instance = instanceOn(clone, node);
            if (instance != null) {
                return instance;
            }
        }
        return null;
    }

    private static Rsc instanceOn(Rsc clone, SNode node) {
        for (Rsc instance : clone.children) {
            if (instance.assigned == node) {
                return instance;
            }
        }
        return null;
    }

    /**
     * A colocation about the role of an instance already placed: nothing to do here, as the
     * roles of a clone's instances are chosen with all such colocations at once ({@link Promotion}).
     */
    static void applyColocationToPriority(Cluster cluster, Rsc dependent, Rsc primary, Colocation c) {
    }
}
