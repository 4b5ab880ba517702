package dev.vigil.model.cib;

import java.util.List;
import java.util.Map;

/**
 * A node's entry in the status section: membership fields ({@code in_ccm}, {@code crmd},
 * {@code join}, {@code expected}, {@code shutdown}…) in document order, transient attributes
 * and the operation history. {@code hasLrm} distinguishes an empty history from none at all.
 */
public record NodeState(Map<String, String> attributes, List<NvSet> transientAttributes,
                        boolean hasLrm, List<LrmResource> lrmResources) {
    public NodeState {
        attributes = Attrs.copy(attributes);
        transientAttributes = List.copyOf(transientAttributes);
        lrmResources = List.copyOf(lrmResources);
    }

    public String id() {
        return attributes.get("id");
    }

    public String uname() {
        return attributes.get("uname");
    }

    public String get(String name) {
        return attributes.get(name);
    }
}
