package dev.vigil.daemon.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.api.ApiClient;
import dev.vigil.api.ApiError;
import dev.vigil.api.ApiException;
import dev.vigil.api.ApiTypes;
import dev.vigil.api.ApiTypes.ClusterStatus;
import dev.vigil.api.ApiTypes.NodeInfo;
import dev.vigil.cib.NodeAttributes;
import dev.vigil.cib.NodeAttributes.Lifetime;
import dev.vigil.cib.store.StoredCib;
import dev.vigil.cluster.config.QuorumConfig;
import dev.vigil.model.cib.CibVersion;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A three-node cluster with wait_for_all: two nodes alone wait for the third; then a partition
 * (links cut below failure detection, as a cable pulled) leaves the minority without quorum,
 * the majority goes on and changes the CIB; after healing there is one view and one CIB, with
 * the majority's change and a version above both sides'.
 */
@Timeout(150)
class PartitionTest {
    static final Duration SOON = Duration.ofSeconds(20);
    static final QuorumConfig WAIT_FOR_ALL = new QuorumConfig(Optional.empty(), false, Optional.of(true), false,
            QuorumConfig.DEFAULT_LMS_WINDOW, false, Optional.empty());

    static List<String> online(ClusterStatus s) {
        return s.nodes().stream().filter(NodeInfo::online).map(NodeInfo::name).toList();
    }

    @Test
    void theMinorityLosesQuorumAndAfterHealingOneViewAndOneCibRemain() throws Exception {
        try (LocalCluster cluster = LocalCluster.create("split", 3, 0, WAIT_FOR_ALL)) {
            cluster.start("node1", "node2");
            ClusterStatus two = cluster.awaitStatus("node1", s -> online(s).size() == 2, SOON, "node1 and node2 together");
            assertFalse(two.quorum().quorate(), "wait_for_all: 2 of 3 is not enough before all were seen");
            assertTrue(two.quorum().reason().contains("wait_for_all"), two.quorum().reason());

            cluster.start("node3");
            for (String n : List.of("node1", "node2", "node3")) {
                cluster.awaitStatus(n, s -> online(s).size() == 3 && s.quorum().quorate(), SOON, "all three, quorate");
            }

            cluster.partition(List.of("node1", "node2"), List.of("node3"));
            ClusterStatus minority = cluster.awaitStatus("node3", s -> online(s).equals(List.of("node3")), SOON,
                    "node3 alone");
            assertFalse(minority.quorum().quorate());
            assertNull(minority.dc());
            ClusterStatus majority = cluster.awaitStatus("node1", s -> online(s).equals(List.of("node1", "node2")), SOON,
                    "node1 and node2");
            assertTrue(majority.quorum().quorate(), "wait_for_all is satisfied once: losing a node keeps quorum");
            assertTrue(majority.dc() != null);

            try (ApiClient api = cluster.daemon("node2").api()) {
                api.call(ApiTypes.NODE_ATTRIBUTE, new ApiTypes.NodeAttributeArgs("node1", "made-in", "majority", null, "forever"),
                        ApiTypes.NodeAttributeResult.class);
            }
            try (ApiClient api = cluster.daemon("node3").api()) {
                ApiException e = assertThrows(ApiException.class, () -> api.call(ApiTypes.NODE_ATTRIBUTE,
                        new ApiTypes.NodeAttributeArgs("node3", "made-in", "minority", null, "forever"),
                        ApiTypes.NodeAttributeResult.class));
                assertEquals(ApiError.REJECTED, e.code());
                assertTrue(e.getMessage().contains("no DC"), e.getMessage());
            }
            cluster.awaitDisk("node3", c -> "0".equals(c.cib().get("have-quorum")), SOON, "have-quorum 0 in the minority");
            CibVersion majorityVersion = cluster.awaitSameDisk(SOON, "node1", "node2").version();
            CibVersion minorityVersion = cluster.disk("node3").version();

            cluster.heal();
            for (String n : List.of("node1", "node2", "node3")) {
                cluster.awaitStatus(n, s -> online(s).size() == 3 && s.quorum().quorate(), SOON, "one view of three");
            }
            long viewId = cluster.status("node1").viewId();
            for (String n : List.of("node2", "node3")) {
                assertEquals(viewId, cluster.status(n).viewId(), n + " is in the same view");
            }
            // The merged view's coordinator is the DC; JGroups may pick either side's coordinator.
            String mergedDc = cluster.status("node1").dc();
            assertTrue(mergedDc != null);
            for (String n : List.of("node2", "node3")) {
                assertEquals(mergedDc, cluster.status(n).dc(), n + " agrees on the DC");
            }
            for (String n : List.of("node1", "node2", "node3")) {
                cluster.awaitDisk(n, c -> c.version().compareTo(majorityVersion) > 0
                        && c.version().compareTo(minorityVersion) > 0 && "1".equals(c.cib().get("have-quorum"))
                        && "true".equals(c.cib().status().nodes().stream().filter(x -> "node3".equals(x.uname()))
                        .findFirst().orElseThrow().get("in_ccm")), SOON, "the merged copy");
            }
            StoredCib merged = cluster.awaitSameDisk(SOON, "node1", "node2", "node3");
            assertEquals(Optional.of("majority"), NodeAttributes.get(merged.cib(), "node1", "made-in", Lifetime.FOREVER));
            assertEquals(Optional.empty(), NodeAttributes.get(merged.cib(), "node3", "made-in", Lifetime.FOREVER));
            System.out.println("partition: majority " + majorityVersion + ", minority " + minorityVersion
                    + ", merged " + merged.version());
        }
    }
}
