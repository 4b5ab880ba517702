package dev.vigil.cli.edit;

import dev.vigil.exec.AgentMetadata;
import dev.vigil.model.Durations;
import dev.vigil.model.cib.Clone;
import dev.vigil.model.cib.Configuration;
import dev.vigil.model.cib.Group;
import dev.vigil.model.cib.NvSet;
import dev.vigil.model.cib.Operation;
import dev.vigil.model.cib.Operations;
import dev.vigil.model.cib.Primitive;
import dev.vigil.model.cib.Resource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Resource edits: create, update, delete, enable/disable, groups, clones, operations, utilization. */
public final class ResourceEdits {
    private ResourceEdits() {
    }

    /**
     * What {@code resource create} makes.
     *
     * @param agentClass ocf, lsb, systemd, service or stonith
     * @param provider   OCF only
     * @param metadata   the agent's meta-data, to check parameters and advise a monitor; null
     *                   when it could not be read and the user forced the creation
     * @param force      create even when parameters do not match the meta-data
     */
    public record Create(String id, String agentClass, String provider, String type, ResourceArgs args, String group,
                         boolean disabled, AgentMetadata metadata, boolean force) {
    }

    public static CibEdit create(Create spec) {
        return CibEdit.ofConfiguration(c -> create(c, spec));
    }

    private static Configuration create(Configuration c, Create spec) {
        String id = ConfigIds.requireValid("resource", spec.id());
        ConfigIds.requireUnused("resource", id, c);
        if (spec.metadata() != null && !spec.force()) {
            List<String> problems = AgentChecks.problems(id, spec.metadata(), spec.args().params());
            if (!problems.isEmpty()) {
                throw new EditException(problems.get(0) + (problems.size() > 1 ? " (and more)" : "")
                        + "; --force creates it anyway", problems);
            }
        }
        Options.checkKnownValues("resource '" + id + "' meta", Options.RESOURCE_META, spec.args().meta());
        Set<String> taken = new HashSet<>(ConfigIds.all(c));
        taken.add(id);
        List<NvSet> instance = NvSets.apply(List.of(), id + "-instance_attributes", spec.args().params(), taken);
        taken.addAll(ConfigIds.all(Configuration.EMPTY.withResources(List.of(primitive(id, spec, instance, List.of(),
                Operations.NONE)))));
        Map<String, String> metaValues = new LinkedHashMap<>(spec.args().meta());
        if (spec.disabled()) {
            metaValues.put("target-role", "Stopped");
        }
        List<NvSet> meta = NvSets.apply(List.of(), id + "-meta_attributes", metaValues, taken);
        meta.forEach(s -> taken.addAll(idsOf(s)));
        List<Operation> ops = new ArrayList<>();
        for (ResourceArgs.OpArgs op : withAdvisedMonitor(spec)) {
            Operation built = Ops.build(id, op, taken);
            taken.add(built.id());
            ops.add(built);
        }
        Primitive p = primitive(id, spec, instance, meta, ops.isEmpty() ? Operations.NONE : new Operations(null, null, ops));
        if (spec.group() == null) {
            List<Resource> all = new ArrayList<>(c.resources());
            all.add(p);
            return c.withResources(all);
        }
        return addToGroup(c, spec.group(), List.of(p), null, null);
    }

    private static Primitive primitive(String id, Create spec, List<NvSet> instance, List<NvSet> meta, Operations ops) {
        return new Primitive(id, null, spec.agentClass(), spec.provider(), spec.type(), null, instance, meta, List.of(), ops);
    }

