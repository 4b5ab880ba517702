package dev.vigil.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The promotion scores crm_simulate 2.1.5 reports for a promotable clone's instances. */
class PromotionScoresTest {
    private static String promotable(String extraMeta) {
        return "<clone id=\"ms\"><meta_attributes id=\"ms-meta\">"
                + "<nvpair id=\"ms-promotable\" name=\"promotable\" value=\"true\"/>" + extraMeta
                + "</meta_attributes><primitive id=\"s\" class=\"ocf\" provider=\"pacemaker\" type=\"Stateful\"/></clone>";
    }

    private static List<String> promotionScores(SmallCib cib) {
        return cib.simulate().scores().stream().filter(l -> l.contains("promotion score")).sorted().toList();
    }

    @Test
    void aMissingTicketBansOnlyTheInstancesThatCouldOtherwiseBePromoted() {
        SmallCib cib = new SmallCib("node1", "node2").resources(promotable(""))
                .constraints("<rsc_location id=\"prefer\" rsc=\"ms\" role=\"Promoted\" node=\"node1\" score=\"10\"/>"
                        + "<rsc_ticket id=\"dep\" rsc=\"ms\" rsc-role=\"Promoted\" ticket=\"ticketA\" loss-policy=\"demote\"/>")
                .ticket("ticketA", "granted=\"false\"");
        // The instance on node2 has no promotion score (-1); the one on node1 would have 9.
        List<String> scores = promotionScores(cib);
        assertEquals(2, scores.size(), scores.toString());
        assertTrue(scores.stream().anyMatch(l -> l.endsWith("on node2: -1")), scores.toString());
        assertTrue(scores.stream().anyMatch(l -> l.endsWith("on node1: -INFINITY")), scores.toString());
        assertTrue(cib.transitionSummary().stream().noneMatch(l -> l.startsWith("* Promote")));
    }

    @Test
    void anUnmanagedUnpromotedInstanceKeepsItsOwnPriorityButIsNotPromoted() {
        SmallCib cib = new SmallCib("node1", "node2")
                .resources(promotable("<nvpair id=\"ms-managed\" name=\"is-managed\" value=\"false\"/>"))
                .ran("node1", "s", "start", 0, "").ran("node2", "s", "start", 0, "");
        assertEquals(List.of("s:0 promotion score on node1: -1", "s:1 promotion score on node2: -1"),
                promotionScores(cib));
        assertEquals(List.of(), cib.transitionSummary());
    }
}
