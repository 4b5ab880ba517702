package dev.vigil.model.cib;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Helpers for attribute maps that keep document order and stay immutable. */
final class Attrs {
    private Attrs() {
    }

    static Map<String, String> copy(Map<String, String> attributes) {
        if (attributes == null || attributes.isEmpty()) {
            return Map.of();
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }
}
