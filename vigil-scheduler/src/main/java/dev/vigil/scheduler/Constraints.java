package dev.vigil.scheduler;

import dev.vigil.model.Role;
import dev.vigil.model.Score;
import dev.vigil.model.cib.ColocationConstraint;
import dev.vigil.model.cib.Constraint;
import dev.vigil.model.cib.LocationConstraint;
import dev.vigil.model.cib.OrderConstraint;
import dev.vigil.model.cib.Primitive;
import dev.vigil.model.cib.ResourceSet;
import dev.vigil.model.cib.Rule;
import dev.vigil.model.cib.Tag;
import dev.vigil.model.cib.TicketConstraint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Unpacks the constraints section into the run's location rules, colocations, orderings and
 * ticket dependencies, resolving resource references (ids, tags, templates, patterns).
 */
final class Constraints {
    private final Cluster cluster;
    private final Map<String, List<String>> tags = new LinkedHashMap<>();

    private Constraints(Cluster cluster) {
        this.cluster = cluster;
        for (Tag t : cluster.cib.configuration().tags()) {
            tags.put(t.id(), t.references());
        }
    }

    static void unpack(Cluster cluster) {
        new Constraints(cluster).run();
    }

    private void run() {
        for (Constraint c : cluster.cib.configuration().constraints()) {
            if (c instanceof LocationConstraint l) {
                location(l);
            } else if (c instanceof ColocationConstraint k) {
                colocation(k);
            } else if (c instanceof OrderConstraint o) {
                order(o);
            } else if (c instanceof TicketConstraint t) {
                ticket(t);
            }
        }
    }

    // ------------------------------------------------------------------ references

    /** Resources an id names: a resource, a tag's members, or the primitives using a template. */
    List<Rsc> resolve(String id) {
        List<Rsc> out = new ArrayList<>();
        if (id == null) {
            return out;
        }
        Rsc rsc = cluster.byId.get(id);
        if (rsc != null && !rsc.orphan) {
            out.add(rsc);
            return out;
        }
        List<String> tagged = tags.get(id);
        if (tagged != null) {
            for (String ref : tagged) {
                out.addAll(resolve(ref));
            }
            return out;
        }
        if (cluster.index.templates.containsKey(id)) {
            for (Rsc r : cluster.byId.values()) {
                if (r.isPrimitive() && r.config instanceof Primitive p && id.equals(p.template())
                        && r.enclosingClone() == null) {
                    out.add(r);
                }
            }
        }
        return out;
    }

    private Rsc single(String id, String constraintId) {
        List<Rsc> r = resolve(id);
        if (r.size() != 1) {
            if (r.isEmpty()) {
                cluster.warnings.add("constraint " + constraintId + ": resource " + id + " does not exist");
            }
            return r.isEmpty() ? null : r.get(0);
        }
        return r.get(0);
    }

    private static Role role(String text) {
        if (text == null) {
            return Role.UNKNOWN;
        }
        try {
            Role r = Role.parse(text);
            return r == Role.STARTED ? Role.UNKNOWN : r;
        } catch (IllegalArgumentException e) {
            return Role.UNKNOWN;
        }
    }

    // ------------------------------------------------------------------ location

    private void location(LocationConstraint l) {
        if (!l.sets().isEmpty()) {
            for (ResourceSet set : l.sets()) {
                for (String ref : set.resources()) {
                    for (Rsc r : resolve(ref)) {
                        locationFor(l, r, role(set.role() != null ? set.role() : l.role()), null);
                    }
                }
            }
            return;
        }
        if (l.rscPattern() != null) {
            Pattern pattern;
            try {
                pattern = Pattern.compile(l.rscPattern());
            } catch (PatternSyntaxException e) {
                cluster.warnings.add("constraint " + l.id() + ": invalid rsc-pattern " + l.rscPattern());
                return;
            }
            for (Rsc r : new ArrayList<>(cluster.resources)) {
                if (r.orphan) {
                    continue;
                }
                Matcher m = pattern.matcher(r.id);
                if (m.find()) {
                    locationFor(l, r, role(l.role()), m);
                }
            }
            return;
        }
        for (Rsc r : resolve(l.rsc())) {
            locationFor(l, r, role(l.role()), null);
        }
    }

