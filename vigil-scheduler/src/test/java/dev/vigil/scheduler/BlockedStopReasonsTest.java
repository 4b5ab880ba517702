package dev.vigil.scheduler;

import static dev.vigil.scheduler.SmallCib.dummy;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Why a group member's stop is blocked behind a member whose stop failed, as crm_simulate 2.1.5 says it. */
class BlockedStopReasonsTest {
    @Test
    void aMemberCannotStopBeforeTheBlockedMemberAfterIt() {
        SmallCib cib = new SmallCib("node1", "node2")
                .resources("<group id=\"g\">" + dummy("a") + dummy("b") + dummy("c") + "</group>")
                .constraints("<rsc_location id=\"ban\" rsc=\"g\" node=\"node1\" score=\"-INFINITY\"/>")
                .ran("node1", "a", "start", 0, "").ran("node1", "b", "start", 0, "").ran("node1", "c", "start", 0, "")
                .recorded("node1", "c", "stop", 0, 1, 0, "");
        assertEquals(List.of("* Stop a ( node1 ) due to unrunnable b stop (blocked)",
                "* Stop b ( node1 ) due to unrunnable c stop (blocked)"), cib.transitionSummary());
    }
}
