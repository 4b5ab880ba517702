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
 * Roles of a promotable clone's instances. Each placed instance gets a promotion priority from
 * the promotion score its agent recorded on its node ({@code master-<resource>} node
 * attribute) and the location constraints for the Promoted role; instances with a usable
 * priority pool it with the other instances on their node and with the clone's own score for
 * that node. The instances with the highest priorities are promoted, up to promoted-max in all
 * and promoted-node-max per node; a negative priority never is.
 */
final class Promotion {
    /** A priority for instances whose promotion score is not set. */
    private static final int NOT_SET = -1;

    private Promotion() {
    }

    /**
     * Before placement: an instance leans towards the nodes where its agent asked to be
     * promoted (only where the instance is known, once it has a history anywhere). A node
     * that cannot run resources, or a negative score, changes nothing.
     */
    static void addPromotionScoresToPlacement(Rsc clone) {
        for (Rsc instance : clone.children) {
            for (Map.Entry<SNode, Integer> e : instance.allowed.entrySet()) {
                if (!Placement.available(e.getKey(), false, instance.allowed)) {
                    continue;
                }
                int score = promotionScore(instance, e.getKey(), 0);
                if (score > 0) {
                    e.setValue(Score.add(e.getValue(), score));
                }
            }
        }
    }

    static void assignRoles(Cluster cluster, Rsc clone) {
        Map<Rsc, Integer> priorities = new LinkedHashMap<>();
        for (Rsc instance : clone.children) {
            priorities.put(instance, priority(cluster, clone, instance));
        }
        Map<SNode, Integer> pooled = pooledPriorities(cluster, clone, priorities);
        // A missing ticket bans promotion everywhere: it only lowers the pooled node scores, so
        // an instance whose own priority is already negative keeps it.
        Cluster.TicketRule missing = missingTicketForPromotion(cluster, clone);
        boolean ticketBan = missing != null && !frozen(cluster, missing);
        Map<Rsc, Integer> sortIndex = new LinkedHashMap<>();
        for (Map.Entry<Rsc, Integer> e : priorities.entrySet()) {
            Rsc instance = e.getKey();
            SNode node = instance.assigned;
            int index = node == null ? 0
                    : e.getValue() < 0 ? e.getValue()
                    : ticketBan ? Score.MINUS_INFINITY
                    : e.getValue() >= Score.INFINITY ? e.getValue() : pooled.getOrDefault(node, 0);
            sortIndex.put(instance, index);
            cluster.trace.line(instance.id + " promotion score on " + (node == null ? "none" : node.name) + ": "
                    + Score.format(index));
        }
        chooseRoles(cluster, clone, sortIndex);
    }

    /**
     * Per node: the clone's score there plus the usable priorities of its instances there,
     * adjusted by the colocations that concern promotion.
     */
    private static Map<SNode, Integer> pooledPriorities(Cluster cluster, Rsc clone, Map<Rsc, Integer> priorities) {
        Map<SNode, Integer> pooled = new LinkedHashMap<>(clone.allowed);
        for (Map.Entry<Rsc, Integer> e : priorities.entrySet()) {
            SNode node = e.getKey().assigned;
            if (node != null && e.getValue() >= 0) {
                pooled.merge(node, e.getValue(), Score::add);
            }
        }
        for (Colocation c : Colocations.thisWith(clone)) {
            if (c.dependentRole() == Role.PROMOTED && !c.primary().isClone()) {
                pooled = followPrimary(cluster, pooled, c);
            }
        }
        for (Colocation c : Colocations.withThis(clone)) {
            if (c.primaryRole() == Role.PROMOTED && c.influence()) {
                pooled = mergePreferences(cluster, pooled, c.dependent(), c, true);
            }
        }
        return pooled;
    }

    /**
     * "Promote with the primary": a positive colocation leans towards the primary's preferred
     * nodes (a primary that cannot run anywhere pulls everything down); a negative one pushes
     * away from where the primary is.
     */
    private static Map<SNode, Integer> followPrimary(Cluster cluster, Map<SNode, Integer> pooled, Colocation c) {
        if (c.score() > 0) {
            return mergePreferences(cluster, pooled, c.primary(), c, false);
        }
        SNode primaryNode = c.primary().assigned;
        if (primaryNode != null) {
            for (Map.Entry<SNode, Integer> e : pooled.entrySet()) {
                if (sameLocation(e.getKey(), primaryNode, c)) {
                    e.setValue(Score.add(e.getValue(), c.score()));
                }
            }
        }
        return pooled;
    }

