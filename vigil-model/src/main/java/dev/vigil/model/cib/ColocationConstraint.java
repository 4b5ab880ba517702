package dev.vigil.model.cib;

import java.util.List;

/**
 * Places {@code rsc} relative to {@code withRsc} (which is placed first) with {@code score};
 * or, with {@code sets}, chains resource sets. Roles and instance options are kept as text.
 */
public record ColocationConstraint(String id, String rsc, String withRsc, String rscRole,
                                   String withRscRole, String score, String nodeAttribute,
                                   String influence, List<ResourceSet> sets)
        implements Constraint {
    public ColocationConstraint {
        sets = List.copyOf(sets);
    }
}
