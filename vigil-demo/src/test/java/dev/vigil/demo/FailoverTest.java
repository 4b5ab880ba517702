package dev.vigil.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.api.ApiTypes;
import dev.vigil.cib.CibXml;
import dev.vigil.cli.VigilCommand;
import dev.vigil.controller.status.ActiveResources;
import dev.vigil.controller.status.CibStatus;
import dev.vigil.model.cib.Cib;
import dev.vigil.model.cib.LrmOp;
import dev.vigil.model.cib.LrmResource;
import dev.vigil.model.cib.NodeState;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Three real daemons on loopback with real agents ({@code ocf:vigil:Dummy}, {@code ocf:vigil:http},
 * {@code fence_vigil}): failover, failure handling and the scheduler's agreement with the live
 * cluster. Throughout every test, {@link ActiveChecker} watches that no service process ever runs
 * on two nodes at once.
 */
@Timeout(180)
class FailoverTest {
    private static final String IP = "127.0.0.60";
    private static final Duration SETTLE = Duration.ofSeconds(30);

    private LocalCluster cluster;
    private ActiveChecker checker;
    private int port;

    @BeforeEach
    void start() throws Exception {
        cluster = LocalCluster.create("it", 3, LocalCluster.vigilHome(), LocalCluster.currentClasspath());
        cluster.start();
        cluster.awaitFormed(Duration.ofSeconds(60));
        checker = new ActiveChecker(cluster.pidDir());
        port = LocalCluster.freePort(1, 20000, 30000).orElseThrow();
    }

