package dev.vigil.model.cib;

import java.util.List;

/** A named list of configuration ids, usable wherever a constraint names a resource. */
public record Tag(String id, List<String> references) {
    public Tag {
        references = List.copyOf(references);
    }
}