    private void locationFor(LocationConstraint l, Rsc rsc, Role role, Matcher submatches) {
        String discovery = l.resourceDiscovery();
        if (l.rules().isEmpty()) {
            SNode node = cluster.node(l.node());
            Map<SNode, Integer> scores = new LinkedHashMap<>();
            if (node != null) {
                scores.put(node, Score.parseLenient(l.score()));
            }
            cluster.locations.add(new Cluster.LocationRule(l.id(), rsc, role, scores, discovery));
            return;
        }
        for (Rule rule : l.rules()) {
            Rule r = cluster.index.ruleEngine.resolve(rule);
            Role ruleRole = r.role() != null ? role(r.role()) : role;
            Map<SNode, Integer> scores = new LinkedHashMap<>();
            for (SNode node : cluster.nodes) {
                RuleContext ctx = RuleContext.forNode(node.attributes, cluster.now)
                        .withResourceAttributes(rsc.params, rsc.meta);
                if (!cluster.index.ruleEngine.holds(withoutRole(r), substitute(ctx, submatches))) {
                    continue;
                }
                int score;
                if (r.scoreAttribute() != null) {
                    String v = node.attributes.get(r.scoreAttribute());
                    if (v == null) {
                        continue;
                    }
                    score = Score.parseLenient(v);
                } else {
                    score = r.score() == null ? 0 : r.score();
                }
                scores.put(node, score);
            }
            cluster.locations.add(new Cluster.LocationRule(r.id() != null ? r.id() : l.id(), rsc, ruleRole,
                    scores, discovery));
        }
    }

    private static Rule withoutRole(Rule r) {
        return r.role() == null ? r : new Rule(r.id(), null, r.score(), r.scoreAttribute(), r.booleanOp(), null,
                r.expressions());
    }

    private static RuleContext substitute(RuleContext ctx, Matcher submatches) {
        return ctx; // %N submatch substitution in rule values is handled by the pattern's caller
    }

    // ------------------------------------------------------------------ colocation

    private void colocation(ColocationConstraint k) {
        int score = k.score() == null ? 0 : Score.parseLenient(k.score());
        if (!k.sets().isEmpty()) {
            colocationSets(k, score);
            return;
        }
        Rsc dependent = single(k.rsc(), k.id());
        Rsc primary = single(k.withRsc(), k.id());
        if (dependent == null || primary == null) {
            return;
        }
        addColocation(k.id(), dependent, primary, score, role(k.rscRole()), role(k.withRscRole()),
                k.nodeAttribute(), influence(k, dependent));
    }

    private static boolean influence(ColocationConstraint k, Rsc dependent) {
        if (k.influence() != null) {
            return Options.isTrue(k.influence());
        }
        return dependent.critical;
    }

    void addColocation(String id, Rsc dependent, Rsc primary, int score, Role dependentRole, Role primaryRole,
                       String nodeAttribute, boolean influence) {
        addColocation(cluster, new Colocation(id, dependent, primary, score, dependentRole, primaryRole,
                nodeAttribute, influence));
    }

    /** Registers a colocation with both resources, keeping Pacemaker's processing order. */
    static void addColocation(Cluster cluster, Colocation c) {
        if (c.score() == 0) {
            return;
        }
        cluster.colocations.add(c);
        insertSorted(c.dependent().thisWith, c, true);
        insertSorted(c.primary().withThis, c, false);
    }

    /** Higher priority first, then collective variants, then id; stable among equals. */
    private static void insertSorted(List<Colocation> list, Colocation c, boolean byPrimary) {
        int i = 0;
        while (i < list.size() && compare(list.get(i), c, byPrimary) <= 0) {
            i++;
        }
        list.add(i, c);
    }

    private static int compare(Colocation a, Colocation b, boolean byPrimary) {
        Rsc x = byPrimary ? a.primary() : a.dependent();
        Rsc y = byPrimary ? b.primary() : b.dependent();
        if (x.priority != y.priority) {
            return x.priority > y.priority ? -1 : 1;
        }
        if (x.variant != y.variant) {
            return x.variant.ordinal() > y.variant.ordinal() ? -1 : 1;
        }
        if (x.isClone() && x.promotable != y.promotable) {
            return x.promotable ? -1 : 1;
        }
        return x.id.compareTo(y.id);
    }

    private void colocationSets(ColocationConstraint k, int score) {
        List<ResourceSet> sets = k.sets();
        ResourceSet previous = null;
        for (ResourceSet set : sets) {
            int setScore = set.score() != null ? Score.parseLenient(set.score()) : score;
            boolean sequential = set.sequential() == null || Options.isTrue(set.sequential());
            List<Rsc> members = setMembers(set);
            Role setRole = role(set.role());
            if (sequential && setScore != 0) {
                Rsc last = null;
                for (Rsc r : members) {
                    if (last != null) {
                        if (setScore > 0) {
                            addColocation(set.id(), r, last, setScore, setRole, setRole, k.nodeAttribute(),
                                    influence(k, r));
                        } else {
                            addColocation(set.id(), last, r, setScore, setRole, setRole, k.nodeAttribute(),
                                    influence(k, last));
                        }
                    }
                    last = r;
                }
            } else if (!sequential && setScore < 0) {
                for (int i = 0; i < members.size(); i++) {
                    for (int j = i + 1; j < members.size(); j++) {
                        addColocation(set.id(), members.get(i), members.get(j), setScore, setRole, setRole,
                                k.nodeAttribute(), influence(k, members.get(i)));
                    }
                }
            }
            if (previous != null) {
                colocateSetWithSet(k, previous, set, score);
            }
            previous = set;
        }
    }