    /** Merges another resource's node preferences; with {@code rollback}, only if some node stays usable. */
    private static Map<SNode, Integer> mergePreferences(Cluster cluster, Map<SNode, Integer> pooled, Rsc other,
                                                        Colocation c, boolean rollback) {
        return Colocations.addColocatedScores(cluster, other, pooled, c.nodeAttribute(),
                c.score() / (float) Score.INFINITY, rollback, rollback, false, new HashSet<>());
    }

    private static boolean sameLocation(SNode a, SNode b, Colocation c) {
        String attribute = c.nodeAttribute() == null ? "#id" : c.nodeAttribute();
        String value = a.attributes.get(attribute);
        return value != null && value.equalsIgnoreCase(b.attributes.get(attribute));
    }

    /**
     * The instance's own priority on its node: promotion score, Promoted-role locations, and
     * mandatory colocations of the Promoted role with a placed resource (only beside it).
     */
    private static int priority(Cluster cluster, Rsc clone, Rsc instance) {
        SNode node = instance.assigned;
        if (node == null) {
            return 0;
        }
        if (!instance.managed && instance.role == Role.PROMOTED) {
            // The cluster cannot change its role: it stays promoted (chooseRoles never promotes
            // an unmanaged instance that is not).
            return Score.INFINITY;
        }
        Cluster.TicketRule missing = missingTicketForPromotion(cluster, clone);
        if (missing != null && frozen(cluster, missing) && instance.role == Role.PROMOTED) {
            return Score.INFINITY;
        }
        int priority = promotionScore(instance, node, NOT_SET);
        for (Cluster.LocationRule rule : cluster.locations) {
            if (rule.role() == Role.PROMOTED && (rule.rsc() == clone || rule.rsc() == instance)) {
                Integer score = rule.scores().get(node);
                if (score != null) {
                    priority = Score.add(priority, score);
                }
            }
        }
        if (!instance.isPrimitive()) {
            return priority; // Pacemaker leaves a cloned group's promotion to the members' scores
        }
        for (Colocation c : Colocations.thisWith(clone)) {
            if (c.dependentRole() == Role.PROMOTED && Placement.isMandatory(c.score())) {
                priority = withMandatoryPrimary(priority, node, c);
            }
        }
        return priority;
    }

    private static int withMandatoryPrimary(int priority, SNode node, Colocation c) {
        Rsc primary = c.primary();
        if (primary.isClone() && c.primaryRole() != Role.PROMOTED && c.primaryRole() != Role.UNPROMOTED) {
            return priority; // any of the clone's instances will do: placement already saw to it
        }
        List<SNode> primaryNodes = new ArrayList<>();
        for (Rsc r : primary.isClone() ? primary.children : List.of(primary)) {
            boolean roleMatches = c.primaryRole() == Role.UNKNOWN || c.primaryRole() == r.nextRole;
            if (r.assigned != null && roleMatches) {
                primaryNodes.add(r.assigned);
            }
        }
        if (primaryNodes.isEmpty()) {
            return priority;
        }
        for (SNode primaryNode : primaryNodes) {
            if (sameLocation(node, primaryNode, c)) {
                return Score.add(priority, c.score());
            }
        }
        return c.score() > 0 ? Score.MINUS_INFINITY : priority;
    }

    /** A ticket the Promoted role depends on that is not granted, or granted but on standby. */
    private static Cluster.TicketRule missingTicketForPromotion(Cluster cluster, Rsc clone) {
        for (Cluster.TicketRule t : cluster.tickets) {
            if (t.rsc() == clone && t.role() == Role.PROMOTED) {
                Map<String, String> state = cluster.ticketStates.getOrDefault(t.ticket(), Map.of());
                if (!Options.isTrue(state.get("granted")) || Options.isTrue(state.get("standby"))) {
                    return t;
                }
            }
        }
        return null;
    }

