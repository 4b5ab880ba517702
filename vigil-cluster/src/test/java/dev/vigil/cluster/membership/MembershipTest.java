package dev.vigil.cluster.membership;

import dev.vigil.cluster.config.ClusterConfig;
import dev.vigil.cluster.key.AuthKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Several in-process nodes on 127.0.0.1..3: views, messages, leave, partition and merge. */
@Timeout(90)
class MembershipTest {
    static final Duration FORM = Duration.ofSeconds(20);
    private final List<TestCluster.Node> started = new ArrayList<>();

    @AfterEach
    void stopAll() {
        for (TestCluster.Node n : started) {
            n.close();
        }
    }

    private TestCluster.Node start(ClusterConfig c, String name, AuthKey key, NetworkFaults faults) {
        TestCluster.Node n = TestCluster.start(c, name, key, faults);
        started.add(n);
        return n;
    }

    @Test
    void threeNodesFormOneViewAndExchangeMessagesInOrder() throws Exception {
        AuthKey key = AuthKey.generate();
        ClusterConfig c = TestCluster.config("form", 3, TestCluster.freePort(3));
        TestCluster.Node n1 = start(c, "node1", key, null);
        TestCluster.Node n2 = start(c, "node2", key, null);
        TestCluster.Node n3 = start(c, "node3", key, null);
        for (TestCluster.Node n : List.of(n1, n2, n3)) {
            n.recorder().awaitView(v -> v.size() == 3, FORM, n.name() + " sees all three");
        }
        View v1 = n1.membership().view();
        assertEquals(Set.of("node1", "node2", "node3"), Set.copyOf(v1.members()));
        assertEquals(v1.members(), n2.membership().view().members(), "same order everywhere");
        assertEquals(v1.coordinator(), n3.membership().view().coordinator());

        int count = 200;
        for (int i = 0; i < count; i++) {
            n2.membership().broadcast(("b" + i).getBytes(StandardCharsets.UTF_8));
            n3.membership().send("node1", ("u" + i).getBytes(StandardCharsets.UTF_8));
        }
        List<Recorder.Received> got = n1.recorder().awaitMessages(2 * count, Duration.ofSeconds(20));
        List<String> fromNode2 = got.stream().filter(r -> r.from().equals("node2")).map(Recorder.Received::text).toList();
        List<String> fromNode3 = got.stream().filter(r -> r.from().equals("node3")).map(Recorder.Received::text).toList();
        for (int i = 0; i < count; i++) {
            assertEquals("b" + i, fromNode2.get(i), "FIFO from node2");
            assertEquals("u" + i, fromNode3.get(i), "FIFO from node3");
        }
        // the sender gets its own broadcasts too
        assertEquals(count, n2.recorder().awaitMessages(count, Duration.ofSeconds(10)).stream()
                .filter(r -> r.from().equals("node2")).count());
        assertEquals(Set.of("vigil-membership-node1"), Set.copyOf(n1.recorder().threads()), "one delivery thread");
        MembershipException e = assertThrows(MembershipException.class, () -> n1.membership().send("node9", new byte[1]));
        assertTrue(e.getMessage().contains("node 'node9' is not in the current view"), e.getMessage());
    }

    @Test
    void aLeavingNodeIsGoneAtOnce() throws Exception {
        AuthKey key = AuthKey.generate();
        ClusterConfig c = TestCluster.config("leave", 3, TestCluster.freePort(3));
        TestCluster.Node n1 = start(c, "node1", key, null);
        TestCluster.Node n2 = start(c, "node2", key, null);
        TestCluster.Node n3 = start(c, "node3", key, null);
        n1.recorder().awaitView(v -> v.size() == 3, FORM, "three");
        long before = System.nanoTime();
        n3.close();
        View v = n1.recorder().awaitView(x -> !x.contains("node3"), Duration.ofSeconds(5), "node3 gone");
        long ms = (System.nanoTime() - before) / 1_000_000;
        assertEquals(List.of("node3"), v.left());
        assertTrue(ms < 2000, "graceful leave seen in " + ms + " ms");
        System.out.printf("leave: graceful leave -> new view in %d ms%n", ms);
        assertEquals(v.members(), n2.recorder().awaitView(x -> !x.contains("node3"), Duration.ofSeconds(5), "node3 gone").members());
    }

