package dev.vigil.daemon.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.cib.NodeAttributes;
import dev.vigil.cib.NodeAttributes.Lifetime;
import dev.vigil.cib.store.StoredCib;
import dev.vigil.model.cib.Cib;
import dev.vigil.model.cib.CibVersion;
import dev.vigil.model.cib.LrmOp;
import dev.vigil.model.cib.LrmResource;
import dev.vigil.model.cib.NodeState;
import dev.vigil.model.cib.NvPair;
import dev.vigil.model.cib.NvSet;
import dev.vigil.model.cib.OrderConstraint;
import dev.vigil.model.cib.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The replication protocol on a simulated network: every rule of docs/daemon.md, one test each. */
class CibReplicaTest {
    static UnaryOperator<Cib> property(String name, String value) {
        return cib -> {
            List<NvPair> pairs = new ArrayList<>();
            cib.configuration().clusterProperties().stream().flatMap(s -> s.pairs().stream())
                    .filter(p -> !p.name().equals(name)).forEach(pairs::add);
            pairs.add(NvPair.of("opt-" + name, name, value));
            return cib.withConfiguration(cib.configuration().withClusterProperties(List.of(NvSet.of("opts", pairs))));
        };
    }

    static UnaryOperator<Cib> transientAttr(String node, String name, String value) {
        return cib -> NodeAttributes.set(cib, node, null, name, value, Lifetime.REBOOT);
    }

    /** Appends to a transient attribute: not idempotent, so conflicts must re-run it on the newer copy. */
    static UnaryOperator<Cib> append(String node, String name, String suffix) {
        return cib -> NodeAttributes.set(cib, node, null, name,
                NodeAttributes.get(cib, node, name, Lifetime.REBOOT).orElse("") + suffix, Lifetime.REBOOT);
    }

    static UnaryOperator<Cib> history(String node, String resource) {
        return cib -> {
            List<NodeState> states = new ArrayList<>();
            for (NodeState s : cib.status().nodes()) {
                if (node.equals(s.uname())) {
                    LrmOp op = new LrmOp(Map.of("id", resource + "_last_0", "operation", "start", "call-id", "1",
                            "rc-code", "0", "op-status", "0", "interval", "0"));
                    s = new NodeState(s.attributes(), s.transientAttributes(), true,
                            List.of(new LrmResource(resource, "ocf", "heartbeat", "Dummy", null, List.of(op))));
                }
                states.add(s);
            }
            return cib.withStatus(new Status(states, cib.status().tickets()));
        };
    }

    static ReplicaHarness formed() {
        ReplicaHarness h = new ReplicaHarness(3);
        h.view("node1", "node2", "node3");
        h.settle();
        return h;
    }

    static void assertSameEverywhere(ReplicaHarness h, String... nodes) {
        StoredCib first = h.copy(nodes[0]);
        for (String n : nodes) {
            assertEquals(first.digest(), h.copy(n).digest(), n + " has " + h.copy(n).describe() + ", "
                    + nodes[0] + " has " + first.describe());
            List<StoredCib> written = h.disk.get(n);
            assertEquals(first, written.get(written.size() - 1), n + "'s disk");
        }
    }

    @Test
    void aFormingClusterAgreesOnOneCopyWithClusterState() {
        ReplicaHarness h = formed();
        assertSameEverywhere(h, "node1", "node2", "node3");
        Cib cib = h.copy("node1").cib();
        assertEquals("1", cib.get("have-quorum"));
        assertEquals("1", cib.get("dc-uuid"));
        assertEquals(List.of("node1", "node2", "node3"), cib.configuration().nodes().stream().map(n -> n.uname()).toList());
        for (NodeState s : cib.status().nodes()) {
            assertEquals("true", s.get("in_ccm"), s.toString());
            assertEquals("online", s.get("crmd"));
            assertEquals("member", s.get("join"));
            assertEquals("member", s.get("expected"));
        }
    }

    @Test
    void aChangeOnANonDcNodeIsForwardedAndCommittedEverywhere() {
        ReplicaHarness h = formed();
        CibVersion before = h.version("node1");
        long id = h.change("node3", "set stonith-enabled", property("stonith-enabled", "false"));
        h.settle();
        CibVersion after = new CibVersion(before.adminEpoch(), before.epoch() + 1, 0);
        assertEquals("done " + after, h.outcomes.get(id));
        assertSameEverywhere(h, "node1", "node2", "node3");
        assertEquals(after, h.version("node2"));
        assertEquals("node3", h.copy("node2").cib().get("update-origin"));
    }

