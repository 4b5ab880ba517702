package dev.vigil.cli.edit;

import dev.vigil.model.Score;
import dev.vigil.model.cib.ColocationConstraint;
import dev.vigil.model.cib.Configuration;
import dev.vigil.model.cib.Constraint;
import dev.vigil.model.cib.Group;
import dev.vigil.model.cib.OrderConstraint;
import dev.vigil.model.cib.Primitive;
import dev.vigil.model.cib.Resource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Loops among constraints that no placement can satisfy or that make the scheduler give up:
 * mandatory orders that come back to where they started ({@code a then b}, {@code b then a},
 * counting the order a group implies between its members), and positive colocations that do
 * ({@code a with b}, {@code b with a}: neither can be placed first). Negative colocations may
 * point both ways (two services kept apart), so they are not loops.
 */
public final class ConstraintLoops {
    private ConstraintLoops() {
    }

    /** One sentence per loop, e.g. {@code mandatory order loop: a then b then a}, sorted. */
    public static List<String> find(Configuration c) {
        Set<String> loops = new TreeSet<>();
        cycles(orderEdges(c)).forEach(cycle -> loops.add("mandatory order loop: " + String.join(" then ", cycle)));
        cycles(colocationEdges(c)).forEach(cycle -> loops.add("colocation loop: " + String.join(" with ", cycle)
                + " (each would have to be placed before the other)"));
        return List.copyOf(loops);
    }

    private static Map<String, Set<String>> orderEdges(Configuration c) {
        Map<String, Set<String>> edges = new TreeMap<>();
        for (Constraint k : c.constraints()) {
            if (k instanceof OrderConstraint o && o.first() != null && o.then() != null && isMandatory(o)) {
                edges.computeIfAbsent(o.first(), x -> new TreeSet<>()).add(o.then());
            }
        }
        for (Resource r : Resources.all(c)) {
            if (r instanceof Group g) {
                List<Primitive> m = g.members();
                for (int i = 0; i + 1 < m.size(); i++) {
                    edges.computeIfAbsent(m.get(i).id(), x -> new TreeSet<>()).add(m.get(i + 1).id());
                }
            }
        }
        return edges;
    }

    private static boolean isMandatory(OrderConstraint o) {
        if (o.kind() != null) {
            return "Mandatory".equalsIgnoreCase(o.kind());
        }
        return o.score() == null || Score.parseLenient(o.score()) > 0;
    }

    private static Map<String, Set<String>> colocationEdges(Configuration c) {
        Map<String, Set<String>> edges = new TreeMap<>();
        for (Constraint k : c.constraints()) {
            if (k instanceof ColocationConstraint co && co.rsc() != null && co.withRsc() != null
                    && (co.score() == null || Score.parseLenient(co.score()) > 0)) {
                edges.computeIfAbsent(co.rsc(), x -> new TreeSet<>()).add(co.withRsc());
            }
        }
        return edges;
    }

    /** Each elementary cycle once, starting at its smallest name and closing on it. Bounded by the graph's size. */
    private static List<List<String>> cycles(Map<String, Set<String>> edges) {
        List<List<String>> found = new ArrayList<>();
        Set<String> seenKeys = new TreeSet<>();
        for (String start : edges.keySet()) {
            walk(start, start, edges, new LinkedHashSet<>(List.of(start)), found, seenKeys);
        }
        return found;
    }

    private static void walk(String start, String at, Map<String, Set<String>> edges, LinkedHashSet<String> path,
                             List<List<String>> found, Set<String> seenKeys) {
        if (found.size() >= 20) {
            return;
        }
        for (String next : edges.getOrDefault(at, Set.of())) {
            if (next.equals(start)) {
                List<String> cycle = new ArrayList<>(path);
                cycle.add(start);
                if (seenKeys.add(String.join(" ", new TreeSet<>(path)))) {
                    found.add(cycle);
                }
            } else if (next.compareTo(start) > 0 && !path.contains(next)) {
                path.add(next);
                walk(start, next, edges, path, found, seenKeys);
                path.remove(next);
            }
        }
    }
}
