package dev.vigil.cib;

import dev.vigil.model.cib.AttributeExpression;
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
import dev.vigil.model.cib.LrmOp;
import dev.vigil.model.cib.LrmResource;
import dev.vigil.model.cib.Node;
import dev.vigil.model.cib.NodeState;
import dev.vigil.model.cib.NvPair;
import dev.vigil.model.cib.NvSet;
import dev.vigil.model.cib.Operation;
import dev.vigil.model.cib.OperationExpression;
import dev.vigil.model.cib.Operations;
import dev.vigil.model.cib.OrderConstraint;
import dev.vigil.model.cib.Primitive;
import dev.vigil.model.cib.Resource;
import dev.vigil.model.cib.ResourceExpression;
import dev.vigil.model.cib.ResourceSet;
import dev.vigil.model.cib.Rule;
import dev.vigil.model.cib.Status;
import dev.vigil.model.cib.Tag;
import dev.vigil.model.cib.Template;
import dev.vigil.model.cib.TicketConstraint;
import dev.vigil.model.cib.TicketState;
import dev.vigil.model.cib.XmlElement;
import dev.vigil.model.Score;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes the model as Pacemaker CIB XML with two-space indentation. */
final class CibWriter {
    private final StringBuilder out = new StringBuilder(4096);
    private final boolean sortAttributes;
    private int depth;

    CibWriter() {
        this(false);
    }

    /** @param sortAttributes write each element's attributes in name order (canonical text) */
    CibWriter(boolean sortAttributes) {
        this.sortAttributes = sortAttributes;
    }

    String write(Cib cib) {
        open("cib", cib.attributes());
        configuration(cib.configuration());
        status(cib.status());
        close("cib");
        return out.toString();
    }

    // ---------------------------------------------------------------- configuration

    private void configuration(Configuration c) {
        open("configuration", Map.of());
        section("crm_config", () -> c.clusterProperties().forEach(s -> nvSet("cluster_property_set", s)));
        section("nodes", () -> c.nodes().forEach(this::node));
        section("resources", () -> {
            c.templates().forEach(this::template);
            c.resources().forEach(this::resource);
        });
        section("constraints", () -> c.constraints().forEach(this::constraint));
        if (!c.fencingTopology().isEmpty()) {
            section("fencing-topology", () -> c.fencingTopology().forEach(this::fencingLevel));
        }
        if (!c.rscDefaults().isEmpty()) {
            section("rsc_defaults", () -> c.rscDefaults().forEach(s -> nvSet("meta_attributes", s)));
        }
        if (!c.opDefaults().isEmpty()) {
            section("op_defaults", () -> c.opDefaults().forEach(s -> nvSet("meta_attributes", s)));
        }
        if (!c.tags().isEmpty()) {
            section("tags", () -> c.tags().forEach(this::tag));
        }
        if (c.alerts() != null) {
            generic(c.alerts());
        }
        if (c.acls() != null) {
            generic(c.acls());
        }
        close("configuration");
    }

    private void node(Node n) {
        Map<String, String> a = attrs("id", n.id(), "uname", n.uname(), "type", n.type(),
                "description", n.description(), "score", n.score());
        if (n.instanceAttributes().isEmpty() && n.utilization().isEmpty()) {
            empty("node", a);
            return;
        }
        open("node", a);
        n.instanceAttributes().forEach(s -> nvSet("instance_attributes", s));
        n.utilization().forEach(s -> nvSet("utilization", s));
        close("node");
    }

    private void resource(Resource r) {
        if (r instanceof Primitive p) {
            primitive(p);
        } else if (r instanceof Group g) {
            group(g);
        } else if (r instanceof Clone c) {
            clone(c);
        } else if (r instanceof Bundle b) {
            bundle(b);
        }
    }

    private void primitive(Primitive p) {
        Map<String, String> a = attrs("id", p.id(), "class", p.agentClass(), "provider", p.provider(),
                "type", p.type(), "template", p.template(), "description", p.description());
        agentBody("primitive", a, p.instanceAttributes(), p.metaAttributes(), p.utilization(), p.operations());
    }

