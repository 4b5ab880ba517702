package dev.vigil.cib;

import dev.vigil.model.cib.Cib;
import dev.vigil.model.cib.Node;
import dev.vigil.model.cib.NodeState;
import dev.vigil.model.cib.NvPair;
import dev.vigil.model.cib.NvSet;
import dev.vigil.model.cib.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Node attributes as Pacemaker stores them. <em>Transient</em> ones (lifetime reboot) live in
 * {@code status/node_state/transient_attributes/instance_attributes id="status-ID"} and vanish
 * when the node leaves; <em>permanent</em> ones (lifetime forever) in
 * {@code configuration/nodes/node/instance_attributes id="nodes-ID"}. Pairs get Pacemaker's ids
 * ({@code status-1-pingd}, {@code nodes-1-standby}). Pure functions; a missing node is an
 * {@link IllegalArgumentException} naming it.
 */
public final class NodeAttributes {
    public enum Lifetime { REBOOT, FOREVER }

    private NodeAttributes() {
    }

    /** The attribute's value, if set. */
    public static Optional<String> get(Cib cib, String node, String name, Lifetime lifetime) {
        List<NvSet> sets = lifetime == Lifetime.REBOOT
                ? nodeState(cib, node).map(NodeState::transientAttributes).orElse(List.of())
                : configuredNode(cib, node).map(Node::instanceAttributes).orElse(List.of());
        String value = null;
        for (NvSet s : sets) {
            if (s.rules().isEmpty() && s.get(name) != null) {
                value = s.get(name);
            }
        }
        return Optional.ofNullable(value);
    }

    /**
     * Sets (or with a null {@code value}, deletes) an attribute.
     *
     * @param newNodeId the id for a configuration entry of a node that has none yet (forever only)
     * @throws IllegalArgumentException for a transient attribute of a node that is not a member
     */
    public static Cib set(Cib cib, String node, String newNodeId, String name, String value, Lifetime lifetime) {
        checkName(name);
        return lifetime == Lifetime.REBOOT ? setTransient(cib, node, name, value) : setPermanent(cib, node, newNodeId, name, value);
    }

    private static void checkName(String name) {
        if (name == null || name.isBlank() || name.length() > 256 || !name.chars().allMatch(c -> c > ' ' && c != 0x7f)) {
            throw new IllegalArgumentException("attribute name '" + name
                    + "' is not valid (1 to 256 characters, no spaces or control characters)");
        }
    }

    private static Cib setTransient(Cib cib, String node, String name, String value) {
        NodeState state = nodeState(cib, node).filter(s -> "true".equals(s.get("in_ccm"))).orElseThrow(() ->
                new IllegalArgumentException("node '" + node + "' is not a member of the cluster now: transient "
                        + "attributes (lifetime reboot) exist only while a node is; use --lifetime forever"));
        List<NvSet> sets = edit(state.transientAttributes(), "status-" + state.id(), name, value);
        List<NodeState> nodes = new ArrayList<>();
        for (NodeState s : cib.status().nodes()) {
            nodes.add(s == state ? new NodeState(s.attributes(), sets, s.hasLrm(), s.lrmResources()) : s);
        }
        return cib.withStatus(new Status(nodes, cib.status().tickets()));
    }

    private static Cib setPermanent(Cib cib, String node, String newNodeId, String name, String value) {
        List<Node> nodes = new ArrayList<>(cib.configuration().nodes());
        int index = -1;
        for (int i = 0; i < nodes.size(); i++) {
            if (node.equals(nodes.get(i).uname())) {
                index = i;
            }
        }
        if (index < 0) {
            if (value == null) {
                return cib;
            }
            if (newNodeId == null) {
                throw new IllegalArgumentException("node '" + node + "' is not in the configuration");
            }
            nodes.add(new Node(newNodeId, node, null, null, null, List.of(), List.of()));
            index = nodes.size() - 1;
        }
        Node n = nodes.get(index);
        nodes.set(index, new Node(n.id(), n.uname(), n.type(), n.description(), n.score(),
                edit(n.instanceAttributes(), "nodes-" + n.id(), name, value), n.utilization()));
        return cib.withConfiguration(cib.configuration().withNodes(nodes));
    }

    /**
     * The sets with {@code name} set to {@code value} (removed when null): the pair is changed in
     * the first rule-less set that has it, else added to the set {@code setId} (created if needed).
     */
    private static List<NvSet> edit(List<NvSet> sets, String setId, String name, String value) {
        List<NvSet> out = new ArrayList<>();
        boolean done = false;
        for (NvSet s : sets) {
            if (!s.rules().isEmpty() || s.idRef() != null) {
                out.add(s);
                continue;
            }
            List<NvPair> pairs = new ArrayList<>();
            for (NvPair p : s.pairs()) {
                if (name.equals(p.name()) && p.idRef() == null) {
                    if (value != null && !done) {
                        pairs.add(new NvPair(p.id(), null, name, value));
                    }
                    done = true;
                } else {
                    pairs.add(p);
                }
            }
            out.add(new NvSet(s.id(), s.idRef(), s.score(), s.rules(), pairs));
        }
        if (!done && value != null) {
            int at = -1;
            for (int i = 0; i < out.size(); i++) {
                if (setId.equals(out.get(i).id())) {
                    at = i;
                }
            }
            NvSet target = at >= 0 ? out.get(at) : NvSet.of(setId, List.of());
            List<NvPair> pairs = new ArrayList<>(target.pairs());
            pairs.add(NvPair.of(pairId(setId, name, out), name, value));
            NvSet updated = new NvSet(target.id(), target.idRef(), target.score(), target.rules(), pairs);
            if (at >= 0) {
                out.set(at, updated);
            } else {
                out.add(updated);
            }
        }
        out.removeIf(s -> s.pairs().isEmpty() && s.rules().isEmpty() && s.idRef() == null && s.id().equals(setId));
        return out;
    }

    /** {@code SETID-NAME} with characters an XML id cannot hold replaced, made unique among the sets. */
    private static String pairId(String setId, String name, List<NvSet> sets) {
        String base = setId + "-" + name.replaceAll("[^A-Za-z0-9_.-]", "_");
        String id = base;
        for (int i = 2; taken(id, sets) && i < 10_000; i++) {
            id = base + "-" + i;
        }
        return id;
    }

    private static boolean taken(String id, List<NvSet> sets) {
        return sets.stream().anyMatch(s -> id.equals(s.id()) || s.pairs().stream().anyMatch(p -> id.equals(p.id())));
    }

    private static Optional<NodeState> nodeState(Cib cib, String node) {
        return cib.status().nodes().stream().filter(s -> node.equals(s.uname())).findFirst();
    }

    private static Optional<Node> configuredNode(Cib cib, String node) {
        return cib.configuration().nodes().stream().filter(n -> node.equals(n.uname())).findFirst();
    }
}
