package dev.vigil.model.cib;

import java.util.List;

/** Primitives that run together on one node, started in order and stopped in reverse. */
public record Group(String id, String description, List<NvSet> metaAttributes,
                    List<NvSet> instanceAttributes, List<Primitive> members) implements Resource {
    public Group {
        metaAttributes = List.copyOf(metaAttributes);
        instanceAttributes = List.copyOf(instanceAttributes);
        members = List.copyOf(members);
    }

    @Override
    public List<Resource> children() {
        return List.copyOf(members);
    }
}
