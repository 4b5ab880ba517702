package dev.vigil.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.cli.VigilCommand;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scripted session, with the CLI only, against three real daemons on loopback that
 * {@code vigil cluster setup/start} made: both seed examples built from nothing (web with
 * {@code resource create}/{@code constraint}/{@code property}, zabbix with {@code crm configure}),
 * shown by {@code vigil status}, a node put in standby and back, a move and its clear, a ban and
 * its clear, a monitor failed and cleaned up, and {@code vigil explain} naming the reasons at
 * each step.
 * The daemons cannot bind 192.168.x addresses or run /etc/init.d scripts here, so
 * {@code ocf:vigil:Dummy} stands in for the IP and the service agents (the offline tests cover
 * IPaddr2 and lsb).
 */
@Timeout(300)
class CliSessionTest {
    private static final Duration SETTLE = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    private Path dir;

    record Run(int code, String out, String err) {
    }

    static Run vigil(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        InputStream oldIn = System.in;
        try {
            if (stdin != null) {
                System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
            }
            int code = VigilCommand.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
            return new Run(code, out.toString(), err.toString());
        } finally {
            System.setIn(oldIn);
        }
    }

    static Run ok(String stdin, String... args) {
        Run r = vigil(stdin, args);
        assertEquals(0, r.code(), String.join(" ", args) + ":\n" + r.out() + r.err());
        return r;
    }

    private String socket(String node) {
        return dir.resolve(node).resolve("vigil.sock").toString();
    }

    /** Polls a CLI view until it holds (bounded by {@link #SETTLE}); returns the last output. */
    private String await(String what, Supplier<String> view, java.util.function.Predicate<String> done)
            throws InterruptedException {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            last = view.get();
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("timed out waiting for " + what + "; last output:\n" + last);
    }

    private String status() {
        return vigil(null, "status", "--inactive", "--socket", socket("node1")).out();
    }

    private String explain(String rsc) {
        return ok(null, "explain", rsc, "--socket", socket("node1")).out();
    }

    @AfterEach
    void destroy() {
        if (dir != null && Files.exists(dir.resolve("vigil.conf"))) {
            Run r = vigil(null, "cluster", "destroy", "--dir", dir.toString(), "--force");
            assertEquals(0, r.code(), r.out() + r.err());
        }
    }

