package dev.vigil.cli.edit;

import dev.vigil.model.cib.NvPair;
import dev.vigil.model.cib.NvSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Setting and unsetting names in a list of attribute sets, as pcs does: the first set without
 * rules is the one edited (created as {@code OWNER-SUFFIX} when there is none); sets with rules
 * are left alone, since their values apply only sometimes.
 */
public final class NvSets {
    private NvSets() {
    }

    /**
     * The sets with each name of {@code values} set (a null or empty value removes the name).
     *
     * @param setId  the id for a new set, when one is needed
     * @param taken  ids already used, so new pair ids are unique
     */
    public static List<NvSet> apply(List<NvSet> sets, String setId, Map<String, String> values, Set<String> taken) {
        List<NvSet> out = new ArrayList<>(sets);
        int index = plainSetIndex(out);
        NvSet target = index >= 0 ? out.get(index) : NvSet.of(ConfigIds.fresh(setId, taken), List.of());
        Set<String> used = new java.util.HashSet<>(taken);
        used.add(target.id());
        List<NvPair> pairs = new ArrayList<>(target.pairs());
        values.forEach((name, value) -> {
            boolean remove = value == null || value.isEmpty();
            int at = indexOf(pairs, name);
            if (remove) {
                pairs.removeIf(p -> name.equals(p.name()));
            } else if (at >= 0) {
                NvPair kept = new NvPair(pairs.get(at).id(), null, name, value);
                pairs.set(at, kept);
                pairs.removeIf(p -> p != kept && name.equals(p.name()));
            } else {
                String id = ConfigIds.fresh(target.id() + "-" + name, used);
                used.add(id);
                pairs.add(NvPair.of(id, name, value));
            }
        });
        NvSet updated = new NvSet(target.id(), target.idRef(), target.score(), target.rules(), pairs);
        if (index >= 0) {
            out.set(index, updated);
        } else if (!pairs.isEmpty()) {
            out.add(updated);
        }
        out.removeIf(s -> s.pairs().isEmpty() && s.rules().isEmpty() && s.idRef() == null);
        return out;
    }

    /** The values of the first set without rules, in order (what {@code show} prints). */
    public static Map<String, String> plainValues(List<NvSet> sets) {
        Map<String, String> out = new LinkedHashMap<>();
        int index = plainSetIndex(sets);
        if (index >= 0) {
            sets.get(index).pairs().forEach(p -> out.put(p.name(), p.value()));
        }
        return out;
    }

    /** Every name=value of every set, later sets' values winning (for display). */
    public static Map<String, String> allValues(List<NvSet> sets) {
        Map<String, String> out = new LinkedHashMap<>();
        sets.forEach(s -> s.pairs().forEach(p -> out.put(p.name(), p.value())));
        return out;
    }

    private static int plainSetIndex(List<NvSet> sets) {
        for (int i = 0; i < sets.size(); i++) {
            if (sets.get(i).rules().isEmpty() && sets.get(i).idRef() == null) {
                return i;
            }
        }
        return -1;
    }

    private static int indexOf(List<NvPair> pairs, String name) {
        for (int i = 0; i < pairs.size(); i++) {
            if (name.equals(pairs.get(i).name())) {
                return i;
            }
        }
        return -1;
    }
}
