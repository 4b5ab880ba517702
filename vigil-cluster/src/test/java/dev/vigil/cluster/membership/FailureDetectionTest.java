package dev.vigil.cluster.membership;

import dev.vigil.cluster.config.ClusterConfig;
import dev.vigil.cluster.config.ConfigWriter;
import dev.vigil.cluster.key.AuthKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A member in its own JVM is killed with SIGKILL or frozen with SIGSTOP; the two in-process
 * members must see it leave within the targets (default settings: kill median 0.5 s, hang
 * median 2 s). The number of trials is {@code -Dvigil.membership.trials} (default 3); the test
 * prints the figures.
 */
@Timeout(240)
class FailureDetectionTest {
    static final int TRIALS = Integer.getInteger("vigil.membership.trials", 3);

    @Test
    void crashedAndHungMembersLeaveTheViewQuickly(@TempDir Path dir) throws Exception {
        AuthKey key = AuthKey.generate();
        ClusterConfig c = TestCluster.config("fd", 3, TestCluster.freePort(3));
        Path configFile = dir.resolve("vigil.conf");
        Path keyFile = dir.resolve("authkey");
        ConfigWriter.writeFile(c, configFile);
        key.write(keyFile);

        List<Long> killMs = new ArrayList<>();
        List<Long> hangMs = new ArrayList<>();
        try (TestCluster.Node n1 = TestCluster.start(c, "node1", key, null);
             TestCluster.Node n2 = TestCluster.start(c, "node2", key, null)) {
            n1.recorder().awaitView(v -> v.size() == 2, Duration.ofSeconds(20), "node1+node2");
            for (int i = 0; i < TRIALS; i++) {
                killMs.add(trial(configFile, keyFile, n1, n2, false));
                hangMs.add(trial(configFile, keyFile, n1, n2, true));
            }
        }
        long killMedian = median(killMs);
        long hangMedian = median(hangMs);
        System.out.printf("failure detection over %d trials: kill -9 -> new view median %d ms (all %s); "
                + "SIGSTOP -> new view median %d ms (all %s)%n", TRIALS, killMedian, killMs, hangMedian, hangMs);
        assertTrue(killMedian <= 500, "kill -9 median " + killMedian + " ms, all " + killMs);
        assertTrue(hangMedian <= 2000, "SIGSTOP median " + hangMedian + " ms, all " + hangMs);
    }

    /** Starts node3 in a child JVM, waits for the full view, kills or stops it, returns ms to the new view. */
    private static long trial(Path configFile, Path keyFile, TestCluster.Node n1, TestCluster.Node n2, boolean hang)
            throws Exception {
        Process child = spawn(configFile, keyFile);
        try {
            n1.recorder().awaitView(v -> v.size() == 3, Duration.ofSeconds(30), "node3 joined");
            n2.recorder().awaitView(v -> v.size() == 3, Duration.ofSeconds(30), "node3 joined on node2");
            Thread.sleep(300); // let heartbeats settle in the new view
            long before = System.nanoTime();
            if (hang) {
                signal(child, "STOP");
            } else {
                child.destroyForcibly();
            }
            n1.recorder().awaitView(v -> !v.contains("node3"), Duration.ofSeconds(15), "node3 gone");
            n2.recorder().awaitView(v -> !v.contains("node3"), Duration.ofSeconds(15), "node3 gone on node2");
            return (n1.recorder().arrivalNanos(v -> !v.contains("node3"), before) - before) / 1_000_000;
        } finally {
            child.destroyForcibly();
            child.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static Process spawn(Path configFile, Path keyFile) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx96m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", cp, NodeProcess.class.getName(), configFile.toString(), "node3", keyFile.toString());
        pb.redirectErrorStream(true);
        Process p = pb.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        List<String> seen = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            String line = out.readLine();
            if (line == null) {
                throw new AssertionError("node3 exited before it was ready: " + seen);
            }
            seen.add(line);
            if (line.equals("READY")) {
                Thread drain = new Thread(() -> {
                    try {
                        while (out.readLine() != null) {
                            // keep the pipe from filling
                        }
                    } catch (IOException ignored) {
                        // the child died
                    }
                }, "node3-output");
                drain.setDaemon(true);
                drain.start();
                return p;
            }
        }
        p.destroyForcibly();
        throw new AssertionError("node3 did not start within 30 s: " + seen);
    }

    private static void signal(Process p, String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).inheritIO().start();
        if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new AssertionError("kill -" + signal + " " + p.pid() + " failed");
        }
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
