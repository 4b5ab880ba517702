package dev.vigil.demo;

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
 * One {@code vigil daemon} process started by a {@link LocalCluster}. It is stopped only through
 * the process this object started (never by name). The daemon also stops when its standard input
 * closes ({@code --test-exit-on-eof}), so it never outlives the JVM that started it, however
 * that JVM ends.
 */
public final class DaemonNode {
    /** Small heap and quick start: the flags of bin/vigil's daemon. */
    static final List<String> JVM_FLAGS = List.of("-Xms16m", "-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-Xss512k", "-XX:MaxMetaspaceSize=64m",
            "-Djava.util.logging.manager=dev.vigil.daemon.logging.DaemonLogManager");

    private final String name;
    private final Path socket;
    private final Path log;
    private final Process process;
    private final OutputStream stdin;

    private DaemonNode(String name, Path socket, Path log, Process process) {
        this.name = name;
        this.socket = socket;
        this.log = log;
        this.process = process;
        this.stdin = process.getOutputStream();
    }

    static DaemonNode start(String name, Path config, Path stateDir, Path socket, Path log, Path faults,
                            Path vigilHome, String classpath) throws IOException {
        Files.createDirectories(stateDir);
        Files.createDirectories(socket.getParent());
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(JVM_FLAGS);
        cmd.add("-Dvigil.home=" + vigilHome);
        cmd.addAll(List.of("-cp", classpath, "dev.vigil.daemon.DaemonCommand", "--config", config.toString(),
                "--name", name, "--state-dir", stateDir.toString(), "--socket", socket.toString(),
                "--test-exit-on-eof", "--test-faults", faults.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().put("VIGIL_HOME", vigilHome.toString());
        return new DaemonNode(name, socket, log, pb.start());
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public Path socket() {
        return socket;
    }

    public Path log() {
        return log;
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** Waits until the daemon answers on its API; fails with the end of its log if it does not. */
    void awaitApi(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with status " + process.exitValue() + ":\n" + logTail());
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
        throw new IllegalStateException(name + " did not answer on " + socket + " within " + timeout + ":\n" + logTail());
    }

    /** kill -9, and waits until the process is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** Closes the daemon's stdin (it leaves the cluster on purpose) and waits; kills it if it takes too long. */
    void stop(Duration patience) throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        try {
            stdin.close();
        } catch (IOException e) {
            // it is going away anyway
        }
        if (!process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS)) {
            kill();
        }
    }

    /** The last lines of the daemon's log (for error messages). */
    public String logTail() {
        try {
            String text = Files.readString(log);
            return text.length() > 4000 ? "..." + text.substring(text.length() - 4000) : text;
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