    @Test
    void aStatusChangeCountsUpNumUpdates() {
        ReplicaHarness h = formed();
        CibVersion before = h.version("node1");
        long id = h.change("node2", "set pingd", transientAttr("node2", "pingd", "100"));
        h.settle();
        assertEquals("done " + before.nextUpdate(), h.outcomes.get(id));
        assertEquals(java.util.Optional.of("100"), NodeAttributes.get(h.copy("node1").cib(), "node2", "pingd", Lifetime.REBOOT));
    }

    @Test
    void anInvalidChangeIsRefusedAndNothingChanges() {
        ReplicaHarness h = formed();
        StoredCib before = h.copy("node1");
        long id = h.change("node2", "add order", cib -> cib.withConfiguration(cib.configuration().withConstraints(List.of(
                new OrderConstraint("o1", "web", "db", null, null, null, null, null, null, List.of())))));
        h.settle();
        assertEquals("rejected: add order: refused, 2 problems: <rsc_order id=\"o1\">: first 'web' does not exist "
                + "(expected a resource, group, clone, bundle, template or tag); <rsc_order id=\"o1\">: then 'db' does not "
                + "exist (expected a resource, group, clone, bundle, template or tag)", h.outcomes.get(id));
        for (String n : List.of("node1", "node2", "node3")) {
            assertEquals(before.digest(), h.copy(n).digest());
        }
    }

    @Test
    void aChangeThatThrowsIsRefusedWithItsMessage() {
        ReplicaHarness h = formed();
        long id = h.change("node1", "set on ghost", transientAttr("ghost", "a", "1"));
        h.settle();
        assertTrue(h.outcomes.get(id).startsWith("rejected: set on ghost: node 'ghost' is not a member"), h.outcomes.get(id));
    }

    @Test
    void changesToDifferentPartsFromTwoNodesBothApply() {
        ReplicaHarness h = formed();
        long a = h.change("node2", "a", transientAttr("node2", "a", "1"));
        long b = h.change("node3", "b", transientAttr("node3", "b", "2"));
        h.settle();
        assertTrue(h.outcomes.get(a).startsWith("done"), h.outcomes.get(a));
        assertTrue(h.outcomes.get(b).startsWith("done"), h.outcomes.get(b));
        Cib cib = h.copy("node1").cib();
        assertEquals("1", NodeAttributes.get(cib, "node2", "a", Lifetime.REBOOT).orElseThrow());
        assertEquals("2", NodeAttributes.get(cib, "node3", "b", Lifetime.REBOOT).orElseThrow());
        assertSameEverywhere(h, "node1", "node2", "node3");
    }

    @Test
    void conflictingChangesAreRetriedOnTheNewerCopy() {
        ReplicaHarness h = formed();
        long a = h.change("node2", "append x", append("node1", "log", "x"));
        long b = h.change("node3", "append y", append("node1", "log", "y"));
        long c = h.change("node1", "append z", append("node1", "log", "z"));
        h.settle();
        for (long id : List.of(a, b, c)) {
            assertTrue(h.outcomes.get(id).startsWith("done"), h.outcomes.get(id));
        }
        String log = NodeAttributes.get(h.copy("node3").cib(), "node1", "log", Lifetime.REBOOT).orElseThrow();
        assertEquals(3, log.length(), log);
        assertTrue(log.contains("x") && log.contains("y") && log.contains("z"), log);
        assertSameEverywhere(h, "node1", "node2", "node3");
    }

    @Test
    void aLeavingNodeGoesOfflineLosesTransientAttributesAndKeepsItsHistory() {
        ReplicaHarness h = formed();
        h.change("node1", "attr", transientAttr("node3", "pingd", "5"));
        h.change("node1", "history", history("node3", "web"));
        h.settle();
        h.crash("node3");
        h.view("node1", "node2");
        h.settle();
        NodeState s = h.copy("node2").cib().status().nodes().stream().filter(n -> n.uname().equals("node3")).findFirst().orElseThrow();
        assertEquals("false", s.get("in_ccm"));
        assertEquals("offline", s.get("crmd"));
        assertEquals("down", s.get("join"));
        assertEquals("member", s.get("expected"), "it left without saying so: a failure");
        assertEquals(List.of(), s.transientAttributes());
        assertEquals("web", s.lrmResources().get(0).id());
        assertSameEverywhere(h, "node1", "node2");
    }

