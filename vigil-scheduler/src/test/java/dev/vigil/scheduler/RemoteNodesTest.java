package dev.vigil.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.cib.CibXml;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Remote nodes, guest nodes and bundles through crm_simulate's report, on small CIBs whose
 * expected lines come from Pacemaker 2.1.5's own crm_simulate.
 */
class RemoteNodesTest {
    private static CrmSimulate.Report simulate(String name) throws IOException {
        try (InputStream in = RemoteNodesTest.class.getResourceAsStream("/remote/" + name + ".xml")) {
            return CrmSimulate.run(ClusterSnapshot.at(CibXml.parse(in), Instant.EPOCH));
        }
    }

    private static List<String> transitionSummary(CrmSimulate.Report report) {
        return CrmSimulate.formatChanges(report.result().changes()).stream().map(String::strip).toList();
    }

    private static String currentStatus(CrmSimulate.Report report) {
        String summary = report.summary();
        return summary.substring(0, summary.indexOf("Transition Summary:"));
    }

    @Test
    void aRemoteNodeTakesResourcesOnceItsConnectionIsPlaced() throws IOException {
        CrmSimulate.Report report = simulate("connection-to-start");
        assertTrue(currentStatus(report).contains("* RemoteOFFLINE: [ remote1 ]"));
        assertEquals(List.of("* Start      remote1     (   node1 )", "* Start      R           ( remote1 )"),
                transitionSummary(report));
    }

    @Test
    void aRemoteNodeWhoseConnectionStaysDownTakesNothing() throws IOException {
        CrmSimulate.Report report = simulate("connection-disabled");
        assertEquals(List.of("* Start      R       ( node1 )"), transitionSummary(report));
    }

    @Test
    void aFailedConnectionGetsTheRemoteNodeFencedAndItsResourcesMoved() throws IOException {
        CrmSimulate.Report report = simulate("failed-connection");
        assertTrue(currentStatus(report).contains("* RemoteNode remote1: UNCLEAN (offline)"));
        assertTrue(currentStatus(report).contains("* R\t(ocf:pacemaker:Dummy):\t Started remote1 (UNCLEAN)"));
        List<String> summary = transitionSummary(report);
        assertTrue(summary.contains("* Fence (reboot) remote1 'remote connection is unrecoverable'"), summary::toString);
        assertTrue(summary.contains("* Recover    remote1     (            node1 )"), summary::toString);
        assertTrue(summary.contains("* Move       R           ( remote1 -> node1 )"), summary::toString);
        assertTrue(report.summary().contains("* Pseudo action:   R_stop_0"));
    }

    @Test
    void aGuestIsFencedByRecoveringItsFailedContainer() throws IOException {
        CrmSimulate.Report report = simulate("failed-guest-container");
        assertFalse(currentStatus(report).contains("guest1"), "an offline guest is not listed");
        List<String> summary = transitionSummary(report);
        assertEquals("* Fence (reboot) guest1 (resource: vm) 'guest is unclean'", summary.get(0));
        assertTrue(summary.contains("* Recover    vm         (  node1 )"), summary::toString);
        assertTrue(summary.contains("* Start      R          ( guest1 )"), summary::toString);
        assertTrue(report.summary().contains("* Pseudo action:   stonith-guest1-reboot on guest1"));
    }

    @Test
    void bundleReplicasRunTheirInstanceOnTheirGuestNode() throws IOException {
        CrmSimulate.Report report = simulate("bundle-exclusive");
        assertTrue(currentStatus(report).contains("* Container bundle set: B [img]:\n"
                + "      * B-0\t(ocf:pacemaker:Dummy):\t Stopped\n"
                + "      * B-1\t(ocf:pacemaker:Dummy):\t Stopped\n"));
        assertEquals(List.of(
                "* Start      A              ( node1 )",
                "* Start      B-docker-0     ( node1 )",
                "* Start      B-0            ( node1 )",
                "* Start      P:0            (   B-0 )",
                "* Start      B-1            ( node2 )  due to unrunnable B-docker-1 start (blocked)",
                "* Start      P:1            (   B-1 )  due to unrunnable B-docker-1 start (blocked)",
                "* Start      Z              ( node2 )"), transitionSummary(report));
    }
}
