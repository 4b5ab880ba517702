package dev.vigil.controller.core;

import dev.vigil.controller.status.TransitionKey;
import dev.vigil.model.cib.LrmOp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * History entries for operations that were asked for but have not answered yet (Pacemaker's
 * record-pending): call-id -1, rc 193, op-status -1. A pending start tells the scheduler the
 * resource may already be active, so nothing starts it elsewhere before its fate is known.
 */
final class PendingOps {
    private PendingOps() {
    }

    static LrmOp of(String rscId, String task, long intervalMs, String transitionKey, String node, Instant now,
                    String digest) {
        long secs = now.getEpochSecond();
        String key = rscId + "_" + task + "_" + intervalMs;
        Map<String, String> a = new LinkedHashMap<>();
        a.put("id", intervalMs > 0 ? key : rscId + "_last_0");
        a.put("operation_key", key);
        a.put("operation", task);
        a.put("crm-debug-origin", "vigil-pending");
        if (transitionKey != null) {
            a.put("transition-key", transitionKey);
            TransitionKey k = TransitionKey.parse(transitionKey);
            a.put("transition-magic", k == null ? "-1:193;" + transitionKey : k.magic(-1, 193));
        }
        a.put("exit-reason", "");
        a.put("on_node", node);
        a.put("call-id", "-1");
        a.put("rc-code", "193");
        a.put("op-status", "-1");
        a.put("interval", Long.toString(intervalMs));
        a.put("last-rc-change", Long.toString(secs));
        a.put("last-run", Long.toString(secs));
        a.put("exec-time", "0");
        a.put("queue-time", "0");
        if (digest != null) {
            a.put("op-digest", digest);
        }
        return new LrmOp(a);
    }
}
