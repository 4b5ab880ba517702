package dev.vigil.model.cib;

/** A placement or ordering constraint from the {@code constraints} section. */
public sealed interface Constraint permits LocationConstraint, ColocationConstraint,
        OrderConstraint, TicketConstraint {
    String id();
}
