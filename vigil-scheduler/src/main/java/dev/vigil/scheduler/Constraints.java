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

    /** Does the id name a tag or template, standing for several resources? */
    private boolean namesSeveral(String id) {
        return id != null && !cluster.byId.containsKey(id)
                && (tags.containsKey(id) || cluster.index.templates.containsKey(id));
    }

    /**
     * One side of a constraint as a resource set: a tag or template stands for its resources as
     * an unordered set, as if the constraint had been written with sets.
     */
    private ResourceSet asSet(String constraintId, String id, String role, String action) {
        return new ResourceSet(constraintId + "-" + id, null, namesSeveral(id) ? "false" : null, null, null, action,
                role, null, null, List.of(id));
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
            // A leading '!' selects the resources that do not match.
            boolean invert = l.rscPattern().startsWith("!");
            Pattern pattern;
            try {
                pattern = Pattern.compile(invert ? l.rscPattern().substring(1) : l.rscPattern());
            } catch (PatternSyntaxException e) {
                cluster.warnings.add("constraint " + l.id() + ": invalid rsc-pattern " + l.rscPattern());
                return;
            }
            for (Rsc r : new ArrayList<>(cluster.resources)) {
                if (r.orphan) {
                    continue;
                }
                Matcher m = pattern.matcher(r.id);
                boolean found = m.find();
                if (found != invert) {
                    locationFor(l, r, role(l.role()), found ? m : null);
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
                        .withResourceAttributes(Unpacker.paramsOn(cluster, rsc, node), rsc.meta);
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
        if (namesSeveral(k.rsc()) && namesSeveral(k.withRsc())) {
            // Pacemaker 2.1.5 expands only one side of a colocation into a set: this one has no effect.
            cluster.warnings.add("constraint " + k.id() + ": colocating a tag or template with another is ignored");
            return;
        }
        if (namesSeveral(k.rsc()) || namesSeveral(k.withRsc())) {
            colocationSets(new ColocationConstraint(k.id(), null, null, null, null, k.score(), k.nodeAttribute(),
                    k.influence(), List.of(asSet(k.id(), k.rsc(), k.rscRole(), null),
                    asSet(k.id(), k.withRsc(), k.withRscRole(), null))), score);
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
        if (c.score() <= Score.MINUS_INFINITY) {
            antiColocationOrder(cluster, c.dependent(), c.dependentRole(), c.primary(), c.primaryRole());
            antiColocationOrder(cluster, c.primary(), c.primaryRole(), c.dependent(), c.dependentRole());
        }
    }

    /**
     * Resources that must never share a node: whatever makes {@code first} leave its role there
     * happens before whatever brings {@code then} into its role (only on the same node).
     */
    private static void antiColocationOrder(Cluster cluster, Rsc first, Role firstRole, Rsc then, Role thenRole) {
        List<String> firstTasks = firstRole == Role.PROMOTED ? List.of("demote")
                : firstRole == Role.UNPROMOTED ? List.of("stop", "promote") : List.of("stop");
        List<String> thenTasks = thenRole == Role.PROMOTED ? List.of("promote")
                : thenRole == Role.UNPROMOTED ? List.of("start", "demote") : List.of("start");
        for (String f : firstTasks) {
            for (String t : thenTasks) {
                cluster.orderings.add(Ordering.byKey(first, f, then, t, Action.ANTI_COLOCATION));
            }
        }
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
                // The deprecated ordering="listed" makes each member follow the next one instead.
                boolean listed = "listed".equalsIgnoreCase(set.ordering());
                Rsc last = null;
                for (Rsc r : members) {
                    if (last != null) {
                        if (setScore > 0 && listed) {
                            addColocation(set.id(), last, r, setScore, setRole, setRole, k.nodeAttribute(),
                                    influence(k, last));
                        } else if (setScore > 0) {
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
        if (namesSeveral(o.first()) || namesSeveral(o.then())) {
            String firstTask = o.firstAction() == null ? "start" : o.firstAction();
            String thenTask = o.thenAction() == null ? firstTask : o.thenAction();
            orderSets(new OrderConstraint(o.id(), null, null, null, null, o.kind(), o.score(), o.symmetrical(),
                    o.requireAll(), List.of(asSet(o.id(), o.first(), null, firstTask),
                    asSet(o.id(), o.then(), null, thenTask))));
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
        int flags = flagsFor(kind, firstTask, symmetric, false);
        if ("restart".equals(then.meta("restart-type"))) {
            // Deprecated restart-type=restart: "then" restarts whenever "first" does.
            flags |= Action.IMPLIES_THEN;
        }
        addOrder(o.id(), first, firstTask, then, thenTask, flags, requiredFirsts);
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
            Action relaxed = relaxedOrderAction("clone-one-or-more:" + id, requiredFirsts);
            for (Rsc instance : first.children) {
                orderBefore(instance, firstTask, relaxed);
            }
            orderAfter(relaxed, then, thenTask, flags, id);
            return;
        }
        cluster.orderings.add(Ordering.byKey(first, firstTask, then, thenTask, flags).withId(id, requiredFirsts));
    }

    /** A pseudo action that can run once enough of the actions ordered before it can. */
    private Action relaxedOrderAction(String name, int requiredFirsts) {
        Action relaxed = Actions.custom(cluster, null, name, name, null, true);
        relaxed.pseudo = true;
        relaxed.requiresAny = true;
        relaxed.requiredRunnableBefore = requiredFirsts;
        return relaxed;
    }

    private void orderBefore(Rsc first, String firstTask, Action relaxed) {
        cluster.orderings.add(new Ordering(first, Action.key(first.id, firstTask, 0), null, null, null, relaxed,
                Action.ONE_OR_MORE | Action.IMPLIES_THEN_PRINTED, null, 0));
    }

    private void orderAfter(Action relaxed, Rsc then, String thenTask, int flags, String id) {
        cluster.orderings.add(new Ordering(null, null, relaxed, then, Action.key(then.id, thenTask, 0), null,
                (flags & ~Action.IMPLIES_THEN) | Action.RUNNABLE_LEFT, id, 0));
    }

    private void orderSets(OrderConstraint o) {
        Kind kind = kind(o.kind(), o.score());
        ResourceSet last = null;
        for (ResourceSet set : o.sets()) {
            orderWithinSet(o, set, kind);
            if (last != null) {
                boolean symmetric = symmetric(o.symmetrical(), kind);
                orderSetToSet(o, last, set, kind, symmetric ? Symmetry.SYMMETRIC : Symmetry.ASYMMETRIC);
                if (symmetric) {
                    orderSetToSet(o, set, last, kind, Symmetry.INVERSE);
                }
            }
            last = set;
        }
    }

    private enum Symmetry { SYMMETRIC, ASYMMETRIC, INVERSE }

    private static boolean symmetric(String symmetrical, Kind kind) {
        if (symmetrical == null) {
            return kind != Kind.SERIALIZE;
        }
        return Options.isTrue(symmetrical) && kind != Kind.SERIALIZE;
    }

    private static int flagsFor(Kind kind, String task, Symmetry symmetry) {
        return switch (symmetry) {
            case SYMMETRIC -> flagsFor(kind, task, true, false);
            case ASYMMETRIC -> flagsFor(kind, task, false, false);
            case INVERSE -> flagsFor(kind, task, true, true);
        };
    }

    /** Orders the members of one set in sequence (and their inverse actions in reverse). */
    private void orderWithinSet(OrderConstraint o, ResourceSet set, Kind parentKind) {
        String action = set.action() == null ? "start" : set.action();
        Kind kind = set.kind() != null ? kind(set.kind(), null) : parentKind;
        boolean sequential = set.sequential() == null || Options.isTrue(set.sequential());
        boolean symmetric = symmetric(o.symmetrical(), kind);
        int flags = flagsFor(kind, action, symmetric ? Symmetry.SYMMETRIC : Symmetry.ASYMMETRIC);
        List<Rsc> members = setMembers(set);
        if (members.size() == 1) {
            return;
        }
        Rsc last = null;
        for (int i = 0; i < members.size(); i++) {
            Rsc r = members.get(i);
            if (kind == Kind.SERIALIZE) {
                for (int j = i + 1; j < members.size(); j++) {
                    addOrder(o.id(), r, action, members.get(j), action, flags, 0);
                }
            } else if (sequential) {
                if (last != null) {
                    addOrder(o.id(), last, action, r, action, flags, 0);
                }
                last = r;
            }
        }
        String inverse = invert(action);
        if (!symmetric || inverse == null) {
            return;
        }
        int inverseFlags = flagsFor(kind, inverse, Symmetry.INVERSE);
        last = null;
        for (Rsc r : members) {
            if (sequential) {
                if (last != null) {
                    addOrder(o.id(), r, inverse, last, inverse, inverseFlags, 0);
                }
                last = r;
            }
        }
    }

    /**
     * Orders one set after another. With require-all=false on the first set, "then" may run
     * once any one member of the first set can: a pseudo action counts them.
     */
    private void orderSetToSet(OrderConstraint o, ResourceSet set1, ResourceSet set2, Kind kind, Symmetry symmetry) {
        String action1 = set1.action() == null ? "start" : set1.action();
        String action2 = set2.action() == null ? "start" : set2.action();
        if (symmetry == Symmetry.INVERSE) {
            action1 = invert(action1);
            action2 = invert(action2);
            if (action1 == null || action2 == null) {
                return;
            }
        }
        boolean requireAll = set1.requireAll() == null || Options.isTrue(set1.requireAll());
        if (action1.equals("stop") || action1.equals("demote")) {
            requireAll = true; // "any of" only matters while starting
        }
        int flags = flagsFor(kind, action2, symmetry);
        List<Rsc> firsts = setMembers(set1);
        List<Rsc> thens = setMembers(set2);
        if (!requireAll) {
            Action any = Actions.custom(cluster, null, "one-or-more:" + set1.id(), "one-or-more:" + set1.id(), null,
                    true);
            any.pseudo = true;
            any.runnable = true;
            any.requiresAny = true;
            for (Rsc r : firsts) {
                cluster.orderings.add(new Ordering(r, Action.key(r.id, action1, 0), null, null, null, any,
                        Action.ONE_OR_MORE | Action.IMPLIES_THEN_PRINTED, o.id(), 0));
            }
            for (Rsc r : thens) {
                cluster.orderings.add(new Ordering(null, null, any, r, Action.key(r.id, action2, 0), null,
                        flags | Action.RUNNABLE_LEFT, o.id(), 0));
            }
            return;
        }
        // Only an explicitly sequential set is reduced to its boundary member.
        Rsc r1 = null;
        Rsc r2 = null;
        if (Options.isTrue(set1.sequential()) && !firsts.isEmpty()) {
            r1 = symmetry == Symmetry.INVERSE ? firsts.get(0) : firsts.get(firsts.size() - 1);
        }
        if (Options.isTrue(set2.sequential()) && !thens.isEmpty()) {
            r2 = symmetry == Symmetry.INVERSE ? thens.get(thens.size() - 1) : thens.get(0);
        }
        if (r1 != null && r2 != null) {
            addOrder(o.id(), r1, action1, r2, action2, flags, 0);
        } else if (r1 != null) {
            for (Rsc t : thens) {
                addOrder(o.id(), r1, action1, t, action2, flags, 0);
            }
        } else if (r2 != null) {
            for (Rsc f : firsts) {
                addOrder(o.id(), f, action1, r2, action2, flags, 0);
            }
        } else {
            for (Rsc f : firsts) {
                for (Rsc t : thens) {
                    addOrder(o.id(), f, action1, t, action2, flags, 0);
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
