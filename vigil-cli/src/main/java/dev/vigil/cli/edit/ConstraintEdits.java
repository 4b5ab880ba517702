package dev.vigil.cli.edit;

import dev.vigil.model.Score;
import dev.vigil.model.cib.ColocationConstraint;
import dev.vigil.model.cib.Configuration;
import dev.vigil.model.cib.Constraint;
import dev.vigil.model.cib.LocationConstraint;
import dev.vigil.model.cib.Node;
import dev.vigil.model.cib.OrderConstraint;
import dev.vigil.model.cib.ResourceSet;
import dev.vigil.model.cib.Rule;
import dev.vigil.model.cib.Tag;
import dev.vigil.model.cib.TicketConstraint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Constraint edits: location (by node or rule), colocation, order, ticket, removal; ids as pcs makes them. */
public final class ConstraintEdits {
    private static final List<String> KINDS = List.of("Mandatory", "Optional", "Serialize");
    private static final List<String> ACTIONS = List.of("start", "stop", "promote", "demote");

    private ConstraintEdits() {
    }

    /**
     * {@code location RSC prefers|avoids NODE[=SCORE]…}: one constraint per node; a plain location
     * of the same resource on the same node is replaced (a resource has one score per node).
     *
     * @param allowUnknownNodes name nodes the configuration does not list (yet)
     */
    public static CibEdit location(String rsc, boolean prefers, List<String> nodeScores, boolean allowUnknownNodes) {
        return CibEdit.ofConfiguration(c -> {
            requireConstrainable(c, rsc);
            if (nodeScores.isEmpty()) {
                throw new EditException("location: name at least one NODE[=SCORE]");
            }
            Configuration out = c;
            for (String ns : nodeScores) {
                int eq = ns.indexOf('=');
                String node = eq < 0 ? ns : ns.substring(0, eq);
                int score = eq < 0 ? Score.INFINITY : RuleParser.score(ns.substring(eq + 1));
                if (!prefers && ns.substring(eq + 1).startsWith("-")) {
                    throw new EditException("location " + rsc + " avoids " + ns + ": give a positive score to avoid "
                            + "(avoids node=50 means a score of -50)");
                }
                requireNode(c, node, allowUnknownNodes);
                int value = prefers ? score : -score;
                String scoreText = Score.format(value);
                List<Constraint> kept = new ArrayList<>();
                for (Constraint k : out.constraints()) {
                    boolean same = k instanceof LocationConstraint l && rsc.equals(l.rsc()) && node.equals(l.node())
                            && l.rules().isEmpty() && l.role() == null;
                    if (!same) {
                        kept.add(k);
                    }
                }
                out = out.withConstraints(kept);
                String id = ConfigIds.fresh("location-" + rsc + "-" + node + "-" + scoreText, ConfigIds.all(out));
                out = add(out, new LocationConstraint(id, rsc, null, null, node, scoreText, null, List.of(), List.of()));
            }
            return out;
        });
    }

    /** {@code location RSC rule [id=ID] [score=S] EXPR…}. */
    public static CibEdit locationRule(String rsc, String id, List<String> ruleWords) {
        return CibEdit.ofConfiguration(c -> {
            requireConstrainable(c, rsc);
            String cid = id != null ? ConfigIds.requireValid("constraint", id) : ConfigIds.fresh("location-" + rsc, ConfigIds.all(c));
            ConfigIds.requireUnused("constraint", cid, c);
            Rule rule = RuleParser.parse(ConfigIds.fresh(cid + "-rule", ConfigIds.all(c)), ruleWords);
            return add(c, new LocationConstraint(cid, rsc, null, null, null, null, null, List.of(rule), List.of()));
        });
    }

    /**
     * {@code colocation add [ROLE] A with [ROLE] B [SCORE] [id=ID]}: A is placed where B is.
     * Words after B: a score, {@code id=}, {@code node-attribute=}.
     */
    public static CibEdit colocation(List<String> words) {
        return CibEdit.ofConfiguration(c -> {
            List<String> w = new ArrayList<>(words);
            String role = roleWord(w);
            int with = w.indexOf("with");
            if (with != 1 || w.size() < 3) {
                throw new EditException("colocation: expected [ROLE] A with [ROLE] B [SCORE] (e.g. colocation add web with db)");
            }
            String a = w.get(0);
            List<String> rest = new ArrayList<>(w.subList(2, w.size()));
            String withRole = roleWord(rest);
            String b = rest.remove(0);
            String score = "INFINITY";
            Map<String, String> options = new LinkedHashMap<>();
            for (String x : rest) {
                if (x.contains("=")) {
                    String[] p = ResourceArgs.pair(x);
                    options.put(p[0], p[1]);
                } else {
                    score = Score.format(RuleParser.score(x));
                }
            }
            requireOptions("colocation", options, Set.of("id", "node-attribute", "score", "influence"));
            if (options.containsKey("score")) {
                score = Score.format(RuleParser.score(options.get("score")));
            }
            requireConstrainable(c, a);
            requireConstrainable(c, b);
            if (a.equals(b)) {
                throw new EditException("colocation: a resource cannot be colocated with itself ('" + a + "')");
            }
            String id = constraintId(c, options.get("id"), "colocation-" + a + "-" + b + "-" + score);
            return add(c, new ColocationConstraint(id, a, b, role, withRole, score, options.get("node-attribute"),
                    options.get("influence"), List.of()));
        });
    }