    @Test
    void buildsBothSeedExamplesAndExplainsThem() throws Exception {
        // bin/vigil exports VIGIL_HOME; under surefire the checkout is -Dvigil.home, so point the
        // CLI's agent lookup (resource create checks the agent) at its agents/ explicitly.
        System.setProperty("vigil.agents.dir", LocalCluster.vigilHome().resolve("agents").toString());
        dir = tmp.resolve("cluster");
        Path failFile = tmp.resolve("fail-web-httpd");
        int port = LocalCluster.freePort(3, 7800, 8000).orElseThrow();
        ok(null, "cluster", "setup", "--name", "seed", "node1=127.0.0.1", "node2=127.0.0.2", "node3=127.0.0.3",
                "--dir", dir.toString(), "--port", String.valueOf(port));
        ok(null, "cluster", "start", "--dir", dir.toString(), "--all");
        await("three nodes online with a DC", this::status, s -> s.contains("Online: [ ") && s.contains("node1")
                && s.contains("node2") && s.contains("node3") && s.contains("partition with quorum")
                && !s.contains("OFFLINE"));

        // The web service, with vigil's own commands: address + http service as a group,
        // stickiness, a preferred node.
        String sock = socket("node1");
        ok(null, "resource", "create", "web-ip", "ocf:vigil:Dummy", "op", "monitor", "interval=2s", "timeout=10s",
                "--group", "web", "--socket", sock);
        ok(null, "resource", "create", "web-httpd", "ocf:vigil:Dummy", "fail_monitor_file=" + failFile, "op", "monitor",
                "interval=2s", "timeout=10s", "--group", "web", "--socket", sock);
        ok(null, "constraint", "location", "web", "prefers", "node2=100", "--socket", sock);
        ok(null, "resource", "defaults", "resource-stickiness=200", "--socket", sock);
        ok(null, "property", "set", "stonith-enabled=false", "--socket", sock);
        // The zabbix-style service, in crm syntax (through another node): address + server,
        // colocation, order, location preference, no-quorum-policy.
        ok("""
                # zabbix: address and server
                primitive zbx-ip ocf:vigil:Dummy \\
                    op monitor interval=2s timeout=10s
                primitive zbx-server ocf:vigil:Dummy op monitor interval=2s timeout=10s
                colocation zbx-server-with-ip inf: zbx-server zbx-ip
                order zbx-ip-then-server Mandatory: zbx-ip zbx-server
                location zbx-prefers-node3 zbx-ip 50: node3
                property no-quorum-policy=ignore
                verify
                commit
                """, "crm", "configure", "--socket", socket("node2"));

        String s = await("both services started", this::status, st -> st.contains("web-httpd\t(ocf:vigil:Dummy):\t Started node2")
                && st.contains("zbx-server\t(ocf:vigil:Dummy):\t Started node3"));
        assertTrue(s.contains("* Resource Group: web:"), s);
        assertTrue(s.contains("web-ip\t(ocf:vigil:Dummy):\t Started node2"), s);
        assertTrue(s.contains("zbx-ip\t(ocf:vigil:Dummy):\t Started node3"), s);

        String web = explain("web");
        assertTrue(web.contains("Resource web-ip: running on node2, will run on node2"), web);
        assertTrue(web.contains("+100  location constraint location-web-node2-100"), web);
        assertTrue(web.contains("+200  resource-stickiness (it is running here)"), web);
        String zbx = explain("zbx-server");
        assertTrue(zbx.contains("colocation zbx-server-with-ip with zbx-ip"), zbx);
        assertTrue(zbx.contains("node1: banned (-INFINITY) by colocation zbx-server-with-ip with zbx-ip"), zbx);

        // Standby moves web away; explain says why node2 lost.
        ok(null, "node", "attribute", "node2", "standby", "on", "--socket", socket("node1"));
        s = await("web to leave node2", this::status, st -> st.contains("Node node2: standby")
                && st.contains("web-httpd\t(ocf:vigil:Dummy):\t Started node") && !st.contains("Started node2"));
        web = explain("web-ip");
        assertTrue(web.contains("node2: cannot run resources: the node is standby"), web);
        String newHome = web.replaceAll("(?s).*will run on (node\\d).*", "$1");
        // Back online, stickiness (200) beats the preference (100): web stays where it is now.
        ok(null, "node", "attribute", "node2", "standby", "--delete", "--socket", socket("node1"));
        await("node2 online again", this::status, st -> !st.contains("standby"));
        web = explain("web-ip");
        assertTrue(web.contains("will run on " + newHome), web);
        assertTrue(web.contains("node2: lower score, 100 against"), web);

        // Move web to the third node, then clear the move: stickiness keeps it there.
        String third = newHome.equals("node1") ? "node3" : "node1";
        ok(null, "resource", "move", "web", third, "--socket", sock);
        await("web to move to " + third, this::status, st -> st.contains("web-httpd\t(ocf:vigil:Dummy):\t Started " + third));
        web = explain("web-ip");
        assertTrue(web.contains("location constraint cli-prefer-web (left by 'resource move'"), web);
        ok(null, "resource", "clear", "web", "--socket", sock);
        web = explain("web-ip");
        assertTrue(!web.contains("cli-prefer-web") && web.contains("will run on " + third), web);
        assertTrue(web.contains("+200  resource-stickiness (it is running here)"), web);
        String home = third;

        // Ban the zabbix address from its node: both leave it (the server follows the address).
        ok(null, "resource", "ban", "zbx-ip", "node3", "--socket", sock);
        s = await("zabbix to leave node3", this::status, st -> st.contains("zbx-server\t(ocf:vigil:Dummy):\t Started node")
                && !st.contains("zbx-ip\t(ocf:vigil:Dummy):\t Started node3"));
        zbx = explain("zbx-ip");
        assertTrue(zbx.contains("node3: banned (-INFINITY) by location constraint cli-ban-zbx-ip-on-node3 (left by "
                + "'resource ban'"), zbx);
        ok(null, "resource", "clear", "zbx-ip", "--socket", sock);
        // Without the ban, node3's preference (50) does not outweigh the stickiness of both where they run.
        zbx = explain("zbx-ip");
        assertTrue(!zbx.contains("cli-ban") && zbx.contains("node3: lower score, 50 against"), zbx);
        assertTrue(zbx.contains("colocation zbx-server-with-ip: zbx-server wants to be with it"), zbx);

        // A failed monitor: recovered in place, shown as a failed action, then cleaned up.
        Files.writeString(failFile, "fail\n");
        s = await("the failed monitor to show", this::status, st -> st.contains("Failed Resource Actions:")
                && st.contains("web-httpd_monitor_2000 on " + home));
        Files.delete(failFile);
        ok(null, "resource", "cleanup", "web-httpd", "--socket", sock);
        s = await("the failure to be cleaned up", this::status, st -> !st.contains("Failed Resource Actions:")
                && st.contains("web-httpd\t(ocf:vigil:Dummy):\t Started " + home));

        await("the cluster to settle", () -> ok(null, "explain", "--transition", "--socket", socket("node1")).out(),
                t -> t.contains("Nothing to do"));
        String json = ok(null, "status", "--output", "json", "--socket", socket("node3")).out();
        assertTrue(json.contains("\"cluster\" : \"seed\""), json);

        ok(null, "cluster", "stop", "--dir", dir.toString(), "--all");
    }
}
