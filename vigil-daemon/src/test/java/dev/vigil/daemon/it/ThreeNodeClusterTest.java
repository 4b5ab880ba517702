package dev.vigil.daemon.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
import dev.vigil.cluster.config.ConfigWriter;
import dev.vigil.cluster.config.QuorumConfig;
import dev.vigil.cluster.key.AuthKey;
import dev.vigil.model.cib.CibVersion;
import dev.vigil.model.cib.Cib;
import dev.vigil.model.cib.NodeState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * Three real daemons on loopback, shared by the steps of this class in order: they form one
 * view with one DC; a change made on a non-DC node reaches every disk; node attributes work
 * from any node; kill -9 of a non-DC node, its restart, kill -9 of the DC; a daemon with the
 * wrong key is kept out. (node4 is in the nodelist with no vote: the outsider.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(120)
class ThreeNodeClusterTest {
    static final Duration SOON = Duration.ofSeconds(15);
    static final String[] ALL = {"node1", "node2", "node3"};
    LocalCluster cluster;

    @BeforeAll
    void start() throws Exception {
        cluster = LocalCluster.create("three", 3, 1, QuorumConfig.DEFAULTS);
        cluster.start(ALL);
    }

    @AfterAll
    void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    static boolean online(ClusterStatus s, String... nodes) {
        List<String> want = List.of(nodes);
        return s.nodes().stream().filter(NodeInfo::online).map(NodeInfo::name).toList().equals(want);
    }

    /** The DC as the first live daemon sees it. */
    String dc() {
        String any = List.of(ALL).stream().filter(n -> cluster.daemon(n).alive()).findFirst().orElseThrow();
        return cluster.status(any).dc();
    }

    @Test
    @Order(1)
    void threeDaemonsFormOneViewAndAgreeOnOneDc() throws Exception {
        ClusterStatus first = cluster.awaitStatus("node1", s -> online(s, ALL) && s.dc() != null, SOON, "a view of 3 with a DC");
        for (String n : ALL) {
            ClusterStatus s = cluster.awaitStatus(n, x -> online(x, ALL) && x.dc() != null, SOON, "the same view");
            assertEquals(first.viewId(), s.viewId(), n);
            assertEquals(first.dc(), s.dc(), n + " agrees on the DC");
            assertTrue(s.quorum().quorate(), s.quorum().reason());
            assertEquals("quorate: 3 of 3 expected votes, 2 needed", s.quorum().reason());
        }
        StoredCib copy = cluster.awaitSameDisk(SOON, ALL);
        Cib cib = copy.cib();
        assertEquals("1", cib.get("have-quorum"));
        assertEquals(Integer.toString(Integer.parseInt(first.dc().substring(4))), cib.get("dc-uuid"));
        for (String n : ALL) {
            NodeState s = nodeState(cib, n);
            assertEquals("true", s.get("in_ccm"));
            assertEquals("online", s.get("crmd"));
            assertEquals("member", s.get("join"));
            assertEquals("member", s.get("expected"));
        }
    }

    static NodeState nodeState(Cib cib, String node) {
        return cib.status().nodes().stream().filter(s -> node.equals(s.uname())).findFirst()
                .orElseThrow(() -> new AssertionError("no node_state for " + node));
    }

    @Test
    @Order(2)
    void aChangeMadeOnANonDcNodeReachesEveryDiskWithTheSameVersionAndDigest() throws Exception {
        String dc = dc();
        String other = List.of(ALL).stream().filter(n -> !n.equals(dc)).findFirst().orElseThrow();
        String xml = cluster.disk(other).xml().replace("<resources/>",
                "<resources><primitive id=\"dummy\" class=\"ocf\" provider=\"vigil\" type=\"Dummy\"/></resources>");
        ApiTypes.CibReplaceResult r;
        try (ApiClient api = cluster.daemon(other).api()) {
            r = api.call(ApiTypes.CIB_REPLACE, new ApiTypes.CibReplaceArgs(xml), ApiTypes.CibReplaceResult.class);
        }
        assertTrue(r.changed());
        StoredCib same = cluster.awaitSameDisk(SOON, ALL);
        // The controller may already have recorded the new resource's probes (status updates
        // raise num_updates only): the configuration's epoch is the one the change got.
        CibVersion stored = same.version();
        assertEquals(r.version(), stored.adminEpoch() + "." + stored.epoch() + ".0",
                "every disk has the epoch the change got, a configuration change starting a new one");
        assertEquals("dummy", same.cib().configuration().resources().get(0).id());
        assertEquals(other, same.cib().get("update-origin"));
    }

    @Test
    @Order(3)
    void anInvalidCibIsRefusedWithReasonsAndNothingChanges() throws Exception {
        StoredCib before = cluster.disk("node2");
        String xml = before.xml().replace("<constraints/>",
                "<constraints><rsc_order id=\"o1\" first=\"dummy\" then=\"web\"/></constraints>");
        ApiException e;
        try (ApiClient api = cluster.daemon("node3").api()) {
            e = assertThrows(ApiException.class, () -> api.call(ApiTypes.CIB_REPLACE, new ApiTypes.CibReplaceArgs(xml),
                    ApiTypes.CibReplaceResult.class));
        }
        assertEquals(ApiError.INVALID_CIB, e.code());
        assertEquals(List.of("<rsc_order id=\"o1\">: then 'web' does not exist (expected a resource, group, clone, bundle, "
                + "template or tag)"), e.error().details());
        Thread.sleep(300);
        // The controller keeps recording operation results in the status section (it probes and
        // starts the dummy): what must not change is the configuration and its epoch.
        for (String n : ALL) {
            StoredCib now = cluster.disk(n);
            assertEquals(before.cib().configuration(), now.cib().configuration(), n + "'s configuration is untouched");
            assertEquals(before.version().epoch(), now.version().epoch(), n + "'s epoch is untouched");
        }
    }

    @Test
    @Order(4)
    void nodeAttributesCanBeSetFromAnyNodeAndAreSeenEverywhere() throws Exception {
        try (ApiClient api = cluster.daemon("node3").api()) {
            ApiTypes.NodeAttributeResult r = api.call(ApiTypes.NODE_ATTRIBUTE,
                    new ApiTypes.NodeAttributeArgs("node2", "pingd", "100", null, "reboot"), ApiTypes.NodeAttributeResult.class);
            assertEquals("100", r.value());
            api.call(ApiTypes.NODE_ATTRIBUTE, new ApiTypes.NodeAttributeArgs("node1", "site", "east", null, "forever"),
                    ApiTypes.NodeAttributeResult.class);
        }
        try (ApiClient api = cluster.daemon("node1").api()) {
            // node1 reads its own replica, which the change reaches a moment later.
            long deadline = System.nanoTime() + SOON.toNanos();
            String seen = null;
            while (!"100".equals(seen) && System.nanoTime() < deadline) {
                try {
                    seen = api.call(ApiTypes.NODE_ATTRIBUTE, new ApiTypes.NodeAttributeArgs("node2", "pingd", null, null,
                            "reboot"), ApiTypes.NodeAttributeResult.class).value();
                } catch (ApiException e) {
                    assertEquals(ApiError.NOT_FOUND, e.code(), "only 'not there yet' is expected: " + e.getMessage());
                }
                if (!"100".equals(seen)) {
                    Thread.sleep(20);
                }
            }
            assertEquals("100", seen, "read back on another node");
            ApiException missing = assertThrows(ApiException.class, () -> api.call(ApiTypes.NODE_ATTRIBUTE,
                    new ApiTypes.NodeAttributeArgs("node2", "nope", null, null, null), ApiTypes.NodeAttributeResult.class));
            assertEquals(ApiError.NOT_FOUND, missing.code());
            ApiException bad = assertThrows(ApiException.class, () -> api.call(ApiTypes.NODE_ATTRIBUTE,
                    new ApiTypes.NodeAttributeArgs("node2", "x", "1", null, "weekly"), ApiTypes.NodeAttributeResult.class));
            assertEquals("node.attribute: lifetime 'weekly' is not reboot or forever", bad.getMessage());
        }
        Cib cib = cluster.awaitSameDisk(SOON, ALL).cib();
        assertEquals(Optional.of("100"), NodeAttributes.get(cib, "node2", "pingd", Lifetime.REBOOT));
        assertEquals(Optional.of("east"), NodeAttributes.get(cib, "node1", "site", Lifetime.FOREVER));
    }

    @Test
    @Order(5)
    void killingANonDcNodeIsSeenAndTheOthersStayQuorate() throws Exception {
        String dc = dc();
        String victim = "node2".equals(dc) ? "node3" : "node2";
        String[] rest = List.of(ALL).stream().filter(n -> !n.equals(victim)).toArray(String[]::new);
        try (ApiClient api = cluster.daemon(dc).api()) {
            api.call(ApiTypes.NODE_ATTRIBUTE, new ApiTypes.NodeAttributeArgs(victim, "transient", "yes", null, "reboot"),
                    ApiTypes.NodeAttributeResult.class);
        }
        cluster.daemon(victim).kill();
        for (String n : rest) {
            ClusterStatus s = cluster.awaitStatus(n, x -> online(x, rest), SOON, victim + " gone");
            assertTrue(s.quorum().quorate(), s.quorum().reason());
            assertEquals(dc, s.dc(), "the DC stays");
        }
        for (String n : rest) {
            cluster.awaitDisk(n, c -> "false".equals(nodeState(c.cib(), victim).get("in_ccm")), SOON, victim + " offline");
        }
        Cib cib = cluster.awaitSameDisk(SOON, rest).cib();
        NodeState gone = nodeState(cib, victim);
        assertEquals("false", gone.get("in_ccm"));
        assertEquals("offline", gone.get("crmd"));
        assertEquals("member", gone.get("expected"), "killed, not shut down: a failure");
        assertEquals(List.of(), gone.transientAttributes(), "transient attributes go with the node");
    }

    @Test
    @Order(6)
    void aRestartedNodeCatchesUp() throws Exception {
        String dc = dc();
        String down = List.of(ALL).stream().filter(n -> !cluster.daemon(n).alive()).findFirst().orElseThrow();
        try (ApiClient api = cluster.daemon(dc).api()) {
            api.call(ApiTypes.NODE_ATTRIBUTE, new ApiTypes.NodeAttributeArgs(dc, "changed-while-away", "1", null, "forever"),
                    ApiTypes.NodeAttributeResult.class);
        }
        cluster.start(down);
        cluster.awaitStatus(down, s -> online(s, ALL), SOON, "back in the view");
        StoredCib copy = cluster.awaitSameDisk(SOON, ALL);
        assertEquals(Optional.of("1"), NodeAttributes.get(copy.cib(), dc, "changed-while-away", Lifetime.FOREVER));
        assertEquals("true", nodeState(copy.cib(), down).get("in_ccm"));
    }

    @Test
    @Order(7)
    void aDaemonWithTheWrongKeyIsKeptOutQuietly() throws Exception {
        long viewBefore = cluster.status("node1").viewId();
        Path otherKey = cluster.dir.resolve("authkey-other");
        AuthKey.generate().write(otherKey);
        Path otherConfig = cluster.dir.resolve("vigil-other-key.conf");
        ConfigWriter.writeFile(cluster.clusterConfig.withTotem(cluster.clusterConfig.totem().withKeyfile(otherKey)), otherConfig);
        cluster.startWith(otherConfig, "node4");
        Thread.sleep(6_000); // discovery and merge attempts repeat every 2-3 s: see that they stay quiet
        ClusterStatus outsider = cluster.status("node4");
        assertEquals(List.of("node4"), outsider.nodes().stream().filter(NodeInfo::online).map(NodeInfo::name).toList());
        assertFalse(outsider.quorum().quorate());
        for (String n : ALL) {
            ClusterStatus s = cluster.status(n);
            assertEquals(viewBefore, s.viewId(), n + ": no view change");
            assertTrue(online(s, ALL), n + " " + s);
            assertEquals(1, count(cluster.daemon(n).logText(), "refusing cluster traffic with 127.0.0.4"),
                    n + " says it once:\n" + cluster.daemon(n).logTail());
        }
        String log4 = cluster.daemon("node4").logText();
        for (int i = 1; i <= 3; i++) {
            assertTrue(count(log4, "refusing cluster traffic with 127.0.0." + i + ":") <= 1, log4);
        }
        assertTrue(count(log4, "refusing cluster traffic") >= 1, "node4 says why it is alone:\n" + log4);
        cluster.daemon("node4").kill();
    }

    static int count(String text, String what) {
        Matcher m = Pattern.compile(Pattern.quote(what)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Test
    @Order(8)
    void killingTheDcElectsANewOneWithinAboutASecond() throws Exception {
        String dc = dc();
        assertNotNull(dc);
        String[] rest = List.of(ALL).stream().filter(n -> !n.equals(dc)).toArray(String[]::new);
        long t0 = System.nanoTime();
        cluster.daemon(dc).kill();
        ClusterStatus s = cluster.awaitStatus(rest[0], x -> x.dc() != null && !x.dc().equals(dc), SOON, "a new DC");
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("kill -9 of the DC " + dc + " -> new DC " + s.dc() + " on " + rest[0] + " after " + ms + " ms");
        assertNotEquals(dc, s.dc());
        assertTrue(ms < 2_000, "new DC after " + ms + " ms");
        assertEquals(s.dc(), cluster.awaitStatus(rest[1], x -> x.dc() != null && !x.dc().equals(dc), SOON, "the new DC").dc());
        String uuid = Integer.toString(Integer.parseInt(s.dc().substring(4)));
        for (String n : rest) {
            cluster.awaitDisk(n, c -> uuid.equals(c.cib().get("dc-uuid")), SOON, "dc-uuid " + uuid);
        }
    }

    @Test
    @Order(9)
    void aCleanStopIsRecordedAsExpectedDown() throws Exception {
        String dc = dc();
        String other = List.of(ALL).stream().filter(n -> cluster.daemon(n).alive() && !n.equals(dc)).findFirst().orElseThrow();
        int code = cluster.daemon(other).terminate();
        assertEquals(143, code, "SIGTERM: the JVM's exit status after a clean stop");
        String log = cluster.daemon(other).logText();
        assertTrue(log.contains("vigil daemon " + other + " stopped"), log);
        NodeState s = nodeState(cluster.disk(dc).cib(), other);
        long deadline = System.nanoTime() + SOON.toNanos();
        while (!"false".equals(s.get("in_ccm")) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            s = nodeState(cluster.disk(dc).cib(), other);
        }
        assertEquals("false", s.get("in_ccm"));
        assertEquals("down", s.get("expected"), "it said it was leaving: no fencing needed");
    }
}