    @Test
    void aPartitionSplitsTheViewAndHealingMergesIt() throws Exception {
        AuthKey key = AuthKey.generate();
        NetworkFaults faults = new NetworkFaults();
        ClusterConfig c = TestCluster.config("split", 3, TestCluster.freePort(3));
        TestCluster.Node n1 = start(c, "node1", key, faults);
        TestCluster.Node n2 = start(c, "node2", key, faults);
        TestCluster.Node n3 = start(c, "node3", key, faults);
        for (TestCluster.Node n : List.of(n1, n2, n3)) {
            n.recorder().awaitView(v -> v.size() == 3, FORM, n.name() + " sees three");
        }

        long cutAt = System.nanoTime();
        faults.partition(List.of("node1", "node2"), List.of("node3"));
        View majority = n1.recorder().awaitView(v -> v.size() == 2, Duration.ofSeconds(10), "node1 without node3");
        long majorityMs = (System.nanoTime() - cutAt) / 1_000_000;
        View minority = n3.recorder().awaitView(v -> v.size() == 1, Duration.ofSeconds(10), "node3 alone");
        assertEquals(Set.of("node1", "node2"), Set.copyOf(majority.members()));
        assertEquals(List.of("node3"), minority.members());
        assertEquals(List.of("node3"), majority.left());
        assertTrue(majorityMs < 5000, "cut link noticed in " + majorityMs + " ms");
        System.out.printf("partition: cut link -> new view on the majority in %d ms%n", majorityMs);

        long healAt = System.nanoTime();
        faults.heal();
        View merged = n1.recorder().awaitView(v -> v.size() == 3, Duration.ofSeconds(30), "merge on node1");
        long mergeMs = (System.nanoTime() - healAt) / 1_000_000;
        System.out.printf("partition: heal -> merged view in %d ms%n", mergeMs);
        assertTrue(merged.isMerge(), "the listener learns that partitions merged: " + merged.describe());
        assertEquals(2, merged.mergedPartitions().size());
        View merged3 = n3.recorder().awaitView(v -> v.size() == 3, Duration.ofSeconds(10), "merge on node3");
        assertTrue(merged3.isMerge());
        assertEquals(merged.members(), merged3.members());
        assertEquals(merged.id(), merged3.id());

        // messages flow again, both ways
        n3.membership().send("node1", "after merge".getBytes(StandardCharsets.UTF_8));
        List<Recorder.Received> got = n1.recorder().awaitMessages(1, Duration.ofSeconds(10));
        assertEquals(new Recorder.Received("node3", "after merge"), got.get(got.size() - 1));
    }

    @Test
    void startFailsWithAClearMessageWhenThePortIsTaken() throws Exception {
        int port = TestCluster.freePort(3);
        ClusterConfig c = TestCluster.config("busy", 3, port);
        try (java.net.ServerSocket squatter = new java.net.ServerSocket()) {
            squatter.bind(new java.net.InetSocketAddress(TestCluster.loopback(1), port));
            JGroupsMembership m = JGroupsMembership.builder(c, "node1", AuthKey.generate()).build();
            MembershipException e = assertThrows(MembershipException.class, m::start);
            assertTrue(e.getMessage().startsWith("node1: cannot join cluster 'busy' on 127.0.0.1:" + port + ": "),
                    e.getMessage());
            assertTrue(e.getMessage().contains("uses this address and port"), e.getMessage());
            m.close();
        }
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> JGroupsMembership.builder(c, "node9", AuthKey.generate()));
        assertTrue(unknown.getMessage().contains("node 'node9' is not in the nodelist"), unknown.getMessage());
    }
}
