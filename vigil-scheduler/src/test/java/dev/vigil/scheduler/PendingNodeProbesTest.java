package dev.vigil.scheduler;

import static dev.vigil.scheduler.SmallCib.dummy;
import static dev.vigil.scheduler.SmallCib.fenceDevice;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.cib.CibXml;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A node still joining (join="pending") cannot be probed yet, as crm_simulate 2.1.5 plans it. */
class PendingNodeProbesTest {
    /** Pending is a membership state only when fencing is enabled. */
    private static SmallCib fencedCluster() {
        return new SmallCib("node1", "node2").property("stonith-enabled", "true")
                .resources(fenceDevice("fencer") + dummy("rsc1")).ran("node1", "fencer", "start", 0, "");
    }

    private static String withNode2Pending(SmallCib cib) {
        return cib.xml().replace("uname=\"node2\" in_ccm=\"true\" crmd=\"online\" join=\"member\" expected=\"member\"",
                "uname=\"node2\" in_ccm=\"true\" crmd=\"online\" join=\"pending\" expected=\"down\"");
    }

    private static String summary(String xml) {
        return CrmSimulate.run(new ClusterSnapshot(CibXml.parse(xml), Instant.ofEpochSecond(1_000_000))).summary();
    }

    @Test
    void aStartWaitsForTheProbeOnAPendingNode() {
        SmallCib cib = fencedCluster();
        String summary = summary(withNode2Pending(cib));
        assertTrue(summary.contains("Node node2: pending"), summary);
        assertTrue(summary.matches("(?s).*\\* Start +rsc1 +\\( node1 \\) +blocked.*"), summary);
    }

    @Test
    void aResourceAlreadyRunningIsNotHeldBackByThePendingNode() {
        SmallCib cib = fencedCluster().ran("node1", "rsc1", "start", 0, "");
        String summary = summary(withNode2Pending(cib));
        assertTrue(summary.matches("(?s).*Transition Summary:\\s*Executing Cluster Transition:.*"), summary);
    }
}
