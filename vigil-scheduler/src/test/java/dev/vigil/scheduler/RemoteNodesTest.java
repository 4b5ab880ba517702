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

    @Test
    void bundleContainersAvoidGuestsUnlessTheyHaveNoConnection() throws IOException {
        CrmSimulate.Report report = simulate("bundles-and-guest");
        assertTrue(currentStatus(report).contains("* Container bundle set: W [web] (unique):\n"
                + "      * W-0 (10.0.0.10)\t(ocf:pacemaker:Dummy):\t Stopped\n"));
        assertTrue(currentStatus(report).contains("* N-docker-0 (10.0.1.1)\t(ocf:heartbeat:docker):\t Stopped"));
        List<String> summary = transitionSummary(report);
        assertEquals(List.of(
                "* Start      W-ip-10.0.0.10     (  node2 )",
                "* Start      W-podman-0         (  node2 )",
                "* Start      W-0                (  node2 )",
                "* Start      web:0              (    W-0 )"), summary.subList(0, 4));
        assertTrue(summary.contains("* Start      N-docker-0         ( guestA )"), summary::toString);
        assertTrue(summary.contains("* Start      inguest            ( guestA )"), summary::toString);
        assertEquals("* Start      guestA             (  node1 )", summary.get(summary.size() - 1));
    }

    @Test
    void aStopImpliedByAGuestsRecoveryDoesNotWaitForTheContainer() throws IOException {
        CrmSimulate.Report report = simulate("guest-filler-ordered-with-container");
        var graph = report.result().graph();
        int containerStop = -1;
        int fillerStop = -1;
        for (var s : graph.synapses()) {
            if (s.action().key().equals("VM_stop_0")) {
                containerStop = s.action().id();
            } else if (s.action().key().equals("R_stop_0")) {
                fillerStop = s.action().id();
            }
        }
        for (var s : graph.synapses()) {
            if (s.action().id() == containerStop) {
                assertFalse(s.inputs().contains(fillerStop), "the implied stop is no input of the container's stop");
            }
        }
        assertEquals(graph.synapses().size(), GraphSimulator.fireOrder(graph).size(), "no cycle");
        assertTrue(report.summary().contains("* Pseudo action:   stonith-g1-reboot on g1"));
    }
}
