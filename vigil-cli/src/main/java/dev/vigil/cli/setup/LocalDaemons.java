package dev.vigil.cli.setup;

import dev.vigil.api.ApiClient;
import dev.vigil.api.ApiException;
import dev.vigil.api.ApiTypes;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The daemons of the nodes on this machine: started in the background with the files of
 * {@link ClusterLayout}, stopped by the PID they recorded (and only if that PID still runs a
 * vigil daemon for that node, so a reused PID is never signalled).
 */
public final class LocalDaemons {
    /** How long a daemon has to answer on its API after starting, or to exit after SIGTERM. */
    public static final Duration WAIT = Duration.ofSeconds(60);

    private final ClusterLayout layout;

    public LocalDaemons(ClusterLayout layout) {
        this.layout = layout;
    }

    /** Is the address one of this machine's (loopback included)? */
    public static boolean isLocal(InetAddress address) {
        if (address.isLoopbackAddress()) {
            return true;
        }
        try {
            return NetworkInterface.getByInetAddress(address) != null;
        } catch (SocketException e) {
            return false;
        }
    }

    /** The running daemon of a node, if its PID file names a live vigil daemon of that node. */
    public Optional<ProcessHandle> running(String node) {
        Path pidFile = layout.pidFile(node);
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        long pid;
        try {
            pid = Long.parseLong(Files.readString(pidFile).trim());
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(p -> isDaemonOf(p, node));
    }

    private boolean isDaemonOf(ProcessHandle p, String node) {
        Optional<String[]> args = p.info().arguments();
        if (args.isEmpty()) {
            // Without the command line (another user's process) we cannot tell: never signal it.
            return false;
        }
        List<String> list = List.of(args.get());
        int name = list.indexOf("--name");
        int config = list.indexOf("--config");
        return name >= 0 && name + 1 < list.size() && list.get(name + 1).equals(node) && config >= 0
                && config + 1 < list.size() && list.get(config + 1).equals(layout.config().toString());
    }

    /**
     * Starts a node's daemon in the background and waits until it answers on its API.
     *
     * @param javaCommand the JVM and classpath to run ({@code java -cp …}); the daemon's main
     *                    class and options are added here
     */
    public long start(String node, List<String> javaCommand) throws IOException, InterruptedException {
        Optional<ProcessHandle> old = running(node);
        if (old.isPresent()) {
            throw new IllegalStateException(node + " runs already (pid " + old.get().pid() + ")");
        }
        Files.createDirectories(layout.stateDir(node));
        List<String> cmd = new ArrayList<>(javaCommand);
        cmd.addAll(List.of("dev.vigil.daemon.DaemonCommand", "--config", layout.config().toString(), "--name", node,
                "--state-dir", layout.stateDir(node).toString(), "--socket", layout.socket(node).toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(layout.log(node).toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        Path tmp = layout.nodeDir(node).resolve(".daemon.pid.tmp");
        Files.writeString(tmp, p.pid() + "\n");
        Files.move(tmp, layout.pidFile(node), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        awaitApi(node, p);
        return p.pid();
    }

    private void awaitApi(String node, Process p) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException(node + "'s daemon exited with status " + p.exitValue() + "; see "
                        + layout.log(node));
            }
            if (Files.exists(layout.socket(node))) {
                try (ApiClient c = ApiClient.connect(layout.socket(node), Duration.ofSeconds(5))) {
                    c.call(ApiTypes.CLUSTER_STATUS, new ApiTypes.NoArgs(), ApiTypes.ClusterStatus.class);
                    return;
                } catch (ApiException e) {
                    // still starting
                }
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(node + "'s daemon did not answer within " + WAIT.toSeconds() + " s; see "
                + layout.log(node));
    }

    /** Stops a node's daemon (SIGTERM: it leaves the cluster cleanly); false when none ran. */
    public boolean stop(String node) throws InterruptedException {
        Optional<ProcessHandle> p = running(node);
        if (p.isEmpty()) {
            return false;
        }
        p.get().destroy();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (p.get().isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        if (p.get().isAlive()) {
            throw new IllegalStateException(node + "'s daemon (pid " + p.get().pid() + ") did not stop within "
                    + WAIT.toSeconds() + " s");
        }
        try {
            Files.deleteIfExists(layout.pidFile(node));
        } catch (IOException e) {
            // a stale pid file is ignored by running()
        }
        return true;
    }
}
