package dev.vigil.cli.crm;

import dev.vigil.cli.edit.CibEdit;
import dev.vigil.cli.edit.ConfigIds;
import dev.vigil.cli.edit.EditException;
import dev.vigil.cli.edit.NvSets;
import dev.vigil.cli.edit.Resources;
import dev.vigil.model.Score;
import dev.vigil.model.cib.AttributeExpression;
import dev.vigil.model.cib.Clone;
import dev.vigil.model.cib.ColocationConstraint;
import dev.vigil.model.cib.Configuration;
import dev.vigil.model.cib.Constraint;
import dev.vigil.model.cib.Expression;
import dev.vigil.model.cib.Group;
import dev.vigil.model.cib.LocationConstraint;
import dev.vigil.model.cib.NvSet;
import dev.vigil.model.cib.Operation;
import dev.vigil.model.cib.Operations;
import dev.vigil.model.cib.OrderConstraint;
import dev.vigil.model.cib.Primitive;
import dev.vigil.model.cib.Resource;
import dev.vigil.model.cib.Rule;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Translates crm statements into edits. Generated ids follow the scheme of vigil's own commands
 * ({@code ID-instance_attributes}, {@code ID-monitor-interval-10s}, {@code ID-rule}), so a
 * configuration typed in crm syntax equals the one built with {@code vigil resource …}.
 */
public final class CrmTranslator {
    private static final Set<String> PRIMITIVE_SECTIONS = Set.of("params", "meta", "op", "utilization");
    private static final Set<String> ORDER_KINDS = Set.of("Mandatory", "Optional", "Serialize");
    private static final Set<String> RULE_OPS = Set.of("lt", "gt", "lte", "gte", "eq", "ne");

    /** The cluster option set, resource defaults and operation defaults get these ids when new. */
    public static final String PROPERTY_SET = "cib-bootstrap-options";
    public static final String RSC_DEFAULTS_SET = "rsc_defaults-meta_attributes";
    public static final String OP_DEFAULTS_SET = "op_defaults-meta_attributes";

    private CrmTranslator() {
    }

    /** Every statement of a text, translated; the first unreadable one throws with its line number. */
    public static List<CrmCommand> translate(String text) {
        List<CrmCommand> out = new ArrayList<>();
        for (Statement s : Statement.split(text)) {
            out.add(translate(s));
        }
        return out;
    }

    public static CrmCommand translate(Statement s) {
        List<String> w = s.words();
        int line = s.line();
        return switch (w.get(0)) {
            case "primitive" -> primitive(line, w);
            case "group" -> group(line, w);
            case "clone" -> clone(line, w, false);
            case "ms", "promotable" -> clone(line, w, true);
            case "location" -> location(line, w);
            case "colocation", "collocation" -> colocation(line, w);
            case "order" -> order(line, w);
            case "property" -> nvSetStatement(line, w, "property", PROPERTY_SET);
            case "rsc_defaults" -> nvSetStatement(line, w, "rsc_defaults", RSC_DEFAULTS_SET);
            case "op_defaults" -> nvSetStatement(line, w, "op_defaults", OP_DEFAULTS_SET);
            case "verify" -> new CrmCommand.Verify(line);
            case "commit" -> new CrmCommand.Commit(line);
            case "show" -> new CrmCommand.Show(line);
            default -> throw new CrmSyntaxException(line, "unknown statement '" + w.get(0) + "' (known: primitive, group, "
                    + "clone, ms, promotable, location, colocation, order, property, rsc_defaults, op_defaults, "
                    + "verify, commit, show)");
        };
    }

    // ------------------------------------------------------------------ resources