    @AfterEach
    void stop() throws Exception {
        try {
            if (checker != null) {
                checker.close();
                assertEquals(List.of(), checker.violations(), "a service ran on two nodes at once");
                assertTrue(checker.checks() > 10, "the checker ran");
            }
        } finally {
            if (cluster != null) {
                cluster.close();
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    private String dc() {
        for (String n : cluster.alive()) {
            try {
                String dc = cluster.status(n).dc();
                if (dc != null) {
                    return dc;
                }
            } catch (RuntimeException e) {
                // try the next node
            }
        }
        return null;
    }

    private Cib dcCib() {
        String dc = dc();
        return cluster.cib(dc != null ? dc : cluster.alive().get(0));
    }

    private void configure(String properties, String resources, String constraints) {
        cluster.replaceConfiguration(cluster.alive().get(0), DemoCib.cib(properties, resources, constraints));
    }

    private String fencing() {
        return DemoCib.fencingProperties();
    }

    private String fenceDevice() {
        return DemoCib.fenceDevice(cluster.pidDir(), cluster.names());
    }

    private String web() {
        return DemoCib.webService("web", IP, port, cluster.pidDir());
    }

    private String dummy(String id, String extra) {
        return """
                <primitive id="%1$s" class="ocf" provider="vigil" type="Dummy">
                  <instance_attributes id="%1$s-ia">
                    <nvpair id="%1$s-log" name="op_log" value="%2$s"/>
                  </instance_attributes>
                  %3$s
                  <operations>
                    <op id="%1$s-monitor" name="monitor" interval="2s" timeout="5s"/>
                    <op id="%1$s-start" name="start" interval="0" timeout="3s"/>
                  </operations>
                </primitive>""".formatted(id, cluster.dir().resolve("ops.log"), extra);
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            Thread.sleep(25);
        }
    }

    /** Waits until the service answers, from a node other than {@code not} if given; returns the node. */
    private String awaitAnswer(String not, Duration timeout) throws InterruptedException {
        String[] answer = new String[1];
        await("the service to answer" + (not == null ? "" : " from another node than " + not), timeout, () -> {
            answer[0] = HttpProbe.get(IP, port, 300);
            return answer[0] != null && !answer[0].isEmpty() && !answer[0].equals(not);
        });
        return answer[0];
    }

    /** Online nodes whose history in the CIB says {@code rsc} is active there. */
    private List<String> activeOn(Cib cib, String rsc) {
        List<String> nodes = new ArrayList<>();
        for (NodeState s : cib.status().nodes()) {
            if ("true".equals(s.get("in_ccm")) && ActiveResources.on(s).contains(rsc)) {
                nodes.add(s.uname());
            }
        }
        return nodes;
    }

    /** The call id of the completed one-shot {@code task} of {@code rsc} on {@code node}, or -1. */
    private static int callId(Cib cib, String node, String rsc, String task) {
        NodeState s = CibStatus.node(cib, node);
        for (LrmResource r : s == null ? List.<LrmResource>of() : s.lrmResources()) {
            if (r.id().equals(rsc)) {
                for (LrmOp op : r.ops()) {
                    if (task.equals(op.operation()) && op.intervalMs() == 0 && op.opStatus() == LrmOp.STATUS_DONE) {
                        return op.callId();
                    }
                }
            }
        }
        return -1;
    }

    /** Waits until the DC's CIB records the starts of {@code rscs} on {@code node}; checks they are in that order. */
    private void assertStartedInOrder(String node, String... rscs) throws InterruptedException {
        await("the starts of " + List.of(rscs) + " on " + node + " in the CIB", SETTLE, () -> {
            Cib cib = dcCib();
            return java.util.Arrays.stream(rscs).allMatch(r -> callId(cib, node, r, "start") > 0);
        });
        Cib cib = dcCib();
        for (int i = 1; i < rscs.length; i++) {
            assertTrue(callId(cib, node, rscs[i - 1], "start") < callId(cib, node, rscs[i], "start"),
                    rscs[i - 1] + " started before " + rscs[i] + " on " + node);
        }
    }

    private static int failCount(Cib cib, String node, String rsc) {
        int total = 0;
        for (Map.Entry<String, String> e : CibStatus.transientAttributes(CibStatus.node(cib, node)).entrySet()) {
            if (e.getKey().startsWith("fail-count-" + rsc + "#")) {
                total += e.getValue().equals("INFINITY") ? 1_000_000 : Integer.parseInt(e.getValue());
            }
        }
        return total;
    }

    private static boolean fencedInCib(Cib cib, String node) {
        NodeState s = CibStatus.node(cib, node);
        return s != null && "down".equals(s.get("expected")) && "false".equals(s.get("in_ccm")) && !s.hasLrm();
    }

    /** The pid of the service process a node runs, if it runs one. */
    private Optional<Long> webProcess(String node) throws IOException {
        Path f = cluster.pidDir().resolve(node + "@web.pid");
        if (!Files.exists(f)) {
            return Optional.empty();
        }
        long pid = Long.parseLong(Files.readString(f).trim().split("\\s+")[0]);
        return Processes.isRunning(pid) ? Optional.of(pid) : Optional.empty();
    }

    /** The op_log lines "ms instance action phase [rc]" of {@code action}, in order. */
    private List<String> opLog(String action) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String l : Files.readAllLines(cluster.dir().resolve("ops.log"))) {
            String[] f = l.split(" ");
            if (f.length >= 4 && f[2].equals(action)) {
                lines.add(f[1] + " " + f[3]);
            }
        }
        return lines;
    }

    // ------------------------------------------------------------------ tests

