package dev.vigil.scheduler;

import dev.vigil.model.Durations;
import dev.vigil.model.cib.Operation;
import java.util.LinkedHashMap;
import java.util.Map;

/** Looks up configured operations and their effective settings (op, then op_defaults). */
final class OpConfig {
    static final long DEFAULT_TIMEOUT_MS = 20_000;

    private OpConfig() {
    }

    /** The configured operation with this name and interval, or null. Disabled ops count too. */
    static Operation find(Rsc rsc, String task, long intervalMs) {
        for (Operation op : rsc.ops) {
            if (task.equals(op.name()) && Durations.parseMillisOr(op.interval(), -1) == intervalMs) {
                return op;
            }
        }
        return null;
    }

    /** An op attribute, falling back to its meta sets and then to op_defaults. */
    static String attribute(Cluster cluster, Rsc rsc, String task, long intervalMs, String name) {
        Operation op = find(rsc, task, intervalMs);
        if (op != null) {
            String v = op.attribute(name);
            if (v != null) {
                return v;
            }
            Map<String, String> meta = new LinkedHashMap<>();
            cluster.index.unpackSets(op.metaAttributes(), RuleContext.timeOnly(cluster.now), meta, false);
            if (meta.get(name) != null) {
                return meta.get(name);
            }
        }
        return defaults(cluster, rsc, task, intervalMs).get(name);
    }

    /** op_defaults as they apply to this resource and operation. */
    static Map<String, String> defaults(Cluster cluster, Rsc rsc, String task, long intervalMs) {
        Map<String, String> out = new LinkedHashMap<>();
        RuleContext ctx = RuleContext.timeOnly(cluster.now)
                .withResource(rsc.agentClass, rsc.agentProvider, rsc.agentType)
                .withOperation(task, intervalMs);
        cluster.index.unpackSets(cluster.cib.configuration().opDefaults(), ctx, out, false);
        return out;
    }

    /** The instance attributes configured on the operation itself, evaluated for a node. */
    static Map<String, String> parameters(Cluster cluster, Rsc rsc, String task, long intervalMs, SNode node) {
        Map<String, String> own = new LinkedHashMap<>();
        Operation op = find(rsc, task, intervalMs);
        if (op != null) {
            RuleContext ctx = node == null ? RuleContext.timeOnly(cluster.now)
                    : RuleContext.forNode(node.attributes, cluster.now);
            cluster.index.unpackSets(op.instanceAttributes(), ctx, own, false);
        }
        return own;
    }

    /** Is another operation of the same name configured with the same interval? Such pairs are ignored. */
    static boolean duplicated(Rsc rsc, Operation op) {
        long interval = Durations.parseMillisOr(op.interval(), -1);
        for (Operation other : rsc.ops) {
            if (other != op && op.name().equals(other.name())
                    && Durations.parseMillisOr(other.interval(), -2) == interval) {
                return true;
            }
        }
        return false;
    }

    static boolean enabled(Operation op) {
        return !Options.isFalse(op.attribute("enabled"));
    }

    static long timeoutMs(Cluster cluster, Rsc rsc, String task, long intervalMs) {
        String v = attribute(cluster, rsc, task, intervalMs, "timeout");
        return v == null ? DEFAULT_TIMEOUT_MS : Durations.parseMillisOr(v, DEFAULT_TIMEOUT_MS);
    }

    /**
     * The configured on-fail of an operation. A demote without its own is handled as the
     * monitor of the Promoted role would be.
     */
    static String onFail(Cluster cluster, Rsc rsc, String task, long intervalMs) {
        String own = attribute(cluster, rsc, task, intervalMs, "on-fail");
        if (own != null || !task.equals("demote")) {
            return own;
        }
        for (Operation op : rsc.ops) {
            long interval = Durations.parseMillisOr(op.interval(), 0);
            if ("monitor".equals(op.name()) && interval > 0 && op.role() != null
                    && dev.vigil.model.Role.parse(op.role()) == dev.vigil.model.Role.PROMOTED) {
                return attribute(cluster, rsc, "monitor", interval, "on-fail");
            }
        }
        return null;
    }

    /** The role a failure of this operation leaves the resource wanting: Stopped for on-fail=stop. */
    static dev.vigil.model.Role failRole(Cluster cluster, Rsc rsc, String task, long intervalMs,
                                        HistoryUnpacker.OnFail onFail) {
        String configured = onFail(cluster, rsc, task, intervalMs);
        if ("stop".equals(configured) || ("fence".equals(configured) && !cluster.options.stonithEnabled())) {
            return dev.vigil.model.Role.STOPPED;
        }
        if (onFail == HistoryUnpacker.OnFail.RESET_REMOTE && rsc.remoteReconnectMs > 0) {
            return dev.vigil.model.Role.STOPPED;
        }
        return task.equals("promote") ? dev.vigil.model.Role.UNPROMOTED : dev.vigil.model.Role.STARTED;
    }
}
