package dev.vigil.scheduler;

import static dev.vigil.scheduler.SmallCib.dummy;
import static dev.vigil.scheduler.SmallCib.fenceDevice;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Resources that depend on a ticket, as crm_simulate 2.1.5 plans them. */
class TicketsTest {
    private static SmallCib running(String lossPolicy) {
        return new SmallCib("node1", "node2")
                .resources(dummy("rsc1"))
                .constraints("<rsc_ticket id=\"dep\" rsc=\"rsc1\" ticket=\"ticketA\" loss-policy=\"" + lossPolicy + "\"/>")
                .ran("node2", "rsc1", "start", 0, "");
    }

    @Test
    void aGrantedTicketChangesNothing() {
        assertEquals(List.of(), running("stop").ticket("ticketA", "granted=\"true\"").transitionSummary());
    }

    @Test
    void aResourceWithoutItsTicketStops() {
        assertEquals(List.of("* Stop rsc1 ( node2 ) due to node availability"),
                running("stop").ticket("ticketA", "granted=\"false\"").transitionSummary());
    }

    @Test
    void aTicketThatWasNeverGrantedKeepsTheResourceFromStarting() {
        SmallCib cib = new SmallCib("node1", "node2").resources(dummy("rsc1"))
                .constraints("<rsc_ticket id=\"dep\" rsc=\"rsc1\" ticket=\"ticketA\"/>");
        assertEquals(List.of(), cib.transitionSummary());
        assertTrue(cib.simulate().scores().contains("pcmk__primitive_assign: rsc1 allocation score on node1: -INFINITY"));
    }

    @Test
    void freezeLeavesAnActiveResourceAlone() {
        assertEquals(List.of(), running("freeze").ticket("ticketA", "granted=\"false\"").transitionSummary());
    }

    @Test
    void standbyStopsEvenWhenTheLossPolicyWouldFreeze() {
        assertEquals(List.of("* Stop rsc1 ( node2 ) due to node availability"),
                running("freeze").ticket("ticketA", "granted=\"true\" standby=\"true\"").transitionSummary());
    }

    @Test
    void fenceLossPolicyFencesTheNodesWhereTheResourceRuns() {
        SmallCib cib = running("fence").property("stonith-enabled", "true").resources(fenceDevice("fencer"))
                .ran("node1", "fencer", "start", 0, "").ticket("ticketA", "granted=\"false\"");
        assertEquals(List.of("* Fence (reboot) node2 'deadman ticket was lost'",
                "* Stop rsc1 ( node2 ) due to node availability"), cib.transitionSummary());
    }

    @Test
    void aTicketOnAGroupBansItsMembers() {
        SmallCib cib = new SmallCib("node1", "node2")
                .resources("<group id=\"g\">" + dummy("a") + dummy("b") + "</group>")
                .constraints("<rsc_ticket id=\"dep\" rsc=\"g\" ticket=\"ticketA\"/>");
        List<String> scores = cib.simulate().scores();
        assertTrue(scores.contains("pcmk__group_assign: g allocation score on node1: 0"));
        assertTrue(scores.contains("pcmk__group_assign: a allocation score on node1: -INFINITY"));
    }
}
