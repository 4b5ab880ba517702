package dev.vigil.controller.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.model.cib.LrmOp;
import dev.vigil.model.cib.LrmResource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpHistoryTest {
    static LrmOp op(String task, long interval, int rc, int status, int callId, int targetRc) {
        Map<String, String> a = new LinkedHashMap<>();
        String key = "web_" + task + "_" + interval;
        a.put("id", interval > 0 ? key : "web_last_0");
        a.put("operation_key", key);
        a.put("operation", task);
        a.put("transition-key", "1:" + callId + ":" + targetRc + ":uuid");
        a.put("call-id", Integer.toString(callId));
        a.put("rc-code", Integer.toString(rc));
        a.put("op-status", Integer.toString(status));
        a.put("interval", Long.toString(interval));
        a.put("last-rc-change", Integer.toString(1000 + callId));
        return new LrmOp(a);
    }

    private static LrmResource record(LrmResource entry, LrmOp op) {
        return OpHistory.record(entry, "web", "ocf", "vigil", "http", op);
    }

    private static List<String> ids(LrmResource r) {
        return r.ops().stream().map(LrmOp::id).toList();
    }

    private static LrmOp find(LrmResource r, String id) {
        return r.ops().stream().filter(o -> o.id().equals(id)).findFirst().orElse(null);
    }

    @Test
    void aSuccessfulOneShotOperationReplacesLast0() {
        LrmResource r = record(null, op("monitor", 0, 7, 0, 1, 7));
        r = record(r, op("start", 0, 0, 0, 2, 0));
        assertEquals(List.of("web_last_0"), ids(r));
        assertEquals("start", find(r, "web_last_0").operation());
        assertEquals("ocf", r.agentClass());
    }

    @Test
    void aFailedOneShotOperationIsAlsoTheLastFailure() {
        LrmResource r = record(null, op("start", 0, 1, 0, 2, 0));
        assertEquals(List.of("web_last_failure_0", "web_last_0"), ids(r));
        assertTrue(OpHistory.failed(find(r, "web_last_0")));
    }

    @Test
    void aFailedRecurringOperationKeepsItsLastGoodAnswer() {
        LrmResource r = record(null, op("start", 0, 0, 0, 2, 0));
        r = record(r, op("monitor", 10000, 0, 0, 3, 0));
        r = record(r, op("monitor", 10000, 7, 0, 3, 0));
        assertEquals(0, find(r, "web_monitor_10000").rcCode());
        assertEquals(7, find(r, "web_last_failure_0").rcCode());
    }

    @Test
    void aStopRemovesRecurringEntriesAndACancelRemovesItsOwn() {
        LrmResource r = record(null, op("start", 0, 0, 0, 2, 0));
        r = record(r, op("monitor", 10000, 0, 0, 3, 0));
        assertEquals(List.of("web_last_0", "web_monitor_10000"), ids(r));
        LrmResource cancelled = record(r, op("monitor", 10000, 0, LrmOp.STATUS_CANCELLED, 3, 0));
        assertEquals(List.of("web_last_0"), ids(cancelled));
        LrmResource stopped = record(r, op("stop", 0, 0, 0, 4, 0));
        assertEquals(List.of("web_last_0"), ids(stopped));
        assertEquals("stop", find(stopped, "web_last_0").operation());
    }

    @Test
    void aPendingEntryNeverHidesTheResultOfTheSameAction() {
        LrmOp pending = op("start", 0, 193, LrmOp.STATUS_PENDING, -1, 0);
        LrmOp done = op("start", 0, 0, 0, -1, 0).with("call-id", "5");
        LrmResource r = record(null, done);
        r = record(r, pending.with("transition-key", done.transitionKey()));
        assertEquals("5", find(r, "web_last_0").get("call-id"));
        r = record(r, pending.with("transition-key", "2:9:0:uuid"));
        assertEquals(LrmOp.STATUS_PENDING, find(r, "web_last_0").opStatus());
    }

    @Test
    void failuresAreJudgedAgainstTheTransitionKey() {
        assertFalse(OpHistory.failed(op("monitor", 0, 7, 0, 1, 7)));
        assertTrue(OpHistory.failed(op("monitor", 0, 0, 0, 1, 7)));
        assertFalse(OpHistory.failed(op("monitor", 5000, 190, 0, 1, 0)), "degraded counts as running");
        assertTrue(OpHistory.failed(op("start", 0, 0, LrmOp.STATUS_TIMEOUT, 1, 0)));
        assertFalse(OpHistory.failed(op("start", 0, 193, LrmOp.STATUS_PENDING, -1, 0)));
        assertNull(OpHistory.remove(null, "x"));
    }
}
