package dev.vigil.daemon.it;

import dev.vigil.api.ApiTypes;
import dev.vigil.cib.store.CibStore;
import dev.vigil.cib.store.StoredCib;
import dev.vigil.cluster.config.ClusterConfig;
import dev.vigil.cluster.config.ConfigWriter;
import dev.vigil.cluster.config.NodeConfig;
import dev.vigil.cluster.config.QuorumConfig;
import dev.vigil.cluster.key.AuthKey;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Daemons of one cluster on this machine: node i on 127.0.0.i, one port picked free in
 * 7800-7999, a fresh key, a temporary directory. Starts and stops processes it owns only;
 * {@link #close()} stops them all and removes the directory.
 */
final class LocalCluster implements AutoCloseable {
    final Path dir;
    final Path config;
    final Path key;
    final Path faults;
    final ClusterConfig clusterConfig;
    private final Map<String, DaemonProcess> daemons = new TreeMap<>();

    private LocalCluster(Path dir, ClusterConfig clusterConfig) throws IOException {
        this.dir = dir;
        this.clusterConfig = clusterConfig;
        this.config = dir.resolve("vigil.conf");
        this.key = dir.resolve("authkey");
        this.faults = dir.resolve("faults");
        ConfigWriter.writeFile(clusterConfig, config);
        AuthKey.generate().write(key);
    }

    /**
     * A cluster of {@code n} nodes with {@code quorum} rules; {@code zeroVoteNodes} more nodes
     * (named after them) are in the nodelist with no vote, for tests that need an outsider.
     */
    static LocalCluster create(String name, int n, int zeroVoteNodes, QuorumConfig quorum) throws IOException {
        Path dir = Files.createTempDirectory("vigil-it-" + name + "-");
        List<NodeConfig> nodes = new ArrayList<>();
        for (int i = 1; i <= n + zeroVoteNodes; i++) {
            nodes.add(new NodeConfig("node" + i, i, loopback(i), Optional.empty(), i <= n ? 1 : 0));
        }
        ClusterConfig c = ClusterConfig.of(name, nodes);
        int port = freePort(n + zeroVoteNodes).orElseThrow(() -> new IllegalStateException("no free port in 7800-7999"));
        c = c.withTotem(c.totem().withPort(port).withKeyfile(Path.of("authkey"))).withQuorum(quorum);
        return new LocalCluster(dir, c);
    }

    static InetAddress loopback(int i) {
        try {
            return InetAddress.getByName("127.0.0." + i);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A port free on 127.0.0.1..hosts; at most 100 tries. */
    static Optional<Integer> freePort(int hosts) {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(7800, 8000);
            boolean free = true;
            List<ServerSocket> probes = new ArrayList<>();
            try {
                for (int i = 1; i <= hosts; i++) {
                    ServerSocket s = new ServerSocket();
                    probes.add(s);
                    s.bind(new InetSocketAddress(loopback(i), port));
                }
            } catch (IOException e) {
                free = false;
            } finally {
                for (ServerSocket s : probes) {
                    try {
                        s.close();
                    } catch (IOException ignored) {
                        // a probe
                    }
                }
            }
            if (free) {
                return Optional.of(port);
            }
        }
        return Optional.empty();
    }

    /** Starts daemons (in parallel) and waits until each answers on its API. */
    void start(String... nodes) throws IOException, InterruptedException {
        startWith(config, nodes);
    }

    /** Starts daemons with another config file (e.g. pointing at another key). */
    void startWith(Path configFile, String... nodes) throws IOException, InterruptedException {
        List<DaemonProcess> started = new ArrayList<>();
        for (String node : nodes) {
            DaemonProcess old = daemons.get(node);
            if (old != null && old.alive()) {
                throw new IllegalStateException(node + " runs already");
            }
            DaemonProcess p = DaemonProcess.start(configFile, node, dir, faults);
            daemons.put(node, p);
            started.add(p);
        }
        for (DaemonProcess p : started) {
            p.awaitApi(Duration.ofSeconds(40));
        }
    }

    DaemonProcess daemon(String node) {
        DaemonProcess p = daemons.get(node);
        if (p == null) {
            throw new IllegalArgumentException(node + " was not started");
        }
        return p;
    }

    ApiTypes.ClusterStatus status(String node) {
        return daemon(node).status();
    }

    /**
     * Polls {@code node}'s status every 20 ms until {@code condition} holds; returns the status
     * and fails with the last one seen after {@code timeout}.
     */
    ApiTypes.ClusterStatus awaitStatus(String node, Predicate<ApiTypes.ClusterStatus> condition, Duration timeout,
                                       String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        ApiTypes.ClusterStatus last = null;
        RuntimeException error = null;
        while (System.nanoTime() < deadline) {
            try {
                last = status(node);
                error = null;
                if (condition.test(last)) {
                    return last;
                }
            } catch (RuntimeException e) {
                error = e;
            }
            Thread.sleep(20);
        }
        throw new AssertionError(node + ": " + what + " not seen within " + timeout + "; last status " + last
                + (error == null ? "" : "; last error " + error.getMessage()) + "\n" + daemon(node).logTail());
    }

    /** The copy on {@code node}'s disk, digest checked. */
    StoredCib disk(String node) {
        return CibStore.readFile(daemon(node).stateDir.resolve(CibStore.CIB_FILE));
    }

    /** Waits until every node's disk holds the same copy (same version and digest); returns it. */
    StoredCib awaitSameDisk(Duration timeout, String... nodes) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> last = List.of();
        while (System.nanoTime() < deadline) {
            List<StoredCib> copies = new ArrayList<>();
            try {
                for (String n : nodes) {
                    copies.add(disk(n));
                }
            } catch (RuntimeException e) {
                // a write in progress (rename) or not yet written
                Thread.sleep(20);
                continue;
            }
            last = copies.stream().map(StoredCib::describe).toList();
            if (copies.stream().map(StoredCib::digest).distinct().count() == 1) {
                return copies.get(0);
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the nodes' disks still differ after " + timeout + ": " + last);
    }

    /** Waits until {@code node}'s disk holds a copy that satisfies {@code condition}. */
    StoredCib awaitDisk(String node, Predicate<StoredCib> condition, Duration timeout, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "nothing";
        while (System.nanoTime() < deadline) {
            try {
                StoredCib copy = disk(node);
                last = copy.describe();
                if (condition.test(copy)) {
                    return copy;
                }
            } catch (RuntimeException e) {
                last = e.getMessage();
            }
            Thread.sleep(20);
        }
        throw new AssertionError(node + "'s disk: " + what + " not seen within " + timeout + "; last " + last);
    }

    /** Cuts the links between every pair of the two groups (all daemons read the same faults file). */
    void partition(List<String> a, List<String> b) throws IOException {
        StringBuilder s = new StringBuilder();
        for (String x : a) {
            for (String y : b) {
                s.append("cut ").append(x).append(' ').append(y).append('\n');
            }
        }
        Files.writeString(faults, s.toString());
    }

    void heal() throws IOException {
        Files.writeString(faults, "");
    }

    @Override
    public void close() throws IOException {
        for (DaemonProcess p : daemons.values()) {
            p.close();
        }
        if (Boolean.getBoolean("vigil.it.keep")) {
            System.out.println("kept " + dir);
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
