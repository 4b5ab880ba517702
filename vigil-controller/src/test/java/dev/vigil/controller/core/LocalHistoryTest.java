package dev.vigil.controller.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LocalHistoryTest {
    @Test
    void recurringResultsAreReportedOnlyWhenTheyChangeButAlwaysAfterANewRequest() {
        LocalHistory h = new LocalHistory();
        h.noteRecurring("web_monitor_10000", new LocalHistory.Recurring("web", "1:1:0:u", "d"));
        assertTrue(h.isChange("web_monitor_10000", 0, 0), "the first result");
        assertFalse(h.isChange("web_monitor_10000", 0, 0), "the same answer again (listener and future)");
        assertTrue(h.isChange("web_monitor_10000", 7, 0), "a change");
        h.noteRecurring("web_monitor_10000", new LocalHistory.Recurring("web", "4:2:0:u", "d"));
        assertTrue(h.isChange("web_monitor_10000", 7, 0),
                "requested again (the DC waits for the answer): reported even though it did not change");
    }

    @Test
    void activeResourcesAreListedNewestStartFirst() {
        LocalHistory h = new LocalHistory();
        h.record("a", "ocf", "vigil", "Dummy", dev.vigil.controller.status.OpHistoryTestOps.op("a", "start", 0, 0, 3));
        h.record("b", "ocf", "vigil", "Dummy", dev.vigil.controller.status.OpHistoryTestOps.op("b", "start", 0, 0, 5));
        h.record("c", "ocf", "vigil", "Dummy", dev.vigil.controller.status.OpHistoryTestOps.op("c", "stop", 0, 0, 6));
        assertEquals(List.of("b", "a"), h.activeNewestFirst());
    }
}
