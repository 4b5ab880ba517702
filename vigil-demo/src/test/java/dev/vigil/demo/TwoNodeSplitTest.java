package dev.vigil.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A two-node cluster (votequorum's two_node: each half of a split stays quorate) whose link is
 * cut: both halves want to fence the other. priority-fencing-delay makes the half that would
 * fence the node running the service wait, so that node wins: the other node is fenced, the
 * service never moves and never runs twice.
 */
@Timeout(120)
class TwoNodeSplitTest {
    private static final String IP = "127.0.0.61";

    @Test
    void theNodeRunningTheServiceWinsTheFenceRace() throws Exception {
        try (LocalCluster cluster = LocalCluster.create("split", 2, LocalCluster.vigilHome(),
                LocalCluster.currentClasspath())) {
            cluster.start();
            cluster.awaitFormed(Duration.ofSeconds(60));
            int port = LocalCluster.freePort(1, 20000, 30000).orElseThrow();
            String properties = DemoCib.fencingProperties()
                    + "<nvpair id=\"opt-pfd\" name=\"priority-fencing-delay\" value=\"5s\"/>";
            String web = DemoCib.webService("web", IP, port, cluster.pidDir())
                    .replace("<operations>", "<meta_attributes id=\"web-meta\"><nvpair id=\"web-priority\" "
                            + "name=\"priority\" value=\"10\"/></meta_attributes><operations>");
            cluster.replaceConfiguration("node1", DemoCib.cib(properties,
                    DemoCib.fenceDevice(cluster.pidDir(), cluster.names()) + web,
                    "<rsc_location id=\"web-on-node2\" rsc=\"web\" node=\"node2\" score=\"50\"/>"));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!"node2".equals(HttpProbe.get(IP, port, 300))) {
                assertTrue(System.nanoTime() < deadline, "the service never answered from node2");
                Thread.sleep(50);
            }
            try (ActiveChecker checker = new ActiveChecker(cluster.pidDir())) {
                cluster.cut(List.of("node1"), List.of("node2"));
                deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (cluster.alive().size() == 2) {
                    assertTrue(System.nanoTime() < deadline, "nobody was fenced after the split");
                    Thread.sleep(50);
                }
                assertEquals(List.of("node2"), cluster.alive(), "node1 was fenced, node2 survived");
                Thread.sleep(6000); // longer than the delay node1 would have waited
                assertEquals(List.of("node2"), cluster.alive());
                assertEquals("node2", HttpProbe.get(IP, port, 1000), "the service stayed on node2");
                assertEquals(List.of(), checker.violations());
                assertFalse(checker.runningNow().getOrDefault("web", List.of()).contains("node1"));
                cluster.heal();
            }
        }
    }
}