    /** A revoked ticket with loss-policy=freeze keeps roles as they are (a granted ticket on standby does not). */
    private static boolean frozen(Cluster cluster, Cluster.TicketRule ticket) {
        Map<String, String> state = cluster.ticketStates.getOrDefault(ticket.ticket(), Map.of());
        return ticket.lossPolicy().equals("freeze") && !Options.isTrue(state.get("granted"));
    }

    private static void chooseRoles(Cluster cluster, Rsc clone, Map<Rsc, Integer> sortIndex) {
        List<Rsc> ranked = new ArrayList<>(clone.children);
        // Highest priority first; among equals the instance already in the higher role, then
        // the one placed first.
        ranked.sort(Comparator.comparing((Rsc r) -> sortIndex.get(r), Comparator.reverseOrder())
                .thenComparing((Rsc r) -> r.role, Comparator.reverseOrder())
                .thenComparing(CloneAssigner.instanceOrder(cluster, clone, Map.of())));
        int promoted = 0;
        Map<SNode, Integer> promotedPerNode = new LinkedHashMap<>();
        boolean mayPromote = clone.targetRole != Role.UNPROMOTED
                && (cluster.haveQuorum || !cluster.options.noQuorumPolicy().equals("demote"));
        for (Rsc instance : ranked) {
            SNode node = instance.assigned;
            if (node == null) {
                continue;
            }
            boolean promote = mayPromote && sortIndex.get(instance) >= 0 && promoted < clone.promotedMax
                    && promotedPerNode.getOrDefault(node, 0) < clone.promotedNodeMax
                    && (instance.role == Role.PROMOTED || (instance.managed && !frozenWithoutQuorum(cluster)));
            if (promote) {
                promoted++;
                promotedPerNode.merge(node, 1, Integer::sum);
            }
            setNextRole(instance, promote ? Role.PROMOTED : Role.UNPROMOTED);
        }
    }

    /** Without quorum, no-quorum-policy=freeze lets nothing take a higher role. */
    private static boolean frozenWithoutQuorum(Cluster cluster) {
        return !cluster.haveQuorum && cluster.options.noQuorumPolicy().equals("freeze");
    }

    private static void setNextRole(Rsc rsc, Role role) {
        rsc.nextRole = role;
        for (Rsc child : rsc.children) {
            setNextRole(child, role);
        }
    }

    // ------------------------------------------------------------------ promotion scores

    /**
     * The promotion score an instance's agent recorded for a node, or {@code notSet}. Only the
     * node's active instance of an anonymous clone counts there; an instance with a history
     * counts only where it is known.
     */
    static int promotionScore(Rsc instance, SNode node, int notSet) {
        if (!instance.children.isEmpty()) {
            int score = notSet;
            for (Rsc member : instance.children) {
                int memberScore = promotionScore(member, node, notSet);
                if (memberScore != notSet) {
                    score = score == notSet ? memberScore : Score.add(score, memberScore);
                }
            }
            return score;
        }
        Rsc clone = instance.enclosingClone();
        boolean anonymous = clone != null && !clone.globallyUnique;
        if (!(anonymous && isActiveInstanceOn(clone, instance, node))
                && (instance.isActive() || !instance.knownOn.isEmpty())
                && !instance.runningOn.contains(node) && !instance.knownOn.contains(node)) {
            return notSet;
        }
        Integer allowed = instance.allowed.get(node);
        if (allowed == null || allowed < 0) {
            return notSet;
        }
        String value = node.attributes.get("master-" + instance.historyName());
        if (value == null && anonymous) {
            value = node.attributes.get("master-" + instance.baseId());
        }
        return value == null ? notSet : Score.parse(value);
    }

    /** Is this the instance of an anonymous clone active on the node? */
    private static boolean isActiveInstanceOn(Rsc clone, Rsc member, SNode node) {
        for (Rsc instance : clone.children) {
            Rsc active = ResourceLookup.memberOf(instance, member.baseId());
            if (active != null && active.runningOn.contains(node)) {
                return active == member;
            }
        }
        return false;
    }
}
