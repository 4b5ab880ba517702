package dev.vigil.cib;

import dev.vigil.model.cib.Bundle;
import dev.vigil.model.cib.Cib;
import dev.vigil.model.cib.Clone;
import dev.vigil.model.cib.ColocationConstraint;
import dev.vigil.model.cib.Configuration;
import dev.vigil.model.cib.Constraint;
import dev.vigil.model.cib.DateExpression;
import dev.vigil.model.cib.Expression;
import dev.vigil.model.cib.FencingLevel;
import dev.vigil.model.cib.Group;
import dev.vigil.model.cib.LocationConstraint;
import dev.vigil.model.cib.Node;
import dev.vigil.model.cib.NodeState;
import dev.vigil.model.cib.NvPair;
import dev.vigil.model.cib.NvSet;
import dev.vigil.model.cib.Operation;
import dev.vigil.model.cib.Operations;
import dev.vigil.model.cib.OrderConstraint;
import dev.vigil.model.cib.Primitive;
import dev.vigil.model.cib.Resource;
import dev.vigil.model.cib.ResourceSet;
import dev.vigil.model.cib.Rule;
import dev.vigil.model.cib.Tag;
import dev.vigil.model.cib.Template;
import dev.vigil.model.cib.TicketConstraint;
import dev.vigil.model.cib.XmlElement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a CIB before it is accepted: everything the XML codec checks (required attributes,
 * scores, roles, kinds, intervals...), ids unique across the configuration (as Pacemaker's
 * schema makes them), every reference pointing at something of the right kind (constraints to
 * resources, templates or tags; id-refs to sets, pairs, rules, ops; templates; tags; fencing
 * levels to fence devices), unique nodes, and one status entry per node (Pacemaker tolerates repeated history entries, and so do we).
 *
 * <p>Returns all problems in document order; an empty list means the CIB is acceptable. Pure:
 * the daemon runs it on every change, the CLI before it sends a file.
 */
public final class CibValidator {
    private CibValidator() {
    }

    /** Every problem of {@code cib}, in document order. */
    public static List<CibProblem> problems(Cib cib) {
        List<CibProblem> out = new ArrayList<>();
        codecProblem(cib).ifPresent(out::add);
        new Walk(cib.configuration(), out).run();
        statusProblems(cib, out);
        return List.copyOf(out);
    }

    /**
     * The problems of {@code after} that {@code before} does not have: what a change would add.
     * A change is refused for these only, so that a CIB imported with old problems can still be
     * repaired step by step.
     */
    public static List<CibProblem> newProblems(Cib before, Cib after) {
        Set<CibProblem> old = new HashSet<>(problems(before));
        return problems(after).stream().filter(p -> !old.contains(p)).toList();
    }

    /** What the codec refuses (it stops at the first problem), by writing and reading back. */
    private static java.util.Optional<CibProblem> codecProblem(Cib cib) {
        try {
            CibXml.parse(CibXml.write(cib));
            return java.util.Optional.empty();
        } catch (CibFormatException e) {
            String m = e.getMessage();
            int split = m.indexOf(">: ");
            if (m.startsWith("<") && split > 0) {
                return java.util.Optional.of(new CibProblem(m.substring(0, split + 1), m.substring(split + 3)));
            }
            return java.util.Optional.of(new CibProblem("<cib>", m));
        }
    }

    private static void statusProblems(Cib cib, List<CibProblem> out) {
        Set<String> ids = new HashSet<>();
        Set<String> unames = new HashSet<>();
        for (NodeState n : cib.status().nodes()) {
            String where = CibProblem.tag("node_state", n.id());
            if (n.id() != null && !ids.add(n.id())) {
                out.add(new CibProblem(where, "a second entry for node id '" + n.id() + "' in the status section"));
            }
            if (n.uname() != null && !unames.add(n.uname())) {
                out.add(new CibProblem(where, "a second entry for node '" + n.uname() + "' in the status section"));
            }
        }
    }

    /** One pass over the configuration: collects ids, then checks references against them. */
    private static final class Walk {
        private final Configuration c;
        private final List<CibProblem> out;
        /** id → the element that defined it first, e.g. {@code <primitive id="web">}. */
        private final Map<String, String> definedBy = new HashMap<>();
        /** id → kind of element (primitive, nvpair, rule...). */
        private final Map<String, String> kinds = new HashMap<>();
        private final List<Runnable> referenceChecks = new ArrayList<>();

        Walk(Configuration c, List<CibProblem> out) {
            this.c = c;
            this.out = out;
        }

        void run() {
            nodes();
            c.clusterProperties().forEach(s -> nvSet("cluster_property_set", s));
            c.rscDefaults().forEach(s -> nvSet("meta_attributes", s));
            c.opDefaults().forEach(s -> nvSet("meta_attributes", s));
            c.templates().forEach(this::template);
            c.resources().forEach(this::resource);
            c.constraints().forEach(this::constraint);
            c.fencingTopology().forEach(this::fencingLevel);
            c.tags().forEach(this::tag);
            if (c.alerts() != null) {
                generic(c.alerts());
            }
            referenceChecks.forEach(Runnable::run);
        }

