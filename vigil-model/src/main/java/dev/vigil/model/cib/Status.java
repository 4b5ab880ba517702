package dev.vigil.model.cib;

import java.util.List;

/** The {@code status} section: one entry per node that has state, and the cluster's tickets. */
public record Status(List<NodeState> nodes, List<TicketState> tickets) {
    public static final Status EMPTY = new Status(List.of(), List.of());

    public Status {
        nodes = List.copyOf(nodes);
        tickets = List.copyOf(tickets);
    }
}