    private void colocateSetWithSet(ColocationConstraint k, ResourceSet dependentSet, ResourceSet primarySet,
                                    int score) {
        List<Rsc> dependents = setMembers(dependentSet);
        List<Rsc> primaries = setMembers(primarySet);
        if (dependents.isEmpty() || primaries.isEmpty()) {
            return;
        }
        boolean depSequential = dependentSet.sequential() == null || Options.isTrue(dependentSet.sequential());
        boolean priSequential = primarySet.sequential() == null || Options.isTrue(primarySet.sequential());
        Role depRole = role(dependentSet.role());
        Role priRole = role(primarySet.role());
        // Earlier sets depend on later ones (sets are listed in colocation order, last placed first).
        if (depSequential && priSequential) {
            addColocation(k.id(), dependents.get(dependents.size() - 1), primaries.get(0), score, depRole, priRole,
                    k.nodeAttribute(), influence(k, dependents.get(dependents.size() - 1)));
        } else if (priSequential) {
            for (Rsc d : dependents) {
                addColocation(k.id(), d, primaries.get(0), score, depRole, priRole, k.nodeAttribute(), influence(k, d));
            }
        } else if (depSequential) {
            Rsc d = dependents.get(dependents.size() - 1);
            for (Rsc p : primaries) {
                addColocation(k.id(), d, p, score, depRole, priRole, k.nodeAttribute(), influence(k, d));
            }
        } else {
            for (Rsc d : dependents) {
                for (Rsc p : primaries) {
                    addColocation(k.id(), d, p, score, depRole, priRole, k.nodeAttribute(), influence(k, d));
                }
            }
        }
    }

    private List<Rsc> setMembers(ResourceSet set) {
        List<Rsc> out = new ArrayList<>();
        for (String ref : set.resources()) {
            out.addAll(resolve(ref));
        }
        return out;
    }

    // ------------------------------------------------------------------ order

    enum Kind { MANDATORY, OPTIONAL, SERIALIZE }

    private static Kind kind(String kind, String score) {
        if (kind != null) {
            return switch (kind) {
                case "Optional" -> Kind.OPTIONAL;
                case "Serialize" -> Kind.SERIALIZE;
                default -> Kind.MANDATORY;
            };
        }
        if (score != null) {
            return Score.parseLenient(score) == 0 ? Kind.OPTIONAL : Kind.MANDATORY;
        }
        return Kind.MANDATORY;
    }

    static int flagsFor(Kind kind, String firstTask, boolean symmetric, boolean inverse) {
        int flags = Action.ORDER_OPTIONAL;
        switch (kind) {
            case OPTIONAL -> {
            }
            case SERIALIZE -> flags |= Action.SERIALIZE_ONLY;
            case MANDATORY -> {
                if (!symmetric && !inverse) {
                    flags |= Action.ASYMMETRICAL;
                } else if (!inverse) {
                    flags |= Action.IMPLIES_THEN;
                    if (firstTask.equals("start") || firstTask.equals("promote")) {
                        flags |= Action.RUNNABLE_LEFT;
                    }
                } else {
                    flags |= Action.IMPLIES_FIRST;
                }
            }
        }
        return flags;
    }

    static String invert(String task) {
        return switch (task) {
            case "start" -> "stop";
            case "stop" -> "start";
            case "promote" -> "demote";
            case "demote" -> "promote";
            case "promoted" -> "demoted";
            case "demoted" -> "promoted";
            case "running" -> "stopped";
            case "stopped" -> "running";
            default -> null;
        };
    }

    private void order(OrderConstraint o) {
        if (!o.sets().isEmpty()) {
            orderSets(o);
            return;
        }
        Rsc first = single(o.first(), o.id());
        Rsc then = single(o.then(), o.id());
        if (first == null || then == null) {
            return;
        }
        Kind kind = kind(o.kind(), o.score());
        String firstTask = o.firstAction() == null ? "start" : o.firstAction();
        String thenTask = o.thenAction() == null ? firstTask : o.thenAction();
        boolean symmetric = o.symmetrical() == null ? kind != Kind.SERIALIZE : Options.isTrue(o.symmetrical());
        int requiredFirsts = 0;
        if (first.isClone() && (o.requireAll() != null && Options.isFalse(o.requireAll()))) {
            requiredFirsts = 1;
        } else if (first.isClone() && first.meta("clone-min") != null) {
            requiredFirsts = (int) Options.intValue(first.meta, "clone-min", 0);
        }
        addOrder(o.id(), first, firstTask, then, thenTask, flagsFor(kind, firstTask, symmetric, false), requiredFirsts);
        if (symmetric) {
            String inverseFirst = invert(firstTask);
            String inverseThen = invert(thenTask);
            if (inverseFirst != null && inverseThen != null) {
                addOrder(o.id(), then, inverseThen, first, inverseFirst,
                        flagsFor(kind, inverseFirst, true, true), 0);
            }
        }
    }

