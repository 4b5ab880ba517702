package dev.vigil.cli.show;

import dev.vigil.cli.edit.MoveEdits;
import dev.vigil.cli.edit.NvSets;
import dev.vigil.cli.edit.References;
import dev.vigil.cli.edit.Resources;
import dev.vigil.model.cib.Cib;
import dev.vigil.model.cib.Clone;
import dev.vigil.model.cib.ColocationConstraint;
import dev.vigil.model.cib.Configuration;
import dev.vigil.model.cib.Constraint;
import dev.vigil.model.cib.FencingLevel;
import dev.vigil.model.cib.LocationConstraint;
import dev.vigil.model.cib.Node;
import dev.vigil.model.cib.Operation;
import dev.vigil.model.cib.OrderConstraint;
import dev.vigil.model.cib.Primitive;
import dev.vigil.model.cib.Resource;
import dev.vigil.model.cib.TicketConstraint;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON views of the configuration: plain records with a {@code kind} where the XML has variants. */
public final class Views {
    private Views() {
    }

    public record ResourceView(String id, String kind, String agent, Map<String, String> params, Map<String, String> meta,
                               Map<String, String> utilization, List<OpView> ops, List<ResourceView> children) {
    }

    public record OpView(String id, String name, String interval, String role, Map<String, String> attributes) {
    }

    public record ConstraintView(String id, String kind, List<String> resources, Map<String, String> attributes,
                                 List<String> rules, String leftover) {
    }

    public record NodeView(String name, String id, Map<String, String> attributes, Map<String, String> utilization) {
    }

    public record LevelView(String id, String target, int level, List<String> devices) {
    }

    public record ConfigView(String version, List<ResourceView> resources, List<ConstraintView> constraints,
                             Map<String, String> properties, Map<String, String> resourceDefaults,
                             Map<String, String> opDefaults, List<NodeView> nodes, List<LevelView> fencingLevels) {
    }

    public static ConfigView config(Cib cib, Instant now) {
        Configuration c = cib.configuration();
        return new ConfigView(cib.version().toString(), c.resources().stream().map(Views::resource).toList(),
                constraints(c, now), NvSets.allValues(c.clusterProperties()), NvSets.allValues(c.rscDefaults()),
                NvSets.allValues(c.opDefaults()),
                c.nodes().stream().map(n -> new NodeView(n.uname(), n.id(), NvSets.allValues(n.instanceAttributes()),
                        NvSets.allValues(n.utilization()))).toList(),
                c.fencingTopology().stream().map(l -> new LevelView(l.id(), target(l), l.index(), l.devices())).toList());
    }

    public static ResourceView resource(Resource r) {
        if (r instanceof Primitive p) {
            return new ResourceView(p.id(), "primitive", p.agentClass() == null ? "template:" + p.template() : p.agent(),
                    NvSets.allValues(p.instanceAttributes()), NvSets.allValues(p.metaAttributes()),
                    NvSets.allValues(p.utilization()), p.operations().ops().stream().map(Views::op).toList(), List.of());
        }
        Map<String, String> params = r instanceof Clone cl ? NvSets.allValues(cl.instanceAttributes()) : Map.of();
        return new ResourceView(r.id(), Resources.kind(r), null, params, NvSets.allValues(r.metaAttributes()), Map.of(),
                List.of(), r.children().stream().map(Views::resource).toList());
    }

    static OpView op(Operation o) {
        return new OpView(o.id(), o.name(), o.interval(), o.role(), o.attributes());
    }

    public static List<ConstraintView> constraints(Configuration c, Instant now) {
        Map<String, MoveEdits.Leftover> leftovers = new LinkedHashMap<>();
        MoveEdits.leftovers(c, now).forEach(l -> leftovers.put(l.id(), l));
        return c.constraints().stream().map(k -> {
            MoveEdits.Leftover l = leftovers.get(k.id());
            String leftover = l == null ? null : (l.ban() ? "ban" : "move") + (l.expired() ? " (expired)" : "");
            return new ConstraintView(k.id(), kind(k), References.named(k), attributes(k),
                    k instanceof LocationConstraint loc ? loc.rules().stream().map(Text::rule).toList() : List.of(), leftover);
        }).toList();
    }

    static String kind(Constraint k) {
        if (k instanceof LocationConstraint) {
            return "location";
        }
        if (k instanceof ColocationConstraint) {
            return "colocation";
        }
        return k instanceof OrderConstraint ? "order" : "ticket";
    }

    private static Map<String, String> attributes(Constraint k) {
        Map<String, String> a = new LinkedHashMap<>();
        if (k instanceof LocationConstraint l) {
            put(a, "node", l.node());
            put(a, "score", l.score());
            put(a, "role", l.role());
            put(a, "rsc-pattern", l.rscPattern());
            put(a, "resource-discovery", l.resourceDiscovery());
        } else if (k instanceof ColocationConstraint co) {
            put(a, "score", co.score());
            put(a, "rsc-role", co.rscRole());
            put(a, "with-rsc-role", co.withRscRole());
            put(a, "node-attribute", co.nodeAttribute());
        } else if (k instanceof OrderConstraint o) {
            put(a, "first-action", o.firstAction());
            put(a, "then-action", o.thenAction());
            put(a, "kind", o.kind());
            put(a, "score", o.score());
            put(a, "symmetrical", o.symmetrical());
        } else if (k instanceof TicketConstraint t) {
            put(a, "ticket", t.ticket());
            put(a, "rsc-role", t.rscRole());
            put(a, "loss-policy", t.lossPolicy());
        }
        return a;
    }

    static String target(FencingLevel l) {
        if (l.target() != null) {
            return l.target();
        }
        if (l.targetPattern() != null) {
            return "regexp%" + l.targetPattern();
        }
        return "attrib%" + l.targetAttribute() + "=" + l.targetValue();
    }

    private static void put(Map<String, String> m, String k, String v) {
        if (v != null) {
            m.put(k, v);
        }
    }

    static String nodeName(Node n) {
        return n.uname() != null ? n.uname() : n.id();
    }
}
