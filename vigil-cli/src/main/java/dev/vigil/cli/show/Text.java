package dev.vigil.cli.show;

import dev.vigil.cli.edit.FencingEdits;
import dev.vigil.cli.edit.MoveEdits;
import dev.vigil.cli.edit.NvSets;
import dev.vigil.cli.edit.Resources;
import dev.vigil.model.cib.AttributeExpression;
import dev.vigil.model.cib.Cib;
import dev.vigil.model.cib.ColocationConstraint;
import dev.vigil.model.cib.Configuration;
import dev.vigil.model.cib.Constraint;
import dev.vigil.model.cib.DateExpression;
import dev.vigil.model.cib.Expression;
import dev.vigil.model.cib.FencingLevel;
import dev.vigil.model.cib.LocationConstraint;
import dev.vigil.model.cib.Node;
import dev.vigil.model.cib.NvSet;
import dev.vigil.model.cib.Operation;
import dev.vigil.model.cib.OrderConstraint;
import dev.vigil.model.cib.Primitive;
import dev.vigil.model.cib.Resource;
import dev.vigil.model.cib.ResourceSet;
import dev.vigil.model.cib.Rule;
import dev.vigil.model.cib.TicketConstraint;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The configuration as pcs prints it, more or less: indented sections, one line per item. */
public final class Text {
    private Text() {
    }

    /** {@code config show}: everything, section by section. */
    public static String config(Cib cib, Instant now) {
        Configuration c = cib.configuration();
        StringBuilder b = new StringBuilder();
        b.append("CIB version: ").append(cib.version()).append('\n');
        List<Resource> stonith = c.resources().stream().filter(FencingEdits::isStonith).toList();
        List<Resource> others = c.resources().stream().filter(r -> !FencingEdits.isStonith(r)).toList();
        b.append("\nResources:\n");
        others.forEach(r -> resource(b, r, 1));
        b.append("\nStonith Devices:\n");
        stonith.forEach(r -> resource(b, r, 1));
        b.append("Fencing Levels:\n");
        for (FencingLevel l : c.fencingTopology()) {
            b.append("  Target: ").append(Views.target(l)).append(" Level ").append(l.index()).append(" - ")
                    .append(String.join(",", l.devices())).append('\n');
        }
        b.append('\n').append(constraints(c, now, false));
        b.append("\nResource Defaults:\n");
        pairs(b, NvSets.allValues(c.rscDefaults()), "  ");
        b.append("\nOperation Defaults:\n");
        pairs(b, NvSets.allValues(c.opDefaults()), "  ");
        b.append("\nCluster Properties:\n");
        pairs(b, NvSets.allValues(c.clusterProperties()), "  ");
        b.append("\nNodes:\n");
        for (Node n : c.nodes()) {
            b.append("  ").append(Views.nodeName(n));
            Map<String, String> attrs = NvSets.allValues(n.instanceAttributes());
            if (!attrs.isEmpty()) {
                b.append(": ").append(join(attrs));
            }
            Map<String, String> util = NvSets.allValues(n.utilization());
            if (!util.isEmpty()) {
                b.append(" (utilization: ").append(join(util)).append(')');
            }
            b.append('\n');
        }
        return b.toString();
    }

    /** {@code resource show}: the resources (all, or one with what it contains). */
    public static String resources(List<Resource> resources) {
        StringBuilder b = new StringBuilder();
        resources.forEach(r -> resource(b, r, 0));
        return b.toString();
    }