    @Test
    void withoutQuorumThereIsNoDcAndChangesAreRefusedAfterAWait() {
        ReplicaHarness h = formed();
        h.views(true, List.of("node1", "node2"), List.of("node3"));
        h.settle();
        long id = h.change("node3", "set", property("x", "1"));
        h.settle();
        assertEquals("pending", h.outcomes.get(id));
        h.tick(Duration.ofSeconds(4));
        assertEquals("rejected: no DC: this partition has no quorum (not quorate: 1 of 3)", h.outcomes.get(id));
        assertEquals("0", h.copy("node3").cib().get("have-quorum"), "the minority says it has no quorum");
        assertEquals(null, h.copy("node3").cib().get("dc-uuid"));
    }

    @Test
    void mergedPartitionsTakeTheHighestVersionAndEachNodesOwnStatus() {
        ReplicaHarness h = formed();
        h.views(true, List.of("node1", "node2"), List.of("node3"));
        h.settle();
        h.change("node2", "config on the majority", property("a", "1"));
        h.change("node1", "history of node1", history("node1", "web"));
        h.settle();
        CibVersion majority = h.version("node1");
        assertTrue(majority.compareTo(h.version("node3")) > 0);

        h.views(true, List.of("node1", "node2", "node3"));
        h.settle();
        assertSameEverywhere(h, "node1", "node2", "node3");
        Cib merged = h.copy("node3").cib();
        assertTrue(merged.version().compareTo(majority) > 0, merged.version() + " > " + majority);
        assertEquals("1", merged.configuration().clusterProperties().get(0).get("a"));
        assertEquals("web", merged.status().nodes().stream().filter(s -> s.uname().equals("node1")).findFirst()
                .orElseThrow().lrmResources().get(0).id());
        assertEquals("true", merged.status().nodes().stream().filter(s -> s.uname().equals("node3")).findFirst()
                .orElseThrow().get("in_ccm"));
    }

    @Test
    void aRestartedNodeCatchesUpAndStartsItsOwnStatusAfresh() {
        ReplicaHarness h = formed();
        h.change("node1", "history", history("node2", "web"));
        h.change("node1", "attr", transientAttr("node2", "a", "1"));
        h.settle();
        StoredCib oldDisk = h.copy("node2");
        h.crash("node2");
        h.view("node1", "node3");
        h.settle();
        h.change("node3", "config while node2 is away", property("b", "2"));
        h.settle();
        h.start("node2", oldDisk);
        h.view("node1", "node3", "node2");
        h.settle();
        assertSameEverywhere(h, "node1", "node2", "node3");
        Cib cib = h.copy("node2").cib();
        assertEquals("2", cib.configuration().clusterProperties().get(0).get("b"));
        NodeState node2 = cib.status().nodes().stream().filter(s -> s.uname().equals("node2")).findFirst().orElseThrow();
        assertEquals(List.of(), node2.lrmResources(), "a restarted node's history is gone with its executor");
        assertEquals(List.of(), node2.transientAttributes());
        assertEquals("true", node2.get("in_ccm"));
    }

    @Test
    void aRestartedNodeWithAHigherVersionOnDiskWins() {
        ReplicaHarness h = formed();
        h.change("node1", "cfg", property("c", "old"));
        h.settle();
        h.crash("node3");
        h.crash("node2");
        h.crash("node1");
        StoredCib n1 = h.copy("node1");
        // node3 alone got further (a two-node-style split), then everyone restarts.
        Cib ahead = property("c", "new").apply(n1.cib()).withVersion(new CibVersion(0, n1.version().epoch() + 5, 0));
        h.start("node1", n1);
        h.start("node2", n1);
        h.start("node3", StoredCib.of(ahead));
        h.view("node1", "node2", "node3");
        h.settle();
        assertSameEverywhere(h, "node1", "node2", "node3");
        assertEquals("new", h.copy("node1").cib().configuration().clusterProperties().get(0).get("c"));
    }

    @Test
    void equalVersionsGoToTheOldestMemberAndTheResultIsNewerThanBoth() {
        ReplicaHarness h = formed();
        h.views(true, List.of("node1", "node2"), List.of("node3"));
        h.settle();
        // Give both sides the same version with different content.
        h.change("node1", "maj", transientAttr("node1", "m", "1"));
        h.settle();
        CibVersion maj = h.version("node1");
        CibVersion min = h.version("node3");
        assertNotEquals(maj, min);
        h.views(true, List.of("node1", "node2", "node3"));
        h.settle();
        CibVersion merged = h.version("node3");
        assertTrue(merged.compareTo(maj) > 0 && merged.compareTo(min) > 0, merged + " vs " + maj + ", " + min);
        assertEquals("1", NodeAttributes.get(h.copy("node3").cib(), "node1", "m", Lifetime.REBOOT).orElseThrow());
    }

