package dev.vigil.controller.status;

import dev.vigil.model.cib.Cib;
import dev.vigil.model.cib.LrmResource;
import dev.vigil.model.cib.Node;
import dev.vigil.model.cib.NodeState;
import dev.vigil.model.cib.NvPair;
import dev.vigil.model.cib.NvSet;
import dev.vigil.model.cib.Status;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Reading and rewriting one node's {@code node_state}: found by node name, created on first
 * use with the id the configuration gives the node (Pacemaker keys status entries by node id).
 */
public final class CibStatus {
    private CibStatus() {
    }

    /** The node's id: from the configuration's node list, else from its status entry, else its name. */
    public static String nodeId(Cib cib, String uname) {
        for (Node n : cib.configuration().nodes()) {
            if (uname.equals(n.uname())) {
                return n.id();
            }
        }
        NodeState state = node(cib, uname);
        return state != null && state.id() != null ? state.id() : uname;
    }

    /** The node's status entry, or null. */
    public static NodeState node(Cib cib, String uname) {
        for (NodeState s : cib.status().nodes()) {
            if (uname.equals(s.uname())) {
                return s;
            }
        }
        return null;
    }

    /** The CIB with the node's entry replaced by {@code change} of it (created empty when missing). */
    public static Cib updateNode(Cib cib, String uname, UnaryOperator<NodeState> change) {
        List<NodeState> nodes = new ArrayList<>(cib.status().nodes());
        int index = -1;
        for (int i = 0; i < nodes.size(); i++) {
            if (uname.equals(nodes.get(i).uname())) {
                index = i;
                break;
            }
        }
        NodeState before;
        if (index >= 0) {
            before = nodes.get(index);
        } else {
            Map<String, String> attrs = new LinkedHashMap<>();
            attrs.put("id", nodeId(cib, uname));
            attrs.put("uname", uname);
            before = new NodeState(attrs, List.of(), false, List.of());
        }
        NodeState after = change.apply(before);
        if (after.equals(before) && index >= 0) {
            return cib;
        }
        if (index >= 0) {
            nodes.set(index, after);
        } else {
            nodes.add(after);
        }
        return cib.withStatus(new Status(nodes, cib.status().tickets()));
    }

    /** The node entry with {@code fields} set on the {@code node_state} element (null values remove). */
    public static NodeState withFields(NodeState state, Map<String, String> fields) {
        Map<String, String> attrs = new LinkedHashMap<>(state.attributes());
        for (Map.Entry<String, String> e : fields.entrySet()) {
            if (e.getValue() == null) {
                attrs.remove(e.getKey());
            } else {
                attrs.put(e.getKey(), e.getValue());
            }
        }
        return new NodeState(attrs, state.transientAttributes(), state.hasLrm(), state.lrmResources());
    }

    /** The node's transient attributes, flattened (later sets and pairs win). */
    public static Map<String, String> transientAttributes(NodeState state) {
        Map<String, String> out = new LinkedHashMap<>();
        if (state == null) {
            return out;
        }
        for (NvSet set : state.transientAttributes()) {
            for (NvPair p : set.pairs()) {
                if (p.name() != null && p.value() != null) {
                    out.put(p.name(), p.value());
                }
            }
        }
        return out;
    }

    /**
     * The entry with transient attribute {@code name} set to {@code value}, or removed when
     * {@code value} is null. New pairs go into the first set ({@code status-ID}, as Pacemaker
     * names it), pair ids follow Pacemaker's {@code status-ID-NAME} with '#' written as '.'.
     */
    public static NodeState withTransient(NodeState state, String name, String value) {
        List<NvSet> sets = new ArrayList<>(state.transientAttributes());
        boolean found = false;
        for (int i = 0; i < sets.size(); i++) {
            NvSet set = sets.get(i);
            List<NvPair> pairs = new ArrayList<>();
            boolean changed = false;
            for (NvPair p : set.pairs()) {
                if (name.equals(p.name())) {
                    changed = true;
                    if (value != null && !found) {
                        pairs.add(new NvPair(p.id(), p.idRef(), p.name(), value));
                        found = true;
                    }
                } else {
                    pairs.add(p);
                }
            }
            if (changed) {
                sets.set(i, new NvSet(set.id(), set.idRef(), set.score(), set.rules(), pairs));
            }
        }
        if (!found && value != null) {
            String id = state.id() == null ? state.uname() : state.id();
            NvPair pair = NvPair.of("status-" + id + "-" + name.replace('#', '.'), name, value);
            if (sets.isEmpty()) {
                sets.add(NvSet.of("status-" + id, List.of(pair)));
            } else {
                NvSet first = sets.get(0);
                List<NvPair> pairs = new ArrayList<>(first.pairs());
                pairs.add(pair);
                sets.set(0, new NvSet(first.id(), first.idRef(), first.score(), first.rules(), pairs));
            }
        }
        return new NodeState(state.attributes(), sets, state.hasLrm(), state.lrmResources());
    }

    /** The entry with transient attributes for which {@code remove} answers true taken out. */
    public static NodeState withoutTransient(NodeState state, java.util.function.Predicate<String> remove) {
        List<NvSet> sets = new ArrayList<>();
        for (NvSet set : state.transientAttributes()) {
            List<NvPair> pairs = new ArrayList<>();
            for (NvPair p : set.pairs()) {
                if (p.name() == null || !remove.test(p.name())) {
                    pairs.add(p);
                }
            }
            sets.add(new NvSet(set.id(), set.idRef(), set.score(), set.rules(), pairs));
        }
        return new NodeState(state.attributes(), sets, state.hasLrm(), state.lrmResources());
    }

    /** The entry with its whole operation history replaced. */
    public static NodeState withHistory(NodeState state, List<LrmResource> history) {
        return new NodeState(state.attributes(), state.transientAttributes(), true, history);
    }

    /**
     * The entry with one resource's history replaced by {@code change} of it ({@code change}
     * gets null when the resource has no history here and may return null to remove it).
     */
    public static NodeState withResource(NodeState state, String rscId, UnaryOperator<LrmResource> change) {
        List<LrmResource> resources = new ArrayList<>(state.lrmResources());
        int index = -1;
        for (int i = 0; i < resources.size(); i++) {
            if (rscId.equals(resources.get(i).id())) {
                index = i;
                break;
            }
        }
        LrmResource after = change.apply(index >= 0 ? resources.get(index) : null);
        if (index >= 0) {
            if (after == null) {
                resources.remove(index);
            } else {
                resources.set(index, after);
            }
        } else if (after != null) {
            resources.add(after);
        }
        return new NodeState(state.attributes(), state.transientAttributes(), true, resources);
    }
}
