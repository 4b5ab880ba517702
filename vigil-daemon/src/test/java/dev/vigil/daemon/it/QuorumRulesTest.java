package dev.vigil.daemon.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.api.ApiTypes.ClusterStatus;
import dev.vigil.cluster.config.QuorumConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * votequorum's two_node and wait_for_all with real daemons, as votequorum(5) describes them:
 * with two_node one surviving node keeps quorum; two_node implies wait_for_all, so a node
 * that starts alone is not quorate until it has seen the other once.
 */
@Timeout(120)
class QuorumRulesTest {
    static final Duration SOON = Duration.ofSeconds(15);

    @Test
    void twoNodeKeepsQuorumWithOneSurvivorAndWaitsForAllAfterAFullStart() throws Exception {
        try (LocalCluster cluster = LocalCluster.create("twonode", 2, 0, QuorumConfig.twoNodeCluster())) {
            cluster.start("node1", "node2");
            ClusterStatus both = cluster.awaitStatus("node1", s -> s.quorum().quorate()
                    && s.nodes().stream().allMatch(n -> n.online()), SOON, "both nodes, quorate");
            assertEquals("quorate: two_node: 2 of 2 votes, 1 needed", both.quorum().reason());

            cluster.daemon("node2").kill();
            ClusterStatus alone = cluster.awaitStatus("node1", s -> !s.nodes().get(1).online(), SOON, "node2 gone");
            assertTrue(alone.quorum().quorate(), "two_node: one survivor keeps quorum: " + alone.quorum().reason());
            assertEquals("node1", alone.dc());

            // A full restart: node1 comes back alone and must wait until it has seen node2.
            cluster.daemon("node1").terminate();
            cluster.start("node1");
            Thread.sleep(1_500);
            ClusterStatus waiting = cluster.status("node1");
            assertFalse(waiting.quorum().quorate());
            assertTrue(waiting.quorum().reason().contains("wait_for_all"), waiting.quorum().reason());
            assertNull(waiting.dc());

            cluster.start("node2");
            for (String n : new String[] {"node1", "node2"}) {
                ClusterStatus s = cluster.awaitStatus(n, x -> x.quorum().quorate(), SOON, "quorate once both were seen");
                assertEquals("node1", s.dc());
            }
            // And now that both were seen, losing one keeps quorum again.
            cluster.daemon("node2").kill();
            cluster.awaitStatus("node1", s -> !s.nodes().get(1).online() && s.quorum().quorate(), SOON,
                    "quorate alone after wait_for_all was satisfied");
        }
    }
}
