package dev.vigil.cli.edit;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The documented cluster properties, resource meta attributes and operation defaults, as
 * Pacemaker Explained lists them (read-only ones such as dc-version are left out: the cluster
 * sets them). Used to refuse unknown names and wrongly typed values, and to list defaults.
 */
public final class Options {
    public static final Map<String, OptionSpec> CLUSTER = index(List.of(
            OptionSpec.of("batch-limit", "integer", "0", "most actions the cluster runs in parallel (0: no limit)"),
            OptionSpec.of("cluster-delay", "duration", "60s", "round-trip delay over the network, excluding action time"),
            OptionSpec.of("cluster-ipc-limit", "nonnegative-integer", "500", "messages queued per client before it is disconnected"),
            OptionSpec.of("cluster-name", "string", null, "a name for the cluster, shown in status"),
            OptionSpec.of("cluster-recheck-interval", "duration", "15min", "how often time-based rules, failure-timeout and the like are re-checked"),
            OptionSpec.of("concurrent-fencing", "boolean", "true", "allow more than one fencing at a time"),
            OptionSpec.of("dc-deadtime", "duration", "20s", "how long to wait for a DC at start-up"),
            OptionSpec.of("election-timeout", "duration", "2min", "how long a DC election may take"),
            OptionSpec.of("enable-acl", "boolean", "false", "whether ACLs restrict access to the CIB"),
            OptionSpec.of("enable-startup-probes", "boolean", "true", "probe resources on nodes that join"),
            OptionSpec.select("fence-reaction", "stop", List.of("stop", "panic"), "what a node does when told it was fenced"),
            OptionSpec.of("join-finalization-timeout", "duration", "30min", "how long the join's finalization may take"),
            OptionSpec.of("join-integration-timeout", "duration", "3min", "how long the join's integration may take"),
            OptionSpec.of("load-threshold", "percentage", "80%", "CPU load above which the cluster runs fewer actions"),
            OptionSpec.of("maintenance-mode", "boolean", "false", "monitor nothing, start and stop nothing"),
            OptionSpec.of("migration-limit", "integer", "-1", "live migrations per node at a time (-1: no limit)"),
            OptionSpec.select("no-quorum-policy", "stop", List.of("stop", "freeze", "ignore", "demote", "suicide", "fence"),
                    "what to do without quorum (ignore on two-node clusters that run without a quorum device)"),
            OptionSpec.of("node-action-limit", "integer", "0", "most actions a node runs in parallel (0: from load-threshold)"),
            OptionSpec.of("node-health-base", "score", "0", "base score of every node for the progressive health strategy"),
            OptionSpec.of("node-health-green", "score", "0", "score of a 'green' health attribute"),
            OptionSpec.of("node-health-red", "score", "-INFINITY", "score of a 'red' health attribute"),
            OptionSpec.of("node-health-yellow", "score", "0", "score of a 'yellow' health attribute"),
            OptionSpec.select("node-health-strategy", "none", List.of("none", "migrate-on-red", "only-green", "progressive",
                    "custom"), "how health attributes count"),
            OptionSpec.of("node-pending-timeout", "duration", "0", "fence a node pending join for longer than this (0: never)"),
            OptionSpec.select("placement-strategy", "default", List.of("default", "utilization", "minimal", "balanced"),
                    "whether and how utilization counts in placement"),
            OptionSpec.of("pe-error-series-max", "integer", "-1", "scheduler inputs kept that had errors (-1: all)"),
            OptionSpec.of("pe-input-series-max", "integer", "4000", "scheduler inputs kept (-1: all)"),
            OptionSpec.of("pe-warn-series-max", "integer", "5000", "scheduler inputs kept that had warnings (-1: all)"),
            OptionSpec.of("priority-fencing-delay", "duration", "0", "delay fencing of the node that runs the most important resources"),
            OptionSpec.of("shutdown-escalation", "duration", "20min", "how long a node waits for its resources to stop before it shuts down anyway"),
            OptionSpec.of("shutdown-lock", "boolean", "false", "keep a cleanly stopped node's resources on it until it returns"),
            OptionSpec.of("shutdown-lock-limit", "duration", "0", "how long a shutdown lock holds (0: until the node returns)"),
            OptionSpec.of("start-failure-is-fatal", "boolean", "true", "a failed start bans the resource from the node"),
            OptionSpec.of("startup-fencing", "boolean", "true", "fence nodes not seen since the cluster started"),
            OptionSpec.select("stonith-action", "reboot", List.of("reboot", "off", "poweroff"), "what fencing does to a node"),
            OptionSpec.of("stonith-enabled", "boolean", "true", "fence failed nodes (false only where no fence device exists)"),
            OptionSpec.of("stonith-max-attempts", "nonnegative-integer", "10", "fencing attempts per target before giving up"),
            OptionSpec.of("stonith-timeout", "duration", "60s", "how long a fencing action may take"),
            OptionSpec.of("stonith-watchdog-timeout", "duration", "0", "how long until a lost node has self-fenced by watchdog"),
            OptionSpec.of("stop-all-resources", "boolean", "false", "stop every resource"),
            OptionSpec.of("stop-orphan-actions", "boolean", "true", "stop recurring operations that are no longer configured"),
            OptionSpec.of("stop-orphan-resources", "boolean", "true", "stop resources that are no longer configured"),
            OptionSpec.of("symmetric-cluster", "boolean", "true", "resources may run on any node unless constrained"),
            OptionSpec.of("transition-delay", "duration", "0s", "wait before acting on a new transition")));

