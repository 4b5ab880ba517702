package dev.vigil.scheduler;

import static dev.vigil.scheduler.SmallCib.dummy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Resources locked to a node that shuts down cleanly, as crm_simulate 2.1.5 plans them. */
class ShutdownLocksTest {
    @Test
    void aResourceOnANodeShuttingDownStopsInsteadOfMoving() {
        SmallCib cib = new SmallCib("node1", "node2").property("shutdown-lock", "true")
                .resources(dummy("rsc1"))
                .ran("node1", "rsc1", "start", 0, "")
                .nodeAttribute("node1", "shutdown", "999000");
        assertEquals(List.of("* Stop rsc1 ( node1 ) due to node availability"),
                cib.transitionSummary());
    }

    @Test
    void withoutTheLockItMoves() {
        SmallCib cib = new SmallCib("node1", "node2")
                .resources(dummy("rsc1"))
                .ran("node1", "rsc1", "start", 0, "")
                .nodeAttribute("node1", "shutdown", "999000");
        assertTrue(cib.transitionSummary().contains("* Move rsc1 ( node1 -> node2 )"));
    }

    @Test
    void anExpiredLockFreesTheResource() {
        SmallCib cib = new SmallCib("node1", "node2").property("shutdown-lock", "true")
                .property("shutdown-lock-limit", "5m")
                .resources(dummy("rsc1"))
                .ran("node1", "rsc1", "start", 0, "")
                .nodeAttribute("node1", "shutdown", "990000");
        assertTrue(cib.transitionSummary().contains("* Move rsc1 ( node1 -> node2 )"));
    }
}
