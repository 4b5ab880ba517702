package dev.vigil.daemon.replication;

import dev.vigil.cluster.membership.View;
import dev.vigil.controller.ClusterState;
import dev.vigil.model.cib.Cib;
import dev.vigil.model.cib.Node;
import dev.vigil.model.cib.NodeState;
import dev.vigil.model.cib.Status;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the cluster's state into a CIB as Pacemaker keeps it, so tools and the scheduler read
 * it in the known format: {@code have-quorum} and {@code dc-uuid} on {@code <cib>}; a
 * configuration {@code <node>} for every node that has been a member; and for each such node
 * a {@code node_state} with {@code in_ccm} (true/false), {@code crmd} (online/offline),
 * {@code join} (member/down) and {@code expected}.
 *
 * <p>{@code expected} becomes {@code member} when a node joins and is otherwise left alone: a
 * node that shuts down cleanly sets it to {@code down} itself before it leaves, so a node that
 * disappears with {@code expected=member} is one that failed (and may need fencing). A node
 * leaves with its transient attributes erased (they live only while it is a member) and its
 * operation history kept (what it ran may still run until it is fenced or rejoins). Nodes that
 * have never been members get no node_state: their state is unknown, which is what
 * Pacemaker's startup-fencing acts on.
 */
public final class ClusterStateFields {
    private ClusterStateFields() {
    }

    /**
     * The CIB with the state's fields written in.
     *
     * @param nodeIds the nodelist: node name → node id, in nodelist order
     */
    public static Cib apply(Cib cib, ClusterState state, Map<String, Integer> nodeIds) {
        View view = state.view();
        Cib out = cib.withAttribute("have-quorum", state.quorum() != null && state.quorum().quorate() ? "1" : "0");
        out = out.withAttribute("dc-uuid", state.dc() == null ? null : nodeId(cib, state.dc(), nodeIds));
        out = withConfiguredNodes(out, view, nodeIds);
        return withNodeStates(out, view, nodeIds);
    }

    /** The id a node has in this CIB: its configuration entry's, else its node_state's, else the nodelist's. */
    static String nodeId(Cib cib, String name, Map<String, Integer> nodeIds) {
        for (Node n : cib.configuration().nodes()) {
            if (name.equals(n.uname())) {
                return n.id();
            }
        }
        for (NodeState s : cib.status().nodes()) {
            if (name.equals(s.uname())) {
                return s.id();
            }
        }
        Integer id = nodeIds.get(name);
        return id == null ? name : Integer.toString(id);
    }

    private static Cib withConfiguredNodes(Cib cib, View view, Map<String, Integer> nodeIds) {
        List<Node> nodes = new ArrayList<>(cib.configuration().nodes());
        boolean added = false;
        for (String name : nodeIds.keySet()) {
            boolean member = view.contains(name);
            boolean known = nodes.stream().anyMatch(n -> name.equals(n.uname()));
            if (member && !known) {
                nodes.add(new Node(nodeId(cib, name, nodeIds), name, null, null, null, List.of(), List.of()));
                added = true;
            }
        }
        return added ? cib.withConfiguration(cib.configuration().withNodes(nodes)) : cib;
    }

    private static Cib withNodeStates(Cib cib, View view, Map<String, Integer> nodeIds) {
        List<NodeState> states = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (NodeState s : cib.status().nodes()) {
            String name = s.uname();
            seen.add(name);
            states.add(update(s, name != null && view.contains(name)));
        }
        for (String name : view.members()) {
            if (!seen.contains(name) && nodeIds.containsKey(name)) {
                Map<String, String> attrs = new LinkedHashMap<>();
                attrs.put("id", nodeId(cib, name, nodeIds));
                attrs.put("uname", name);
                states.add(update(new NodeState(attrs, List.of(), false, List.of()), true));
            }
        }
        return cib.withStatus(new Status(states, cib.status().tickets()));
    }

    private static NodeState update(NodeState s, boolean member) {
        Map<String, String> a = new LinkedHashMap<>(s.attributes());
        boolean wasMember = "true".equals(a.get("in_ccm"));
        a.put("in_ccm", member ? "true" : "false");
        a.put("crmd", member ? "online" : "offline");
        a.put("join", member ? "member" : "down");
        if (member && (!wasMember || !a.containsKey("expected"))) {
            a.put("expected", "member");
        }
        return new NodeState(a, member ? s.transientAttributes() : List.of(), s.hasLrm(), s.lrmResources());
    }
}