    @Test
    void aGroupStartsInOrderAndAfterKill9OfItsNodeIsFencedAndStartsInOrderOnASurvivor() throws Exception {
        configure(fencing(), fenceDevice() + "<group id=\"svc\">" + dummy("a", "") + dummy("b", "") + web()
                + "</group>", "");
        String first = awaitAnswer(null, SETTLE);
        assertEquals(List.of("a begin", "a end", "b begin", "b end"), opLog("start"), "a, then b, one after the other");
        assertStartedInOrder(first, "a", "b", "web");
        long oldWeb = webProcess(first).orElseThrow();

        Files.delete(cluster.dir().resolve("ops.log"));
        long killedAt = System.nanoTime();
        cluster.kill(first);
        String survivor = awaitAnswer(first, SETTLE);
        double seconds = (System.nanoTime() - killedAt) / 1e9;
        assertFalse(Processes.isRunning(oldWeb), "fence_vigil killed the old service process");
        await("the fencing of " + first + " in the CIB", SETTLE, () -> fencedInCib(dcCib(), first));
        assertEquals(List.of("a begin", "a end", "b begin", "b end"), opLog("start"), "in order again on " + survivor);
        assertStartedInOrder(survivor, "a", "b", "web");
        assertEquals(List.of(survivor), activeOn(dcCib(), "web"));
        System.out.printf("failover of a group after kill -9 of %s: %s answers after %.2f s%n", first, survivor, seconds);
    }

    @Test
    void theDcsOwnCrashIsRecoveredByTheNextDcAfterFencingIt() throws Exception {
        String dc = dc();
        configure(fencing(), fenceDevice() + web(),
                "<rsc_location id=\"web-on-dc\" rsc=\"web\" node=\"" + dc + "\" score=\"100\"/>");
        assertEquals(dc, awaitAnswer(null, SETTLE));
        long killedAt = System.nanoTime();
        cluster.kill(dc);
        String survivor = awaitAnswer(dc, SETTLE);
        System.out.printf("failover after kill -9 of the DC %s: %s answers after %.2f s%n", dc, survivor,
                (System.nanoTime() - killedAt) / 1e9);
        String newDc = dc();
        assertNotEquals(dc, newDc);
        await("the fencing of the old DC in the CIB", SETTLE, () -> fencedInCib(dcCib(), dc));
        assertEquals(List.of(survivor), activeOn(dcCib(), "web"));
    }

    @Test
    void aMonitorFailureRestartsInPlaceAndAfterMigrationThresholdFailuresMoves() throws Exception {
        configure(fencing(), fenceDevice() + web(), "");
        cluster.replaceConfiguration(cluster.alive().get(0), DemoCib.cib(fencing(), fenceDevice() + web(), "")
                .replace("<nvpair id=\"rsc-defaults-stickiness\"",
                        "<nvpair id=\"mt\" name=\"migration-threshold\" value=\"2\"/><nvpair id=\"rsc-defaults-stickiness\""));
        String home = awaitAnswer(null, SETTLE);
        long first = webProcess(home).orElseThrow();
        ProcessHandle.of(first).ifPresent(ProcessHandle::destroyForcibly);
        await("web restarted on " + home, SETTLE, () -> {
            try {
                Optional<Long> p = webProcess(home);
                return p.isPresent() && p.get() != first && home.equals(HttpProbe.get(IP, port, 300));
            } catch (IOException e) {
                return false;
            }
        });
        await("fail count 1 on " + home, SETTLE, () -> failCount(dcCib(), home, "web") == 1);
        assertEquals(0, failCount(dcCib(), home, "fence-vigil"));

        ProcessHandle.of(webProcess(home).orElseThrow()).ifPresent(ProcessHandle::destroyForcibly);
        String moved = awaitAnswer(home, SETTLE);
        assertNotEquals(home, moved);
        assertEquals(2, failCount(dcCib(), home, "web"));
        assertEquals(List.of(moved), activeOn(dcCib(), "web"));
        assertFalse(fencedInCib(dcCib(), home), "a failed monitor does not fence");

        cluster.cleanup(cluster.alive().get(0), "web", null);
        await("the fail counts of web to be cleared", SETTLE, () -> failCount(dcCib(), home, "web") == 0);
        assertEquals(moved, HttpProbe.get(IP, port, 300), "after the cleanup it stays where it is (stickiness)");
    }

