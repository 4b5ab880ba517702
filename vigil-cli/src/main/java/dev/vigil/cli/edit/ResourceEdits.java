package dev.vigil.cli.edit;

import dev.vigil.exec.AgentMetadata;
import dev.vigil.model.cib.Configuration;
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
import java.util.Set;

/** Resource edits: create, update, delete, enable/disable, meta attributes. */
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
        return StructureEdits.addToGroup(c, spec.group(), List.of(p), null, null);
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
                        ops = OperationEdits.putOp(id, ops, Ops.build(id, op, taken));
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

    private static void collectIds(Resource r, Set<String> out) {
        out.add(r.id());
        r.children().forEach(ch -> collectIds(ch, out));
    }

    private static Set<String> idsOf(NvSet s) {
        Set<String> ids = new HashSet<>();
        ids.add(s.id());
        s.pairs().forEach(p -> ids.add(p.id()));
        return ids;
    }
}
