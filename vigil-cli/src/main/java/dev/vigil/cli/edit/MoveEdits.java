package dev.vigil.cli.edit;

import dev.vigil.model.Score;
import dev.vigil.model.cib.AttributeExpression;
import dev.vigil.model.cib.Configuration;
import dev.vigil.model.cib.Constraint;
import dev.vigil.model.cib.DateExpression;
import dev.vigil.model.cib.Expression;
import dev.vigil.model.cib.LocationConstraint;
import dev.vigil.model.cib.Resource;
import dev.vigil.model.cib.Rule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code move}, {@code ban} and {@code clear}: the location constraints crm_resource and pcs
 * make for them, named {@code cli-prefer-RSC} and {@code cli-ban-RSC-on-NODE}. With an expiry
 * they hold a rule ({@code #uname eq NODE and date lt EXPIRY}) and stop counting by themselves
 * when it passes; they stay in the configuration until cleared, and are listed as leftovers.
 */
public final class MoveEdits {
    public static final String PREFER = "cli-prefer-";
    public static final String BAN = "cli-ban-";

    private MoveEdits() {
    }

    /** One move/ban constraint as {@code constraint list} shows it. */
    public record Leftover(String id, String resource, String node, boolean ban, String expires, boolean expired) {
    }

    /** Prefers {@code node} for {@code rsc} (INFINITY) until {@code expires} (null: until cleared); drops a ban from it. */
    public static CibEdit move(String rsc, String node, Instant expires, boolean allowUnknownNode) {
        return CibEdit.ofConfiguration(c -> {
            requireMovable(c, rsc);
            ConstraintEdits.requireNode(c, node, allowUnknownNode);
            Configuration out = without(c, k -> k.id().equals(PREFER + rsc) || k.id().equals(banId(rsc, node)));
            return ConstraintEdits.add(out, constraint(out, PREFER + rsc, rsc, node, Score.INFINITY, expires));
        });
    }

    /** Keeps {@code rsc} off {@code node} (-INFINITY) until {@code expires} (null: until cleared). */
    public static CibEdit ban(String rsc, String node, Instant expires, boolean allowUnknownNode) {
        return CibEdit.ofConfiguration(c -> {
            requireMovable(c, rsc);
            ConstraintEdits.requireNode(c, node, allowUnknownNode);
            Configuration out = without(c, k -> k.id().equals(banId(rsc, node)));
            Optional<Leftover> prefer = leftovers(out, Instant.EPOCH).stream()
                    .filter(l -> !l.ban() && l.resource().equals(rsc) && node.equals(l.node())).findFirst();
            if (prefer.isPresent()) {
                out = without(out, k -> k.id().equals(prefer.get().id()));
            }
            return ConstraintEdits.add(out, constraint(out, banId(rsc, node), rsc, node, Score.MINUS_INFINITY, expires));
        });
    }

    /** Removes the move and ban constraints of {@code rsc} (only those naming {@code node}, when given). */
    public static CibEdit clear(String rsc, String node) {
        return CibEdit.ofConfiguration(c -> {
            ConstraintEdits.requireConstrainable(c, rsc);
            List<String> ids = leftovers(c, Instant.EPOCH).stream()
                    .filter(l -> l.resource().equals(rsc) && (node == null || node.equals(l.node())))
                    .map(Leftover::id).toList();
            return without(c, k -> ids.contains(k.id()));
        });
    }

    /** The move and ban constraints, in configuration order; {@code expired} as of {@code now}. */
    public static List<Leftover> leftovers(Configuration c, Instant now) {
        List<Leftover> out = new ArrayList<>();
        for (Constraint k : c.constraints()) {
            if (!(k instanceof LocationConstraint l) || l.rsc() == null) {
                continue;
            }
            boolean prefer = l.id().startsWith(PREFER);
            boolean ban = l.id().startsWith(BAN);
            if (!prefer && !ban) {
                continue;
            }
            String node = l.node();
            String expires = null;
            for (Rule r : l.rules()) {
                for (Expression e : r.expressions()) {
                    if (e instanceof AttributeExpression a && "#uname".equals(a.attribute()) && "eq".equals(a.operation())) {
                        node = a.value();
                    } else if (e instanceof DateExpression d && "lt".equals(d.operation()) && d.end() != null) {
                        expires = d.end();
                    }
                }
            }
            boolean expired = expires != null && !now.isBefore(Dates.parse(expires));
            out.add(new Leftover(l.id(), l.rsc(), node, ban, expires, expired));
        }
        return out;
    }

    static String banId(String rsc, String node) {
        return ConfigIds.sanitize(BAN + rsc + "-on-" + node);
    }

    private static LocationConstraint constraint(Configuration c, String id, String rsc, String node, int score,
                                                 Instant expires) {
        if (expires == null) {
            return new LocationConstraint(id, rsc, null, null, node, Score.format(score), null, List.of(), List.of());
        }
        String kind = score > 0 ? "cli-prefer" : "cli-ban";
        Rule rule = new Rule(ConfigIds.fresh(kind + "-rule-" + rsc, ConfigIds.all(c)), null, score, null, "and", null, List.of(
                new AttributeExpression(ConfigIds.fresh(kind + "-expr-" + rsc, ConfigIds.all(c)), "#uname", "eq", node,
                        "string", null),
                new DateExpression(ConfigIds.fresh(kind + "-lifetime-end-" + rsc, ConfigIds.all(c)), "lt", null,
                        Dates.format(expires), null, null)));
        return new LocationConstraint(id, rsc, null, null, null, null, null, List.of(rule), List.of());
    }

    /** Top-level resources move; a group member or clone instance moves with its parent. */
    private static void requireMovable(Configuration c, String rsc) {
        Resources.require(c, rsc);
        Optional<Resource> parent = Resources.parent(c, rsc);
        if (parent.isPresent()) {
            throw new EditException("'" + rsc + "' is in the " + Resources.kind(parent.get()) + " '" + parent.get().id()
                    + "' and moves with it: move or ban '" + Resources.top(c, rsc).id() + "' instead");
        }
    }

    private static Configuration without(Configuration c, java.util.function.Predicate<Constraint> drop) {
        List<Constraint> kept = new ArrayList<>(c.constraints());
        kept.removeIf(drop);
        return c.withConstraints(kept);
    }
}
