package dev.vigil.exec.local;

import dev.vigil.exec.AgentSpec;
import dev.vigil.exec.OperationRequest;
import dev.vigil.exec.OperationResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The demo service agent, ocf:vigil:http, on a loopback address. */
@Timeout(120)
class HttpAgentTest {
    private static final String IP = "127.0.0.61";
    private static final AgentSpec HTTP = AgentSpec.ocf("vigil", "http");

    @TempDir
    Path dir;
    ExecutorFixture fx;
    int port;
    OperationRequest base;

    @BeforeEach
    void setUp() throws IOException {
        fx = new ExecutorFixture(dir);
        port = freePort();
        base = OperationRequest.of("web", HTTP, "start").withParameters(Map.of("ip", IP, "port", Integer.toString(port),
                "state_dir", dir.resolve("state").toString()));
    }

    @AfterEach
    void tearDown() throws Exception {
        try {
            fx.run(base.withAction("stop"));
        } finally {
            fx.close();
        }
    }

    @Test
    void servesTheNodeNameAndStartsFast() throws Exception {
        OperationRequest named = withParams(Map.of("node_name", "alpha"));
        assertEquals(7, fx.run(named.withAction("monitor")).rcCode(), "probe before start");
        OperationResult start = fx.run(named);
        assertEquals(0, start.rcCode(), start.describe() + "\n" + start.stderr());
        System.out.println("ocf:vigil:http start took " + start.execTime().toMillis() + "ms");
        assertTrue(start.execTime().toMillis() < 2_000, "start took " + start.execTime());
        assertEquals("alpha\n", get());
        assertEquals(0, fx.run(named.withAction("monitor")).rcCode());

        assertEquals(0, fx.run(named.withAction("stop")).rcCode());
        assertThrows(ConnectException.class, this::get);
        assertEquals(7, fx.run(named.withAction("monitor")).rcCode());

        // SO_REUSEADDR: a restart binds at once even with connections in TIME_WAIT.
        assertEquals(0, fx.run(named).rcCode());
        assertEquals("alpha\n", get());
    }

    @Test
    void defaultsToTheClusterNodeNameAndBindsOnlyItsAddress() throws Exception {
        assertEquals(0, fx.run(base).rcCode());
        assertEquals("node1\n", get(), "OCF_RESKEY_CRM_meta_on_node");
        try (Socket s = new Socket()) {
            assertThrows(ConnectException.class, () -> s.connect(new InetSocketAddress("127.0.0.1", port), 1000));
        }
    }

    @Test
    void pidFileNamesTheNodeForTheFenceAgent() throws Exception {
        Path pids = dir.resolve("pids");
        OperationRequest req = withParams(Map.of("pid_file", pids + "/%n@web.pid", "node_name", "n7"));
        assertEquals(0, fx.run(req).rcCode());
        Path pidFile = pids.resolve("n7@web.pid");
        assertTrue(Files.exists(pidFile));
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        assertTrue(ProcessHandle.of(pid).isPresent());
        assertEquals(0, fx.run(req.withAction("stop")).rcCode());
        assertFalse(Files.exists(pidFile));
        // Gone, or a zombie until init reaps it (the agent's shell that started it has exited).
        assertTrue(dev.vigil.exec.testing.TestProcesses.eventually(5_000,
                () -> !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)));
    }

    @Test
    void monitorFailsWhenTheServerDies() throws Exception {
        assertEquals(0, fx.run(base).rcCode());
        Path pidFile = dir.resolve("state/vigil-http-web.pid");
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        ProcessHandle server = ProcessHandle.of(pid).orElseThrow();
        server.destroyForcibly();
        server.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(7, fx.run(base.withAction("monitor")).rcCode());
        assertEquals(0, fx.run(base.withAction("stop")).rcCode(), "stop of a dead server succeeds");
    }

    @Test
    void startFailsWithAReasonWhenTheAddressIsNotLocal() throws Exception {
        OperationResult r = fx.run(withParams(Map.of("ip", "198.18.99.99")));
        assertEquals(1, r.rcCode());
        assertTrue(r.exitReason().contains("Cannot assign requested address"), r.exitReason());
    }

    private OperationRequest withParams(Map<String, String> extra) {
        Map<String, String> p = new HashMap<>(base.parameters());
        p.putAll(extra);
        return base.withParameters(p);
    }

    private String get() throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://" + IP + ":" + port + "/"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        return r.body();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(IP))) {
            return s.getLocalPort();
        }
    }
}