    /**
     * {@code order [KIND] [ACTION] A then [ACTION] B [kind=K] [symmetrical=BOOL] [id=ID]}: B's
     * action after A's (start by default; kind Mandatory by default).
     */
    public static CibEdit order(List<String> words) {
        return CibEdit.ofConfiguration(c -> {
            List<String> w = new ArrayList<>(words);
            String kind = null;
            if (!w.isEmpty() && matchIgnoreCase(KINDS, w.get(0)) != null && w.size() > 3) {
                kind = matchIgnoreCase(KINDS, w.remove(0));
            }
            String firstAction = actionWord(w);
            int then = w.indexOf("then");
            if (then != 1 || w.size() < 3) {
                throw new EditException("order: expected [KIND] [ACTION] A then [ACTION] B (e.g. order ip then web)");
            }
            String a = w.get(0);
            List<String> rest = new ArrayList<>(w.subList(2, w.size()));
            String thenAction = actionWord(rest);
            String b = rest.remove(0);
            Map<String, String> options = ResourceArgs.pairs(rest);
            requireOptions("order", options, Set.of("id", "kind", "symmetrical", "require-all"));
            if (options.containsKey("kind")) {
                kind = matchIgnoreCase(KINDS, options.get("kind"));
                if (kind == null) {
                    throw new EditException("order: kind '" + options.get("kind") + "' is not one of " + String.join(", ", KINDS));
                }
            }
            String symmetrical = options.get("symmetrical");
            if (symmetrical != null && !AgentChecks.BOOLEAN.contains(symmetrical.toLowerCase(java.util.Locale.ROOT))) {
                throw new EditException("order: symmetrical '" + symmetrical + "' is not true or false");
            }
            requireConstrainable(c, a);
            requireConstrainable(c, b);
            if (a.equals(b)) {
                throw new EditException("order: a resource cannot be ordered after itself ('" + a + "')");
            }
            String id = constraintId(c, options.get("id"), "order-" + a + "-" + b + "-" + (kind == null ? "mandatory"
                    : kind.toLowerCase(java.util.Locale.ROOT)));
            return add(c, new OrderConstraint(id, a, b, firstAction, thenAction, kind == null ? "Mandatory" : kind, null,
                    symmetrical, options.get("require-all"), List.of()));
        });
    }

    /** {@code ticket add TICKET [ROLE] RSC [loss-policy=P] [id=ID]}. */
    public static CibEdit ticket(String ticket, List<String> words) {
        return CibEdit.ofConfiguration(c -> {
            List<String> w = new ArrayList<>(words);
            String role = roleWord(w);
            if (w.isEmpty()) {
                throw new EditException("ticket: name the resource (ticket add TICKET [ROLE] RESOURCE [loss-policy=stop])");
            }
            String rsc = w.remove(0);
            Map<String, String> options = ResourceArgs.pairs(w);
            requireOptions("ticket", options, Set.of("id", "loss-policy"));
            String loss = options.get("loss-policy");
            if (loss != null && !Set.of("stop", "demote", "fence", "freeze").contains(loss)) {
                throw new EditException("ticket: loss-policy '" + loss + "' is not one of stop, demote, fence, freeze");
            }
            ConfigIds.requireValid("ticket", ticket);
            requireConstrainable(c, rsc);
            String id = constraintId(c, options.get("id"), "ticket-" + ticket + "-" + rsc);
            return add(c, new TicketConstraint(id, rsc, role, ticket, loss, List.of()));
        });
    }