    void addOrder(String id, Rsc first, String firstTask, Rsc then, String thenTask, int flags, int requiredFirsts) {
        if (requiredFirsts > 0 && first.isClone()) {
            // "then" needs only some instances of "first": order through a pseudo action.
            flags |= Action.ONE_OR_MORE;
        }
        cluster.orderings.add(Ordering.byKey(first, firstTask, then, thenTask, flags).withId(id, requiredFirsts));
    }

    private void orderSets(OrderConstraint o) {
        Kind kind = kind(o.kind(), o.score());
        boolean symmetric = o.symmetrical() == null ? kind != Kind.SERIALIZE : Options.isTrue(o.symmetrical());
        ResourceSet previous = null;
        for (ResourceSet set : o.sets()) {
            Kind setKind = set.kind() != null || set.score() != null ? kind(set.kind(), set.score()) : kind;
            String action = set.action() == null ? "start" : set.action();
            boolean sequential = set.sequential() == null || Options.isTrue(set.sequential());
            List<Rsc> members = setMembers(set);
            if (sequential) {
                Rsc last = null;
                for (Rsc r : members) {
                    if (last != null) {
                        addOrder(o.id(), last, action, r, action, flagsFor(setKind, action, symmetric, false), 0);
                        if (symmetric && invert(action) != null) {
                            addOrder(o.id(), r, invert(action), last, invert(action),
                                    flagsFor(setKind, invert(action), true, true), 0);
                        }
                    }
                    last = r;
                }
            }
            if (previous != null) {
                orderSetToSet(o, previous, set, kind, symmetric);
            }
            previous = set;
        }
    }

    private void orderSetToSet(OrderConstraint o, ResourceSet firstSet, ResourceSet thenSet, Kind kind,
                               boolean symmetric) {
        List<Rsc> firsts = setMembers(firstSet);
        List<Rsc> thens = setMembers(thenSet);
        if (firsts.isEmpty() || thens.isEmpty()) {
            return;
        }
        String firstAction = firstSet.action() == null ? "start" : firstSet.action();
        String thenAction = thenSet.action() == null ? "start" : thenSet.action();
        boolean firstSequential = firstSet.sequential() == null || Options.isTrue(firstSet.sequential());
        boolean thenSequential = thenSet.sequential() == null || Options.isTrue(thenSet.sequential());
        boolean requireAll = firstSet.requireAll() == null || Options.isTrue(firstSet.requireAll());
        List<Rsc> from = firstSequential ? List.of(firsts.get(firsts.size() - 1)) : firsts;
        List<Rsc> to = thenSequential ? List.of(thens.get(0)) : thens;
        for (Rsc f : from) {
            for (Rsc t : to) {
                int flags = flagsFor(kind, firstAction, symmetric, false);
                if (!requireAll && !firstSequential) {
                    flags |= Action.ONE_OR_MORE;
                }
                addOrder(o.id(), f, firstAction, t, thenAction, flags, requireAll ? 0 : 1);
                if (symmetric && invert(firstAction) != null && invert(thenAction) != null) {
                    addOrder(o.id(), t, invert(thenAction), f, invert(firstAction),
                            flagsFor(kind, invert(firstAction), true, true), 0);
                }
            }
        }
    }

    // ------------------------------------------------------------------ tickets

    private void ticket(TicketConstraint t) {
        String lossPolicy = t.lossPolicy() == null ? "stop" : t.lossPolicy();
        if (t.sets().isEmpty()) {
            for (Rsc r : resolve(t.rsc())) {
                addTicket(new Cluster.TicketRule(t.id(), r, t.ticket(), role(t.rscRole()), lossPolicy));
            }
            return;
        }
        for (ResourceSet set : t.sets()) {
            Role setRole = role(set.role() != null ? set.role() : t.rscRole());
            for (Rsc r : setMembers(set)) {
                addTicket(new Cluster.TicketRule(t.id(), r, t.ticket(), setRole, lossPolicy));
            }
        }
    }

    private void addTicket(Cluster.TicketRule rule) {
        cluster.tickets.add(rule);
        Tickets.apply(cluster, rule);
    }
}
