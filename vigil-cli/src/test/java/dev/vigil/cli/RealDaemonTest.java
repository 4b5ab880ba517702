package dev.vigil.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.api.ApiClient;
import dev.vigil.api.ApiError;
import dev.vigil.api.ApiException;
import dev.vigil.api.ApiTypes;
import dev.vigil.cib.CibXml;
import dev.vigil.cli.ApiCommandsTest.Run;
import dev.vigil.cli.edit.Resources;
import dev.vigil.cli.source.DaemonCibSource;
import dev.vigil.cli.source.Snapshot;
import dev.vigil.cluster.config.ClusterConfig;
import dev.vigil.cluster.config.NodeConfig;
import dev.vigil.cluster.key.AuthKey;
import dev.vigil.daemon.Daemon;
import dev.vigil.daemon.DaemonOptions;
import dev.vigil.model.cib.Cib;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The editing commands against a real one-node daemon (in this JVM, on 127.0.0.1): a write is
 * applied and visible; a refused write and a write based on a stale read leave the version as it was.
 */
@Timeout(120)
class RealDaemonTest {
    @TempDir
    static Path dir;
    static Daemon daemon;
    static Path socket;

    @BeforeAll
    static void startDaemon() throws Exception {
        TestAgents.install(dir.resolve("agents"));
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        ClusterConfig c = ClusterConfig.of("clitest", List.of(new NodeConfig("node1", 1, loopback, Optional.empty(), 1)));
        c = c.withTotem(c.totem().withPort(freePort(loopback)));
        socket = dir.resolve("run").resolve("vigil.sock");
        daemon = new Daemon(new DaemonOptions(c, "node1", AuthKey.generate(), dir.resolve("state"), socket,
                Optional.of(Path.of("..", "agents").toAbsolutePath().normalize()), Optional.empty()));
        daemon.start();
        awaitDc();
    }

    @AfterAll
    static void stopDaemon() {
        if (daemon != null) {
            daemon.stop();
        }
        TestAgents.uninstall();
    }

    static Run vigil(String... args) {
        String[] withSocket = java.util.Arrays.copyOf(args, args.length + 2);
        withSocket[args.length] = "--socket";
        withSocket[args.length + 1] = socket.toString();
        return ApiCommandsTest.run(withSocket);
    }

    static String version() {
        try (ApiClient client = ApiClient.connect(socket)) {
            return client.call(ApiTypes.CIB_QUERY, new ApiTypes.NoArgs(), ApiTypes.CibQueryResult.class).version();
        }
    }

    static Cib cib() {
        try (ApiClient client = ApiClient.connect(socket)) {
            return CibXml.parse(client.call(ApiTypes.CIB_QUERY, new ApiTypes.NoArgs(), ApiTypes.CibQueryResult.class).xml());
        }
    }

    /** The configuration part of the version (admin_epoch.epoch): status updates move num_updates meanwhile. */
    static String epoch(String version) {
        return version.substring(0, version.lastIndexOf('.'));
    }

    @Test
    void aWriteIsAppliedAndARefusedOneChangesNothing() {
        Run created = vigil("resource", "create", "d1", "ocf:vigil:Dummy", "--disabled");
        assertEquals(0, created.code(), created.err());
        assertTrue(created.out().startsWith("resource 'd1' (ocf:vigil:Dummy) created, disabled (CIB version "), created.out());
        assertTrue(Resources.find(cib().configuration(), "d1").isPresent());

        String before = epoch(version());
        Run duplicate = vigil("resource", "create", "d1", "ocf:vigil:Dummy");
        assertEquals(1, duplicate.code());
        assertTrue(duplicate.err().contains("resource id 'd1' is already used"), duplicate.err());
        Run badScore = vigil("constraint", "location", "d1", "prefers", "node1=lots");
        assertEquals(1, badScore.code());
        Run unknown = vigil("constraint", "location", "d2", "prefers", "node1");
        assertEquals(3, unknown.code());
        assertTrue(unknown.err().contains("resource 'd2' does not exist (did you mean 'd1'"), unknown.err());
        Run unknownNode = vigil("constraint", "location", "d1", "prefers", "node9");
        assertEquals(3, unknownNode.code());
        assertTrue(unknownNode.err().contains("node 'node9' is not in the configuration"), unknownNode.err());
        assertEquals(before, epoch(version()));

        Run prefer = vigil("constraint", "location", "d1", "prefers", "node1=50");
        assertEquals(0, prefer.code(), prefer.err());
        assertEquals(Integer.parseInt(before.split("\\.")[1]) + 1, Integer.parseInt(epoch(version()).split("\\.")[1]));
        Run list = vigil("constraint", "list", "--output", "json");
        assertTrue(list.out().contains("\"id\" : \"location-d1-node1-50\""), list.out());
    }

