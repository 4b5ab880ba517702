package dev.vigil.model.cib;

import java.util.List;

/**
 * Containers (docker, podman or rkt) that each run one instance of an optional primitive.
 * The container, network and storage settings are kept as elements; the scheduler reads the
 * attributes it needs ({@code replicas}, {@code image}, {@code ip-range-start}…).
 */
public record Bundle(String id, String description, List<NvSet> metaAttributes,
                     XmlElement container, XmlElement network, XmlElement storage,
                     Primitive primitive) implements Resource {
    public Bundle {
        metaAttributes = List.copyOf(metaAttributes);
    }

    @Override
    public List<Resource> children() {
        return primitive == null ? List.of() : List.of(primitive);
    }
}