    private void template(Template t) {
        Map<String, String> a = attrs("id", t.id(), "class", t.agentClass(), "provider", t.provider(),
                "type", t.type(), "description", t.description());
        agentBody("template", a, t.instanceAttributes(), t.metaAttributes(), t.utilization(), t.operations());
    }

    private void agentBody(String tag, Map<String, String> a, List<NvSet> instance, List<NvSet> meta,
                           List<NvSet> utilization, Operations ops) {
        boolean hasOps = ops.id() != null || ops.idRef() != null || !ops.ops().isEmpty();
        if (instance.isEmpty() && meta.isEmpty() && utilization.isEmpty() && !hasOps) {
            empty(tag, a);
            return;
        }
        open(tag, a);
        instance.forEach(s -> nvSet("instance_attributes", s));
        meta.forEach(s -> nvSet("meta_attributes", s));
        utilization.forEach(s -> nvSet("utilization", s));
        if (hasOps) {
            Map<String, String> oa = attrs("id", ops.id(), "id-ref", ops.idRef());
            if (ops.ops().isEmpty()) {
                empty("operations", oa);
            } else {
                open("operations", oa);
                ops.ops().forEach(this::operation);
                close("operations");
            }
        }
        close(tag);
    }

    private void operation(Operation op) {
        Map<String, String> a = attrs("id", op.id(), "id-ref", op.idRef(), "name", op.name(),
                "interval", op.interval(), "role", op.role());
        a.putAll(op.attributes());
        if (op.instanceAttributes().isEmpty() && op.metaAttributes().isEmpty()) {
            empty("op", a);
            return;
        }
        open("op", a);
        op.instanceAttributes().forEach(s -> nvSet("instance_attributes", s));
        op.metaAttributes().forEach(s -> nvSet("meta_attributes", s));
        close("op");
    }

    private void group(Group g) {
        open("group", attrs("id", g.id(), "description", g.description()));
        g.metaAttributes().forEach(s -> nvSet("meta_attributes", s));
        g.instanceAttributes().forEach(s -> nvSet("instance_attributes", s));
        g.members().forEach(this::primitive);
        close("group");
    }

    private void clone(Clone c) {
        String tag = c.legacyMaster() ? "master" : "clone";
        open(tag, attrs("id", c.id(), "description", c.description()));
        c.metaAttributes().forEach(s -> nvSet("meta_attributes", s));
        c.instanceAttributes().forEach(s -> nvSet("instance_attributes", s));
        resource(c.child());
        close(tag);
    }

    private void bundle(Bundle b) {
        open("bundle", attrs("id", b.id(), "description", b.description()));
        b.metaAttributes().forEach(s -> nvSet("meta_attributes", s));
        generic(b.container());
        if (b.network() != null) {
            generic(b.network());
        }
        if (b.storage() != null) {
            generic(b.storage());
        }
        if (b.primitive() != null) {
            primitive(b.primitive());
        }
        close("bundle");
    }

    private void fencingLevel(FencingLevel l) {
        empty("fencing-level", attrs("id", l.id(), "target", l.target(), "target-pattern", l.targetPattern(),
                "target-attribute", l.targetAttribute(), "target-value", l.targetValue(),
                "index", Integer.toString(l.index()), "devices", String.join(",", l.devices())));
    }

    private void tag(Tag t) {
        open("tag", attrs("id", t.id()));
        t.references().forEach(r -> empty("obj_ref", attrs("id", r)));
        close("tag");
    }

    // ---------------------------------------------------------------- constraints

