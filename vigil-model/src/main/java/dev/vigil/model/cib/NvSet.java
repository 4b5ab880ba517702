package dev.vigil.model.cib;

import java.util.List;

/**
 * An attribute set ({@code instance_attributes}, {@code meta_attributes}, {@code utilization},
 * {@code cluster_property_set}): pairs that apply when the optional rule holds. Sets with a
 * higher {@code score} take precedence. {@code idRef} makes the set a reference to another.
 */
public record NvSet(String id, String idRef, Integer score, Rule rule, List<NvPair> pairs) {
    public NvSet {
        pairs = List.copyOf(pairs);
    }

    public static NvSet of(String id, List<NvPair> pairs) {
        return new NvSet(id, null, null, null, pairs);
    }

    /** Value of the last pair with this name, or null. */
    public String get(String name) {
        String value = null;
        for (NvPair pair : pairs) {
            if (name.equals(pair.name())) {
                value = pair.value();
            }
        }
        return value;
    }
}
