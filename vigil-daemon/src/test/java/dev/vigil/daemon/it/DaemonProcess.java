package dev.vigil.daemon.it;

import dev.vigil.api.ApiClient;
import dev.vigil.api.ApiException;
import dev.vigil.api.ApiTypes;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One {@code vigil daemon} in its own JVM, started by a test. The test kills only this process
 * (by the PID it started). The daemon also stops when its standard input closes (the hidden
 * {@code --test-exit-on-eof}), so it never outlives a test JVM that died.
 */
final class DaemonProcess implements AutoCloseable {
    /** bin/vigil's daemon flags (small heap, serial GC, C1 only), and the log manager that keeps the last lines. */
    static final List<String> JVM_FLAGS = List.of("-Xms16m", "-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-Xss512k", "-XX:MaxMetaspaceSize=64m", "-Djava.util.logging.manager=dev.vigil.daemon.logging.DaemonLogManager");

    final String node;
    final Path stateDir;
    final Path socket;
    final Path log;
    private final Process process;
    private final OutputStream stdin;

    private DaemonProcess(String node, Path stateDir, Path socket, Path log, Process process) {
        this.node = node;
        this.stateDir = stateDir;
        this.socket = socket;
        this.log = log;
        this.process = process;
        this.stdin = process.getOutputStream();
    }

    /** Starts the daemon; returns at once (see {@link #awaitApi}). */
    static DaemonProcess start(Path config, String node, Path dir, Path faults) throws IOException {
        Path stateDir = dir.resolve(node).resolve("state");
        Path socket = dir.resolve(node).resolve("run").resolve("vigil.sock");
        Path log = dir.resolve(node + ".log");
        Files.createDirectories(stateDir);
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(JVM_FLAGS);
        String home = System.getProperty("vigil.home");
        if (home != null) {
            cmd.add("-Dvigil.home=" + home);
        }
        cmd.addAll(List.of("-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                "dev.vigil.daemon.DaemonCommand", "--config", config.toString(), "--name", node,
                "--state-dir", stateDir.toString(), "--socket", socket.toString(), "--test-exit-on-eof"));
        if (faults != null) {
            cmd.addAll(List.of("--test-faults", faults.toString()));
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        return new DaemonProcess(node, stateDir, socket, log, pb.start());
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Waits until the API answers (the daemon has joined); fails with the log's tail if it does not. */
    void awaitApi(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError(node + " exited with " + process.exitValue() + ":\n" + logTail());
            }
            if (Files.exists(socket)) {
                try (ApiClient c = ApiClient.connect(socket, Duration.ofSeconds(5))) {
                    c.call(ApiTypes.CLUSTER_STATUS, new ApiTypes.NoArgs(), ApiTypes.ClusterStatus.class);
                    return;
                } catch (ApiException e) {
                    // not ready yet
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError(node + " did not answer on " + socket + " within " + timeout + ":\n" + logTail());
    }

    ApiClient api() {
        return ApiClient.connect(socket, Duration.ofSeconds(45));
    }

    ApiTypes.ClusterStatus status() {
        try (ApiClient c = ApiClient.connect(socket, Duration.ofSeconds(5))) {
            return c.call(ApiTypes.CLUSTER_STATUS, new ApiTypes.NoArgs(), ApiTypes.ClusterStatus.class);
        }
    }

    /** kill -9. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** SIGTERM; waits for the clean stop and returns the exit code. */
    int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(node + " did not stop within 20 s of SIGTERM:\n" + logTail());
        }
        return process.exitValue();
    }

    String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    String logTail() {
        String text = logText();
        return text.length() > 4000 ? "..." + text.substring(text.length() - 4000) : text;
    }

    /** Closes the daemon's stdin (it stops cleanly), then kills it if it is still there after 10 s. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        try {
            stdin.close();
        } catch (IOException e) {
            // the daemon is being killed anyway
        }
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