        // ---- definitions

        private void define(String kind, String id) {
            if (id == null) {
                return;
            }
            String tag = CibProblem.tag(kind, id);
            String first = definedBy.putIfAbsent(id, tag);
            if (first != null) {
                out.add(new CibProblem(tag, "id '" + id + "' is already used by " + first));
            } else {
                kinds.put(id, kind);
            }
        }

        private void nodes() {
            Set<String> ids = new HashSet<>();
            Set<String> unames = new HashSet<>();
            for (Node n : c.nodes()) {
                String tag = CibProblem.tag("node", n.id());
                if (!ids.add(n.id())) {
                    out.add(new CibProblem(tag, "a second node with id '" + n.id() + "'"));
                }
                if (n.uname() != null && !unames.add(n.uname())) {
                    out.add(new CibProblem(tag, "a second node named '" + n.uname() + "'"));
                }
                n.instanceAttributes().forEach(s -> nvSet("instance_attributes", s));
                n.utilization().forEach(s -> nvSet("utilization", s));
            }
        }

        private void nvSet(String kind, NvSet s) {
            define(kind, s.id());
            if (s.idRef() != null) {
                String ref = s.idRef();
                referenceChecks.add(() -> expect(CibProblem.tag(kind, s.id()), "id-ref", ref,
                        Set.of("cluster_property_set", "meta_attributes", "instance_attributes", "utilization"),
                        "an attribute set"));
            }
            s.rules().forEach(this::rule);
            for (NvPair p : s.pairs()) {
                define("nvpair", p.id());
                if (p.idRef() != null) {
                    String ref = p.idRef();
                    referenceChecks.add(() -> expect(CibProblem.tag("nvpair", p.id()), "id-ref", ref,
                            Set.of("nvpair"), "an nvpair"));
                }
            }
        }

        private void rule(Rule r) {
            define("rule", r.id());
            if (r.idRef() != null) {
                String ref = r.idRef();
                referenceChecks.add(() -> expect(CibProblem.tag("rule", r.id()), "id-ref", ref, Set.of("rule"), "a rule"));
            }
            for (Expression e : r.expressions()) {
                if (e instanceof Rule nested) {
                    rule(nested);
                } else {
                    define(expressionTag(e), e.id());
                    if (e instanceof DateExpression d) {
                        if (d.duration() != null) {
                            define("duration", d.duration().get("id"));
                        }
                        if (d.dateSpec() != null) {
                            define("date_spec", d.dateSpec().get("id"));
                        }
                    }
                }
            }
        }

        private static String expressionTag(Expression e) {
            if (e instanceof DateExpression) {
                return "date_expression";
            } else if (e instanceof dev.vigil.model.cib.OperationExpression) {
                return "op_expression";
            } else if (e instanceof dev.vigil.model.cib.ResourceExpression) {
                return "rsc_expression";
            } else if (e instanceof Rule) {
                return "rule";
            }
            return "expression";
        }

        private void template(Template t) {
            define("template", t.id());
            agentParts("template", t.id(), t.instanceAttributes(), t.metaAttributes(), t.utilization(), t.operations());
        }

        private void resource(Resource r) {
            if (r instanceof Primitive p) {
                primitive(p);
            } else if (r instanceof Group g) {
                define("group", g.id());
                g.metaAttributes().forEach(s -> nvSet("meta_attributes", s));
                g.instanceAttributes().forEach(s -> nvSet("instance_attributes", s));
                g.members().forEach(this::primitive);
            } else if (r instanceof Clone cl) {
                define(cl.legacyMaster() ? "master" : "clone", cl.id());
                cl.metaAttributes().forEach(s -> nvSet("meta_attributes", s));
                cl.instanceAttributes().forEach(s -> nvSet("instance_attributes", s));
                resource(cl.child());
            } else if (r instanceof Bundle b) {
                define("bundle", b.id());
                b.metaAttributes().forEach(s -> nvSet("meta_attributes", s));
                for (XmlElement e : new XmlElement[] {b.container(), b.network(), b.storage()}) {
                    if (e != null) {
                        generic(e);
                    }
                }
                if (b.primitive() != null) {
                    primitive(b.primitive());
                }
            }
        }

        private void primitive(Primitive p) {
            define("primitive", p.id());
            if (p.template() != null) {
                String ref = p.template();
                referenceChecks.add(() -> expect(CibProblem.tag("primitive", p.id()), "template", ref,
                        Set.of("template"), "a template"));
            }
            agentParts("primitive", p.id(), p.instanceAttributes(), p.metaAttributes(), p.utilization(), p.operations());
        }

