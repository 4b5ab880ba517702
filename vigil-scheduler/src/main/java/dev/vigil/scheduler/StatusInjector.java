package dev.vigil.scheduler;

import dev.vigil.model.cib.Cib;
import dev.vigil.model.cib.LrmOp;
import dev.vigil.model.cib.LrmResource;
import dev.vigil.model.cib.Node;
import dev.vigil.model.cib.NodeState;
import dev.vigil.model.cib.Primitive;
import dev.vigil.model.cib.Resource;
import dev.vigil.model.cib.Status;
import dev.vigil.model.graph.ActionType;
import dev.vigil.model.graph.GraphAction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Records simulated action results in a CIB's status section, as crm_simulate does: every
 * resource action succeeds with its expected result, fencing takes the node down and clears
 * its history and transient attributes.
 */
public final class StatusInjector {
    private final Cib cib;
    private final List<NodeState> nodes;
    private final long now;

    private StatusInjector(Cib cib, long now) {
        this.cib = cib;
        this.nodes = new ArrayList<>(cib.status().nodes());
        this.now = now;
    }

    /** The CIB after the given actions (in firing order) all succeeded. */
    public static Cib apply(Cib cib, List<GraphAction> fired, long nowEpochSeconds) {
        StatusInjector s = new StatusInjector(cib, nowEpochSeconds);
        for (GraphAction a : fired) {
            s.inject(a);
        }
        return s.result();
    }

    /** An injector that records actions one at a time (see {@link #inject}). */
    static StatusInjector on(Cib cib, long nowEpochSeconds) {
        return new StatusInjector(cib, nowEpochSeconds);
    }

    Cib result() {
        return cib.withStatus(new Status(nodes, cib.status().tickets()));
    }

    void inject(GraphAction a) {
        if (a.type() == ActionType.PSEUDO) {
            return;
        }
        if (a.task().equals("delete") || a.task().equals("lrm_delete")) {
            forget(a.node(), a.resource());
            return;
        }
        if (a.type() == ActionType.CLUSTER) {
            String action = a.parameters().getOrDefault("CRM_meta_stonith_action", "reboot");
            if (a.task().equals("stonith") && !action.equals("on")) {
                fenced(a.node());
            }
            return;
        }
        if (a.task().equals("cancel") || a.task().equals("probe_complete") || a.task().equals("notify")
                || a.node() == null) {
            // Notifications change nothing the history records.
            return;
        }
        String rc = a.parameters().getOrDefault("CRM_meta_op_target_rc", "0");
        recordResult(a, rc);
    }

    /** Deleting a resource's history on a node (the executor forgets it). */
    private void forget(String nodeName, String rscId) {
        int i = indexOf(nodeName);
        if (i < 0) {
            return;
        }
        NodeState state = nodes.get(i);
        List<LrmResource> kept = new ArrayList<>();
        for (LrmResource r : state.lrmResources()) {
            if (!r.id().equals(rscId)) {
                kept.add(r);
            }
        }
        replace(state, new NodeState(state.attributes(), state.transientAttributes(), state.hasLrm(), kept));
    }

    private int indexOf(String nodeName) {
        for (int i = 0; i < nodes.size(); i++) {
            if (nodeName.equals(nodes.get(i).uname())) {
                return i;
            }
        }
        return -1;
    }

    private NodeState nodeState(String nodeName) {
        int i = indexOf(nodeName);
        if (i >= 0) {
            return nodes.get(i);
        }
        String id = nodeName;
        for (Node n : cib.configuration().nodes()) {
            if (nodeName.equals(n.uname())) {
                id = n.id();
            }
        }
        Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put("id", id);
        attrs.put("uname", nodeName);
        NodeState created = new NodeState(attrs, List.of(), false, List.of());
        nodes.add(created);
        return created;
    }

    private void replace(NodeState old, NodeState updated) {
        nodes.set(nodes.indexOf(old), updated);
    }

    private void fenced(String nodeName) {
        NodeState state = nodeState(nodeName);
        Map<String, String> attrs = new LinkedHashMap<>(state.attributes());
        attrs.put("in_ccm", "false");
        attrs.put("crmd", "offline");
        attrs.put("join", "down");
        attrs.put("expected", "down");
        replace(state, new NodeState(attrs, List.of(), false, List.of()));
    }

    private void recordResult(GraphAction a, String rc) {
        String rscId = a.resource();
        NodeState state = nodeState(a.node());
        List<LrmResource> resources = new ArrayList<>(state.lrmResources());
        int index = -1;
        for (int i = 0; i < resources.size(); i++) {
            if (resources.get(i).id().equals(rscId)) {
                index = i;
            }
        }
        LrmResource entry;
        if (index < 0) {
            Primitive p = findPrimitive(rscId);
            entry = new LrmResource(rscId, p == null ? null : p.agentClass(), p == null ? null : p.provider(),
                    p == null ? null : p.type(), null, List.of());
            resources.add(entry);
            index = resources.size() - 1;
        } else {
            entry = resources.get(index);
        }
        int callId = 0;
        for (LrmOp op : entry.ops()) {
            callId = Math.max(callId, op.callId());
        }
        callId++;
        long interval = a.intervalMs();
        String opId = interval > 0 ? rscId + "_" + a.task() + "_" + interval : rscId + "_last_0";
        Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put("id", opId);
        attrs.put("operation_key", rscId + "_" + a.task() + "_" + interval);
        attrs.put("operation", a.task());
        attrs.put("transition-key", "0:0:" + rc + ":simulated");
        attrs.put("call-id", Integer.toString(callId));
        attrs.put("rc-code", rc);
        attrs.put("op-status", "0");
        attrs.put("interval", Long.toString(interval));
        attrs.put("last-rc-change", Long.toString(now));
        attrs.put("last-run", Long.toString(now));
        attrs.put("exec-time", "0");
        attrs.put("queue-time", "0");
        attrs.put("on_node", a.node());
        attrs.put("op-digest", OperationDigest.ofGraphAction(a.parameters(), interval));
        String target = a.parameters().get("CRM_meta_migrate_target");
        if (target != null) {
            attrs.put("migrate_target", target);
            attrs.put("migrate_source", a.parameters().get("CRM_meta_migrate_source"));
        }
        List<LrmOp> ops = new ArrayList<>();
        for (LrmOp op : entry.ops()) {
            if (!opId.equals(op.id()) && !(interval == 0 && supersededByLast(op))) {
                ops.add(op);
            }
        }
        ops.add(new LrmOp(attrs));
        resources.set(index, new LrmResource(entry.id(), entry.agentClass(), entry.provider(), entry.type(),
                entry.container(), ops, entry.shutdownLock()));
        replace(state, new NodeState(state.attributes(), state.transientAttributes(), true, resources));
    }

    /**
     * An executor keeps one record of the last non-recurring operation: older-style records of
     * single operations ({@code rsc_start_0}) give way to it, failure records stay.
     */
    private static boolean supersededByLast(LrmOp op) {
        return op.intervalMs() == 0 && op.id() != null && !op.id().endsWith("_last_failure_0");
    }

    private Primitive findPrimitive(String id) {
        String base = ResourceLookup.stripInstance(id);
        for (Resource r : cib.configuration().resources()) {
            Primitive p = find(r, id, base);
            if (p != null) {
                return p;
            }
        }
        return null;
    }

    private static Primitive find(Resource r, String id, String base) {
        if (r instanceof Primitive p && (p.id().equals(id) || p.id().equals(base))) {
            return p;
        }
        for (Resource c : r.children()) {
            Primitive p = find(c, id, base);
            if (p != null) {
                return p;
            }
        }
        return null;
    }
}
