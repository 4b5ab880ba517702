package dev.vigil.model.cib;

import java.util.List;

/**
 * Copies of a primitive or group on several nodes. {@code legacyMaster} records that the XML
 * used the old {@code <master>} element, which makes the clone promotable.
 */
public record Clone(String id, String description, List<NvSet> metaAttributes,
                    List<NvSet> instanceAttributes, Resource child, boolean legacyMaster)
        implements Resource {
    public Clone {
        metaAttributes = List.copyOf(metaAttributes);
        instanceAttributes = List.copyOf(instanceAttributes);
    }

    @Override
    public List<Resource> children() {
        return List.of(child);
    }
}