    private static CrmCommand primitive(int line, List<String> w) {
        need(line, w, 3, "primitive ID CLASS:[PROVIDER:]TYPE [params N=V…] [meta N=V…] [op ACTION N=V…]…");
        String id = id(line, "primitive", w.get(1));
        String[] agent = w.get(2).split(":", -1);
        String agentClass;
        String provider = null;
        String type;
        if (agent.length == 3) {
            agentClass = agent[0];
            provider = agent[1];
            type = agent[2];
        } else if (agent.length == 2) {
            agentClass = agent[0];
            type = agent[1];
            if (agentClass.equals("ocf")) {
                throw new CrmSyntaxException(line, "agent '" + w.get(2) + "' needs a provider: ocf:PROVIDER:TYPE "
                        + "(e.g. ocf:heartbeat:" + type + ")");
            }
        } else {
            throw new CrmSyntaxException(line, "agent '" + w.get(2) + "' is not CLASS:[PROVIDER:]TYPE");
        }
        if (agentClass.isEmpty() || type.isEmpty() || provider != null && provider.isEmpty()) {
            throw new CrmSyntaxException(line, "agent '" + w.get(2) + "' has an empty part");
        }
        Map<String, String> params = new LinkedHashMap<>();
        Map<String, String> meta = new LinkedHashMap<>();
        Map<String, String> utilization = new LinkedHashMap<>();
        List<OpSpec> ops = new ArrayList<>();
        int i = 3;
        while (i < w.size()) {
            String section = w.get(i);
            if (!PRIMITIVE_SECTIONS.contains(section)) {
                throw new CrmSyntaxException(line, "expected params, meta, op or utilization, not '" + section + "'");
            }
            i++;
            if (section.equals("op")) {
                if (i >= w.size() || w.get(i).contains("=")) {
                    throw new CrmSyntaxException(line, "'op' needs an action name (op monitor interval=10s)");
                }
                String action = w.get(i++);
                Map<String, String> attrs = new LinkedHashMap<>();
                i = pairs(line, w, i, attrs);
                ops.add(new OpSpec(action, attrs));
            } else {
                Map<String, String> target = section.equals("params") ? params : section.equals("meta") ? meta : utilization;
                int next = pairs(line, w, i, target);
                if (next == i) {
                    throw new CrmSyntaxException(line, "'" + section + "' needs at least one NAME=VALUE");
                }
                i = next;
            }
        }
        String ac = agentClass;
        String pv = provider;
        return new CrmCommand.Edit(line, "primitive " + id + " (" + w.get(2) + ")", CibEdit.ofConfiguration(c -> {
            ConfigIds.requireUnused("resource", id, c);
            Set<String> taken = new HashSet<>(ConfigIds.all(c));
            taken.add(id);
            List<NvSet> instance = sets(id + "-instance_attributes", params, taken);
            List<NvSet> metaSets = sets(id + "-meta_attributes", meta, taken);
            List<NvSet> util = sets(id + "-utilization", utilization, taken);
            List<Operation> operations = new ArrayList<>();
            for (OpSpec op : ops) {
                operations.add(op.toOperation(line, id, taken));
            }
            Primitive p = new Primitive(id, null, ac, pv, type, null, instance, metaSets, util,
                    operations.isEmpty() ? Operations.NONE : new Operations(null, null, operations));
            List<Resource> resources = new ArrayList<>(c.resources());
            resources.add(p);
            return c.withResources(resources);
        }));
    }

    private static List<NvSet> sets(String setId, Map<String, String> values, Set<String> taken) {
        List<NvSet> out = NvSets.apply(List.of(), setId, values, taken);
        out.forEach(s -> {
            taken.add(s.id());
            s.pairs().forEach(p -> taken.add(p.id()));
        });
        return out;
    }

    /** One {@code op ACTION N=V…}. */
    private record OpSpec(String action, Map<String, String> attributes) {
        Operation toOperation(int line, String rscId, Set<String> taken) {
            Map<String, String> attrs = new LinkedHashMap<>(attributes);
            String interval = attrs.remove("interval");
            if (interval == null) {
                interval = "0s";
            }
            if (!interval.matches("\\d+(ms|s|m|min|h)?")) {
                throw new CrmSyntaxException(line, "op " + action + ": interval '" + interval
                        + "' is not a duration (e.g. 10s, 500ms, 2min)");
            }
            String role = attrs.remove("role");
            String opId = ConfigIds.fresh(rscId + "-" + action + "-interval-" + interval, taken);
            taken.add(opId);
            return new Operation(opId, null, action, interval, role, attrs, List.of(), List.of());
        }
    }

