package dev.vigil.cli.edit;

import dev.vigil.model.Durations;
import dev.vigil.model.cib.Operation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Building {@code op} elements from {@code op ACTION name=value…}, with their interval and timeout checked. */
final class Ops {
    private static final Set<String> ACTIONS = Set.of("start", "stop", "monitor", "promote", "demote", "notify",
            "reload", "reload-agent", "migrate_to", "migrate_from", "meta-data", "validate-all");

    private Ops() {
    }

    /** The operation, with a pcs-style id ({@code RSC-monitor-interval-10s}) unique among {@code taken}. */
    static Operation build(String resourceId, ResourceArgs.OpArgs args, Set<String> taken) {
        if (!ACTIONS.contains(args.action())) {
            throw new EditException("resource '" + resourceId + "': unknown operation '" + args.action() + "'"
                    + Suggest.hint(args.action(), ACTIONS));
        }
        Map<String, String> attributes = new LinkedHashMap<>(args.attributes());
        String interval = attributes.remove("interval");
        if (interval == null) {
            interval = args.action().equals("monitor") ? "60s" : "0s";
        }
        String role = attributes.remove("role");
        String id = attributes.remove("id");
        duration(resourceId, args.action(), "interval", interval);
        for (String name : List.of("timeout", "start-delay", "interval-origin")) {
            if (attributes.containsKey(name) && !name.equals("interval-origin")) {
                duration(resourceId, args.action(), name, attributes.get(name));
            }
        }
        String onFail = attributes.get("on-fail");
        if (onFail != null && !Set.of("ignore", "block", "stop", "restart", "standby", "fence", "restart-container",
                "demote").contains(onFail)) {
            throw new EditException("resource '" + resourceId + "': op " + args.action() + " on-fail='" + onFail
                    + "' is not one of ignore, block, stop, restart, standby, fence, restart-container, demote");
        }
        String opId = id != null ? ConfigIds.requireValid("operation", id)
                : ConfigIds.fresh(resourceId + "-" + args.action() + "-interval-" + interval, taken);
        return new Operation(opId, null, args.action(), interval, role, attributes, List.of(), List.of());
    }

    private static void duration(String resourceId, String action, String name, String value) {
        try {
            if (Durations.parseMillis(value) < 0) {
                throw new IllegalArgumentException("'" + value + "' is negative");
            }
        } catch (IllegalArgumentException e) {
            throw new EditException("resource '" + resourceId + "': op " + action + " " + name + ": " + e.getMessage());
        }
    }
}
