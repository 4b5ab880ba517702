package dev.vigil.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Placement strategies and capacities, as crm_simulate 2.1.5 plans them. */
class UtilizationTest {
    private static String needing(String id, int cpu, String extra) {
        return "<primitive id=\"" + id + "\" class=\"ocf\" provider=\"pacemaker\" type=\"Dummy\">" + extra
                + "<utilization id=\"" + id + "-u\"><nvpair id=\"" + id + "-cpu\" name=\"cpu\" value=\"" + cpu
                + "\"/></utilization></primitive>";
    }

    private static SmallCib cluster(String strategy, int cpu1, int cpu2) {
        return new SmallCib("node1", "node2").property("placement-strategy", strategy)
                .capacity("node1", "cpu", cpu1).capacity("node2", "cpu", cpu2);
    }

    @Test
    void aResourceGoesOnlyWhereItFits() {
        SmallCib cib = cluster("utilization", 1, 2).resources(needing("big", 2, ""));
        assertEquals(List.of("* Start big ( node2 )"), cib.transitionSummary());
    }

    @Test
    void aResourceThatFitsNowhereStaysStopped() {
        SmallCib cib = cluster("utilization", 1, 1).resources(needing("big", 2, ""));
        assertEquals(List.of(), cib.transitionSummary());
    }

    @Test
    void colocatedResourcesGoWhereTheyAllFit() {
        SmallCib cib = cluster("utilization", 4, 6)
                .resources(needing("a", 2, "") + needing("b", 2, "") + needing("c", 2, ""))
                .constraints("<rsc_colocation id=\"b-a\" rsc=\"b\" with-rsc=\"a\" score=\"INFINITY\"/>"
                        + "<rsc_colocation id=\"c-a\" rsc=\"c\" with-rsc=\"a\" score=\"INFINITY\"/>");
        assertEquals(List.of("* Start a ( node2 )", "* Start b ( node2 )", "* Start c ( node2 )"),
                cib.transitionSummary());
    }

    @Test
    void whenNoNodeHoldsTheWholeSetTheRoomiestNodeIsPreferred() {
        SmallCib cib = cluster("utilization", 2, 3)
                .resources(needing("a", 2, "") + needing("b", 2, "") + needing("c", 2, ""))
                .constraints("<rsc_colocation id=\"b-a\" rsc=\"b\" with-rsc=\"a\" score=\"INFINITY\"/>"
                        + "<rsc_colocation id=\"c-a\" rsc=\"c\" with-rsc=\"a\" score=\"INFINITY\"/>");
        assertEquals(List.of("* Start a ( node2 )"), cib.transitionSummary());
    }

    @Test
    void balancedPrefersTheNodeWithMoreFreeCapacity() {
        SmallCib cib = cluster("balanced", 2, 4).resources(needing("a", 1, ""));
        assertEquals(List.of("* Start a ( node2 )"), cib.transitionSummary());
    }

    @Test
    void startsWaitForTheNodesLoadToBeStopped() {
        SmallCib cib = cluster("utilization", 2, 2).resources(needing("a", 1, ""));
        assertTrue(cib.executed().contains("* Pseudo action: load_stopped_node1"));
    }
}