        private void agentParts(String kind, String id, List<NvSet> instance, List<NvSet> meta, List<NvSet> utilization,
                                Operations ops) {
            instance.forEach(s -> nvSet("instance_attributes", s));
            meta.forEach(s -> nvSet("meta_attributes", s));
            utilization.forEach(s -> nvSet("utilization", s));
            define("operations", ops.id());
            if (ops.idRef() != null) {
                String ref = ops.idRef();
                referenceChecks.add(() -> expect(CibProblem.tag(kind, id), "operations id-ref", ref,
                        Set.of("operations"), "an operations block"));
            }
            for (Operation op : ops.ops()) {
                define("op", op.id());
                if (op.idRef() != null) {
                    String ref = op.idRef();
                    referenceChecks.add(() -> expect(CibProblem.tag("op", op.id()), "id-ref", ref, Set.of("op"), "an op"));
                }
                op.instanceAttributes().forEach(s -> nvSet("instance_attributes", s));
                op.metaAttributes().forEach(s -> nvSet("meta_attributes", s));
            }
        }

        private static final Set<String> CONSTRAINABLE =
                Set.of("primitive", "group", "clone", "master", "bundle", "template", "tag");
        private static final String CONSTRAINABLE_WORDS = "a resource, group, clone, bundle, template or tag";

        private void constraint(Constraint k) {
            if (k instanceof LocationConstraint l) {
                define("rsc_location", l.id());
                refer("rsc_location", l.id(), "rsc", l.rsc());
                l.rules().forEach(this::rule);
                l.sets().forEach(s -> resourceSet("rsc_location", l.id(), s));
            } else if (k instanceof ColocationConstraint o) {
                define("rsc_colocation", o.id());
                refer("rsc_colocation", o.id(), "rsc", o.rsc());
                refer("rsc_colocation", o.id(), "with-rsc", o.withRsc());
                o.sets().forEach(s -> resourceSet("rsc_colocation", o.id(), s));
            } else if (k instanceof OrderConstraint o) {
                define("rsc_order", o.id());
                refer("rsc_order", o.id(), "first", o.first());
                refer("rsc_order", o.id(), "then", o.then());
                o.sets().forEach(s -> resourceSet("rsc_order", o.id(), s));
            } else if (k instanceof TicketConstraint t) {
                define("rsc_ticket", t.id());
                refer("rsc_ticket", t.id(), "rsc", t.rsc());
                t.sets().forEach(s -> resourceSet("rsc_ticket", t.id(), s));
            }
        }

        private void refer(String kind, String id, String attribute, String target) {
            if (target != null) {
                referenceChecks.add(() -> expect(CibProblem.tag(kind, id), attribute, target, CONSTRAINABLE,
                        CONSTRAINABLE_WORDS));
            }
        }

        private void resourceSet(String kind, String constraintId, ResourceSet s) {
            define("resource_set", s.id());
            if (s.idRef() != null) {
                String ref = s.idRef();
                referenceChecks.add(() -> expect(CibProblem.tag("resource_set", s.id()), "id-ref", ref,
                        Set.of("resource_set"), "a resource_set"));
            }
            for (String r : new LinkedHashSet<>(s.resources())) {
                referenceChecks.add(() -> expect(CibProblem.tag("resource_set", s.id() != null ? s.id() : constraintId),
                        "resource_ref", r, CONSTRAINABLE, CONSTRAINABLE_WORDS));
            }
        }

        private void fencingLevel(FencingLevel l) {
            define("fencing-level", l.id());
            for (String device : l.devices()) {
                referenceChecks.add(() -> {
                    if (!isFenceDevice(device)) {
                        out.add(new CibProblem(CibProblem.tag("fencing-level", l.id()),
                                "device '" + device + "' is not a fence device (a primitive of class stonith)"));
                    }
                });
            }
        }

        private boolean isFenceDevice(String id) {
            for (Resource r : c.resources()) {
                if (isFenceDevice(r, id)) {
                    return true;
                }
            }
            return false;
        }

        private static boolean isFenceDevice(Resource r, String id) {
            if (r instanceof Primitive p) {
                return p.id().equals(id) && "stonith".equals(p.agentClass());
            }
            for (Resource child : r.children()) {
                if (isFenceDevice(child, id)) {
                    return true;
                }
            }
            return false;
        }

        private void tag(Tag t) {
            define("tag", t.id());
            for (String ref : t.references()) {
                referenceChecks.add(() -> {
                    if (!definedBy.containsKey(ref)) {
                        out.add(new CibProblem(CibProblem.tag("tag", t.id()), "obj_ref '" + ref
                                + "' does not name anything in the configuration"));
                    }
                });
            }
        }

        private void generic(XmlElement e) {
            define(e.name(), e.attribute("id"));
            e.children().forEach(this::generic);
        }

        private void expect(String where, String attribute, String target, Set<String> allowed, String words) {
            String kind = kinds.get(target);
            if (kind == null) {
                out.add(new CibProblem(where, attribute + " '" + target + "' does not exist (expected " + words + ")"));
            } else if (!allowed.contains(kind)) {
                out.add(new CibProblem(where, attribute + " '" + target + "' is " + article(kind) + " <" + kind
                        + ">, not " + words));
            }
        }

        private static String article(String kind) {
            return "aeiou".indexOf(kind.charAt(0)) >= 0 ? "an" : "a";
        }
    }
}
