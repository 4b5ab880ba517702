package dev.vigil.scheduler;

import dev.vigil.model.Score;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Node capacities and resource utilization for the placement strategies ({@code utilization},
 * {@code balanced}, {@code minimal}; {@code default} ignores utilization). A node may take a
 * resource only if its free capacity covers the resource's utilization; a resource is placed
 * where its whole colocated set fits when some node can hold it all.
 */
final class Utilization {
    private Utilization() {
    }

    static boolean enabled(Cluster cluster) {
        return !cluster.options.placementStrategy().equals("default");
    }

    /** A resource's utilization, or a node's capacity, as numbers (unparsable values count as 0). */
    static Map<String, Integer> amounts(Map<String, String> attributes) {
        Map<String, Integer> out = new LinkedHashMap<>();
        attributes.forEach((name, value) -> out.put(name, parse(value)));
        return out;
    }

    private static int parse(String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException | NullPointerException e) {
            return 0;
        }
    }

    /** What is left of a node's capacity after the resources assigned to it so far. */
    static int free(SNode node, String attribute) {
        return parse(node.utilization.get(attribute)) - node.consumed.getOrDefault(attribute, 0);
    }

    static void consume(SNode node, Rsc rsc) {
        amounts(rsc.utilization).forEach((name, amount) -> node.consumed.merge(name, amount, Integer::sum));
    }

    static void release(SNode node, Rsc rsc) {
        amounts(rsc.utilization).forEach((name, amount) -> node.consumed.merge(name, -amount, Integer::sum));
    }

    private static boolean hasCapacity(SNode node, Map<String, Integer> required) {
        for (Map.Entry<String, Integer> e : required.entrySet()) {
            if (free(node, e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Compares free capacities: the node with more free capacity in more of the attributes
     * comes first (negative when {@code a} has more).
     */
    static int compareCapacities(SNode a, SNode b) {
        Set<String> attributes = new TreeSet<>(a.utilization.keySet());
        attributes.addAll(b.utilization.keySet());
        int balance = 0;
        for (String attribute : attributes) {
            int fa = free(a, attribute);
            int fb = free(b, attribute);
            if (fa > fb) {
                balance--;
            } else if (fb > fa) {
                balance++;
            }
        }
        return Integer.signum(balance);
    }

    // ------------------------------------------------------------------ capacity limits

    /**
     * Bans the nodes that lack the capacity for the resource and the not yet assigned resources
     * that must run with it. If no node can hold them all, only the resource's own needs count,
     * and the node with the most free capacity is returned as the preferred one (else null).
     * Only nodes where the resource is allowed to run are considered.
     */
    static SNode banInsufficientCapacity(Cluster cluster, Rsc rsc) {
        Map<String, Integer> together = unassignedUtilization(colocatedSet(rsc));
        List<SNode> candidates = new ArrayList<>();
        for (SNode node : rsc.allowed.keySet()) {
            if (Placement.available(node, true, rsc.allowed)) {
                candidates.add(node);
            }
        }
        boolean anyHoldsAll = candidates.stream().anyMatch(n -> hasCapacity(n, together));
        Map<String, Integer> required = anyHoldsAll ? together : amounts(rsc.utilization);
        for (SNode node : candidates) {
            if (!hasCapacity(node, required)) {
                rsc.allowed.put(node, Score.MINUS_INFINITY);
            }
        }
        return anyHoldsAll ? null : mostCapable(candidates);
    }

    /**
     * The node with the most free capacity, the first one found when several tie. Pacemaker
     * looks through a node table keyed by node id, so "first" is that table's order.
     */
    private static SNode mostCapable(List<SNode> nodes) {
        SNode best = null;
        for (SNode node : NodeTableOrder.of(nodes)) {
            if (best == null || compareCapacities(node, best) < 0) {
                best = node;
            }
        }
        return best;
    }

    private static Map<String, Integer> unassignedUtilization(Set<Rsc> resources) {
        Map<String, Integer> sum = new LinkedHashMap<>();
        for (Rsc r : resources) {
            if (r.isPrimitive() && r.provisional) {
                amounts(r.utilization).forEach((name, amount) -> sum.merge(name, amount, Integer::sum));
            }
        }
        return sum;
    }

    /**
     * The resource and everything that must run on the same node with it: members of its
     * colocated group and, transitively, resources joined to it by mandatory colocations.
     */
    static Set<Rsc> colocatedSet(Rsc rsc) {
        Set<Rsc> seen = new LinkedHashSet<>();
        Deque<Rsc> todo = new ArrayDeque<>(List.of(rsc));
        while (!todo.isEmpty()) {
            Rsc r = todo.poll();
            if (r.isClone() || r.isCloneInstance() || !seen.add(r)) {
                continue;
            }
            if (r.parent != null && r.parent.isGroup() && r.parent.colocated) {
                todo.add(r.parent);
            }
            if (r.isGroup() && r.colocated) {
                todo.addAll(r.children);
            }
            for (Colocation c : r.thisWith) {
                if (c.score() >= Score.INFINITY) {
                    todo.add(c.primary());
                }
            }
            for (Colocation c : r.withThis) {
                if (c.score() >= Score.INFINITY) {
                    todo.add(c.dependent());
                }
            }
        }
        return seen;
    }

    // ------------------------------------------------------------------ processing order

    /**
     * With a placement strategy, resources are assigned (and then planned and reported) by
     * priority, then those that would keep the highest score where they run, then those with
     * the highest score on their best node, then in configuration order.
     */
    static void sortForAssignment(List<Rsc> resources) {
        List<Rsc> original = List.copyOf(resources);
        resources.sort(Comparator.comparingInt((Rsc r) -> -r.priority)
                .thenComparing(Utilization::currentNodeScore, Comparator.reverseOrder())
                .thenComparing(Utilization::bestScore, Comparator.reverseOrder())
                .thenComparingInt(original::indexOf));
    }

    /**
     * The score where the resource runs, or below any score when it runs nowhere usable. The
     * scores of what must run with it count too: a member banned from the node bans the group.
     */
    private static long currentNodeScore(Rsc rsc) {
        SNode current = rsc.runningOn.size() == 1 ? rsc.runningOn.get(0) : null;
        if (current == null || !Placement.available(current, false, rsc.allowed)
                || !rsc.allowed.containsKey(current)) {
            return Long.MIN_VALUE;
        }
        return togetherScore(rsc, current);
    }

    private static long bestScore(Rsc rsc) {
        long best = Long.MIN_VALUE;
        for (SNode node : rsc.allowed.keySet()) {
            if (Placement.available(node, false, rsc.allowed)) {
                best = Math.max(best, togetherScore(rsc, node));
            }
        }
        return best;
    }

    private static int togetherScore(Rsc rsc, SNode node) {
        int total = 0;
        for (Rsc r : colocatedSet(rsc)) {
            total = Score.add(total, r.allowed.getOrDefault(node, Score.MINUS_INFINITY));
        }
        return total;
    }

    // ------------------------------------------------------------------ load orderings

    /**
     * With a placement strategy, each node a resource with utilization runs on or may run on gets
     * a {@code load_stopped} pseudo action: resources leaving the node stop before it, and
     * resources that need capacity there start after it. They are created before assignment,
     * resource by resource and current nodes first, which fixes their order in the graph.
     */
    static void createLoadActions(Cluster cluster) {
        for (Rsc top : cluster.resources) {
            for (Rsc rsc : top.primitives()) {
                if (rsc.utilization.isEmpty()) {
                    continue;
                }
                rsc.runningOn.forEach(node -> loadStopped(cluster, node));
                for (SNode node : cluster.nodes) {
                    if (rsc.allowed.containsKey(node)) {
                        loadStopped(cluster, node);
                    }
                }
            }
        }
    }

    private static void loadStopped(Cluster cluster, SNode node) {
        if (Actions.find(cluster, null, loadStoppedKey(node), null) == null) {
            Actions.custom(cluster, null, loadStoppedKey(node), "load_stopped", null, false).pseudo = true;
        }
    }

    static void orderLoadChanges(Cluster cluster) {
        for (Rsc rsc : cluster.byId.values()) {
            if (!rsc.isPrimitive() || rsc.utilization.isEmpty()) {
                continue;
            }
            for (SNode node : rsc.runningOn) {
                Action loadStopped = Actions.find(cluster, null, loadStoppedKey(node), null);
                if (loadStopped == null) {
                    continue;
                }
                for (Action stop : Actions.byTask(rsc, "stop", node)) {
                    cluster.orderings.add(Ordering.actions(stop, loadStopped, Action.LOAD));
                }
            }
            Action loadStopped = rsc.assigned == null ? null
                    : Actions.find(cluster, null, loadStoppedKey(rsc.assigned), null);
            if (loadStopped != null) {
                cluster.orderings.add(Ordering.actionThenKey(loadStopped, rsc, "start", Action.LOAD));
                cluster.orderings.add(Ordering.actionThenKey(loadStopped, rsc, "migrate_to", Action.LOAD));
            }
        }
    }

    private static String loadStoppedKey(SNode node) {
        return "load_stopped_" + node.name;
    }
}