    private void constraint(Constraint c) {
        if (c instanceof LocationConstraint l) {
                Map<String, String> a = attrs("id", l.id(), "rsc", l.rsc(), "rsc-pattern", l.rscPattern(),
                        "role", l.role(), "node", l.node(), "score", l.score(),
                        "resource-discovery", l.resourceDiscovery());
                withChildren("rsc_location", a, () -> {
                    l.rules().forEach(this::rule);
                    l.sets().forEach(this::resourceSet);
                }, l.rules().isEmpty() && l.sets().isEmpty());
        } else if (c instanceof ColocationConstraint k) {
                Map<String, String> a = attrs("id", k.id(), "rsc", k.rsc(), "with-rsc", k.withRsc(),
                        "rsc-role", k.rscRole(), "with-rsc-role", k.withRscRole(), "score", k.score(),
                        "node-attribute", k.nodeAttribute(), "influence", k.influence());
                withChildren("rsc_colocation", a, () -> k.sets().forEach(this::resourceSet), k.sets().isEmpty());
        } else if (c instanceof OrderConstraint o) {
                Map<String, String> a = attrs("id", o.id(), "first", o.first(), "then", o.then(),
                        "first-action", o.firstAction(), "then-action", o.thenAction(), "kind", o.kind(),
                        "score", o.score(), "symmetrical", o.symmetrical(), "require-all", o.requireAll());
                withChildren("rsc_order", a, () -> o.sets().forEach(this::resourceSet), o.sets().isEmpty());
        } else if (c instanceof TicketConstraint t) {
                Map<String, String> a = attrs("id", t.id(), "rsc", t.rsc(), "rsc-role", t.rscRole(),
                        "ticket", t.ticket(), "loss-policy", t.lossPolicy());
                withChildren("rsc_ticket", a, () -> t.sets().forEach(this::resourceSet), t.sets().isEmpty());
        }
    }

    private void resourceSet(ResourceSet s) {
        Map<String, String> a = attrs("id", s.id(), "id-ref", s.idRef(), "sequential", s.sequential(),
                "require-all", s.requireAll(), "ordering", s.ordering(), "action", s.action(),
                "role", s.role(), "kind", s.kind(), "score", s.score());
        withChildren("resource_set", a, () -> s.resources().forEach(r -> empty("resource_ref", attrs("id", r))),
                s.resources().isEmpty());
    }

    // ---------------------------------------------------------------- attribute sets and rules

    private void nvSet(String tag, NvSet s) {
        Map<String, String> a = attrs("id", s.id(), "id-ref", s.idRef(),
                "score", s.score() == null ? null : Score.format(s.score()));
        withChildren(tag, a, () -> {
            s.rules().forEach(this::rule);
            s.pairs().forEach(this::nvPair);
        }, s.rules().isEmpty() && s.pairs().isEmpty());
    }

    private void nvPair(NvPair p) {
        empty("nvpair", attrs("id", p.id(), "id-ref", p.idRef(), "name", p.name(), "value", p.value()));
    }

    private void rule(Rule r) {
        Map<String, String> a = attrs("id", r.id(), "id-ref", r.idRef(),
                "score", r.score() == null ? null : Score.format(r.score()),
                "score-attribute", r.scoreAttribute(), "boolean-op", r.booleanOp(), "role", r.role());
        withChildren("rule", a, () -> r.expressions().forEach(this::expression), r.expressions().isEmpty());
    }

    private void expression(Expression e) {
        if (e instanceof Rule r) {
            rule(r);
        } else if (e instanceof AttributeExpression x) {
            empty("expression", attrs("id", x.id(), "attribute", x.attribute(),
                    "operation", x.operation(), "value", x.value(), "type", x.type(),
                    "value-source", x.valueSource()));
        } else if (e instanceof DateExpression d) {
                Map<String, String> a = attrs("id", d.id(), "operation", d.operation(), "start", d.start(),
                        "end", d.end());
                withChildren("date_expression", a, () -> {
                    if (d.duration() != null) {
                        empty("duration", d.duration());
                    }
                    if (d.dateSpec() != null) {
                        empty("date_spec", d.dateSpec());
                    }
                }, d.duration() == null && d.dateSpec() == null);
        } else if (e instanceof OperationExpression o) {
            empty("op_expression", attrs("id", o.id(), "name", o.name(),
                    "interval", o.interval()));
        } else if (e instanceof ResourceExpression r) {
            empty("rsc_expression", attrs("id", r.id(), "class", r.agentClass(),
                    "provider", r.provider(), "type", r.type()));
        }
    }

    // ---------------------------------------------------------------- status

