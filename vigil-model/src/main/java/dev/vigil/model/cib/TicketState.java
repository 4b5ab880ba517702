package dev.vigil.model.cib;

import java.util.Map;

/** A ticket's state in the status section: {@code granted}, {@code standby}, {@code last-granted}. */
public record TicketState(Map<String, String> attributes) {
    public TicketState {
        attributes = Attrs.copy(attributes);
    }

    public String id() {
        return attributes.get("id");
    }
}
