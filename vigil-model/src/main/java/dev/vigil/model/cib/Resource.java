package dev.vigil.model.cib;

import java.util.List;

/** A configured resource: a primitive, a group, a clone (promotable or not) or a bundle. */
public sealed interface Resource permits Primitive, Group, Clone, Bundle {
    String id();

    String description();

    List<NvSet> metaAttributes();

    /** The resources directly inside this one, in configuration order. */
    List<Resource> children();
}
