package dev.vigil.controller.status;

import dev.vigil.model.Score;
import dev.vigil.model.cib.Cib;
import dev.vigil.model.cib.LrmOp;
import dev.vigil.model.cib.LrmResource;
import dev.vigil.model.cib.NodeState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One change of the status section. Each edit reads what it needs from the copy it is applied
 * to (a fail count is incremented from the stored value, not from what the DC saw earlier), so
 * a batch of edits can be applied to whatever copy is current.
 */
public sealed interface StatusEdit {
    Cib apply(Cib cib);

    /** A line for logs. */
    String describe();

    /** Applies edits in order. */
    static Cib applyAll(Cib cib, List<StatusEdit> edits) {
        Cib result = cib;
        for (StatusEdit e : edits) {
            result = e.apply(result);
        }
        return result;
    }

    /** Records an operation result (or a pending operation) in a node's history. */
    record RecordOperation(String node, String rscId, String agentClass, String provider, String type, LrmOp op)
            implements StatusEdit {
        @Override
        public Cib apply(Cib cib) {
            return CibStatus.updateNode(cib, node, s -> CibStatus.withResource(s, rscId,
                    entry -> OpHistory.record(entry, rscId, agentClass, provider, type, op)));
        }

        @Override
        public String describe() {
            return "record " + op.get("operation_key") + " on " + node + " (rc=" + op.rcCode()
                    + ", status=" + op.opStatus() + ")";
        }
    }

    /** Removes one entry of a resource's history (a cancelled recurring operation). */
    record RemoveOperation(String node, String rscId, String opId) implements StatusEdit {
        @Override
        public Cib apply(Cib cib) {
            if (CibStatus.node(cib, node) == null) {
                return cib;
            }
            return CibStatus.updateNode(cib, node, s -> CibStatus.withResource(s, rscId,
                    entry -> OpHistory.remove(entry, opId)));
        }

        @Override
        public String describe() {
            return "remove " + opId + " on " + node;
        }
    }

    /** Replaces a node's whole history with what the node reported when it joined. */
    record ReplaceHistory(String node, List<LrmResource> history) implements StatusEdit {
        public ReplaceHistory {
            history = List.copyOf(history);
        }

        @Override
        public Cib apply(Cib cib) {
            return CibStatus.updateNode(cib, node, s -> CibStatus.withHistory(s, history));
        }

        @Override
        public String describe() {
            return "replace the history of " + node + " (" + history.size() + " resources)";
        }
    }

    /** Sets membership fields of a node ({@code in_ccm}, {@code crmd}, {@code join}, {@code expected}). */
    record SetNodeFields(String node, Map<String, String> fields) implements StatusEdit {
        public SetNodeFields {
            fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }

        @Override
        public Cib apply(Cib cib) {
            return CibStatus.updateNode(cib, node, s -> CibStatus.withFields(s, fields));
        }

        @Override
        public String describe() {
            return "set " + fields + " on " + node;
        }
    }

    /** Sets (or, with a null value, removes) one transient attribute of a node. */
    record SetTransientAttribute(String node, String name, String value) implements StatusEdit {
        @Override
        public Cib apply(Cib cib) {
            if (value == null && CibStatus.node(cib, node) == null) {
                return cib;
            }
            return CibStatus.updateNode(cib, node, s -> CibStatus.withTransient(s, name, value));
        }

        @Override
        public String describe() {
            return value == null ? "remove attribute " + name + " of " + node
                    : "set attribute " + name + "=" + value + " on " + node;
        }
    }

    /**
     * A failed operation: {@code fail-count-RSC#OP_INTERVAL} goes up by one (or to INFINITY,
     * for failed starts when start-failure-is-fatal and for failed stops), and
     * {@code last-failure-RSC#OP_INTERVAL} becomes {@code nowSeconds}. With {@code countIt}
     * false (on-fail=ignore) only the last-failure time is recorded, as Pacemaker does.
     */
    record RecordFailure(String node, String rscId, String task, long intervalMs, boolean infinity, boolean countIt,
                         long nowSeconds) implements StatusEdit {
        public static String failCountName(String rscId, String task, long intervalMs) {
            return "fail-count-" + rscId + "#" + task + "_" + intervalMs;
        }

        public static String lastFailureName(String rscId, String task, long intervalMs) {
            return "last-failure-" + rscId + "#" + task + "_" + intervalMs;
        }

        @Override
        public Cib apply(Cib cib) {
            String countName = failCountName(rscId, task, intervalMs);
            NodeState state = CibStatus.node(cib, node);
            int before = parse(CibStatus.transientAttributes(state).get(countName));
            int after = infinity ? Score.INFINITY : Score.add(before, 1);
            return CibStatus.updateNode(cib, node, s -> {
                NodeState next = s;
                if (countIt) {
                    next = CibStatus.withTransient(next, countName, Score.format(after));
                }
                return CibStatus.withTransient(next, lastFailureName(rscId, task, intervalMs), Long.toString(nowSeconds));
            });
        }

        private static int parse(String value) {
            if (value == null) {
                return 0;
            }
            try {
                return Score.parseLenient(value);
            } catch (IllegalArgumentException e) {
                return 0;
            }
        }

        @Override
        public String describe() {
            return (countIt ? "count" : "note") + " a failure of " + rscId + " " + task + "_" + intervalMs + " on " + node;
        }
    }