    /** The ops given, plus a monitor with the agent's advised interval and timeout when none was given (as pcs does). */
    private static List<ResourceArgs.OpArgs> withAdvisedMonitor(Create spec) {
        List<ResourceArgs.OpArgs> ops = new ArrayList<>(spec.args().ops());
        boolean hasMonitor = ops.stream().anyMatch(o -> o.action().equals("monitor"));
        if (!hasMonitor && spec.metadata() != null) {
            spec.metadata().actions().stream()
                    .filter(a -> a.name().equals("monitor") && a.role() == null)
                    .findFirst()
                    .ifPresent(a -> {
                        Map<String, String> attrs = new LinkedHashMap<>();
                        attrs.put("interval", seconds(a.interval() != null ? a.interval() : Duration.ofSeconds(60)));
                        if (a.timeout() != null) {
                            attrs.put("timeout", seconds(a.timeout()));
                        }
                        ops.add(new ResourceArgs.OpArgs("monitor", attrs));
                    });
        }
        return ops;
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    /**
     * Sets (or, with an empty value, removes) instance and meta attributes of any resource, and
     * adds or replaces operations (matched by action and interval).
     */
    public static CibEdit update(String id, ResourceArgs args, AgentMetadata metadata, boolean force) {
        return CibEdit.ofConfiguration(c -> {
            Resource r = Resources.require(c, id);
            Set<String> taken = new HashSet<>(ConfigIds.all(c));
            if (!args.params().isEmpty() && !(r instanceof Primitive)) {
                throw new EditException("'" + id + "' is a " + Resources.kind(r)
                        + ": only primitives have parameters (set meta attributes with: meta name=value)");
            }
            if (r instanceof Primitive p && metadata != null && !force && !args.params().isEmpty()) {
                Map<String, String> merged = new LinkedHashMap<>(NvSets.allValues(p.instanceAttributes()));
                merged.putAll(args.params());
                merged.values().removeIf(v -> v == null || v.isEmpty());
                List<String> problems = AgentChecks.problems(id, metadata, merged);
                if (!problems.isEmpty()) {
                    throw new EditException(problems.get(0) + "; --force changes it anyway", problems);
                }
            }
            Options.checkKnownValues("resource '" + id + "' meta", Options.RESOURCE_META, args.meta());
            Configuration out = c;
            if (!args.meta().isEmpty()) {
                out = setMeta(out, id, args.meta());
            }
            if (r instanceof Primitive && (!args.params().isEmpty() || !args.ops().isEmpty())) {
                out = Resources.rewrite(out, id, res -> {
                    Primitive p = (Primitive) res;
                    List<NvSet> instance = NvSets.apply(p.instanceAttributes(), id + "-instance_attributes", args.params(), taken);
                    Operations ops = p.operations();
                    for (ResourceArgs.OpArgs op : args.ops()) {
                        ops = putOp(id, ops, Ops.build(id, op, taken));
                    }
                    return new Primitive(p.id(), p.description(), p.agentClass(), p.provider(), p.type(), p.template(),
                            instance, p.metaAttributes(), p.utilization(), ops);
                });
            } else if (!args.ops().isEmpty()) {
                throw new EditException("'" + id + "' is a " + Resources.kind(r) + ": only primitives have operations");
            }
            return out;
        });
    }

    /** Meta attributes of any resource set (an empty or null value removes the name). */
    public static Configuration setMeta(Configuration c, String id, Map<String, String> values) {
        Set<String> taken = ConfigIds.all(c);
        return Resources.rewrite(c, id, r -> Resources.withMeta(r,
                NvSets.apply(r.metaAttributes(), id + "-meta_attributes", values, taken)));
    }

    /** Sets target-role to {@code role}, or removes it when null (restart puts back what was there). */
    public static CibEdit setMetaEdit(String id, String role) {
        return CibEdit.ofConfiguration(c -> {
            Map<String, String> v = new LinkedHashMap<>();
            v.put("target-role", role);
            return setMeta(c, id, v);
        });
    }

    /** {@code disable}: target-role=Stopped; {@code enable}: target-role removed (Started is the default). */
    public static CibEdit enable(List<String> ids, boolean enable) {
        return CibEdit.ofConfiguration(c -> {
            Configuration out = c;
            for (String id : ids) {
                Map<String, String> v = new LinkedHashMap<>();
                v.put("target-role", enable ? null : "Stopped");
                out = setMeta(out, id, v);
            }
            return out;
        });
    }

    /**
     * Deletes a resource (with whatever it contains) and the constraints that name it or its
     * children; resource sets lose the id and a constraint left with no set goes.
     */
    public static CibEdit delete(String id) {
        return CibEdit.ofConfiguration(c -> {
            Resource r = Resources.require(c, id);
            Set<String> gone = new HashSet<>();
            collectIds(r, gone);
            Configuration out = Resources.rewrite(c, id, x -> null);
            return ConstraintEdits.dropReferences(out, gone);
        });
    }

    /** The ids of {@code id} and everything inside it. */
    public static Set<String> treeIds(Configuration c, String id) {
        Set<String> ids = new HashSet<>();
        collectIds(Resources.require(c, id), ids);
        return ids;
    }

    private static void collectIds(Resource r, Set<String> out) {
        out.add(r.id());
        r.children().forEach(ch -> collectIds(ch, out));
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

    /** Adds an operation (refused if one with the same action and interval exists). */
    public static CibEdit opAdd(String id, ResourceArgs.OpArgs op) {
        return CibEdit.ofConfiguration(c -> {
            Primitive p = Resources.requirePrimitive(c, id);
            Operation built = Ops.build(id, op, ConfigIds.all(c));
            for (Operation o : p.operations().ops()) {
                if (sameOp(o, built)) {
                    throw new EditException("resource '" + id + "' already has op " + o.name() + " interval=" + o.interval()
                            + " (" + o.id() + "); change it with: vigil resource update " + id + " op " + o.name() + " ...");
                }
            }
            return Resources.rewrite(c, id, r -> withOps(p, putOp(id, p.operations(), built)));
        });
    }

    /** Removes operations by id, or by action (and interval when given). */
    public static CibEdit opRemove(String id, String action, String interval) {
        return CibEdit.ofConfiguration(c -> {
            Primitive p = Resources.requirePrimitive(c, id);
            List<Operation> kept = new ArrayList<>();
            for (Operation o : p.operations().ops()) {
                boolean match = action.equals(o.id()) || action.equals(o.name()) && (interval == null
                        || Durations.parseMillisOr(interval, -1) == Durations.parseMillisOr(o.interval(), -2));
                if (!match) {
                    kept.add(o);
                }
            }
            if (kept.size() == p.operations().ops().size()) {
                throw new UnknownIdException("resource '" + id + "' has no op " + action
                        + (interval == null ? "" : " interval=" + interval) + " (it has: "
                        + String.join(", ", p.operations().ops().stream().map(o -> o.name() + " " + o.interval()).toList()) + ")");
            }
            Operations ops = new Operations(p.operations().id(), p.operations().idRef(), kept);
            return Resources.rewrite(c, id, r -> withOps(p, ops));
        });
    }

    /** Utilization of a primitive (an empty value removes the name); values must be integers. */
    public static CibEdit utilization(String id, Map<String, String> values) {
        return CibEdit.ofConfiguration(c -> {
            Primitive p = Resources.requirePrimitive(c, id);
            requireIntegers("resource '" + id + "'", values);
            List<NvSet> util = NvSets.apply(p.utilization(), id + "-utilization", values, ConfigIds.all(c));
            return Resources.rewrite(c, id, r -> new Primitive(p.id(), p.description(), p.agentClass(), p.provider(),
                    p.type(), p.template(), p.instanceAttributes(), p.metaAttributes(), util, p.operations()));
        });
    }

    static void requireIntegers(String owner, Map<String, String> values) {
        values.forEach((name, value) -> {
            if (value != null && !value.isEmpty() && !value.matches("[0-9]+")) {
                throw new EditException(owner + ": utilization " + name + "='" + value
                        + "' is not a non-negative integer");
            }
        });
    }

    private static Primitive withOps(Primitive p, Operations ops) {
        return new Primitive(p.id(), p.description(), p.agentClass(), p.provider(), p.type(), p.template(),
                p.instanceAttributes(), p.metaAttributes(), p.utilization(), ops);
    }

    private static Operations putOp(String id, Operations ops, Operation op) {
        List<Operation> list = new ArrayList<>();
        boolean replaced = false;
        for (Operation o : ops.ops()) {
            if (sameOp(o, op)) {
                list.add(new Operation(o.id(), null, op.name(), op.interval(), op.role(), op.attributes(),
                        o.instanceAttributes(), o.metaAttributes()));
                replaced = true;
            } else {
                list.add(o);
            }
        }
        if (!replaced) {
            list.add(op);
        }
        return new Operations(ops.id(), ops.idRef(), list);
    }

    private static boolean sameOp(Operation a, Operation b) {
        return a.name().equals(b.name()) && java.util.Objects.equals(a.role(), b.role())
                && Durations.parseMillisOr(a.interval(), -1) == Durations.parseMillisOr(b.interval(), -2);
    }

    private static Set<String> idsOf(NvSet s) {
        Set<String> ids = new HashSet<>();
        ids.add(s.id());
        s.pairs().forEach(p -> ids.add(p.id()));
        return ids;
    }
}
