package dev.vigil.exec.process;

import dev.vigil.exec.testing.TestProcesses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(60)
class ProcessRunnerTest {
    private static final Map<String, String> PATH = Map.of("PATH", "/usr/bin:/bin");
    private final ProcessRunner runner = new ProcessRunner(4096, Duration.ofMillis(500), Clock.systemUTC());

    @TempDir
    Path dir;

    @Test
    void capturesOutputAndExitCodeWithOnlyTheGivenEnvironment() throws Exception {
        ProcessOutcome out = runner.run(new ProcessSpec(List.of("/bin/sh", "-c", "echo out; echo err >&2; echo \"[$FOO][$HOME]\"; exit 3"),
                Map.of("PATH", "/usr/bin:/bin", "FOO", "bar"), null, Duration.ofSeconds(10), dir));
        assertEquals(3, out.exitCode());
        assertFalse(out.timedOut());
        assertEquals("out\n[bar][]\n", out.stdout());
        assertEquals("err\n", out.stderr());
    }

    @Test
    void childLeadsItsOwnProcessGroupAndSession() throws Exception {
        ProcessOutcome out = runner.run(new ProcessSpec(List.of("/bin/sh", "-c", "cut -d' ' -f1,5,6 /proc/$$/stat"),
                PATH, null, Duration.ofSeconds(10), dir));
        String pid = Long.toString(out.pid());
        assertEquals(pid + " " + pid + " " + pid, out.stdout().strip(), "pid, process group and session are the same");
    }

    @Test
    void passesStdin() throws Exception {
        ProcessOutcome out = runner.run(new ProcessSpec(List.of("/bin/cat"), PATH, "action=off\nport=n1\n",
                Duration.ofSeconds(10), dir));
        assertEquals("action=off\nport=n1\n", out.stdout());
    }

    @Test
    void timeoutKillsTheWholeGroupIncludingChildrenThatIgnoreSigterm() throws Exception {
        String tag = "VIGIL_TEST_TAG=" + UUID.randomUUID();
        Path script = TestProcesses.script(dir.resolve("hang"), """
                #!/bin/sh
                trap '' TERM
                sleep 300 &
                sh -c 'trap "" TERM; sleep 300' &
                echo started
                wait
                """);
        Map<String, String> env = Map.of("PATH", "/usr/bin:/bin", tag.split("=")[0], tag.split("=")[1]);
        long t0 = System.nanoTime();
        ProcessOutcome out = runner.run(new ProcessSpec(List.of(script.toString()), env, null, Duration.ofMillis(300), dir));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(out.timedOut());
        assertEquals("started\n", out.stdout());
        assertTrue(ms < 5_000, "timeout plus grace, took " + ms + "ms");
        assertTrue(out.leftoverPids().isEmpty());
        assertTrue(ProcessGroups.members(out.pid()).isEmpty(), "group " + out.pid() + " is empty");
        assertEquals(List.of(), TestProcesses.withEnvironment(tag), "no process of the agent is left");
    }

    @Test
    void doesNotWaitForADaemonThatKeepsStdoutOpen() throws Exception {
        Path pidFile = dir.resolve("daemon.pid");
        Path script = TestProcesses.script(dir.resolve("forks"), """
                #!/bin/sh
                sleep 300 &
                echo $! > "$1"
                echo forked
                exit 0
                """);
        long t0 = System.nanoTime();
        ProcessOutcome out = runner.run(new ProcessSpec(List.of(script.toString(), pidFile.toString()), PATH, null,
                Duration.ofSeconds(20), dir));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        long daemon = Long.parseLong(Files.readString(pidFile).strip());
        try {
            assertEquals(0, out.exitCode());
            assertEquals("forked\n", out.stdout());
            assertTrue(ms < 2_000, "returned when the agent exited, took " + ms + "ms");
            assertTrue(ProcessHandle.of(daemon).map(ProcessHandle::isAlive).orElse(false), "the daemon keeps running");
        } finally {
            ProcessHandle.of(daemon).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void capsOutput() throws Exception {
        ProcessOutcome out = runner.run(new ProcessSpec(List.of("/bin/sh", "-c", "head -c 100000 /dev/zero | tr '\\0' x"),
                PATH, null, Duration.ofSeconds(10), dir));
        assertEquals(0, out.exitCode());
        assertTrue(out.stdout().startsWith("x".repeat(4096) + "\n["), out.stdout().substring(4000, 4120));
        assertTrue(out.stdout().endsWith("[95904 more bytes dropped]"));
    }

    @Test
    void interruptionKillsTheGroup() throws Exception {
        String tag = "VIGIL_TEST_TAG=" + UUID.randomUUID();
        Map<String, String> env = Map.of("PATH", "/usr/bin:/bin", "VIGIL_TEST_TAG", tag.split("=")[1]);
        Thread caller = Thread.currentThread();
        Thread interrupter = new Thread(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                return;
            }
            caller.interrupt();
        });
        interrupter.start();
        boolean interrupted = false;
        try {
            runner.run(new ProcessSpec(List.of("/bin/sh", "-c", "sleep 300 & wait"), env, null, Duration.ofSeconds(30), dir));
        } catch (InterruptedException e) {
            interrupted = true;
        }
        interrupter.join();
        assertTrue(interrupted);
        assertEquals(List.of(), TestProcesses.withEnvironment(tag));
    }
}
