package dev.vigil.scheduler;

import static dev.vigil.scheduler.SmallCib.dummy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Unfencing before fence devices are probed and resources started, as crm_simulate 2.1.5 plans it. */
class UnfencingTest {
    private static final String UNFENCING_DEVICE = "<primitive id=\"fence1\" class=\"stonith\" type=\"fence_mpath\">"
            + "<meta_attributes id=\"fence1-meta\"><nvpair id=\"fence1-provides\" name=\"provides\" value=\"unfencing\"/>"
            + "</meta_attributes></primitive>";

    private static SmallCib cluster(String device) {
        return new SmallCib("node1", "node2").property("stonith-enabled", "true")
                .resources(device + dummy("rsc1"))
                .constraints("<rsc_location id=\"loc\" rsc=\"rsc1\" node=\"node1\" score=\"100\"/>")
                .nodeAttribute("node2", Unfencing.UNFENCED_ATTRIBUTE, "1234567");
    }

    @Test
    void aNodeNeverUnfencedIsUnfencedBeforeItProbesAFenceDevice() {
        List<String> summary = cluster(UNFENCING_DEVICE).transitionSummary();
        assertEquals(List.of("* Fence (on) node1 'required by fence1 monitor'", "* Start fence1 ( node1 )",
                "* Start rsc1 ( node1 )"), summary);
    }

    @Test
    void startsOnTheNodeWaitForItsUnfencing() {
        List<String> executed = cluster(UNFENCING_DEVICE).executed();
        int unfence = executed.indexOf("* Fencing node1 (on)");
        assertTrue(unfence >= 0, executed.toString());
        assertTrue(unfence < executed.indexOf("* Resource action: rsc1 start on node1"), executed.toString());
        assertTrue(unfence < executed.indexOf("* Resource action: fence1 monitor on node1"), executed.toString());
    }

    @Test
    void withoutADeviceThatProvidesUnfencingNothingIsUnfenced() {
        List<String> summary = cluster(SmallCib.fenceDevice("fence1")).transitionSummary();
        assertEquals(List.of("* Start fence1 ( node1 )", "* Start rsc1 ( node1 )"), summary);
    }
}
