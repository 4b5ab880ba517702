package dev.vigil.controller.core;

import dev.vigil.scheduler.OperationDigest;
import java.util.Map;

/**
 * The {@code op-digest} recorded with a result, so that the scheduler can tell later whether the
 * resource's definition changed since the operation ran. Computed by the scheduler's own code from
 * the graph action's parameters: a digest that differed from the scheduler's would restart every
 * resource after each result.
 */
final class OpDigest {
    private OpDigest() {
    }

    static String of(Map<String, String> graphParams, long intervalMs) {
        String timeout = graphParams.get("CRM_meta_timeout");
        long timeoutMs = 0;
        if (timeout != null) {
            try {
                timeoutMs = Long.parseLong(timeout.trim());
            } catch (NumberFormatException e) {
                timeoutMs = 0; // the graph writes milliseconds; anything else cannot have come from it
            }
        }
        return OperationDigest.of(graphParams, intervalMs, timeoutMs);
    }
}
