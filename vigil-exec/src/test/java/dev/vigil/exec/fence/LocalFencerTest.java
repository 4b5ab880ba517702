package dev.vigil.exec.fence;

import dev.vigil.exec.AgentPaths;
import dev.vigil.exec.testing.TestProcesses;
import dev.vigil.model.cib.FencingLevel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fencer with fence_vigil against sleeping processes this test starts as "nodes". */
@Timeout(120)
class LocalFencerTest {
    @TempDir
    Path dir;
    Path pidDir;
    final List<Process> started = new ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        pidDir = Files.createDirectories(dir.resolve("pids"));
    }

    @AfterEach
    void tearDown() {
        for (Process p : started) {
            p.destroyForcibly();
        }
    }

    /** Starts a sleeping process standing for a node's daemon and writes its pid file. */
    private Process node(String name) throws IOException {
        Process p = new ProcessBuilder("sleep", "300").start();
        started.add(p);
        Files.writeString(pidDir.resolve(name + ".pid"), p.pid() + "\n");
        return p;
    }

    private FenceDevice device(String id, Map<String, String> options) {
        Map<String, String> params = new HashMap<>(options);
        params.putIfAbsent("pid_dir", pidDir.toString());
        return new FenceDevice(id, "stonith:fence_vigil", params);
    }

    private LocalFencer fencer(List<FenceDevice> devices, List<FencingLevel> levels) {
        return fencer(devices, levels, 42);
    }

    private LocalFencer fencer(List<FenceDevice> devices, List<FencingLevel> levels, long seed) {
        FencerOptions options = FencerOptions.builder()
                .paths(AgentPaths.system().withVigilAgents(TestProcesses.agentsDir()))
                .seed(seed).killGrace(Duration.ofMillis(300)).maxHistory(3).build();
        return new LocalFencer(options, new FenceConfig(devices, levels, Duration.ofSeconds(20)));
    }

    private static FencingLevel level(int index, String target, String... devices) {
        return new FencingLevel("fl-" + target + "-" + index, target, null, null, null, index, List.of(devices));
    }

    private static boolean dead(Process p) throws InterruptedException {
        return p.waitFor(5, TimeUnit.SECONDS);
    }

    @Test
    void staticHostListFencesTheListedNodeOnly() throws Exception {
        Process n1 = node("n1");
        Process n2 = node("n2");
        LocalFencer fencer = fencer(List.of(device("f1", Map.of("pcmk_host_list", "n1,n2"))), List.of());
        FenceResult r = fencer.fence("n1", FenceAction.OFF);
        assertTrue(r.success(), r.describe() + " " + r.attempts());
        assertEquals(List.of("f1"), r.devices());
        assertEquals(0, r.level());
        assertEquals(0, r.rc());
        assertTrue(r.output().contains("powered off"), r.output());
        assertTrue(dead(n1));
        assertTrue(n2.isAlive());

        FenceResult unknown = fencer.fence("n3", FenceAction.OFF);
        assertFalse(unknown.success());
        assertEquals("no fence device can fence n3", unknown.reason());
        assertTrue(unknown.attempts().get(0).note().contains("does not list n3"), unknown.attempts().toString());
        assertEquals(List.of("f1"), fencer.devicesFor("n2"));
        assertEquals(List.of(), fencer.devicesFor("n3"));
    }

    @Test
    void hostMapTranslatesNodeNamesToPorts() throws Exception {
        Process n1 = node("n1");
        LocalFencer fencer = fencer(List.of(device("f1", Map.of("pcmk_host_map", "alpha:n1;beta=n2"))), List.of());
        FenceResult r = fencer.fence("alpha", FenceAction.REBOOT);
        assertTrue(r.success(), r.describe());
        assertTrue(dead(n1));
        assertEquals("reboot", r.attempts().get(r.attempts().size() - 1).agentAction());
    }

    @Test
    void dynamicListIsTheDefaultWithoutAStaticList() throws Exception {
        Process n1 = node("n1");
        LocalFencer fencer = fencer(List.of(device("f1", Map.of())), List.of());
        FenceResult ghost = fencer.fence("ghost", FenceAction.OFF);
        assertFalse(ghost.success());
        assertEquals("list", ghost.attempts().get(0).agentAction());

        FenceResult r = fencer.fence("n1", FenceAction.OFF);
        assertTrue(r.success(), r.describe() + " " + r.attempts());
        assertEquals(List.of("list", "off"), r.attempts().stream().map(FenceAttempt::agentAction).toList());
        assertTrue(dead(n1));
    }

    @Test
    void statusAndNoneHostChecks() throws Exception {
        Process n1 = node("n1");
        LocalFencer byStatus = fencer(List.of(device("f1", Map.of("pcmk_host_check", "status"))), List.of());
        assertFalse(byStatus.fence("n9", FenceAction.OFF).success(), "status fails for a node without pid file");
        FenceResult r = byStatus.fence("n1", FenceAction.OFF);
        assertTrue(r.success(), r.describe() + " " + r.attempts());
        assertEquals(List.of("status", "off"), r.attempts().stream().map(FenceAttempt::agentAction).toList());
        assertTrue(dead(n1));

        Process n2 = node("n2");
        LocalFencer any = fencer(List.of(device("f1", Map.of("pcmk_host_check", "none"))), List.of());
        assertEquals(List.of("f1"), any.devicesFor("whatever"));
        assertTrue(any.fence("n2", FenceAction.OFF).success());
        assertTrue(dead(n2));
    }

    @Test
    void rebootActionAndPortArgumentOverrides() throws Exception {
        Process n1 = node("n1");
        LocalFencer fencer = fencer(List.of(device("f1", Map.of("pcmk_host_list", "n1", "pcmk_reboot_action", "off",
                "pcmk_host_argument", "port"))), List.of());
        FenceResult r = fencer.fence("n1", FenceAction.REBOOT);
        assertTrue(r.success(), r.describe());
        assertEquals("off", r.attempts().get(0).agentAction());
        assertTrue(dead(n1));
    }

    @Test
    void delaysAreRandomWithinBaseAndMaxAndSeeded() throws Exception {
        node("n1");
        Map<String, String> options = Map.of("pcmk_host_list", "n1", "pcmk_delay_base", "100ms", "pcmk_delay_max", "400ms");
        FenceResult r = fencer(List.of(device("f1", options)), List.of(), 7).fence("n1", FenceAction.OFF);
        assertTrue(r.success(), r.describe());
        long expected = 100 + (long) (new Random(7).nextDouble() * 300);
        assertEquals(Duration.ofMillis(expected), r.delay());
        assertTrue(r.duration().compareTo(r.delay()) >= 0, "the delay was waited: " + r.duration());

        node("n2");
        FenceResult sameSeed = fencer(List.of(device("f1", Map.of("pcmk_host_list", "n2", "pcmk_delay_base", "100ms",
                "pcmk_delay_max", "400ms"))), List.of(), 7).fence("n2", FenceAction.OFF);
        assertEquals(r.delay(), sameSeed.delay(), "same seed, same delay");

        node("n3");
        FenceResult perNode = fencer(List.of(device("f1", Map.of("pcmk_host_list", "n3 n4",
                "pcmk_delay_base", "n3:250ms;n4:0"))), List.of()).fence("n3", FenceAction.OFF, Duration.ofMillis(50));
        assertEquals(Duration.ofMillis(300), perNode.delay(), "per-node base plus the extra delay");

        node("n4");
        FenceResult on = fencer(List.of(device("f1", Map.of("pcmk_host_list", "n4", "pcmk_delay_base", "2s"))), List.of())
                .fence("n4", FenceAction.ON);
        assertEquals(Duration.ZERO, on.delay(), "no delay for 'on'");
    }

    @Test
    void topologyFallsBackToTheNextLevel() throws Exception {
        Process n1 = node("n1");
        Path empty = Files.createDirectories(dir.resolve("empty"));
        FenceDevice broken = device("broken", Map.of("pid_dir", empty.toString(), "pcmk_host_check", "none"));
        FenceDevice good = device("good", Map.of("pcmk_host_list", "n1"));
        LocalFencer fencer = fencer(List.of(broken, good), List.of(level(2, "n1", "good"), level(1, "n1", "broken")));
        assertEquals(List.of("broken", "good"), fencer.devicesFor("n1"));
        FenceResult r = fencer.fence("n1", FenceAction.OFF);
        assertTrue(r.success(), r.describe() + " " + r.attempts());
        assertEquals(2, r.level());
        assertEquals(List.of("good"), r.devices());
        FenceAttempt first = r.attempts().get(0);
        assertEquals("broken", first.device());
        assertEquals(1, first.level());
        assertEquals(1, first.exitCode());
        assertTrue(first.output().contains("no pid file for node n1"), first.output());
        assertEquals(2, r.attempts().stream().filter(a -> a.device().equals("broken")).count(), "retried once (pcmk_off_retries=2)");
        assertTrue(dead(n1));
    }

    @Test
    void aLevelNeedsAllItsDevicesAndRebootsAsOffThenOn() throws Exception {
        Process n1 = node("n1");
        Path empty = Files.createDirectories(dir.resolve("empty"));
        FenceDevice a = device("psu-a", Map.of("pcmk_host_list", "n1"));
        FenceDevice b = device("psu-b", Map.of("pcmk_host_list", "n1"));
        FenceDevice broken = device("broken", Map.of("pid_dir", empty.toString(), "pcmk_host_check", "none",
                "pcmk_off_retries", "1"));
        LocalFencer fencer = fencer(List.of(a, b, broken), List.of(level(1, "n1", "psu-a", "broken"),
                level(2, "n1", "psu-a", "psu-b")));
        FenceResult r = fencer.fence("n1", FenceAction.REBOOT);
        assertTrue(r.success(), r.describe() + " " + r.attempts());
        assertEquals(2, r.level());
        assertEquals(List.of("psu-a", "psu-b"), r.devices());
        List<String> calls = r.attempts().stream().map(x -> x.level() + ":" + x.device() + ":" + x.agentAction()).toList();
        assertEquals(List.of("1:psu-a:off", "1:broken:off", "2:psu-a:off", "2:psu-b:off", "2:psu-a:on", "2:psu-b:on"), calls);
        assertTrue(dead(n1));
    }

    @Test
    void levelsMatchByPatternAndAttribute() throws Exception {
        Process web1 = node("web1");
        FenceDevice f = device("f1", Map.of("pcmk_host_check", "none"));
        FencingLevel byPattern = new FencingLevel("p", null, "^web[0-9]+$", null, null, 1, List.of("f1"));
        FencingLevel byAttr = new FencingLevel("a", null, null, "rack", "r2", 1, List.of("f1"));
        FencerOptions options = FencerOptions.builder().paths(AgentPaths.system().withVigilAgents(TestProcesses.agentsDir()))
                .nodeAttributes(n -> n.equals("db1") ? Map.of("rack", "r2") : Map.of()).build();
        LocalFencer fencer = new LocalFencer(options, new FenceConfig(List.of(f), List.of(byPattern, byAttr)));
        FenceResult r = fencer.fence("web1", FenceAction.OFF);
        assertTrue(r.success());
        assertEquals(1, r.level());
        assertTrue(dead(web1));
        node("db1");
        assertEquals(1, fencer.fence("db1", FenceAction.OFF).level());
        node("other");
        assertEquals(0, fencer.fence("other", FenceAction.OFF).level(), "no level: plain device list");
    }

    @Test
    void agentTimeoutIsAFailure() throws Exception {
        Process n1 = node("n1");
        LocalFencer fencer = fencer(List.of(device("slow", Map.of("pcmk_host_list", "n1", "delay", "10",
                "pcmk_off_timeout", "500ms"))), List.of());
        long t0 = System.nanoTime();
        FenceResult r = fencer.fence("n1", FenceAction.OFF);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertFalse(r.success());
        assertTrue(r.attempts().get(0).timedOut());
        assertTrue(r.reason().contains("timed out after"), r.reason());
        assertTrue(ms < 5_000, "took " + ms + "ms");
        assertTrue(n1.isAlive());
    }

    @Test
    void missingAgentAndNoDevicesAreClearFailures() throws Exception {
        node("n1");
        FenceResult missing = fencer(List.of(new FenceDevice("x", "fence_nonexistent", Map.of("pcmk_host_check", "none"))),
                List.of()).fence("n1", FenceAction.OFF);
        assertFalse(missing.success());
        assertTrue(missing.reason().contains("agent stonith:fence_nonexistent not found"), missing.reason());
        FenceResult none = fencer(List.of(), List.of()).fence("n1", FenceAction.OFF);
        assertEquals("no fence devices are configured", none.reason());
        assertThrows(IllegalArgumentException.class, () -> fencer(List.of(), List.of()).fence(" ", FenceAction.OFF));
    }

    @Test
    void badConfigurationIsRejectedWithNames() {
        FenceConfig bad = new FenceConfig(List.of(device("f1", Map.of("pcmk_delay_max", "soon")),
                device("f2", Map.of("pcmk_host_map", "n1"))), List.of(level(1, "n1", "f1", "ghost")));
        List<String> problems = LocalFencer.problems(bad);
        assertEquals(3, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("fence device 'f1': pcmk_delay_max"), problems.get(0));
        assertTrue(problems.get(1).startsWith("fence device 'f2': pcmk_host_map: 'n1' is not NODE:VALUE"), problems.get(1));
        assertEquals("fencing level 'fl-n1-1': unknown device 'ghost'", problems.get(2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> fencer(bad.devices(), bad.levels()));
        assertTrue(e.getMessage().contains("unknown device 'ghost'"));
        assertThrows(IllegalArgumentException.class, () -> new FenceConfig(List.of(device("f", Map.of()), device("f", Map.of())),
                List.of()));
    }

    @Test
    void historyIsBoundedAndConcurrentIdenticalRequestsShareOneRun() throws Exception {
        node("n1");
        LocalFencer fencer = fencer(List.of(device("f1", Map.of("pcmk_host_list", "n1", "pcmk_delay_base", "300ms"))), List.of());
        CompletableFuture<FenceResult> a = CompletableFuture.supplyAsync(() -> fencer.fence("n1", FenceAction.OFF));
        CompletableFuture<FenceResult> b = CompletableFuture.supplyAsync(() -> fencer.fence("n1", FenceAction.OFF));
        FenceResult ra = a.get(20, TimeUnit.SECONDS);
        FenceResult rb = b.get(20, TimeUnit.SECONDS);
        if (ra != rb) {
            // The second request started after the first had finished: then both ran.
            assertTrue(rb.startedAt().isAfter(ra.completedAt()) || ra.startedAt().isAfter(rb.completedAt()));
        } else {
            assertSame(ra, rb);
            assertEquals(1, fencer.history().size());
        }
        for (int i = 0; i < 4; i++) {
            fencer.fence("n" + (10 + i), FenceAction.OFF);
        }
        assertEquals(3, fencer.history().size(), "bounded");
        assertEquals("n13", fencer.history().get(2).target());
        assertEquals("n12", fencer.lastResult("n12").orElseThrow().target());
        assertTrue(fencer.lastResult("n1").isEmpty(), "pushed out of the history");
    }
}
