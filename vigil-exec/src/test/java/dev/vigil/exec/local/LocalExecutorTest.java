package dev.vigil.exec.local;

import dev.vigil.exec.AgentNotFoundException;
import dev.vigil.exec.AgentSpec;
import dev.vigil.exec.OcfResult;
import dev.vigil.exec.OpStatus;
import dev.vigil.exec.OperationRequest;
import dev.vigil.exec.OperationResult;
import dev.vigil.exec.testing.TestProcesses;
import dev.vigil.model.cib.LrmOp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(120)
class LocalExecutorTest {
    private static final AgentSpec HB_DUMMY = AgentSpec.parse("ocf:heartbeat:Dummy");
    private static final AgentSpec DUMMY = AgentSpec.ocf("vigil", "Dummy");

    @TempDir
    Path dir;
    ExecutorFixture fx;

    @BeforeEach
    void setUp() {
        fx = new ExecutorFixture(dir);
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    private OperationRequest dummy(String id, String action, Map<String, String> params) {
        Map<String, String> all = new HashMap<>(params);
        all.putIfAbsent("state", dir.resolve(id + ".state").toString());
        return OperationRequest.of(id, DUMMY, action).withParameters(all).withTimeout(Duration.ofSeconds(20));
    }

    @Test
    void heartbeatDummyStartsMonitorsAndStops() throws Exception {
        Path state = dir.resolve("hb.state");
        OperationRequest base = OperationRequest.of("hb", HB_DUMMY, "monitor").withParameters(Map.of("state", state.toString()));

        OperationResult probe = fx.run(base);
        assertEquals(OcfResult.NOT_RUNNING.code(), probe.rcCode(), probe.describe());
        assertTrue(probe.succeeded(), "a probe expects 'not running'");

        OperationResult start = fx.run(base.withAction("start"));
        assertEquals(0, start.rcCode(), start.describe() + " " + start.stderr());
        assertTrue(start.succeeded());
        assertTrue(Files.exists(state));

        OperationResult monitor = fx.run(base.withInterval(Duration.ZERO));
        assertEquals(0, monitor.rcCode());
        assertFalse(monitor.succeeded(), "a probe of a running resource is not what was expected");

        OperationResult stop = fx.run(base.withAction("stop"));
        assertEquals(0, stop.rcCode());
        assertFalse(Files.exists(state));
        assertEquals(7, fx.run(base).rcCode());
        assertTrue(probe.callId() < start.callId() && start.callId() < monitor.callId() && monitor.callId() < stop.callId());
    }

    @Test
    void vigilDummyKnobs() throws Exception {
        Path failFile = dir.resolve("fail-monitor");
        Map<String, String> knobs = Map.of("fail_monitor_file", failFile.toString(), "start_delay", "0.3");
        OperationResult start = fx.run(dummy("d", "start", knobs));
        assertEquals(0, start.rcCode());
        assertTrue(start.execTime().toMillis() >= 300, "start_delay: " + start.execTime());

        assertEquals(0, fx.run(dummy("d", "monitor", knobs)).rcCode());
        Files.writeString(failFile, "");
        OperationResult failing = fx.run(dummy("d", "monitor", knobs));
        assertEquals(1, failing.rcCode());
        assertEquals("injected monitor failure (" + failFile + " exists)", failing.exitReason());
        Map<String, String> notRunning = new HashMap<>(knobs);
        notRunning.put("fail_monitor_rc", "7");
        assertEquals(7, fx.run(dummy("d", "monitor", notRunning)).rcCode());
        Files.delete(failFile);
        assertEquals(0, fx.run(dummy("d", "monitor", knobs)).rcCode());

        OperationResult failStop = fx.run(dummy("d", "stop", Map.of("fail_stop", "1")));
        assertEquals(1, failStop.rcCode());
        assertEquals("injected stop failure (fail_stop=1)", failStop.exitReason());
        assertEquals(0, fx.run(dummy("d", "stop", Map.of())).rcCode());

        OperationResult failStart = fx.run(dummy("e", "start", Map.of("fail_start", "1")));
        assertEquals(1, failStart.rcCode());
        assertEquals(OpStatus.DONE, failStart.status());
        assertEquals("injected start failure (fail_start=1)", failStart.exitReason());
        assertEquals(7, fx.run(dummy("e", "monitor", Map.of())).rcCode(), "a failed start leaves it stopped");

        OperationResult invalid = fx.run(dummy("f", "validate-all", Map.of("stop_delay", "soon")));
        assertEquals(OcfResult.ERR_CONFIGURED.code(), invalid.rcCode());
        assertEquals("stop_delay='soon' is not a number of seconds", invalid.exitReason());
    }

    @Test
    void hungStartTimesOutAndLeavesNoProcess() throws Exception {
        String id = "hang-" + UUID.randomUUID();
        OperationRequest hang = dummy(id, "start", Map.of("hang_start", "1")).withTimeout(Duration.ofMillis(500));
        long t0 = System.nanoTime();
        OperationResult result = fx.run(hang);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(OpStatus.TIMED_OUT, result.status());
        assertEquals(1, result.rcCode());
        assertTrue(result.exitReason().contains("timed out after 500ms"), result.exitReason());
        assertTrue(ms < 5_000, "took " + ms + "ms");
        assertEquals(List.of(), TestProcesses.withEnvironment("OCF_RESOURCE_INSTANCE=" + id),
                "the agent's whole process group is gone");
        LrmOp op = result.toLrmOp(id, "node1", "3:7:0:abc", null);
        assertEquals(LrmOp.STATUS_TIMEOUT, op.opStatus());
        assertEquals("2:1;3:7:0:abc", op.transitionMagic());
    }

    @Test
    void lsbScriptStatusCodesAreMappedToOcf() throws Exception {
        Path flag = dir.resolve("svc.running");
        TestProcesses.script(dir.resolve("init.d/vtest"), """
                #!/bin/sh
                ### BEGIN INIT INFO
                # Provides:          vtest
                # Required-Start:    $local_fs
                # Short-Description: Vigil test service
                # Description:       A service that is only a flag file,
                #                    written by the executor's tests.
                ### END INIT INFO
                F=%s
                case "$1" in
                  start) touch "$F" ;;
                  stop) rm -f "$F" ;;
                  status) [ -e "$F" ] && exit 0; exit 3 ;;
                  *) echo "usage" >&2; exit 3 ;;
                esac
                """.formatted(flag));
        AgentSpec lsb = AgentSpec.lsb("vtest");
        OperationRequest monitor = OperationRequest.of("svc", lsb, "monitor");
        assertEquals(OcfResult.NOT_RUNNING.code(), fx.run(monitor).rcCode(), "LSB status 3 is OCF 7");
        assertEquals(0, fx.run(monitor.withAction("start")).rcCode());
        assertEquals(0, fx.run(monitor).rcCode());
        assertEquals(0, fx.run(monitor.withAction("stop")).rcCode());
        assertEquals(7, fx.run(monitor).rcCode());
        OperationResult promote = fx.run(monitor.withAction("promote"));
        assertEquals(OcfResult.ERR_UNIMPLEMENTED.code(), promote.rcCode());
        assertEquals(OpStatus.NOT_SUPPORTED, promote.status());

        OperationRequest viaService = OperationRequest.of("svc", AgentSpec.parse("service:vtest"), "start");
        assertEquals(0, fx.run(viaService).rcCode(), "service: finds the init script");
        assertEquals(0, fx.run(viaService.withAction("monitor")).rcCode());
        assertEquals(0, fx.run(viaService.withAction("stop")).rcCode());

        var md = fx.executor.metadata(lsb);
        assertEquals("Vigil test service", md.shortDescription());
        assertEquals("A service that is only a flag file, written by the executor's tests.", md.longDescription());
        assertEquals(Duration.ofSeconds(15), md.defaultTimeout("start").orElseThrow());
    }

    @Test
    void recurringMonitorReportsOnlyChangesAndStopCancelsIt() throws Exception {
        Path failFile = dir.resolve("fail");
        Path log = dir.resolve("ops.log");
        Map<String, String> knobs = Map.of("fail_monitor_file", failFile.toString(), "op_log", log.toString());
        assertEquals(0, fx.run(dummy("r", "start", knobs)).rcCode());

        OperationRequest monitor = dummy("r", "monitor", knobs).withInterval(Duration.ofMillis(150));
        OperationResult first = fx.executor.execute(monitor).get(10, TimeUnit.SECONDS);
        assertEquals(0, first.rcCode());
        assertEquals(List.of(monitor), fx.executor.recurringOperations());
        String key = monitor.operationKey();
        assertTrue(TestProcesses.eventually(5_000, () -> monitorRuns(log) >= 4), "the monitor keeps running");
        assertEquals(1, fx.reportedFor(key).size(), "no report while nothing changes");

        Files.writeString(failFile, "");
        assertTrue(TestProcesses.eventually(5_000, () -> fx.reportedFor(key).size() == 2));
        int runsAtFailure = monitorRuns(log);
        assertTrue(TestProcesses.eventually(5_000, () -> monitorRuns(log) >= runsAtFailure + 3));
        List<OperationResult> reports = fx.reportedFor(key);
        assertEquals(2, reports.size(), "a failure that goes on is reported once");
        OperationResult failed = reports.get(1);
        assertEquals(1, failed.rcCode());
        assertEquals(first.callId(), failed.callId(), "a recurring operation keeps its call id");
        assertFalse(failed.lastRcChange().isBefore(first.lastRcChange()));

        Files.delete(failFile);
        assertTrue(TestProcesses.eventually(5_000, () -> fx.reportedFor(key).size() == 3));
        assertEquals(0, fx.reportedFor(key).get(2).rcCode());

        OperationResult stop = fx.run(dummy("r", "stop", knobs));
        assertEquals(0, stop.rcCode());
        List<OperationResult> afterStop = fx.reportedFor(key);
        assertEquals(OpStatus.CANCELLED, afterStop.get(afterStop.size() - 1).status(), "stop cancels the monitor");
        assertEquals(List.of(), fx.executor.recurringOperations());
        int runsAtStop = monitorRuns(log);
        Thread.sleep(500);
        assertEquals(runsAtStop, monitorRuns(log), "no monitor runs after the stop");
    }

    @Test
    void cancelReportsCancellation() throws Exception {
        assertEquals(0, fx.run(dummy("c", "start", Map.of())).rcCode());
        OperationRequest monitor = dummy("c", "monitor", Map.of()).withInterval(Duration.ofSeconds(30));
        fx.executor.execute(monitor).get(10, TimeUnit.SECONDS);
        assertTrue(fx.executor.cancel("c", "monitor", Duration.ofSeconds(30)));
        assertFalse(fx.executor.cancel("c", "monitor", Duration.ofSeconds(30)));
        List<OperationResult> reports = fx.reportedFor(monitor.operationKey());
        assertEquals(List.of(OpStatus.DONE, OpStatus.CANCELLED), reports.stream().map(OperationResult::status).toList());
    }

    @Test
    void operationsOnOneResourceAreSerialisedAndDifferentResourcesRunInParallel() throws Exception {
        Path log = dir.resolve("ops.log");
        Map<String, String> slow = Map.of("op_log", log.toString(), "start_delay", "0.4", "monitor_delay", "0.1",
                "stop_delay", "0.2");
        List<CompletableFuture<OperationResult>> futures = new ArrayList<>();
        futures.add(fx.executor.execute(dummy("a", "start", slow)));
        futures.add(fx.executor.execute(dummy("b", "start", slow)));
        futures.add(fx.executor.execute(dummy("a", "monitor", slow)));
        futures.add(fx.executor.execute(dummy("a", "stop", slow)));
        futures.add(fx.executor.execute(dummy("a", "monitor", slow)));
        for (CompletableFuture<OperationResult> f : futures) {
            f.get(30, TimeUnit.SECONDS);
        }
        assertEquals(List.of(0, 0, 0, 0, 7), futures.stream().map(f -> f.join().rcCode()).toList());
        assertTrue(futures.get(3).join().queueTime().toMillis() >= 300, "the stop waited behind start and monitor");

        List<long[]> a = spans(log, "a");
        assertEquals(List.of("start", "monitor", "stop", "monitor"), actions(log, "a"), "in submission order");
        for (int i = 1; i < a.size(); i++) {
            assertTrue(a.get(i)[0] >= a.get(i - 1)[1], "operations on 'a' do not overlap: " + i);
        }
        long[] b = spans(log, "b").get(0);
        assertTrue(b[0] < a.get(0)[1] && a.get(0)[0] < b[1], "'a' and 'b' started side by side");
    }

    @Test
    void unknownAgentIsNamedWithSuggestions() throws Exception {
        OperationResult result = fx.run(OperationRequest.of("x", AgentSpec.parse("ocf:heartbeat:Dumy"), "start"));
        assertEquals(OcfResult.ERR_INSTALLED.code(), result.rcCode());
        assertEquals(OpStatus.NOT_INSTALLED, result.status());
        assertTrue(result.exitReason().startsWith("agent ocf:heartbeat:Dumy not found"), result.exitReason());
        assertTrue(result.exitReason().contains("did you mean ocf:heartbeat:Dummy"), result.exitReason());

        AgentNotFoundException e = assertThrows(AgentNotFoundException.class,
                () -> fx.executor.metadata(AgentSpec.parse("ocf:vigil:dummy")));
        assertEquals(AgentSpec.parse("ocf:vigil:Dummy"), e.suggestions().get(0), e.getMessage());
        assertTrue(e.getMessage().contains("did you mean ocf:vigil:Dummy"), e.getMessage());

        AgentNotFoundException fence = assertThrows(AgentNotFoundException.class,
                () -> fx.executor.metadata(AgentSpec.stonith("fence_vigl")));
        assertTrue(fence.getMessage().contains("did you mean stonith:fence_vigil"), fence.getMessage());

        assertThrows(IllegalArgumentException.class, () -> AgentSpec.parse("ocf:heartbeat"));
        assertThrows(IllegalArgumentException.class, () -> AgentSpec.parse("ocf:../..:sh"));
        assertThrows(IllegalArgumentException.class, () -> AgentSpec.parse("bogus:thing"));
    }

    @Test
    void validateAllReportsMissingRequiredParameters() throws Exception {
        OperationResult http = fx.run(OperationRequest.of("web", AgentSpec.ocf("vigil", "http"), "validate-all"));
        assertEquals(OcfResult.ERR_CONFIGURED.code(), http.rcCode());
        assertEquals("parameter ip is required", http.exitReason());
        assertEquals(OcfResult.Severity.FATAL, http.ocfResult().severity());

        OperationResult ip = fx.run(OperationRequest.of("vip", AgentSpec.parse("ocf:heartbeat:IPaddr2"), "validate-all"));
        assertEquals(OcfResult.ERR_CONFIGURED.code(), ip.rcCode(), ip.stderr());
        assertTrue(ip.exitReason().contains("mandatory"), ip.exitReason());
        assertEquals(List.of("ip"), fx.executor.metadata(AgentSpec.parse("ocf:heartbeat:IPaddr2")).missingRequired(Map.of()));
    }

    @Test
    void agentsGetTheOcfEnvironment() throws Exception {
        Path out = dir.resolve("env.txt");
        TestProcesses.script(dir.resolve("ocf/test/envdump"), """
                #!/bin/sh
                env | sort > "%s"
                echo "some log line" >&2
                echo "ocf-exit-reason:first reason" >&2
                echo "ocf-exit-reason:  the final word  " >&2
                exit ${OCF_RESKEY_exit_code:-0}
                """.formatted(out));
        try (ExecutorFixture custom = new ExecutorFixture(dir.resolve("custom2"), b -> b.paths(
                // An extra OCF directory, searched before OCF_ROOT: how agents outside /usr/lib/ocf are found.
                new dev.vigil.exec.AgentPaths(Path.of("/usr/lib/ocf"), List.of(dir.resolve("ocf")), dir.resolve("init.d"),
                        List.of())).debug(true).logFacility("daemon"))) {
            OperationRequest req = OperationRequest.of("web:0", AgentSpec.ocf("test", "envdump"), "monitor")
                    .withInterval(Duration.ofSeconds(10)).withTimeout(Duration.ofSeconds(5))
                    .withParameters(Map.of("ip", "198.18.0.50", "exit_code", "42"))
                    .withMeta(Map.of("clone-max", "3", "notify_type", "pre"))
                    .withTrace(true);
            OperationResult r = custom.executor.execute(req).get(10, TimeUnit.SECONDS);
            custom.executor.cancel("web:0", "monitor", Duration.ofSeconds(10));
            assertEquals(OcfResult.ERR_GENERIC.code(), r.rcCode(), "42 is not an OCF code");
            assertEquals("the final word", r.exitReason());
            List<String> env = Files.readAllLines(out);
            for (String expected : List.of("OCF_ROOT=/usr/lib/ocf", "OCF_RA_VERSION_MAJOR=1", "OCF_RA_VERSION_MINOR=1",
                    "OCF_RESOURCE_INSTANCE=web:0", "OCF_RESOURCE_TYPE=envdump", "OCF_RESOURCE_PROVIDER=test",
                    "OCF_RESKEY_ip=198.18.0.50", "OCF_RESKEY_CRM_meta_timeout=5000", "OCF_RESKEY_CRM_meta_interval=10000",
                    "OCF_RESKEY_CRM_meta_clone_max=3", "OCF_RESKEY_CRM_meta_notify_type=pre",
                    "OCF_RESKEY_CRM_meta_on_node=node1", "OCF_TRACE_RA=1", "HA_debug=1", "HA_LOGFACILITY=daemon",
                    "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")) {
                assertTrue(env.contains(expected), expected + " in " + env);
            }
            assertFalse(env.stream().anyMatch(l -> l.startsWith("HOME=") || l.startsWith("JAVA_HOME=")),
                    "nothing leaks from the daemon's environment: " + env);
        }
    }

    @Test
    void systemdUnitsAreNotAvailableWithoutSystemd() throws Exception {
        try (ExecutorFixture noSystemd = new ExecutorFixture(dir.resolve("s"), b -> b.systemdAvailable(false))) {
            OperationResult r = noSystemd.run(OperationRequest.of("www", AgentSpec.systemd("nginx"), "start"));
            assertEquals(OcfResult.ERR_INSTALLED.code(), r.rcCode());
            assertEquals(OpStatus.NOT_INSTALLED, r.status());
            assertTrue(r.exitReason().startsWith("systemd is not the init system on this node"), r.exitReason());
            assertTrue(r.exitReason().contains("systemd:nginx"), r.exitReason());
        }
    }

    @Test
    void fenceDevicesAsResources() throws Exception {
        Path pids = Files.createDirectories(dir.resolve("pids"));
        OperationRequest dev = OperationRequest.of("fencer", AgentSpec.stonith("fence_vigil"), "monitor")
                .withParameters(Map.of("pid_dir", pids.toString(), "pcmk_host_list", "n1 n2"));
        assertEquals(7, fx.run(dev).rcCode(), "a device not started here is not running");
        assertEquals(0, fx.run(dev.withAction("start")).rcCode());
        assertEquals(0, fx.run(dev).rcCode());
        assertEquals(0, fx.run(dev.withAction("stop")).rcCode());
        assertEquals(7, fx.run(dev).rcCode());
        OperationResult broken = fx.run(dev.withAction("start").withParameters(Map.of("pid_dir", dir.resolve("nope").toString())));
        assertEquals(1, broken.rcCode());
        assertTrue(broken.exitReason().contains("is not a readable directory"), broken.exitReason());
    }

    @Test
    void resultsBecomeLrmOps() throws Exception {
        OperationResult start = fx.run(dummy("lrm", "start", Map.of()));
        LrmOp op = start.toLrmOp("lrm", "node1", "5:2:0:6c4c", "f00d");
        assertEquals("lrm_last_0", op.id());
        assertEquals("lrm_start_0", op.get("operation_key"));
        assertEquals("start", op.operation());
        assertEquals(start.callId(), op.callId());
        assertEquals(0, op.rcCode());
        assertEquals(0, op.opStatus());
        assertEquals(0, op.intervalMs());
        assertEquals("node1", op.onNode());
        assertEquals("5:2:0:6c4c", op.transitionKey());
        assertEquals("0:0;5:2:0:6c4c", op.transitionMagic());
        assertEquals("f00d", op.opDigest());
        assertEquals(start.lastRun().getEpochSecond(), op.lastRun());
        assertEquals(Long.toString(start.execTime().toMillis()), op.get("exec-time"));

        OperationResult mon = fx.executor.execute(dummy("lrm", "monitor", Map.of()).withInterval(Duration.ofSeconds(10)))
                .get(10, TimeUnit.SECONDS);
        LrmOp recurring = mon.toLrmOp("lrm", "node1", null, null);
        assertEquals("lrm_monitor_10000", recurring.id());
        assertEquals(10_000, recurring.intervalMs());
        assertEquals(null, recurring.opDigest());
    }

    @Test
    void graphParametersSplitIntoParametersAndMeta() {
        OperationRequest r = OperationRequest.fromGraph("vip", AgentSpec.parse("ocf:heartbeat:IPaddr2"), "monitor", 10_000,
                Map.of("ip", "198.18.0.50", "CRM_meta_timeout", "20000", "CRM_meta_interval", "10000",
                        "CRM_meta_op_target_rc", "7", "CRM_meta_on_node", "node2"));
        assertEquals(Map.of("ip", "198.18.0.50"), r.parameters());
        assertEquals(Map.of("op_target_rc", "7", "on_node", "node2"), r.meta());
        assertEquals(Duration.ofSeconds(20), r.timeout());
        assertEquals(Duration.ofSeconds(10), r.interval());
        assertEquals(7, r.expectedRc());
    }

    @Test
    void listsInstalledAgents() {
        List<AgentSpec> ocf = fx.executor.agents("ocf");
        assertTrue(ocf.contains(AgentSpec.ocf("vigil", "Dummy")));
        assertTrue(ocf.contains(AgentSpec.ocf("vigil", "http")));
        assertTrue(ocf.contains(AgentSpec.ocf("heartbeat", "IPaddr2")));
        assertTrue(fx.executor.agents("stonith").contains(AgentSpec.stonith("fence_vigil")));
    }

    @Test
    void closeKillsRunningOperationsAndCancelsQueuedOnes() throws Exception {
        String id = "closing-" + UUID.randomUUID();
        CompletableFuture<OperationResult> hung = fx.executor.execute(dummy(id, "start", Map.of("hang_start", "1")));
        CompletableFuture<OperationResult> queued = fx.executor.execute(dummy(id, "monitor", Map.of()));
        assertTrue(TestProcesses.eventually(5_000, () -> !TestProcesses.withEnvironment("OCF_RESOURCE_INSTANCE=" + id).isEmpty()));
        fx.executor.close(Duration.ofMillis(200));
        assertEquals(OpStatus.CANCELLED, hung.get(10, TimeUnit.SECONDS).status());
        assertEquals(OpStatus.CANCELLED, queued.get(10, TimeUnit.SECONDS).status());
        assertEquals(List.of(), TestProcesses.withEnvironment("OCF_RESOURCE_INSTANCE=" + id));
        assertTrue(fx.executor.execute(dummy(id, "stop", Map.of())).isCompletedExceptionally());
    }

    private static int monitorRuns(Path log) {
        try {
            return (int) Files.readAllLines(log).stream().filter(l -> l.contains(" monitor end ")).count();
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    private static List<String> actions(Path log, String instance) throws java.io.IOException {
        return Files.readAllLines(log).stream().map(l -> l.split(" "))
                .filter(f -> f[1].equals(instance) && f[3].equals("begin")).map(f -> f[2]).toList();
    }

    /** [begin, end] milliseconds of each operation of one instance, in log order. */
    private static List<long[]> spans(Path log, String instance) throws java.io.IOException {
        List<long[]> spans = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            String[] f = line.split(" ");
            if (!f[1].equals(instance)) {
                continue;
            }
            if (f[3].equals("begin")) {
                spans.add(new long[]{Long.parseLong(f[0]), -1});
            } else {
                spans.get(spans.size() - 1)[1] = Long.parseLong(f[0]);
            }
        }
        return spans;
    }
}
