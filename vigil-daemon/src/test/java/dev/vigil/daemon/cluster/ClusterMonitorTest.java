package dev.vigil.daemon.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.cluster.config.ClusterConfig;
import dev.vigil.cluster.config.NodeConfig;
import dev.vigil.cluster.config.QuorumConfig;
import dev.vigil.cluster.membership.View;
import dev.vigil.controller.ClusterState;
import dev.vigil.daemon.wire.NodeStatus;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClusterMonitorTest {
    static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

    static ClusterConfig config(QuorumConfig quorum) throws Exception {
        List<NodeConfig> nodes = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            nodes.add(NodeConfig.of("node" + i, i, InetAddress.getByName("127.0.0." + i)));
        }
        return ClusterConfig.of("t", nodes).withQuorum(quorum);
    }

    @Test
    void theDcIsTheCoordinatorOfAQuoratePartitionOnly() throws Exception {
        ClusterMonitor m = new ClusterMonitor(config(QuorumConfig.DEFAULTS), "node2");
        ClusterState alone = m.onView(View.of(1, List.of("node2")), T0);
        assertFalse(alone.quorum().quorate());
        assertNull(alone.dc());
        ClusterState two = m.onView(View.of(2, List.of("node1", "node2")), T0);
        assertTrue(two.quorum().quorate());
        assertEquals("node1", two.dc());
        assertEquals(new NodeStatus(2, true, false), m.status());
    }

    @Test
    void aQuoratePeerEndsWaitForAll() throws Exception {
        QuorumConfig waitForAll = new QuorumConfig(Optional.empty(), false, Optional.of(true), false,
                QuorumConfig.DEFAULT_LMS_WINDOW, false, Optional.empty());
        // node3 restarts while node2 is down: it has never seen all three, node1 has.
        ClusterMonitor m = new ClusterMonitor(config(waitForAll), "node3");
        View view = View.of(9, List.of("node1", "node3"));
        ClusterState waiting = m.onView(view, T0);
        assertFalse(waiting.quorum().quorate());
        assertTrue(waiting.quorum().reason().contains("wait_for_all"), waiting.quorum().reason());
        assertEquals(Optional.empty(), m.onPeerStatus("node1", new NodeStatus(8, true, false), T0), "flags of another view");
        assertEquals(Optional.empty(), m.onPeerStatus("node1", new NodeStatus(9, true, true), T0), "a waiting peer");
        ClusterState joined = m.onPeerStatus("node1", new NodeStatus(9, true, false), T0).orElseThrow();
        assertTrue(joined.quorum().quorate(), joined.quorum().reason());
        assertEquals("node1", joined.dc());
    }

    @Test
    void lastManStandingWakesTheMonitorWhenItsWindowEnds() throws Exception {
        QuorumConfig lms = new QuorumConfig(Optional.empty(), false, Optional.empty(), true, Duration.ofSeconds(10),
                false, Optional.empty());
        ClusterMonitor m = new ClusterMonitor(config(lms), "node1");
        m.onView(View.of(1, List.of("node1", "node2", "node3")), T0);
        ClusterState two = m.onView(View.of(2, List.of("node1", "node2")), T0.plusSeconds(1));
        assertEquals(3, two.quorum().expectedVotes());
        assertEquals(Optional.of(T0.plusSeconds(11)), m.wakeAt());
        assertEquals(Optional.empty(), m.onTime(T0.plusSeconds(5)));
        ClusterState lowered = m.onTime(T0.plusSeconds(11)).orElseThrow();
        assertEquals(2, lowered.quorum().expectedVotes(), lowered.quorum().reason());
    }
}
