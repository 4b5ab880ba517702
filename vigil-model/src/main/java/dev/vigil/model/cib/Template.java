package dev.vigil.model.cib;

import java.util.List;

/** A resource template: a primitive's settings that primitives inherit with {@code template=ID}. */
public record Template(String id, String description, String agentClass, String provider,
                       String type, List<NvSet> instanceAttributes, List<NvSet> metaAttributes,
                       List<NvSet> utilization, Operations operations) {
    public Template {
        instanceAttributes = List.copyOf(instanceAttributes);
        metaAttributes = List.copyOf(metaAttributes);
        utilization = List.copyOf(utilization);
        operations = operations == null ? Operations.NONE : operations;
    }
}
