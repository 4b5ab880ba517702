package dev.vigil.model.cib;

import java.util.List;

/**
 * Orders an action of {@code then} after an action of {@code first}: {@code kind} Mandatory,
 * Optional or Serialize (or a legacy {@code score}), {@code symmetrical} adds the reverse
 * order for the opposite actions; or, with {@code sets}, orders resource sets.
 */
public record OrderConstraint(String id, String first, String then, String firstAction,
                              String thenAction, String kind, String score, String symmetrical,
                              String requireAll, List<ResourceSet> sets) implements Constraint {
    public OrderConstraint {
        sets = List.copyOf(sets);
    }
}
