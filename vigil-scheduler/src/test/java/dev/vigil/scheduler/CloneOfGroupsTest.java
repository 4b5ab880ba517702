package dev.vigil.scheduler;

import static dev.vigil.scheduler.SmallCib.dummy;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Orderings on a clone of groups, as crm_simulate 2.1.5 plans them. */
class CloneOfGroupsTest {
    private static final String DISABLED = "<meta_attributes id=\"b-meta\">"
            + "<nvpair id=\"b-role\" name=\"target-role\" value=\"Stopped\"/></meta_attributes>";

    @Test
    void theCloneIsNotRunningWhileAMemberOfEachInstanceCannotStart() {
        SmallCib cib = new SmallCib("node1", "node2")
                .resources("<clone id=\"c\"><group id=\"g\">" + dummy("a") + dummy("b", DISABLED) + "</group></clone>"
                        + dummy("after"))
                .constraints("<rsc_order id=\"o\" first=\"c\" then=\"after\"/>");
        assertEquals(List.of("* Start a:0 ( node1 )", "* Start a:1 ( node2 )",
                "* Start after ( node1 ) due to unrunnable c running (blocked)"), cib.transitionSummary());
    }

    @Test
    void theCloneIsRunningOnceEveryMemberCanStart() {
        SmallCib cib = new SmallCib("node1", "node2")
                .resources("<clone id=\"c\"><group id=\"g\">" + dummy("a") + dummy("b") + "</group></clone>"
                        + dummy("after"))
                .constraints("<rsc_order id=\"o\" first=\"c\" then=\"after\"/>");
        assertEquals(List.of("* Start a:0 ( node1 )", "* Start b:0 ( node1 )", "* Start a:1 ( node2 )",
                "* Start b:1 ( node2 )", "* Start after ( node1 )"), cib.transitionSummary());
    }
}
