package dev.vigil.cluster.membership;

import dev.vigil.cluster.config.ClusterConfig;
import dev.vigil.cluster.config.NodeConfig;
import dev.vigil.cluster.key.AuthKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An attacker on the path between two nodes, without the key, replays a captured record,
 * re-sequences two records, flips a bit, replays a whole recorded connection and injects a
 * plaintext frame. Every forgery is refused (TLS drops the connection or the handshake) and the
 * nodes deliver each real message exactly once, in order; the view does not change.
 */
@Timeout(120)
class ForgeryTest {
    private int sent;

    @Test
    void forgedReplayedAndReorderedTrafficIsRefused() throws Exception {
        int port = TestCluster.freePort(12);
        // Each node listens on 127.0.0.N but is known to the other as 127.0.0.1N, where a proxy sits.
        List<NodeConfig> nodes = List.of(NodeConfig.of("node1", 1, TestCluster.loopback(11)),
                NodeConfig.of("node2", 2, TestCluster.loopback(12)));
        ClusterConfig base = ClusterConfig.of("forgery", nodes);
        ClusterConfig c = base.withTotem(base.totem().withPort(port));
        AuthKey key = AuthKey.generate();
        try (TamperingProxy p1 = new TamperingProxy(new InetSocketAddress(TestCluster.loopback(11), port),
                new InetSocketAddress(TestCluster.loopback(1), port));
             TamperingProxy p2 = new TamperingProxy(new InetSocketAddress(TestCluster.loopback(12), port),
                     new InetSocketAddress(TestCluster.loopback(2), port))) {
            Recorder r1 = new Recorder();
            Recorder r2 = new Recorder();
            try (JGroupsMembership n1 = JGroupsMembership.builder(c, "node1", key).listener(r1)
                         .bindAddress(TestCluster.loopback(1)).build();
                 JGroupsMembership n2 = JGroupsMembership.builder(c, "node2", key).listener(r2)
                         .bindAddress(TestCluster.loopback(2)).build()) {
                n1.start();
                n2.start();
                r1.awaitView(v -> v.size() == 2, Duration.ofSeconds(20), "node1+node2");
                r2.awaitView(v -> v.size() == 2, Duration.ofSeconds(20), "node1+node2 on node2");
                exchange(n1, n2, r1, r2);
                View before = n1.view();

                for (TamperingProxy.Attack attack : TamperingProxy.Attack.values()) {
                    int closedBefore = p1.connectionsClosed() + p2.connectionsClosed();
                    int attacksBefore = p1.attacksDone() + p2.attacksDone();
                    p1.arm(attack);
                    p2.arm(attack);
                    long deadline = System.nanoTime() + 10_000_000_000L;
                    while (p1.attacksDone() + p2.attacksDone() == attacksBefore && System.nanoTime() < deadline) {
                        n1.send("node2", bytes("poke " + attack));
                        Thread.sleep(20);
                    }
                    assertTrue(p1.attacksDone() + p2.attacksDone() > attacksBefore, attack + " was carried out");
                    p1.arm(null);
                    p2.arm(null);
                    waitUntil(() -> p1.connectionsClosed() + p2.connectionsClosed() > closedBefore,
                            attack + ": the receiver drops the connection carrying the forged record");
                    exchange(n1, n2, r1, r2);
                    System.out.println("forgery: " + attack + " refused; the connection was dropped and re-established");
                }

                // Replay a whole recorded connection against node2: the handshake cannot complete.
                long refusedBefore = n2.refusedConnections() + n1.refusedConnections();
                List<byte[]> openings = new ArrayList<>(p2.clientOpenings());
                openings.addAll(p1.clientOpenings());
                assertTrue(!openings.isEmpty(), "recorded at least one connection");
                byte[] recorded = openings.get(0);
                InetSocketAddress target = p2.clientOpenings().isEmpty()
                        ? new InetSocketAddress(TestCluster.loopback(1), port)
                        : new InetSocketAddress(TestCluster.loopback(2), port);
                assertClosedAfterSending(target, recorded);
                // A plaintext frame straight to a node's port (JGroups' cookie and version, then junk).
                assertClosedAfterSending(new InetSocketAddress(TestCluster.loopback(2), port),
                        "bela\u0005\u0005plaintext frame from an attacker".getBytes(StandardCharsets.ISO_8859_1));
                waitUntil(() -> n2.refusedConnections() + n1.refusedConnections() >= refusedBefore + 2,
                        "both forged connections were refused");
                System.out.println("forgery: replayed connection and plaintext frame refused");
                exchange(n1, n2, r1, r2);

                assertEquals(before.id(), n1.view().id(), "no view change: " + r1.views());
                assertEquals(before.id(), n2.view().id(), "no view change: " + r2.views());
            }
        }
    }

    /** Both nodes send numbered messages; each arrives exactly once, in order, untouched. */
    private void exchange(JGroupsMembership n1, JGroupsMembership n2, Recorder r1, Recorder r2) throws Exception {
        int first = sent;
        int count = 20;
        for (int i = first; i < first + count; i++) {
            n1.send("node2", bytes("m" + i));
            n2.broadcast(bytes("b" + i));
        }
        sent += count;
        waitUntil(() -> texts(r2, "node1", "m").size() >= sent, "node1's unicasts reach node2");
        waitUntil(() -> texts(r1, "node2", "b").size() >= sent, "node2's broadcasts reach node1");
        List<String> expectM = new ArrayList<>();
        List<String> expectB = new ArrayList<>();
        for (int i = 0; i < sent; i++) {
            expectM.add("m" + i);
            expectB.add("b" + i);
        }
        assertEquals(expectM, texts(r2, "node1", "m"), "exactly once, in order, unmodified");
        assertEquals(expectB, texts(r1, "node2", "b"), "exactly once, in order, unmodified");
    }

    private static List<String> texts(Recorder r, String from, String prefix) {
        return r.messages().stream().filter(m -> m.from().equals(from) && m.text().startsWith(prefix)
                && !m.text().startsWith("poke")).map(Recorder.Received::text).toList();
    }

    private static void assertClosedAfterSending(InetSocketAddress target, byte[] bytes) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(target, 2000);
            s.setSoTimeout(5000);
            try {
                s.getOutputStream().write(bytes);
                s.getOutputStream().flush();
            } catch (IOException e) {
                return; // already closed on us
            }
            InputStream in = s.getInputStream();
            byte[] buffer = new byte[4096];
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (System.nanoTime() < deadline) {
                int n;
                try {
                    n = in.read(buffer);
                } catch (IOException e) {
                    return; // reset: refused
                }
                if (n < 0) {
                    return; // closed: refused
                }
            }
            throw new AssertionError("the node kept a forged connection open");
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out: " + what);
            }
            Thread.sleep(20);
        }
    }
}