    private static CrmCommand group(int line, List<String> w) {
        need(line, w, 3, "group ID RESOURCE… [meta N=V…]");
        String id = id(line, "group", w.get(1));
        List<String> members = new ArrayList<>();
        Map<String, String> meta = new LinkedHashMap<>();
        int i = 2;
        while (i < w.size() && !w.get(i).equals("meta")) {
            members.add(w.get(i++));
        }
        if (i < w.size()) {
            pairsToEnd(line, w, i + 1, meta, "meta");
        }
        if (members.isEmpty()) {
            throw new CrmSyntaxException(line, "group " + id + " needs at least one member");
        }
        return new CrmCommand.Edit(line, "group " + id + " (" + String.join(", ", members) + ")", CibEdit.ofConfiguration(c -> {
            ConfigIds.requireUnused("group", id, c);
            List<Primitive> primitives = new ArrayList<>();
            for (String m : members) {
                primitives.add(topLevel(c, m, Primitive.class, "a group member must be a primitive"));
            }
            Set<String> taken = new HashSet<>(ConfigIds.all(c));
            taken.add(id);
            Group g = new Group(id, null, sets(id + "-meta_attributes", meta, taken), List.of(), primitives);
            return c.withResources(replaceTopLevel(c.resources(), members, g));
        }));
    }

    private static CrmCommand clone(int line, List<String> w, boolean promotable) {
        String word = w.get(0);
        need(line, w, 3, word + " ID RESOURCE [meta N=V…]");
        String id = id(line, word, w.get(1));
        String child = w.get(2);
        Map<String, String> meta = new LinkedHashMap<>();
        if (promotable) {
            meta.put("promotable", "true");
        }
        if (w.size() > 3) {
            if (!w.get(3).equals("meta")) {
                throw new CrmSyntaxException(line, word + " " + id + " clones one resource; '" + w.get(3)
                        + "' is neither 'meta' nor allowed here");
            }
            pairsToEnd(line, w, 4, meta, "meta");
        }
        return new CrmCommand.Edit(line, (promotable ? "promotable clone " : "clone ") + id + " of " + child,
                CibEdit.ofConfiguration(c -> {
                    ConfigIds.requireUnused("clone", id, c);
                    Resource r = topLevel(c, child, Resource.class, "only a primitive or a group can be cloned");
                    if (r instanceof Clone) {
                        throw new EditException(child + " is already a clone");
                    }
                    Set<String> taken = new HashSet<>(ConfigIds.all(c));
                    taken.add(id);
                    Clone clone = new Clone(id, null, sets(id + "-meta_attributes", meta, taken), List.of(), r, false);
                    return c.withResources(replaceTopLevel(c.resources(), List.of(child), clone));
                }));
    }

    private static <T extends Resource> T topLevel(Configuration c, String id, Class<T> kind, String why) {
        Resource r = Resources.require(c, id);
        if (Resources.parent(c, id).isPresent()) {
            throw new EditException("'" + id + "' is already inside " + Resources.parent(c, id).get().id());
        }
        if (!kind.isInstance(r)) {
            throw new EditException("'" + id + "' is a " + Resources.kind(r) + ": " + why);
        }
        return kind.cast(r);
    }

