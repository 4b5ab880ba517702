package dev.vigil.model.cib;

import java.util.List;

/** The {@code operations} block of a primitive or template: its ops, or a reference to another block. */
public record Operations(String id, String idRef, List<Operation> ops) {
    public static final Operations NONE = new Operations(null, null, List.of());

    public Operations {
        ops = List.copyOf(ops);
    }
}
