package dev.vigil.model.cib;

import java.util.List;

/**
 * Prefers or avoids nodes for a resource ({@code rsc}), for every resource whose id matches
 * {@code rscPattern} (a regular expression), or for the resources of {@code sets}: either a
 * fixed {@code node} with {@code score}, or rules evaluated per node.
 * {@code resourceDiscovery} is always, never or exclusive.
 */
public record LocationConstraint(String id, String rsc, String rscPattern, String role,
                                 String node, String score, String resourceDiscovery,
                                 List<Rule> rules, List<ResourceSet> sets)
        implements Constraint {
    public LocationConstraint {
        rules = List.copyOf(rules);
        sets = List.copyOf(sets);
    }
}
