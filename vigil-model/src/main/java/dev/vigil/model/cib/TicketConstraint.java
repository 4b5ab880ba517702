package dev.vigil.model.cib;

import java.util.List;

/**
 * Lets {@code rsc} (in {@code rscRole}) run only while {@code ticket} is granted;
 * {@code lossPolicy} (stop, demote, fence, freeze) says what happens when it is revoked.
 */
public record TicketConstraint(String id, String rsc, String rscRole, String ticket,
                               String lossPolicy, List<ResourceSet> sets) implements Constraint {
    public TicketConstraint {
        sets = List.copyOf(sets);
    }
}