    @Test
    void aWriteBasedOnAStaleReadIsRefusedWithoutOverwriting() {
        assertEquals(0, vigil("resource", "create", "d3", "ocf:vigil:Dummy", "--disabled").code());
        DaemonCibSource source = new DaemonCibSource(socket);
        Snapshot stale = source.read();
        assertEquals(0, vigil("resource", "update", "d3", "meta", "resource-stickiness=10").code());
        String afterOther = epoch(version());
        Cib edited = stale.cib().withConfiguration(Resources.rewrite(stale.cib().configuration(), "d3", r -> null));
        ApiException e = assertThrows(ApiException.class, () -> source.write(stale, edited));
        assertEquals(ApiError.CONFLICT, e.code());
        assertTrue(e.getMessage().startsWith("the configuration changed since it was read"), e.getMessage());
        assertEquals(afterOther, epoch(version()));
        assertTrue(Resources.find(cib().configuration(), "d3").isPresent(), "the other write was not overwritten");
    }

    @Test
    void runtimeCommandsActOnARunningResource() throws Exception {
        // Without fence devices, resources start only with fencing off (as in Pacemaker).
        assertEquals(0, vigil("property", "set", "stonith-enabled=false").code());
        assertEquals(0, vigil("resource", "create", "r1", "ocf:vigil:Dummy").code());
        awaitRunning("r1", true);
        Run restart = vigil("resource", "restart", "r1", "--timeout", "30s");
        assertEquals(0, restart.code(), restart.err());
        assertTrue(restart.out().contains("stopping r1") && restart.out().contains("starting r1"), restart.out());
        assertTrue(restart.out().endsWith("r1 restarted on node1\n"), restart.out());
        Run ban = vigil("resource", "ban", "r1");
        assertEquals(0, ban.code(), ban.err());
        assertTrue(ban.out().startsWith("r1 banned from node1 until "), ban.out());
        awaitRunning("r1", false);
        assertEquals(0, vigil("resource", "clear", "r1").code());
        awaitRunning("r1", true);
        Run cleanup = vigil("resource", "cleanup", "r1");
        assertEquals(0, cleanup.code(), cleanup.err());
        assertTrue(cleanup.out().endsWith("cleanup requested for r1 on every node\n"), cleanup.out());
        Run offline = ApiCommandsTest.run("resource", "cleanup", "r1", "-f", dir.resolve("x.xml").toString());
        assertEquals(1, offline.code());
        assertTrue(offline.err().contains("cleanup acts on the running cluster; it cannot work on a file (-f)"), offline.err());
        Run history = vigil("stonith", "history");
        assertEquals(new Run(0, "no fencing recorded\n", ""), history);
    }

    private static void awaitRunning(String id, boolean running) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (dev.vigil.cli.show.StatusFacts.runningOn(cib(), id).isEmpty() != running) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(id + (running ? " did not start" : " did not stop") + " within 30 s");
    }

    private static void awaitDc() throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (ApiClient client = ApiClient.connect(socket)) {
                ApiTypes.ClusterStatus s = client.call(ApiTypes.CLUSTER_STATUS, new ApiTypes.NoArgs(), ApiTypes.ClusterStatus.class);
                if ("node1".equals(s.dc())) {
                    return;
                }
            } catch (ApiException e) {
                // not up yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the daemon did not become DC within 60 s");
    }

    private static int freePort(InetAddress address) throws IOException {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = java.util.concurrent.ThreadLocalRandom.current().nextInt(7800, 8000);
            try (ServerSocket s = new ServerSocket()) {
                s.bind(new InetSocketAddress(address, port));
                return port;
            } catch (IOException e) {
                // taken: try another
            }
        }
        throw new IOException("no free port in 7800-7999 on " + address);
    }
}