    static void resource(StringBuilder b, Resource r, int depth) {
        String in = "  ".repeat(depth);
        if (r instanceof Primitive p) {
            b.append(in).append("Resource: ").append(p.id()).append(" (");
            if (p.agentClass() == null) {
                b.append("template=").append(p.template());
            } else {
                b.append("class=").append(p.agentClass());
                if (p.provider() != null) {
                    b.append(" provider=").append(p.provider());
                }
                b.append(" type=").append(p.type());
            }
            b.append(")\n");
            sets(b, in + "  Attributes: ", p.instanceAttributes());
            sets(b, in + "  Meta Attrs: ", p.metaAttributes());
            sets(b, in + "  Utilization: ", p.utilization());
            if (!p.operations().ops().isEmpty()) {
                b.append(in).append("  Operations:\n");
                for (Operation o : p.operations().ops()) {
                    b.append(in).append("    ").append(o.name()).append(" interval=").append(o.interval());
                    if (o.role() != null) {
                        b.append(" role=").append(o.role());
                    }
                    o.attributes().forEach((k, v) -> b.append(' ').append(k).append('=').append(v));
                    b.append(" (").append(o.id()).append(")\n");
                }
            }
            return;
        }
        String kind = Resources.kind(r);
        b.append(in).append(Character.toUpperCase(kind.charAt(0))).append(kind.substring(1)).append(": ").append(r.id()).append('\n');
        sets(b, in + "  Meta Attrs: ", r.metaAttributes());
        r.children().forEach(ch -> resource(b, ch, depth + 1));
    }

    /** {@code constraint list}: by kind, then the move/ban leftovers with their expiry. */
    public static String constraints(Configuration c, Instant now, boolean full) {
        StringBuilder b = new StringBuilder();
        b.append("Location Constraints:\n");
        // move/ban constraints are listed once, below, with their expiry
        c.constraints().stream().filter(k -> k instanceof LocationConstraint && !isLeftover(k)).forEach(k -> line(b, k, full));
        b.append("Ordering Constraints:\n");
        c.constraints().stream().filter(k -> k instanceof OrderConstraint).forEach(k -> line(b, k, full));
        b.append("Colocation Constraints:\n");
        c.constraints().stream().filter(k -> k instanceof ColocationConstraint).forEach(k -> line(b, k, full));
        b.append("Ticket Constraints:\n");
        c.constraints().stream().filter(k -> k instanceof TicketConstraint).forEach(k -> line(b, k, full));
        List<MoveEdits.Leftover> leftovers = MoveEdits.leftovers(c, now);
        if (!leftovers.isEmpty()) {
            b.append("Left by move/ban (remove with: vigil resource clear RESOURCE):\n");
            for (MoveEdits.Leftover l : leftovers) {
                b.append("  ").append(l.resource()).append(l.ban() ? " banned from " : " moved to ").append(l.node());
                if (l.expires() == null) {
                    b.append(", until cleared");
                } else {
                    b.append(l.expired() ? ", expired " : ", expires ").append(l.expires());
                    if (l.expired()) {
                        b.append(" (no longer counts)");
                    }
                }
                b.append(" (id:").append(l.id()).append(")\n");
            }
        }
        return b.toString();
    }

    private static boolean isLeftover(Constraint k) {
        return k instanceof LocationConstraint l && l.rsc() != null
                && (k.id().startsWith(MoveEdits.PREFER) || k.id().startsWith(MoveEdits.BAN));
    }

    private static void line(StringBuilder b, Constraint k, boolean full) {
        b.append("  ").append(describe(k));
        if (full) {
            b.append(" (id:").append(k.id()).append(')');
        }
        b.append('\n');
        if (full && k instanceof LocationConstraint l) {
            for (Rule r : l.rules()) {
                b.append("    rule ").append(r.id()).append(": ").append(rule(r)).append('\n');
            }
        }
    }

