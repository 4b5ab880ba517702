package dev.vigil.model.cib;

import java.util.List;

/**
 * An attribute set ({@code instance_attributes}, {@code meta_attributes}, {@code utilization},
 * {@code cluster_property_set}): pairs that apply when any of the rules holds (or always, with
 * no rule). Sets with a higher {@code score} take precedence. {@code idRef} makes the set a
 * reference to another.
 */
public record NvSet(String id, String idRef, Integer score, List<Rule> rules, List<NvPair> pairs) {
    public NvSet {
        rules = List.copyOf(rules);
        pairs = List.copyOf(pairs);
    }

    public static NvSet of(String id, List<NvPair> pairs) {
        return new NvSet(id, null, null, List.of(), pairs);
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