    @Test
    void aHungStartTimesOutAndTheResourceRecoversOnAnotherNode() throws Exception {
        String hangOnNode1 = """
                <instance_attributes id="h-hang" score="10">
                  <rule id="h-hang-rule" score="0"><expression id="h-hang-expr" attribute="#uname" operation="eq" value="node1"/></rule>
                  <nvpair id="h-hang-start" name="hang_start" value="1"/>
                </instance_attributes>""";
        configure(fencing(), fenceDevice() + dummy("h", hangOnNode1),
                "<rsc_location id=\"h-prefers-node1\" rsc=\"h\" node=\"node1\" score=\"100\"/>");
        await("h to run elsewhere after its start on node1 timed out", SETTLE, () -> {
            List<String> on = activeOn(dcCib(), "h");
            return on.size() == 1 && !on.contains("node1");
        });
        Cib cib = dcCib();
        assertEquals(1_000_000, failCount(cib, "node1", "h"), "a timed-out start is a failed start");
        LrmOp failure = CibStatus.node(cib, "node1").lrmResources().stream().filter(r -> r.id().equals("h"))
                .flatMap(r -> r.ops().stream()).filter(o -> o.id().equals("h_last_failure_0")).findFirst().orElseThrow();
        assertEquals(LrmOp.STATUS_TIMEOUT, failure.opStatus());
        assertTrue(failure.exitReason().contains("timed out"), failure.exitReason());
    }

    @Test
    void withoutFencingALostNodesServiceRecoversWithoutWaitingForFencing() throws Exception {
        configure("<nvpair id=\"opt-stonith-enabled\" name=\"stonith-enabled\" value=\"false\"/>", web(), "");
        String home = awaitAnswer(null, SETTLE);
        cluster.crash(home);
        String survivor = awaitAnswer(home, SETTLE);
        Cib cib = dcCib();
        assertFalse(fencedInCib(cib, home), "nobody fenced " + home);
        assertEquals(List.of(survivor), activeOn(cib, "web"));
    }

    @Test
    void standbyMovesTheServiceAwayAndStickinessKeepsItThere() throws Exception {
        configure(fencing(), fenceDevice() + web(), "");
        String home = awaitAnswer(null, SETTLE);
        cluster.setNodeAttribute(cluster.alive().get(0), home, "standby", "on", "forever");
        String moved = awaitAnswer(home, SETTLE);
        cluster.setNodeAttribute(cluster.alive().get(0), home, "standby", "off", "forever");
        Thread.sleep(3000);
        assertEquals(moved, HttpProbe.get(IP, port, 300), "it stays where it is (resource-stickiness)");
        assertTrue(webProcess(home).isEmpty());
    }

    @Test
    void vigilSimulateOnTheLiveCibAgreesWithWhatTheClusterDid() throws Exception {
        configure(fencing(), fenceDevice() + "<group id=\"svc\">" + dummy("a", "") + web() + "</group>", "");
        String home = awaitAnswer(null, SETTLE);
        cluster.kill(home);
        String survivor = awaitAnswer(home, SETTLE);
        await("the cluster to settle", SETTLE, () -> fencedInCib(dcCib(), home));
        Thread.sleep(2000);
        Cib live = dcCib();
        Path file = cluster.dir().resolve("live-cib.xml");
        Files.writeString(file, CibXml.write(live));
        StringWriter out = new StringWriter();
        int rc = VigilCommand.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(out))
                .execute("simulate", "--xml-file", file.toString());
        String text = out.toString();
        assertEquals(0, rc, text);
        String summary = text.substring(text.indexOf("Transition Summary:"), text.indexOf("Executing Cluster Transition:")
                < 0 ? text.length() : text.indexOf("Executing Cluster Transition:"));
        assertEquals("Transition Summary:", summary.strip(), "the scheduler wants no change:\n" + text);
        assertTrue(text.contains("web\t(ocf:vigil:http):\t Started " + survivor), text);
        assertTrue(text.contains("OFFLINE: [ " + home + " ]"), text);
        ApiTypes.ClusterStatus status = cluster.status(survivor);
        assertEquals(2, status.nodes().stream().filter(ApiTypes.NodeInfo::online).count());
    }
}
