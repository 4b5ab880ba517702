package dev.vigil.controller.status;

import dev.vigil.model.cib.LrmOp;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds recorded results for tests. */
public final class OpHistoryTestOps {
    private OpHistoryTestOps() {
    }

    /** A completed one-shot (interval 0) or recurring result of {@code rsc}, expecting rc 0. */
    public static LrmOp op(String rsc, String task, long interval, int rc, int callId) {
        Map<String, String> a = new LinkedHashMap<>();
        String key = rsc + "_" + task + "_" + interval;
        a.put("id", interval > 0 ? key : rsc + "_last_0");
        a.put("operation_key", key);
        a.put("operation", task);
        a.put("transition-key", "1:1:0:uuid");
        a.put("call-id", Integer.toString(callId));
        a.put("rc-code", Integer.toString(rc));
        a.put("op-status", "0");
        a.put("interval", Long.toString(interval));
        return new LrmOp(a);
    }
}
