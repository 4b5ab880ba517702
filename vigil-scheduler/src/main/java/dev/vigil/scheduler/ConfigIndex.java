package dev.vigil.scheduler;

import dev.vigil.model.cib.Bundle;
import dev.vigil.model.cib.Clone;
import dev.vigil.model.cib.Configuration;
import dev.vigil.model.cib.Expression;
import dev.vigil.model.cib.Group;
import dev.vigil.model.cib.Node;
import dev.vigil.model.cib.NvPair;
import dev.vigil.model.cib.NvSet;
import dev.vigil.model.cib.Operation;
import dev.vigil.model.cib.Operations;
import dev.vigil.model.cib.Primitive;
import dev.vigil.model.cib.Resource;
import dev.vigil.model.cib.Rule;
import dev.vigil.model.cib.Template;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Configuration elements by id, so that {@code id-ref} references resolve, and the evaluation
 * of attribute sets (sets ordered by score, first value wins) against a rule context.
 */
final class ConfigIndex {
    private final Map<String, NvSet> sets = new HashMap<>();
    private final Map<String, NvPair> pairs = new HashMap<>();
    private final Map<String, Rule> rules = new HashMap<>();
    private final Map<String, Operation> ops = new HashMap<>();
    private final Map<String, Operations> opBlocks = new HashMap<>();
    final Map<String, Template> templates = new HashMap<>();
    final Rules ruleEngine;

    ConfigIndex(Configuration c) {
        c.clusterProperties().forEach(this::indexSet);
        c.rscDefaults().forEach(this::indexSet);
        c.opDefaults().forEach(this::indexSet);
        for (Node n : c.nodes()) {
            n.instanceAttributes().forEach(this::indexSet);
            n.utilization().forEach(this::indexSet);
        }
        for (Template t : c.templates()) {
            templates.put(t.id(), t);
            indexAgent(t.instanceAttributes(), t.metaAttributes(), t.utilization(), t.operations());
        }
        c.resources().forEach(this::indexResource);
        for (var constraint : c.constraints()) {
            if (constraint instanceof dev.vigil.model.cib.LocationConstraint l) {
                l.rules().forEach(this::indexRule);
            }
        }
        ruleEngine = new Rules(rules);
    }

    private void indexResource(Resource r) {
        r.metaAttributes().forEach(this::indexSet);
        if (r instanceof Primitive p) {
            indexAgent(p.instanceAttributes(), p.metaAttributes(), p.utilization(), p.operations());
        } else if (r instanceof Group g) {
            g.instanceAttributes().forEach(this::indexSet);
        } else if (r instanceof Clone cl) {
            cl.instanceAttributes().forEach(this::indexSet);
        } else if (r instanceof Bundle b) {
            // Bundles carry no attribute sets besides meta.
            assert b != null;
        }
        r.children().forEach(this::indexResource);
    }

    private void indexAgent(List<NvSet> instance, List<NvSet> meta, List<NvSet> utilization, Operations operations) {
        instance.forEach(this::indexSet);
        meta.forEach(this::indexSet);
        utilization.forEach(this::indexSet);
        if (operations.id() != null && operations.idRef() == null) {
            opBlocks.put(operations.id(), operations);
        }
        for (Operation op : operations.ops()) {
            if (op.idRef() == null && op.id() != null) {
                ops.put(op.id(), op);
            }
            op.instanceAttributes().forEach(this::indexSet);
            op.metaAttributes().forEach(this::indexSet);
        }
    }

    private void indexSet(NvSet s) {
        if (s.idRef() == null && s.id() != null) {
            sets.putIfAbsent(s.id(), s);
        }
        for (NvPair p : s.pairs()) {
            if (p.idRef() == null && p.id() != null) {
                pairs.putIfAbsent(p.id(), p);
            }
        }
        s.rules().forEach(this::indexRule);
    }

    private void indexRule(Rule r) {
        if (r.idRef() == null && r.id() != null) {
            rules.putIfAbsent(r.id(), r);
        }
        for (Expression e : r.expressions()) {
            if (e instanceof Rule nested) {
                indexRule(nested);
            }
        }
    }

    NvSet resolve(NvSet s) {
        if (s.idRef() == null) {
            return s;
        }
        NvSet target = sets.get(s.idRef());
        return target == null ? NvSet.of(s.idRef(), List.of()) : target;
    }

    Operation resolve(Operation op) {
        if (op.idRef() == null) {
            return op;
        }
        Operation target = ops.get(op.idRef());
        return target == null ? op : target;
    }

    List<Operation> resolve(Operations block) {
        Operations b = block;
        if (b.idRef() != null) {
            b = opBlocks.getOrDefault(b.idRef(), Operations.NONE);
        }
        List<Operation> out = new ArrayList<>();
        for (Operation op : b.ops()) {
            out.add(resolve(op));
        }
        return out;
    }

    /**
     * Adds the pairs of the sets that apply in the context to {@code target}: sets in order of
     * score (highest first, document order among equals); a name already present is kept
     * unless {@code overwrite}. A pair without a value removes the name when overwriting.
     */
    void unpackSets(List<NvSet> sets, RuleContext ctx, Map<String, String> target, boolean overwrite) {
        unpackSets(sets, ctx, target, overwrite, null);
    }

    void unpackSets(List<NvSet> sets, RuleContext ctx, Map<String, String> target, boolean overwrite,
                    String alwaysFirstId) {
        List<NvSet> resolved = new ArrayList<>();
        for (NvSet s : sets) {
            NvSet r = resolve(s);
            // A reference may carry its own score; keep the referring set's score if given.
            if (s.idRef() != null && s.score() != null) {
                r = new NvSet(r.id(), null, s.score(), r.rules(), r.pairs());
            }
            resolved.add(r);
        }
        // Among sets of equal score the one listed last takes precedence, as in Pacemaker 2.1.5.
        List<NvSet> ordered = new ArrayList<>(resolved);
        java.util.Collections.reverse(ordered);
        ordered.sort((a, b) -> {
            if (alwaysFirstId != null) {
                boolean af = alwaysFirstId.equals(a.id());
                boolean bf = alwaysFirstId.equals(b.id());
                if (af != bf) {
                    return af ? -1 : 1;
                }
            }
            int sa = a.score() == null ? 0 : a.score();
            int sb = b.score() == null ? 0 : b.score();
            return Integer.compare(sb, sa);
        });
        if (overwrite) {
            // Later sets overwrite earlier ones, so apply lowest precedence first.
            java.util.Collections.reverse(ordered);
        }
        for (NvSet s : ordered) {
            if (!ruleEngine.anyHolds(s.rules(), ctx)) {
                continue;
            }
            for (NvPair p : s.pairs()) {
                String name = p.name();
                String value = p.value();
                if (p.idRef() != null) {
                    NvPair t = pairs.get(p.idRef());
                    if (t == null) {
                        continue;
                    }
                    if (name == null) {
                        name = t.name();
                    }
                    value = t.value();
                }
                if (name == null || "#default".equals(value)) {
                    continue; // "#default" asks for the default: as if the pair were not there
                }
                if (overwrite) {
                    if (value == null) {
                        target.remove(name);
                    } else {
                        target.put(name, value);
                    }
                } else if (!target.containsKey(name) && value != null) {
                    target.put(name, value);
                }
            }
        }
    }
}
