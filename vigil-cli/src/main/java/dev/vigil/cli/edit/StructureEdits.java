package dev.vigil.cli.edit;

import dev.vigil.model.cib.Clone;
import dev.vigil.model.cib.Configuration;
import dev.vigil.model.cib.Group;
import dev.vigil.model.cib.NvSet;
import dev.vigil.model.cib.Primitive;
import dev.vigil.model.cib.Resource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** How resources are put together: groups (members in order) and clones (promotable or not). */
public final class StructureEdits {
    private StructureEdits() {
    }

    /**
     * Puts primitives into a group (created if it does not exist), taking them out of where they
     * were; {@code before}/{@code after} place them next to a member, else they go last.
     */
    public static CibEdit groupAdd(String group, List<String> members, String before, String after) {
        return CibEdit.ofConfiguration(c -> {
            if (members.isEmpty()) {
                throw new EditException("group '" + group + "': name at least one resource to add");
            }
            List<Primitive> moving = new ArrayList<>();
            Configuration out = c;
            for (String m : members) {
                Primitive p = Resources.requirePrimitive(out, m);
                Optional<Resource> parent = Resources.parent(out, m);
                if (parent.isPresent() && !(parent.get() instanceof Group)) {
                    throw new EditException("'" + m + "' is inside the " + Resources.kind(parent.get()) + " '"
                            + parent.get().id() + "'; a cloned or bundled primitive cannot join a group");
                }
                if (m.equals(group)) {
                    throw new EditException("a resource cannot be added to itself");
                }
                moving.add(p);
                out = Resources.rewrite(out, m, x -> null);
            }
            return addToGroup(out, group, moving, before, after);
        });
    }

    static Configuration addToGroup(Configuration c, String group, List<Primitive> members, String before, String after) {
        Optional<Resource> existing = Resources.find(c, group);
        if (existing.isEmpty()) {
            ConfigIds.requireValid("group", group);
            ConfigIds.requireUnused("group", group, c);
            if (before != null || after != null) {
                throw new EditException("group '" + group + "' does not exist yet: --before/--after need an existing member");
            }
            List<Resource> all = new ArrayList<>(c.resources());
            all.add(new Group(group, null, List.of(), List.of(), members));
            return c.withResources(all);
        }
        if (!(existing.get() instanceof Group)) {
            throw new EditException("'" + group + "' is a " + Resources.kind(existing.get()) + ", not a group");
        }
        return Resources.rewrite(c, group, r -> {
            Group g = (Group) r;
            List<Primitive> list = new ArrayList<>(g.members());
            int at = list.size();
            String anchor = before != null ? before : after;
            if (anchor != null) {
                int i = indexOf(list, anchor);
                if (i < 0) {
                    throw new UnknownIdException("group '" + group + "' has no member '" + anchor + "'"
                            + Suggest.hint(anchor, list.stream().map(Primitive::id).toList()));
                }
                at = before != null ? i : i + 1;
            }
            list.addAll(at, members);
            return new Group(g.id(), g.description(), g.metaAttributes(), g.instanceAttributes(), list);
        });
    }

    private static int indexOf(List<Primitive> list, String id) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Takes members out of a group to the top level. With no member named, or when the last one
     * leaves, the group is dissolved and the constraints naming it are removed (as pcs does).
     */
    public static CibEdit groupRemove(String group, List<String> members) {
        return CibEdit.ofConfiguration(c -> {
            Resource r = Resources.require(c, group);
            if (!(r instanceof Group g)) {
                throw new EditException("'" + group + "' is a " + Resources.kind(r) + ", not a group");
            }
            if (Resources.parent(c, group).isPresent()) {
                throw new EditException("group '" + group + "' is inside '" + Resources.parent(c, group).get().id()
                        + "'; take it out of the clone first");
            }
            List<String> names = members.isEmpty() ? g.members().stream().map(Primitive::id).toList() : members;
            List<Primitive> out = new ArrayList<>();
            Configuration result = c;
            for (String m : names) {
                int i = indexOf(g.members(), m);
                if (i < 0) {
                    throw new UnknownIdException("group '" + group + "' has no member '" + m + "'"
                            + Suggest.hint(m, g.members().stream().map(Primitive::id).toList()));
                }
                out.add(g.members().get(i));
                result = Resources.rewrite(result, m, x -> null);
            }
            if (Resources.find(result, group).isEmpty()) {
                result = ConstraintEdits.dropReferences(result, Set.of(group));
            }
            List<Resource> all = new ArrayList<>(result.resources());
            all.addAll(out);
            return result.withResources(all);
        });
    }

    /**
     * Wraps a primitive or group in a clone named {@code ID-clone} (or {@code cloneId}), with meta
     * attributes; {@code promotable} makes it promotable. Constraints keep naming the inner
     * resource, which Pacemaker accepts; pcs users often move them to the clone by hand.
     */
    public static CibEdit clone(String id, String cloneId, Map<String, String> meta, boolean promotable) {
        return CibEdit.ofConfiguration(c -> {
            Resource r = Resources.require(c, id);
            if (Resources.parent(c, id).isPresent()) {
                throw new EditException("'" + id + "' is inside '" + Resources.parent(c, id).get().id()
                        + "'; only a top-level primitive or group can be cloned");
            }
            if (r instanceof Clone || !(r instanceof Primitive || r instanceof Group)) {
                throw new EditException("'" + id + "' is a " + Resources.kind(r) + "; only a primitive or group can be cloned");
            }
            String cid = cloneId != null ? cloneId : id + "-clone";
            ConfigIds.requireValid("clone", cid);
            ConfigIds.requireUnused("clone", cid, c);
            Map<String, String> values = new LinkedHashMap<>();
            if (promotable) {
                values.put("promotable", "true");
            }
            values.putAll(meta);
            List<NvSet> metaSets = NvSets.apply(List.of(), cid + "-meta_attributes", values, ConfigIds.all(c));
            return Resources.rewrite(c, id, x -> new Clone(cid, null, metaSets, List.of(), x, false));
        });
    }
}