    /** One constraint in words: {@code web prefers node1 (score 50)}, {@code start ip then start web (Mandatory)}. */
    public static String describe(Constraint k) {
        if (k instanceof LocationConstraint l) {
            String who = l.rsc() != null ? l.rsc() : l.rscPattern() != null ? "resources matching " + l.rscPattern()
                    : sets(l.sets());
            String role = l.role() == null ? "" : " (role " + l.role() + ")";
            if (l.node() != null) {
                boolean avoid = l.score() != null && l.score().trim().startsWith("-");
                return who + (avoid ? " avoids " : " prefers ") + l.node() + " (score " + l.score() + ")" + role;
            }
            return who + " where " + l.rules().stream().map(Text::rule).collect(Collectors.joining(" | ")) + role;
        }
        if (k instanceof ColocationConstraint co) {
            if (!co.sets().isEmpty()) {
                return "set " + sets(co.sets()) + " together (score " + co.score() + ")";
            }
            return role(co.rscRole()) + co.rsc() + " with " + role(co.withRscRole()) + co.withRsc() + " (score "
                    + co.score() + ")";
        }
        if (k instanceof OrderConstraint o) {
            String kind = o.kind() != null ? o.kind() : o.score() != null ? "score " + o.score() : "Mandatory";
            if (!o.sets().isEmpty()) {
                return "set " + sets(o.sets()) + " in order (" + kind + ")";
            }
            return action(o.firstAction()) + " " + o.first() + " then " + action(o.thenAction()) + " " + o.then()
                    + " (" + kind + ("false".equals(o.symmetrical()) ? ", not symmetrical" : "") + ")";
        }
        TicketConstraint t = (TicketConstraint) k;
        return role(t.rscRole()) + (t.rsc() != null ? t.rsc() : sets(t.sets())) + " needs ticket " + t.ticket()
                + (t.lossPolicy() == null ? "" : " (loss-policy " + t.lossPolicy() + ")");
    }

    /** A rule in the syntax {@code constraint location … rule} takes. */
    public static String rule(Rule r) {
        String score = r.scoreAttribute() != null ? "score-attribute=" + r.scoreAttribute()
                : "score=" + dev.vigil.model.Score.format(r.score() == null ? 0 : r.score());
        String joiner = r.isOr() ? " or " : " and ";
        return score + " " + r.expressions().stream().map(Text::expression).collect(Collectors.joining(joiner));
    }

    private static String expression(Expression e) {
        if (e instanceof AttributeExpression a) {
            if (a.value() == null) {
                return a.operation() + " " + a.attribute();
            }
            return a.attribute() + " " + a.operation() + (a.type() == null || a.type().equals("string") ? "" : " " + a.type())
                    + " " + a.value();
        }
        if (e instanceof DateExpression d) {
            return switch (d.operation()) {
                case "lt" -> "date lt " + d.end();
                case "gt" -> "date gt " + d.start();
                case "in_range" -> "date in_range " + d.start() + " to " + (d.end() != null ? d.end() : "+" + d.duration());
                default -> "date-spec " + d.dateSpec();
            };
        }
        if (e instanceof Rule nested) {
            return "(" + rule(nested) + ")";
        }
        return e.toString();
    }

    private static String sets(List<ResourceSet> sets) {
        return sets.stream().map(s -> "(" + String.join(" ", s.resources()) + ")").collect(Collectors.joining(" "));
    }

    private static String role(String role) {
        return role == null ? "" : role + " ";
    }

    private static String action(String action) {
        return action == null ? "start" : action;
    }

    private static void sets(StringBuilder b, String prefix, List<NvSet> sets) {
        for (NvSet s : sets) {
            if (s.pairs().isEmpty()) {
                continue;
            }
            b.append(prefix).append(join(NvSets.allValues(List.of(s))));
            if (!s.rules().isEmpty()) {
                b.append(" (when ").append(s.rules().stream().map(Text::rule).collect(Collectors.joining(" | "))).append(')');
            }
            b.append('\n');
        }
    }

    static void pairs(StringBuilder b, Map<String, String> values, String indent) {
        if (values.isEmpty()) {
            b.append(indent).append("(none)\n");
        }
        values.forEach((k, v) -> b.append(indent).append(k).append(": ").append(v).append('\n'));
    }

    static String join(Map<String, String> values) {
        return values.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }
}
