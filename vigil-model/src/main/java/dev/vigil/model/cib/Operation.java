package dev.vigil.model.cib;

import java.util.List;
import java.util.Map;

/**
 * A configured operation ({@code op}): its name, interval text and optional role, other
 * attributes in document order ({@code timeout}, {@code on-fail}, {@code enabled},
 * {@code record-pending}, {@code start-delay}, {@code interval-origin}, {@code requires},
 * {@code description}) and nested attribute sets. {@code idRef} makes it a reference.
 */
public record Operation(String id, String idRef, String name, String interval, String role,
                        Map<String, String> attributes, List<NvSet> instanceAttributes,
                        List<NvSet> metaAttributes) {
    public Operation {
        attributes = Attrs.copy(attributes);
        instanceAttributes = List.copyOf(instanceAttributes);
        metaAttributes = List.copyOf(metaAttributes);
    }

    public String attribute(String attributeName) {
        return attributes.get(attributeName);
    }
}