    /** Meta attributes of resources (also what {@code resource defaults} sets). */
    public static final Map<String, OptionSpec> RESOURCE_META = index(List.of(
            OptionSpec.of("allow-migrate", "boolean", "false", "migrate live instead of stop and start"),
            OptionSpec.of("allow-unhealthy-nodes", "boolean", "false", "run on nodes with red health"),
            OptionSpec.of("critical", "boolean", "true", "count in colocation dependencies"),
            OptionSpec.of("failure-timeout", "duration", "0", "forget failures after this long (0: never)"),
            OptionSpec.of("is-managed", "boolean", "true", "whether the cluster starts and stops it"),
            OptionSpec.of("maintenance", "boolean", "false", "leave it alone, do not even monitor"),
            OptionSpec.of("migration-threshold", "score", "INFINITY", "failures on a node before it is moved away"),
            OptionSpec.select("multiple-active", "stop_start", List.of("block", "stop_only", "stop_start", "stop_unexpected"),
                    "what to do when it is found active on more than one node"),
            OptionSpec.of("priority", "integer", "0", "placed first when not all can run"),
            OptionSpec.of("remote-node", "string", null, "the guest node this VM or container is"),
            OptionSpec.of("requires", "string", null, "what must hold before it starts: nothing, quorum, fencing or unfencing"),
            OptionSpec.of("resource-stickiness", "score", "1 for group/clone members, 0 otherwise", "preference to stay where it runs"),
            OptionSpec.select("target-role", "Started", List.of("Stopped", "Started", "Unpromoted", "Promoted", "Slave", "Master"),
                    "the role the cluster keeps it in"),
            OptionSpec.of("clone-max", "nonnegative-integer", "number of nodes", "instances of a clone"),
            OptionSpec.of("clone-node-max", "nonnegative-integer", "1", "instances of a clone per node"),
            OptionSpec.of("clone-min", "nonnegative-integer", "0", "instances needed before dependents start"),
            OptionSpec.of("globally-unique", "boolean", "false", "instances are different from each other"),
            OptionSpec.of("interleave", "boolean", "false", "order instances per node against other clones"),
            OptionSpec.of("notify", "boolean", "false", "tell instances about each other's start and stop"),
            OptionSpec.of("ordered", "boolean", "false", "start instances one after another"),
            OptionSpec.of("promotable", "boolean", "false", "instances can be promoted"),
            OptionSpec.of("promoted-max", "nonnegative-integer", "1", "promoted instances"),
            OptionSpec.of("promoted-node-max", "nonnegative-integer", "1", "promoted instances per node")));

    /** Operation defaults ({@code resource op-defaults}). */
    public static final Map<String, OptionSpec> OP_DEFAULTS = index(List.of(
            OptionSpec.of("timeout", "duration", "20s", "how long an operation may take"),
            OptionSpec.of("interval", "duration", "0", "how often a recurring operation runs"),
            OptionSpec.of("record-pending", "boolean", "true", "record operations while they run"),
            OptionSpec.select("on-fail", "restart", List.of("ignore", "block", "stop", "restart", "standby", "fence",
                    "restart-container", "demote"), "what a failure leads to"),
            OptionSpec.of("start-delay", "duration", "0", "wait before the first run"),
            OptionSpec.of("enabled", "boolean", "true", "whether the operation runs")));

    private Options() {
    }

    /**
     * Refuses unknown names (with the closest known ones) and wrongly typed values; an empty
     * value (unset) is always fine.
     */
    public static void check(String what, Map<String, OptionSpec> known, Map<String, String> values) {
        for (Map.Entry<String, String> e : values.entrySet()) {
            Optional<OptionSpec> spec = Optional.ofNullable(known.get(e.getKey()));
            if (spec.isEmpty()) {
                throw new EditException(what + ": unknown option '" + e.getKey() + "'" + Suggest.hint(e.getKey(), known.keySet())
                        + " (--force sets it anyway)");
            }
            if (e.getValue() != null && !e.getValue().isEmpty()) {
                String problem = spec.get().problem(e.getValue());
                if (problem != null) {
                    throw new EditException(what + ": " + problem);
                }
            }
        }
    }

    /** Checks the values of the names that are known; unknown names pass (meta attributes are open-ended). */
    public static void checkKnownValues(String what, Map<String, OptionSpec> known, Map<String, String> values) {
        values.forEach((name, value) -> {
            OptionSpec spec = known.get(name);
            if (spec != null && value != null && !value.isEmpty()) {
                String problem = spec.problem(value);
                if (problem != null) {
                    throw new EditException(what + ": " + problem);
                }
            }
        });
    }

    private static Map<String, OptionSpec> index(List<OptionSpec> specs) {
        Map<String, OptionSpec> out = new TreeMap<>();
        specs.forEach(s -> out.put(s.name(), s));
        return java.util.Collections.unmodifiableMap(out);
    }
}