    /** Removes constraints by id (or the constraint holding a rule of that id). */
    public static CibEdit remove(List<String> ids) {
        return CibEdit.ofConfiguration(c -> {
            List<Constraint> kept = new ArrayList<>(c.constraints());
            for (String id : ids) {
                boolean removed = kept.removeIf(k -> k.id().equals(id)
                        || k instanceof LocationConstraint l && l.rules().stream().anyMatch(r -> id.equals(r.id())));
                if (!removed) {
                    throw new UnknownIdException("no constraint '" + id + "'"
                            + Suggest.hint(id, c.constraints().stream().map(Constraint::id).toList()));
                }
            }
            return c.withConstraints(kept);
        });
    }

    /**
     * The configuration without references to {@code gone}: constraints naming them go, resource
     * sets lose them (a constraint left without a set goes), tags lose them.
     */
    public static Configuration dropReferences(Configuration c, Set<String> gone) {
        List<Constraint> kept = new ArrayList<>();
        for (Constraint k : c.constraints()) {
            Constraint k2 = withoutSets(k, gone);
            if (k2 != null && !References.named(k2).stream().anyMatch(gone::contains)) {
                kept.add(k2);
            }
        }
        List<Tag> tags = new ArrayList<>();
        for (Tag t : c.tags()) {
            List<String> refs = t.references().stream().filter(r -> !gone.contains(r)).toList();
            if (!refs.isEmpty()) {
                tags.add(new Tag(t.id(), refs));
            }
        }
        Configuration out = c.withConstraints(kept);
        return new Configuration(out.clusterProperties(), out.rscDefaults(), out.opDefaults(), out.nodes(), out.resources(),
                out.templates(), out.constraints(), out.fencingTopology(), tags, out.alerts(), out.acls());
    }

    private static Constraint withoutSets(Constraint k, Set<String> gone) {
        List<ResourceSet> sets = References.sets(k);
        if (sets.isEmpty()) {
            return k;
        }
        List<ResourceSet> kept = new ArrayList<>();
        for (ResourceSet s : sets) {
            List<String> rs = s.resources().stream().filter(r -> !gone.contains(r)).toList();
            if (!rs.isEmpty()) {
                kept.add(new ResourceSet(s.id(), s.idRef(), s.sequential(), s.requireAll(), s.ordering(), s.action(),
                        s.role(), s.kind(), s.score(), rs));
            }
        }
        return kept.isEmpty() ? null : References.withSets(k, kept);
    }

    /** A resource, tag or template of that id, or an {@link UnknownIdException} with close names. */
    static void requireConstrainable(Configuration c, String id) {
        if (Resources.find(c, id).isPresent() || c.tags().stream().anyMatch(t -> t.id().equals(id))
                || c.templates().stream().anyMatch(t -> t.id().equals(id))) {
            return;
        }
        throw new UnknownIdException("resource '" + id + "' does not exist" + Suggest.hint(id, Resources.allIds(c)));
    }

    /** A node of the configuration; a configuration that lists no nodes yet accepts any name. */
    static void requireNode(Configuration c, String node, boolean allowUnknown) {
        List<String> names = c.nodes().stream().map(Node::uname).filter(java.util.Objects::nonNull).toList();
        if (allowUnknown || names.isEmpty() || names.contains(node)) {
            return;
        }
        throw new UnknownIdException("node '" + node + "' is not in the configuration" + Suggest.hint(node, names)
                + " (--force names a node that has not joined yet)");
    }

    static Configuration add(Configuration c, Constraint k) {
        List<Constraint> all = new ArrayList<>(c.constraints());
        all.add(k);
        return c.withConstraints(all);
    }

    private static String constraintId(Configuration c, String given, String base) {
        if (given != null) {
            ConfigIds.requireValid("constraint", given);
            ConfigIds.requireUnused("constraint", given, c);
            return given;
        }
        return ConfigIds.fresh(base, ConfigIds.all(c));
    }

    private static void requireOptions(String what, Map<String, String> options, Set<String> known) {
        for (String name : options.keySet()) {
            if (!known.contains(name)) {
                throw new EditException(what + ": unknown option '" + name + "'" + Suggest.hint(name, known)
                        + " (known: " + String.join(", ", new java.util.TreeSet<>(known)) + ")");
            }
        }
    }

    private static String roleWord(List<String> w) {
        if (w.size() > 1 && matchIgnoreCase(RuleParser.Roles.ALL, w.get(0)) != null) {
            return RuleParser.Roles.require(w.remove(0));
        }
        return null;
    }

    private static String actionWord(List<String> w) {
        if (w.size() > 1 && ACTIONS.contains(w.get(0)) && !w.get(1).equals("then")) {
            return w.remove(0);
        }
        return null;
    }

    private static String matchIgnoreCase(List<String> options, String word) {
        return options.stream().filter(o -> o.equalsIgnoreCase(word)).findFirst().orElse(null);
    }
}
