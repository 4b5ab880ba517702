package dev.vigil.scheduler;

import dev.vigil.model.Role;
import dev.vigil.model.Score;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How colocations change node scores: a dependent follows its primary's assignment
 * ({@link #applyToDependent}), and a primary is pulled towards where its dependents would
 * like to be, attenuated by the colocation score ({@link #addDependentScores}).
 */
final class Colocations {
    /** Marks a node that an only-positive merge found unusable (turned into 1 at the end). */
    private static final int UNUSABLE = Score.MINUS_INFINITY * 2;

    private Colocations() {
    }

    /**
     * Colocations in which {@code rsc} is the dependent (a group's go to its first member; a
     * clone's apply to each of its instances too).
     */
    static List<Colocation> thisWith(Rsc rsc) {
        List<Colocation> out = new ArrayList<>(rsc.thisWith);
        if (rsc.parent != null && rsc.parent.isClone()) {
            addMissing(out, thisWith(rsc.parent));
        }
        return out;
    }

    /** Colocations in which {@code rsc} is the primary. */
    static List<Colocation> withThis(Rsc rsc) {
        return new ArrayList<>(rsc.withThis);
    }

    /**
     * Colocations whose dependents' preferences count when assigning {@code rsc}. An instance
     * shares its clone's (in any role) only when the clone has fewer instances than there are
     * nodes to run them: otherwise every node gets one whatever the dependents prefer.
     */
    static List<Colocation> withThisForAssignment(Cluster cluster, Rsc rsc) {
        List<Colocation> out = new ArrayList<>(rsc.withThis);
        Rsc clone = rsc.parent;
        if (clone != null && clone.isClone() && clone.cloneMax < availableNodeCount(cluster)) {
            addMissing(out, clone.withThis);
        }
        return out;
    }

    private static int availableNodeCount(Cluster cluster) {
        int count = 0;
        for (SNode node : cluster.nodes) {
            if (Placement.available(node, false, Map.of())) {
                count++;
            }
        }
        return count;
    }

    private static void addMissing(List<Colocation> out, List<Colocation> more) {
        for (Colocation c : more) {
            if (!out.contains(c)) {
                out.add(c);
            }
        }
    }

    /**
     * When a group is assigned, its own colocations are handed to its members: those it
     * follows to the first member (the others follow it; after an unmanaged member they take
     * the mandatory ones too), those that follow it to the last.
     */
    static void handOverGroupColocations(Cluster cluster, Rsc group) {
        if (group.children.isEmpty()) {
            return;
        }
        Rsc first = group.children.get(0);
        Rsc last = group.children.get(group.children.size() - 1);
        first.thisWith.addAll(group.thisWith);
        // The later members follow the first, but not past an unmanaged one (it stays where it
        // is whatever the colocation says): the group's mandatory colocations bind them then.
        boolean chainBroken = false;
        for (Rsc member : group.children) {
            if (chainBroken) {
                for (Colocation c : group.thisWith) {
                    if (c.score() >= Score.INFINITY) {
                        member.thisWith.add(c);
                    }
                }
            }
            chainBroken |= !member.managed;
        }
        group.thisWith.clear();
        last.withThis.addAll(group.withThis);
        group.withThis.clear();
        if (group.parent != null && group.parent.isClone()) {
            // A cloned group's instances share the clone's colocations.
            addMissing(first.thisWith, group.parent.thisWith);
            if (group.parent.cloneMax < availableNodeCount(cluster)) {
                addMissing(last.withThis, group.parent.withThis); // see withThisForAssignment
            }
        }
    }

    /** Whether the colocation changes where or how the dependent runs, given what is decided. */
    enum Effect { NOTHING, ROLE, LOCATION }

    static Effect affects(Rsc dependent, Rsc primary, Colocation c, boolean preview) {
        if (!preview && primary.provisional) {
            return Effect.NOTHING;
        }
        if (c.dependentRole() != Role.UNKNOWN && c.dependentRole().compareTo(Role.UNPROMOTED) >= 0
                && dependent.parent != null && dependent.parent.isClone() && dependent.parent.promotable
                && !dependent.provisional) {
            return Effect.ROLE;
        }
        if (!preview && !dependent.provisional) {
            return Effect.NOTHING;
        }
        Role depNext = dependent.nextRole == null ? Role.UNKNOWN : dependent.nextRole;
        Role priNext = primary.nextRole == null ? Role.UNKNOWN : primary.nextRole;
        if (c.score() > 0 && c.dependentRole() != Role.UNKNOWN && c.dependentRole() != depNext) {
            return Effect.NOTHING;
        }
        if (c.score() > 0 && c.primaryRole() != Role.UNKNOWN && c.primaryRole() != priNext) {
            return Effect.NOTHING;
        }
        if (c.score() < 0 && c.dependentRole() != Role.UNKNOWN && c.dependentRole() == depNext) {
            return Effect.NOTHING;
        }
        if (c.score() < 0 && c.primaryRole() != Role.UNKNOWN && c.primaryRole() == priNext) {
            return Effect.NOTHING;
        }
        return Effect.LOCATION;
    }

    /** The dependent's node scores after following the (already assigned) primary. */
    static void applyToDependent(Cluster cluster, Rsc dependent, Rsc primary, Colocation c) {
        if (primary.isClone()) {
            CloneAssigner.applyCloneAsPrimary(cluster, dependent, primary, c);
            return;
        }
        if (primary.isBundle()) {
            BundleAssigner.applyBundleAsPrimary(dependent, primary, c);
            return;
        }
        Rsc effectivePrimary = primary;
        if (primary.isGroup() && primary.colocated && !primary.children.isEmpty()) {
            effectivePrimary = c.score() >= Score.INFINITY ? primary.children.get(primary.children.size() - 1)
                    : primary.children.get(0);
            if (primary.provisional) {
                return;
            }
        }
        switch (affects(dependent, effectivePrimary, c, false)) {
            case ROLE -> CloneAssigner.applyColocationToPriority(cluster, dependent, effectivePrimary, c);
            case LOCATION -> applyToScores(dependent, effectivePrimary.assigned, c);
            default -> {
            }
        }
    }

    /** Adds the colocation score where the primary's node attribute matches; bans otherwise if mandatory. */
    static void applyToScores(Rsc dependent, SNode primaryNode, Colocation c) {
        String attribute = c.nodeAttribute() == null ? "#id" : c.nodeAttribute();
        String value = primaryNode == null ? null : primaryNode.attributes.get(attribute);
        if (primaryNode == null && c.score() < 0) {
            return;
        }
        Map<SNode, Integer> work = new LinkedHashMap<>(dependent.allowed);
        for (Map.Entry<SNode, Integer> e : work.entrySet()) {
            SNode node = e.getKey();
            int weight = e.getValue();
            if (primaryNode == null) {
                e.setValue(Score.add(-c.score(), weight));
            } else if (value != null && value.equalsIgnoreCase(String.valueOf(node.attributes.get(attribute)))) {
                if (c.score() < Score.INFINITY) {
                    e.setValue(Score.add(c.score(), weight));
                }
            } else if (c.score() >= Score.INFINITY) {
                e.setValue(Score.MINUS_INFINITY);
            }
        }
        if (Placement.isMandatory(c.score()) || anyNodeAvailable(work)) {
            dependent.allowed.clear();
            dependent.allowed.putAll(work);
        }
    }

    static boolean anyNodeAvailable(Map<SNode, Integer> scores) {
        for (Map.Entry<SNode, Integer> e : scores.entrySet()) {
            if (Placement.available(e.getKey(), true, scores)) {
                return true;
            }
        }
        return false;
    }

    /** Pulls {@code primary} towards where the colocation's dependent would run. */
    static void addDependentScores(Cluster cluster, Colocation c, Rsc primary) {
        if (!c.influence()) {
            return;
        }
        float factor = c.score() / (float) Score.INFINITY;
        Map<SNode, Integer> merged = addColocatedScores(cluster, c.dependent(), primary.allowed, c.nodeAttribute(),
                factor, false, true, false, new java.util.HashSet<>());
        if (merged != null && merged != primary.allowed) {
            Map<SNode, Integer> copy = new LinkedHashMap<>(merged);
            primary.allowed.clear();
            primary.allowed.putAll(copy);
        }
    }

    /**
     * Merges {@code rsc}'s node scores (times {@code factor}) into {@code nodes} and follows its
     * colocations transitively (a group takes part through its last member). Returns the new
     * table, or {@code nodes} itself when the merge was rolled back or skipped.
     *
     * @param onlyPositive keep a node's score from going negative through the merge
     * @param rollback     undo the merge if it leaves no node able to run the resource
     * @param forward      follow the colocations in which rsc is dependent (else primary)
     * @param merging      resources on the current path (a loop is broken, not followed)
     */
    static Map<SNode, Integer> addColocatedScores(Cluster cluster, Rsc rsc, Map<SNode, Integer> nodes,
                                                  String attribute, float factor, boolean onlyPositive,
                                                  boolean rollback, boolean forward, java.util.Set<Rsc> merging) {
        if (merging.contains(rsc)) {
            return nodes;
        }
        merging.add(rsc);
        try {
            boolean group = rsc.isGroup() && !rsc.children.isEmpty();
            Map<SNode, Integer> work;
            if (group) {
                // A group takes part through its first member (whose colocations chain the rest),
                // then through the colocations with the group itself.
                Rsc first = rsc.children.get(0);
                work = addColocatedScores(cluster, first, nodes, attribute, factor, onlyPositive, rollback, forward,
                        merging);
                if (work == null) {
                    work = new LinkedHashMap<>(first.allowed);
                }
                if (!forward) {
                    return work; // what follows the group itself is not followed further
                }
                for (Colocation c : new ArrayList<>(rsc.thisWith)) {
                    if (c.score() == 0) {
                        continue;
                    }
                    work = addColocatedScores(cluster, c.primary(), work, c.nodeAttribute(),
                            c.score() / (float) Score.INFINITY, onlyPositive, rollback, forward, merging);
                }
                return work;
            } else if (nodes == null) {
                work = new LinkedHashMap<>(rsc.allowed);
            } else {
                work = new LinkedHashMap<>(nodes);
                addMatchingScores(work, rsc, attribute, factor, onlyPositive);
            }
            if (anyNodeAvailable(work)) {
                int multiplier = factor < 0 ? -1 : 1;
                List<Colocation> next = forward ? rsc.thisWith : rsc.withThis;
                for (Colocation c : new ArrayList<>(next)) {
                    Rsc other;
                    if (forward) {
                        other = c.primary();
                    } else if (!c.influence()) {
                        continue;
                    } else {
                        other = c.dependent();
                    }
                    // Each further colocation counts at its own strength, keeping only the sign of
                    // the path to it (a negative colocation inverts what lies behind it).
                    float otherFactor = multiplier * c.score() / (float) Score.INFINITY;
                    work = addColocatedScores(cluster, other, work, c.nodeAttribute(), otherFactor, onlyPositive,
                            true, forward, merging);
                }
            } else if (rollback) {
                return nodes;
            }
            if (onlyPositive) {
                for (Map.Entry<SNode, Integer> e : work.entrySet()) {
                    if (e.getValue() == UNUSABLE) {
                        e.setValue(1);
                    }
                }
            }
            return work;
        } finally {
            merging.remove(rsc);
        }
    }

    private static void addMatchingScores(Map<SNode, Integer> work, Rsc rsc, String attribute, float factor,
                                          boolean onlyPositive) {
        String attr = attribute == null ? "#id" : attribute;
        for (Map.Entry<SNode, Integer> e : work.entrySet()) {
            SNode node = e.getKey();
            int score = bestScoreMatching(rsc, attr, node.attributes.get(attr));
            if (factor < 0 && score < 0) {
                continue;
            }
            if (e.getValue() == UNUSABLE) {
                continue;
            }
            float f = factor * score;
            int weight = (int) (f < 0 ? f - 0.5 : f + 0.5);
            if (weight == 0 && score != 0) {
                weight = factor > 0 ? 1 : factor < 0 ? -1 : 0;
            }
            int newScore = Score.add(weight, e.getValue());
            if (onlyPositive && newScore < 0 && e.getValue() > 0) {
                e.setValue(UNUSABLE);
                continue;
            }
            if (onlyPositive && newScore < 0 && e.getValue() == 0) {
                continue;
            }
            e.setValue(newScore);
        }
    }

    /** The best score of rsc among available nodes whose attribute has this value. */
    private static int bestScoreMatching(Rsc rsc, String attribute, String value) {
        int best = Score.MINUS_INFINITY;
        boolean found = false;
        for (Map.Entry<SNode, Integer> e : rsc.allowed.entrySet()) {
            SNode node = e.getKey();
            if (!Placement.available(node, false, rsc.allowed)) {
                continue;
            }
            if (Objects.equals(value, node.attributes.get(attribute)) && (!found || e.getValue() > best)) {
                best = e.getValue();
                found = true;
            }
        }
        return best;
    }
}