    /** The resources with {@code replaced} taken out and {@code wrapper} put where the first of them was. */
    private static List<Resource> replaceTopLevel(List<Resource> resources, List<String> replaced, Resource wrapper) {
        List<Resource> out = new ArrayList<>();
        boolean placed = false;
        for (Resource r : resources) {
            if (replaced.contains(r.id())) {
                if (!placed) {
                    out.add(wrapper);
                    placed = true;
                }
            } else {
                out.add(r);
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ constraints

    private static CrmCommand location(int line, List<String> w) {
        need(line, w, 4, "location ID RESOURCE SCORE: NODE  or  location ID RESOURCE rule SCORE: EXPRESSION");
        String id = id(line, "location", w.get(1));
        String rsc = w.get(2);
        String discovery = null;
        int i = 3;
        if (w.get(i).startsWith("resource-discovery=")) {
            discovery = w.get(i).substring("resource-discovery=".length());
            i++;
        }
        LocationConstraint constraint;
        if (i < w.size() && w.get(i).equals("rule")) {
            List<Rule> rules = new ArrayList<>();
            List<List<String>> ruleWords = splitOn(w.subList(i, w.size()), "rule");
            for (List<String> rw : ruleWords) {
                String ruleId = rules.isEmpty() ? id + "-rule" : id + "-rule-" + rules.size();
                rules.add(rule(line, ruleId, rw));
            }
            constraint = new LocationConstraint(id, rsc, null, null, null, null, discovery, rules, List.of());
        } else {
            String[] scoreAndNode = scoreColon(line, w.subList(i, w.size()), "location " + id);
            if (scoreAndNode[1].isEmpty() || scoreAndNode[1].contains(" ")) {
                throw new CrmSyntaxException(line, "location " + id + ": after 'SCORE:' give one node name");
            }
            constraint = new LocationConstraint(id, rsc, null, null, scoreAndNode[1], score(line, scoreAndNode[0]),
                    discovery, List.of(), List.of());
        }
        return addConstraint(line, "location " + id, constraint, List.of(rsc));
    }

    /** {@code [id=X] [role=R] SCORE: EXPRESSION} (after the word {@code rule}). */
    private static Rule rule(int line, String defaultId, List<String> w) {
        String ruleId = defaultId;
        String role = null;
        int i = 0;
        while (i < w.size() && (w.get(i).matches("\\$?(id|role)=.*"))) {
            String[] kv = w.get(i).replaceFirst("^\\$", "").split("=", 2);
            if (kv[0].equals("id")) {
                ruleId = kv[1];
            } else {
                role = kv[1];
            }
            i++;
        }
        String[] scoreAndExpr = scoreColon(line, w.subList(i, w.size()), "rule");
        Integer score = null;
        String scoreAttribute = null;
        String scoreText = scoreAndExpr[0];
        if (Score.isScore(normalScore(scoreText))) {
            score = Score.parse(normalScore(scoreText));
        } else {
            scoreAttribute = scoreText;
        }
        List<String> expr = List.of(scoreAndExpr[1].trim().split("\\s+"));
        if (expr.size() == 1 && expr.get(0).isEmpty()) {
            throw new CrmSyntaxException(line, "rule " + ruleId + " has no expression after the score");
        }
        List<Expression> expressions = new ArrayList<>();
        String booleanOp = null;
        int j = 0;
        while (j < expr.size()) {
            if (!expressions.isEmpty()) {
                String op = expr.get(j).toLowerCase(Locale.ROOT);
                if (!op.equals("and") && !op.equals("or")) {
                    throw new CrmSyntaxException(line, "rule " + ruleId + ": expected 'and' or 'or', not '" + expr.get(j) + "'");
                }
                if (booleanOp != null && !booleanOp.equals(op)) {
                    throw new CrmSyntaxException(line, "rule " + ruleId + ": mixing 'and' and 'or' needs nested rules, "
                            + "which crm configure does not read; use two rules");
                }
                booleanOp = op;
                j++;
            }
            String exprId = ruleId + "-expr" + (expressions.isEmpty() ? "" : "-" + expressions.size());
            if (j < expr.size() && (expr.get(j).equals("defined") || expr.get(j).equals("not_defined"))) {
                if (j + 1 >= expr.size()) {
                    throw new CrmSyntaxException(line, "rule " + ruleId + ": '" + expr.get(j) + "' needs an attribute name");
                }
                expressions.add(new AttributeExpression(exprId, expr.get(j + 1), expr.get(j), null, null, null));
                j += 2;
            } else if (j + 2 < expr.size() && RULE_OPS.contains(expr.get(j + 1))) {
                String value = expr.get(j + 2);
                String type = null;
                int colon = value.indexOf(':');
                if (colon > 0 && Set.of("string", "number", "integer", "version").contains(value.substring(0, colon))) {
                    type = value.substring(0, colon);
                    value = value.substring(colon + 1);
                }
                expressions.add(new AttributeExpression(exprId, expr.get(j), expr.get(j + 1), value, type, null));
                j += 3;
            } else {
                throw new CrmSyntaxException(line, "rule " + ruleId + ": cannot read the expression at '"
                        + String.join(" ", expr.subList(j, expr.size())) + "' (expected ATTRIBUTE OP VALUE with OP one of "
                        + "lt gt lte gte eq ne, or defined/not_defined ATTRIBUTE)");
            }
        }
        return new Rule(ruleId, null, score, scoreAttribute, booleanOp, role, expressions);
    }

    private static CrmCommand colocation(int line, List<String> w) {
        need(line, w, 5, "colocation ID SCORE: RESOURCE WITH-RESOURCE");
        String id = id(line, "colocation", w.get(1));
        String[] scoreAndRest = scoreColon(line, w.subList(2, w.size()), "colocation " + id);
        String[] rscs = scoreAndRest[1].trim().split("\\s+");
        if (rscs.length != 2) {
            throw new CrmSyntaxException(line, "colocation " + id + ": give exactly two resources (A B: A runs with B), "
                    + "not " + rscs.length + "; resource sets are not read by crm configure");
        }
        String[] a = rscs[0].split(":", 2);
        String[] b = rscs[1].split(":", 2);
        ColocationConstraint c = new ColocationConstraint(id, a[0], b[0], role(a), role(b), score(line, scoreAndRest[0]),
                null, null, List.of());
        return addConstraint(line, "colocation " + id, c, List.of(a[0], b[0]));
    }

    private static CrmCommand order(int line, List<String> w) {
        need(line, w, 5, "order ID KIND: FIRST THEN  (KIND: Mandatory, Optional, Serialize or a score)");
        String id = id(line, "order", w.get(1));
        String[] kindAndRest = scoreColon(line, w.subList(2, w.size()), "order " + id);
        List<String> rest = new ArrayList<>(List.of(kindAndRest[1].trim().split("\\s+")));
        String symmetrical = null;
        if (!rest.isEmpty() && rest.get(rest.size() - 1).startsWith("symmetrical=")) {
            symmetrical = rest.remove(rest.size() - 1).substring("symmetrical=".length());
        }
        if (rest.size() != 2) {
            throw new CrmSyntaxException(line, "order " + id + ": give exactly two resources (FIRST THEN), not "
                    + rest.size() + "; resource sets are not read by crm configure");
        }
        String kind = null;
        String score = null;
        String k = kindAndRest[0];
        String capitalised = k.isEmpty() ? k : Character.toUpperCase(k.charAt(0)) + k.substring(1).toLowerCase(Locale.ROOT);
        if (ORDER_KINDS.contains(capitalised)) {
            kind = capitalised;
        } else {
            score = score(line, k);
        }
        String[] first = rest.get(0).split(":", 2);
        String[] then = rest.get(1).split(":", 2);
        OrderConstraint o = new OrderConstraint(id, first[0], then[0], first.length > 1 ? first[1] : null,
                then.length > 1 ? then[1] : null, kind, score, symmetrical, null, List.of());
        return addConstraint(line, "order " + id, o, List.of(first[0], then[0]));
    }

    private static String role(String[] rscAndRole) {
        if (rscAndRole.length < 2) {
            return null;
        }
        return switch (rscAndRole[1]) {
            case "Master" -> "Promoted";
            case "Slave" -> "Unpromoted";
            default -> rscAndRole[1];
        };
    }

    private static CrmCommand addConstraint(int line, String what, Constraint constraint, List<String> resources) {
        return new CrmCommand.Edit(line, what, CibEdit.ofConfiguration(c -> {
            ConfigIds.requireUnused("constraint", constraint.id(), c);
            for (String r : resources) {
                Resources.require(c, r);
            }
            List<Constraint> constraints = new ArrayList<>(c.constraints());
            constraints.add(constraint);
            return c.withConstraints(constraints);
        }));
    }

    // ------------------------------------------------------------------ options

    private static CrmCommand nvSetStatement(int line, List<String> w, String word, String defaultSetId) {
        need(line, w, 2, word + " [SET-ID:] NAME=VALUE…");
        String setId = null;
        int i = 1;
        if (w.get(i).startsWith("$id=")) {
            setId = w.get(i++).substring(4);
        } else if (w.get(i).endsWith(":") && !w.get(i).contains("=")) {
            setId = w.get(i++);
            setId = setId.substring(0, setId.length() - 1);
        }
        Map<String, String> values = new LinkedHashMap<>();
        pairsToEnd(line, w, i, values, word);
        if (values.isEmpty()) {
            throw new CrmSyntaxException(line, word + " needs at least one NAME=VALUE");
        }
        String id = setId;
        return new CrmCommand.Edit(line, word + " " + values, CibEdit.ofConfiguration(c -> {
            Set<String> taken = ConfigIds.all(c);
            return switch (word) {
                case "property" -> c.withClusterProperties(applyToSet(c.clusterProperties(), id, defaultSetId, values, taken));
                case "rsc_defaults" -> c.withRscDefaults(applyToSet(c.rscDefaults(), id, defaultSetId, values, taken));
                default -> c.withOpDefaults(applyToSet(c.opDefaults(), id, defaultSetId, values, taken));
            };
        }));
    }

    /**
     * Sets the values in the set named {@code setId} (created when missing), leaving other sets
     * alone; without a set id, in the first set without rules (as vigil's own commands do),
     * created as {@code defaultSetId}.
     */
    private static List<NvSet> applyToSet(List<NvSet> sets, String setId, String defaultSetId, Map<String, String> values,
                                          Set<String> taken) {
        if (setId == null) {
            return NvSets.apply(sets, defaultSetId, values, taken);
        }
        List<NvSet> out = new ArrayList<>();
        boolean found = false;
        for (NvSet s : sets) {
            if (s.id() != null && s.id().equals(setId)) {
                out.addAll(NvSets.apply(List.of(s), setId, values, taken));
                found = true;
            } else {
                out.add(s);
            }
        }
        if (!found) {
            out.addAll(NvSets.apply(List.of(), setId, values, taken));
        }
        return out;
    }

    // ------------------------------------------------------------------ words

    private static void need(int line, List<String> w, int count, String usage) {
        if (w.size() < count) {
            throw new CrmSyntaxException(line, w.get(0) + " is incomplete; usage: " + usage);
        }
    }

    private static String id(int line, String what, String id) {
        try {
            return ConfigIds.requireValid(what, id);
        } catch (EditException e) {
            throw new CrmSyntaxException(line, e.getMessage());
        }
    }

    /** Reads NAME=VALUE words from {@code i} until a word without '='; returns where it stopped. */
    private static int pairs(int line, List<String> w, int i, Map<String, String> into) {
        while (i < w.size() && w.get(i).contains("=")) {
            String[] kv = w.get(i).split("=", 2);
            if (kv[0].isEmpty()) {
                throw new CrmSyntaxException(line, "'" + w.get(i) + "' has no name before '='");
            }
            into.put(kv[0], kv[1]);
            i++;
        }
        return i;
    }

    private static void pairsToEnd(int line, List<String> w, int i, Map<String, String> into, String what) {
        int end = pairs(line, w, i, into);
        if (end < w.size()) {
            throw new CrmSyntaxException(line, what + ": expected NAME=VALUE, not '" + w.get(end) + "'");
        }
    }

    /** Splits {@code SCORE: REST} (the colon may be glued to the score or stand alone). */
    private static String[] scoreColon(int line, List<String> w, String what) {
        String joined = String.join(" ", w);
        int colon = joined.indexOf(':');
        if (colon < 0) {
            throw new CrmSyntaxException(line, what + ": expected 'SCORE:' (e.g. 'inf:' or '100:')");
        }
        String score = joined.substring(0, colon).trim();
        if (score.isEmpty() || score.contains(" ")) {
            throw new CrmSyntaxException(line, what + ": '" + score + "' is not a score before ':'");
        }
        return new String[] {score, joined.substring(colon + 1).trim()};
    }

    private static String normalScore(String crm) {
        return switch (crm.toLowerCase(Locale.ROOT)) {
            case "inf", "+inf", "infinity", "+infinity", "mandatory" -> "INFINITY";
            case "-inf", "-infinity" -> "-INFINITY";
            default -> crm;
        };
    }

    private static String score(int line, String crm) {
        String s = normalScore(crm);
        if (!Score.isScore(s)) {
            throw new CrmSyntaxException(line, "'" + crm + "' is not a score (an integer, inf or -inf)");
        }
        return s;
    }

    private static List<List<String>> splitOn(List<String> words, String keyword) {
        List<List<String>> out = new ArrayList<>();
        for (String word : words) {
            if (word.equals(keyword)) {
                out.add(new ArrayList<>());
            } else {
                out.get(out.size() - 1).add(word);
            }
        }
        return out;
    }
}