    private void status(Status s) {
        section("status", () -> {
            s.nodes().forEach(this::nodeState);
            if (!s.tickets().isEmpty()) {
                section("tickets", () -> s.tickets().forEach(this::ticketState));
            }
        });
    }

    private void ticketState(TicketState t) {
        empty("ticket_state", t.attributes());
    }

    private void nodeState(NodeState n) {
        withChildren("node_state", n.attributes(), () -> {
            if (!n.transientAttributes().isEmpty()) {
                open("transient_attributes", attrs("id", n.id()));
                n.transientAttributes().forEach(s -> nvSet("instance_attributes", s));
                close("transient_attributes");
            }
            if (n.hasLrm()) {
                open("lrm", attrs("id", n.id()));
                section("lrm_resources", () -> n.lrmResources().forEach(this::lrmResource));
                close("lrm");
            }
        }, n.transientAttributes().isEmpty() && !n.hasLrm());
    }

    private void lrmResource(LrmResource r) {
        Map<String, String> a = attrs("id", r.id(), "type", r.type(), "class", r.agentClass(),
                "provider", r.provider(), "container", r.container(), "shutdown-lock", r.shutdownLock());
        withChildren("lrm_resource", a, () -> r.ops().forEach(this::lrmOp), r.ops().isEmpty());
    }

    private void lrmOp(LrmOp op) {
        empty("lrm_rsc_op", op.attributes());
    }

    // ---------------------------------------------------------------- output primitives

    private void generic(XmlElement e) {
        if (e.children().isEmpty() && e.text() == null) {
            empty(e.name(), e.attributes());
            return;
        }
        if (e.children().isEmpty()) {
            indent();
            out.append('<').append(e.name());
            attributes(e.attributes());
            out.append('>');
            escape(e.text(), false);
            out.append("</").append(e.name()).append(">\n");
            return;
        }
        open(e.name(), e.attributes());
        if (e.text() != null) {
            indent();
            escape(e.text(), false);
            out.append('\n');
        }
        e.children().forEach(this::generic);
        close(e.name());
    }

    private void section(String tag, Runnable body) {
        int mark = out.length();
        open(tag, Map.of());
        int afterOpen = out.length();
        body.run();
        if (out.length() == afterOpen) {
            out.setLength(mark);
            depth--;
            empty(tag, Map.of());
        } else {
            close(tag);
        }
    }

    private void withChildren(String tag, Map<String, String> a, Runnable body, boolean isEmpty) {
        if (isEmpty) {
            empty(tag, a);
        } else {
            open(tag, a);
            body.run();
            close(tag);
        }
    }

    private void open(String tag, Map<String, String> a) {
        indent();
        out.append('<').append(tag);
        attributes(a);
        out.append(">\n");
        depth++;
    }

    private void close(String tag) {
        depth--;
        indent();
        out.append("</").append(tag).append(">\n");
    }

    private void empty(String tag, Map<String, String> a) {
        indent();
        out.append('<').append(tag);
        attributes(a);
        out.append("/>\n");
    }

    private void attributes(Map<String, String> a) {
        for (Map.Entry<String, String> e : (sortAttributes ? new java.util.TreeMap<>(a) : a).entrySet()) {
            if (e.getValue() == null) {
                continue;
            }
            out.append(' ').append(e.getKey()).append("=\"");
            escape(e.getValue(), true);
            out.append('"');
        }
    }

    private void indent() {
        out.append("  ".repeat(depth));
    }

    private void escape(String s, boolean attribute) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append(attribute ? "&quot;" : "\"");
                case '\n' -> out.append(attribute ? "&#10;" : "\n");
                case '\r' -> out.append("&#13;");
                case '\t' -> out.append(attribute ? "&#9;" : "\t");
                default -> out.append(c);
            }
        }
    }

    /** An ordered attribute map from name/value pairs; null values are left out. */
    private static Map<String, String> attrs(String... nameValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            if (nameValues[i + 1] != null) {
                m.put(nameValues[i], nameValues[i + 1]);
            }
        }
        return m;
    }
}