    /**
     * Clears fail counts and last-failure times: of {@code rscId} (all resources when null) on
     * {@code node} (every node when null); {@code opKey} ({@code monitor_10000}) limits it to one
     * operation.
     */
    record ClearFailures(String node, String rscId, String opKey) implements StatusEdit {
        @Override
        public Cib apply(Cib cib) {
            Cib result = cib;
            for (NodeState s : cib.status().nodes()) {
                if (node != null && !node.equals(s.uname())) {
                    continue;
                }
                result = CibStatus.updateNode(result, s.uname(), st -> CibStatus.withoutTransient(st, this::matches));
            }
            return result;
        }

        boolean matches(String attribute) {
            String rest;
            if (attribute.startsWith("fail-count-")) {
                rest = attribute.substring("fail-count-".length());
            } else if (attribute.startsWith("last-failure-")) {
                rest = attribute.substring("last-failure-".length());
            } else {
                return false;
            }
            if (rscId == null) {
                return true;
            }
            if (rest.equals(rscId)) {
                return opKey == null;
            }
            if (!rest.startsWith(rscId + "#")) {
                return false;
            }
            return opKey == null || rest.substring(rscId.length() + 1).equals(opKey);
        }

        @Override
        public String describe() {
            return "clear failures of " + (rscId == null ? "every resource" : rscId)
                    + (opKey == null ? "" : " " + opKey) + " on " + (node == null ? "every node" : node);
        }
    }

    /**
     * Removes all transient attributes of a node: they live only as long as the node stays in
     * the cluster (fail counts and a shutdown request included), as in Pacemaker.
     */
    record ClearTransientAttributes(String node) implements StatusEdit {
        @Override
        public Cib apply(Cib cib) {
            NodeState s = CibStatus.node(cib, node);
            if (s == null || s.transientAttributes().isEmpty()) {
                return cib;
            }
            return CibStatus.updateNode(cib, node, st -> new NodeState(st.attributes(), List.of(), st.hasLrm(),
                    st.lrmResources()));
        }

        @Override
        public String describe() {
            return "clear the transient attributes of " + node;
        }
    }

    /** Forgets a resource's history on a node (every node when null), so that it is probed again. */
    record ForgetResource(String node, String rscId) implements StatusEdit {
        @Override
        public Cib apply(Cib cib) {
            Cib result = cib;
            for (NodeState s : cib.status().nodes()) {
                if ((node == null || node.equals(s.uname()))
                        && s.lrmResources().stream().anyMatch(r -> r.id().equals(rscId))) {
                    result = CibStatus.updateNode(result, s.uname(), st -> CibStatus.withResource(st, rscId, r -> null));
                }
            }
            return result;
        }

        @Override
        public String describe() {
            return "forget the history of " + rscId + " on " + (node == null ? "every node" : node);
        }
    }

    /**
     * A node was fenced: it is down and runs nothing, as crm_simulate records it (in_ccm false,
     * crmd offline, join and expected down, no history, no transient attributes).
     */
    record NodeFenced(String node) implements StatusEdit {
        @Override
        public Cib apply(Cib cib) {
            return CibStatus.updateNode(cib, node, s -> {
                Map<String, String> attrs = new LinkedHashMap<>(s.attributes());
                attrs.put("in_ccm", "false");
                attrs.put("crmd", "offline");
                attrs.put("join", "down");
                attrs.put("expected", "down");
                return new NodeState(attrs, List.of(), false, List.of());
            });
        }

        @Override
        public String describe() {
            return "reset the status of fenced node " + node;
        }
    }
}
