package dev.vigil.model.cib;

import java.util.List;

/**
 * A {@code resource_set} inside a constraint: resources referred to by id, with the set's
 * options kept as text ({@code sequential}, {@code require-all}, {@code ordering},
 * {@code action}, {@code role}, {@code kind}, {@code score}); null means not given.
 */
public record ResourceSet(String id, String idRef, String sequential, String requireAll,
                          String ordering, String action, String role, String kind, String score,
                          List<String> resources) {
    public ResourceSet {
        resources = List.copyOf(resources);
    }
}