    @Test
    void aForwardedChangeIsResentWhenTheDcDiesAndAppliesOnce() {
        ReplicaHarness h = formed();
        long id = h.change("node3", "append", append("node2", "n", "x"));
        // node1 (DC) applies it and dies: its commit reaches node2 only.
        h.deliver("node3", "node1");
        h.deliver("node1", "node2");
        h.crash("node1");
        assertEquals("pending", h.outcomes.get(id));
        h.view("node2", "node3");
        h.settle();
        assertTrue(h.outcomes.get(id).startsWith("done"), h.outcomes.get(id));
        assertEquals("x", NodeAttributes.get(h.copy("node3").cib(), "node2", "n", Lifetime.REBOOT).orElseThrow());
        assertSameEverywhere(h, "node2", "node3");
    }

    @Test
    void aForwardedChangeLostWithTheDcIsAppliedByTheNext() {
        ReplicaHarness h = formed();
        long id = h.change("node3", "set", property("d", "1"));
        h.crash("node1");
        h.view("node2", "node3");
        h.settle();
        assertTrue(h.outcomes.get(id).startsWith("done"), h.outcomes.get(id));
        assertEquals("1", h.copy("node2").cib().configuration().clusterProperties().get(0).get("d"));
    }

    @Test
    void aSyncRoundGoesOnWithoutAMemberThatDoesNotAnswer() {
        ReplicaHarness h = formed();
        h.crash("node3"); // its offer never comes, but it is still in the view for now
        h.view("node1", "node2", "node3");
        h.settle();
        assertTrue(h.replicas.get("node1").syncing());
        long id = h.change("node2", "during sync", property("e", "1"));
        h.settle();
        assertEquals("pending", h.outcomes.get(id), "the DC queues changes while it syncs");
        h.tick(Duration.ofSeconds(6));
        h.settle();
        assertFalse(h.replicas.get("node1").syncing());
        assertTrue(h.logs("node1").stream().anyMatch(l -> l.contains("no copy from node3")), h.logs("node1").toString());
        assertTrue(h.outcomes.get(id).startsWith("done"), h.outcomes.get(id));
    }

    @Test
    void quorumAndDcChangesWithoutAViewChangeAreWrittenIn() {
        ReplicaHarness h = formed();
        CibVersion before = h.version("node1");
        h.views(false, List.of("node1", "node2", "node3"));
        h.settle();
        h.viewId--; // same view id: only quorum changed
        assertEquals("0", h.copy("node2").cib().get("have-quorum"));
        assertTrue(h.version("node2").compareTo(before) > 0);
    }

    @Test
    void aCleanShutdownIsRecordedAsExpectedDown() {
        ReplicaHarness h = formed();
        long id = h.change("node3", "shutting down", cib -> {
            List<NodeState> states = new ArrayList<>();
            for (NodeState s : cib.status().nodes()) {
                if (s.uname().equals("node3")) {
                    Map<String, String> a = new java.util.LinkedHashMap<>(s.attributes());
                    a.put("expected", "down");
                    s = new NodeState(a, s.transientAttributes(), s.hasLrm(), s.lrmResources());
                }
                states.add(s);
            }
            return cib.withStatus(new Status(states, cib.status().tickets()));
        });
        h.settle();
        assertTrue(h.outcomes.get(id).startsWith("done"));
        h.crash("node3");
        h.view("node1", "node2");
        h.settle();
        NodeState s = h.copy("node1").cib().status().nodes().stream().filter(n -> n.uname().equals("node3")).findFirst().orElseThrow();
        assertEquals("down", s.get("expected"));
        assertEquals("false", s.get("in_ccm"));
    }

    @Test
    void aNoOpChangeCompletesWithoutANewVersion() {
        ReplicaHarness h = formed();
        CibVersion v = h.version("node1");
        long id = h.change("node2", "nothing", cib -> cib);
        h.settle();
        assertEquals("done " + v, h.outcomes.get(id));
        assertEquals(v, h.version("node1"));
    }
}
