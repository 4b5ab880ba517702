package dev.vigil.demo;

import dev.vigil.api.ApiClient;
import dev.vigil.api.ApiTypes;
import dev.vigil.cib.CibXml;
import dev.vigil.cluster.config.ClusterConfig;
import dev.vigil.cluster.config.ConfigWriter;
import dev.vigil.cluster.config.NodeConfig;
import dev.vigil.cluster.config.QuorumConfig;
import dev.vigil.cluster.key.AuthKey;
import dev.vigil.model.cib.Cib;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * A cluster of real daemons on this machine: node i on 127.0.0.i, one cluster port, a fresh key,
 * one directory holding the config, each node's state, socket and log, and the pid files of
 * {@code fence_vigil}. It starts, kills (-9) and "reboots" (wipes the node's run directory, as a
 * reboot clears /run, and starts it again) only the processes it started itself; {@link #close()}
 * kills them and what their agents left running, then removes the directory.
 */
public final class LocalCluster implements AutoCloseable {
    private static final Duration API_WAIT = Duration.ofSeconds(60);

    private final Path dir;
    private final Path config;
    private final Path pidDir;
    private final Path vigilHome;
    private final String classpath;
    private final List<String> names;
    private final Map<String, DaemonNode> nodes = new TreeMap<>();
    private final boolean keepDir;
    private boolean closed;

    private LocalCluster(Path dir, Path config, List<String> names, Path vigilHome, String classpath, boolean keepDir) {
        this.dir = dir;
        this.config = config;
        this.pidDir = dir.resolve("pids");
        this.names = List.copyOf(names);
        this.vigilHome = vigilHome;
        this.classpath = classpath;
        this.keepDir = keepDir;
    }

    /**
     * Creates the directory, key and config of an {@code n}-node cluster (not started yet).
     *
     * @param vigilHome the checkout or installation whose {@code agents/} the daemons use
     * @param classpath the daemons' classpath (this JVM's, normally)
     */
    public static LocalCluster create(String clusterName, int n, Path vigilHome, String classpath) throws IOException {
        return create(clusterName, n, n == 2 ? QuorumConfig.twoNodeCluster() : QuorumConfig.DEFAULTS, vigilHome, classpath);
    }

    /** As {@link #create(String, int, Path, String)}, with these quorum rules. */
    public static LocalCluster create(String clusterName, int n, QuorumConfig quorum, Path vigilHome, String classpath)
            throws IOException {
        if (n < 1 || n > 9) {
            throw new IllegalArgumentException("a local cluster has 1 to 9 nodes, not " + n);
        }
        Path dir = Files.createTempDirectory("vigil-" + clusterName + "-");
        List<NodeConfig> nodeConfigs = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            nodeConfigs.add(new NodeConfig("node" + i, i, loopback(i), Optional.empty(), 1));
            names.add("node" + i);
        }
        int port = freePort(n, 7800, 8000).orElseThrow(() -> new IllegalStateException(
                "no port in 7800-7999 is free on 127.0.0.1-" + n + " for the cluster's traffic"));
        ClusterConfig c = ClusterConfig.of(clusterName, nodeConfigs);
        c = c.withTotem(c.totem().withPort(port).withKeyfile(Path.of("authkey"))).withQuorum(quorum);
        Path config = dir.resolve("vigil.conf");
        ConfigWriter.writeFile(c, config);
        AuthKey.generate().write(dir.resolve("authkey"));
        Files.createDirectories(dir.resolve("pids"));
        return new LocalCluster(dir, config, names, vigilHome, classpath,
                Boolean.getBoolean("vigil.demo.keep"));
    }

    /** The classpath to start daemons with: the test classpath under surefire, else this JVM's. */
    public static String currentClasspath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    /** Where Vigil's own agents are: {@code $VIGIL_HOME}, else {@code -Dvigil.home}, else the working directory. */
    public static Path vigilHome() {
        String home = System.getenv("VIGIL_HOME");
        if (home == null) {
            home = System.getProperty("vigil.home", ".");
        }
        return Path.of(home).toAbsolutePath().normalize();
    }

    static InetAddress loopback(int i) {
        try {
            return InetAddress.getByName("127.0.0." + i);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A TCP port in [from, to) that is free on 127.0.0.1 … 127.0.0.hosts; at most 100 tries. */
    static Optional<Integer> freePort(int hosts, int from, int to) {
        Random random = new Random();
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = from + random.nextInt(to - from);
            if (isFree(port, hosts)) {
                return Optional.of(port);
            }
        }
        return Optional.empty();
    }

    private static boolean isFree(int port, int hosts) {
        List<ServerSocket> probes = new ArrayList<>();
        try {
            for (int i = 1; i <= hosts; i++) {
                ServerSocket s = new ServerSocket();
                probes.add(s);
                s.bind(new InetSocketAddress(loopback(i), port));
            }
            return true;
        } catch (IOException e) {
            return false;
        } finally {
            for (ServerSocket s : probes) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // only a probe
                }
            }
        }
    }

    public Path dir() {
        return dir;
    }

    /** Where the pid files for {@code fence_vigil} are. */
    public Path pidDir() {
        return pidDir;
    }

    public List<String> names() {
        return names;
    }

    public DaemonNode node(String name) {
        DaemonNode n = nodes.get(name);
        if (n == null) {
            throw new IllegalArgumentException(name + " was never started (nodes: " + names + ")");
        }
        return n;
    }

    /** Nodes whose daemon runs now. */
    public List<String> alive() {
        List<String> up = new ArrayList<>();
        for (Map.Entry<String, DaemonNode> e : nodes.entrySet()) {
            if (e.getValue().alive()) {
                up.add(e.getKey());
            }
        }
        return up;
    }

    /** Starts the given nodes (all when none given) in parallel and waits until each answers. */
    public synchronized void start(String... which) throws IOException, InterruptedException {
        if (closed) {
            throw new IllegalStateException("the local cluster in " + dir + " is closed");
        }
        List<String> list = which.length == 0 ? names : List.of(which);
        List<DaemonNode> started = new ArrayList<>();
        for (String name : list) {
            if (!names.contains(name)) {
                throw new IllegalArgumentException(name + " is not a node of this cluster (" + names + ")");
            }
            DaemonNode old = nodes.get(name);
            if (old != null && old.alive()) {
                throw new IllegalStateException(name + " runs already (pid " + old.pid() + ")");
            }
            Path home = dir.resolve(name);
            DaemonNode n = DaemonNode.start(name, config, home.resolve("state"), home.resolve("run").resolve("vigil.sock"),
                    dir.resolve(name + ".log"), faultsFile(), vigilHome, classpath);
            nodes.put(name, n);
            PidFiles.writeDaemon(pidDir, name, n.pid());
            started.add(n);
        }
        for (DaemonNode n : started) {
            n.awaitApi(API_WAIT);
        }
    }

    /** The file of test faults all daemons read ({@code cut NODE NODE} lines); see {@link #cut}. */
    Path faultsFile() {
        return dir.resolve("faults");
    }

    /**
     * Cuts the network between the two groups of nodes (below failure detection, like a pulled
     * cable); {@link #heal()} restores it.
     */
    public void cut(List<String> side, List<String> other) throws IOException {
        StringBuilder lines = new StringBuilder();
        for (String a : side) {
            for (String b : other) {
                lines.append("cut ").append(a).append(' ').append(b).append('\n');
            }
        }
        Path tmp = dir.resolve(".faults.tmp");
        Files.writeString(tmp, lines.toString());
        Files.move(tmp, faultsFile(), java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    public void heal() throws IOException {
        Files.deleteIfExists(faultsFile());
    }

    /** kill -9 of a node's daemon (its agents' processes keep running, as after a daemon crash). */
    public void kill(String name) throws InterruptedException {
        node(name).kill();
    }

    /**
     * A power failure of a test node: its daemon and everything its agents started die at once,
     * and what it kept in its run directory is gone (it stays down until {@link #reboot}).
     */
    public synchronized void crash(String name) throws IOException, InterruptedException {
        node(name).kill();
        PidFiles.killAgents(pidDir, name);
        deleteTree(dir.resolve(name).resolve("run"));
    }

    /**
     * What a reboot does to a test node: whatever still runs of it is killed (agents included),
     * its run directory (agents' state files, as /run after a reboot) is wiped, and its daemon
     * starts again with its persisted CIB.
     */
    public synchronized void reboot(String name) throws IOException, InterruptedException {
        DaemonNode old = nodes.get(name);
        if (old != null && old.alive()) {
            old.kill();
        }
        PidFiles.killAgents(pidDir, name);
        deleteTree(dir.resolve(name).resolve("run"));
        start(name);
    }

    /** One node's view of the cluster. */
    /** The directory where a node's agents keep their state ({@code HA_RSCTMP}). */
    public Path runDir(String name) {
        return dir.resolve(name).resolve("run").resolve("rsctmp");
    }

    public ApiTypes.ClusterStatus status(String name) {
        try (ApiClient c = ApiClient.connect(node(name).socket(), Duration.ofSeconds(5))) {
            return c.call(ApiTypes.CLUSTER_STATUS, new ApiTypes.NoArgs(), ApiTypes.ClusterStatus.class);
        }
    }

    /** What one node's controller knows: DC role, running transition, fencing history. */
    public ApiTypes.ControllerStatus controllerStatus(String name) {
        try (ApiClient c = ApiClient.connect(node(name).socket(), Duration.ofSeconds(5))) {
            return c.call(ApiTypes.CONTROLLER_STATUS, new ApiTypes.NoArgs(), ApiTypes.ControllerStatus.class);
        }
    }

    /** Asks (through {@code via}) for a cleanup of {@code resource} on {@code node} (nulls: all). */
    public void cleanup(String via, String resource, String node) {
        try (ApiClient c = ApiClient.connect(node(via).socket(), Duration.ofSeconds(10))) {
            c.call(ApiTypes.RESOURCE_CLEANUP, new ApiTypes.CleanupArgs(resource, node), ApiTypes.CleanupResult.class);
        }
    }

    /** One node's copy of the CIB. */
    public Cib cib(String name) {
        try (ApiClient c = ApiClient.connect(node(name).socket(), Duration.ofSeconds(10))) {
            return CibXml.parse(c.call(ApiTypes.CIB_QUERY, new ApiTypes.NoArgs(), ApiTypes.CibQueryResult.class).xml());
        }
    }

    /** Replaces the cluster's configuration through {@code name} (validated and applied by the DC). */
    public String replaceConfiguration(String name, String cibXml) {
        try (ApiClient c = ApiClient.connect(node(name).socket(), Duration.ofSeconds(30))) {
            return c.call(ApiTypes.CIB_REPLACE, new ApiTypes.CibReplaceArgs(cibXml), ApiTypes.CibReplaceResult.class)
                    .version();
        }
    }

    /** Sets (or with a null value deletes) a node attribute, {@code forever} or until {@code reboot}. */
    public void setNodeAttribute(String via, String node, String attribute, String value, String lifetime) {
        try (ApiClient c = ApiClient.connect(node(via).socket(), Duration.ofSeconds(30))) {
            c.call(ApiTypes.NODE_ATTRIBUTE, new ApiTypes.NodeAttributeArgs(node, attribute, value,
                    value == null ? Boolean.TRUE : null, lifetime), ApiTypes.NodeAttributeResult.class);
        }
    }

    /**
     * Polls a node's status every 20 ms until {@code condition} holds and returns it; fails with
     * the last status and the node's log after {@code timeout}.
     */
    public ApiTypes.ClusterStatus awaitStatus(String name, Predicate<ApiTypes.ClusterStatus> condition, Duration timeout,
                                              String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        ApiTypes.ClusterStatus last = null;
        String error = null;
        while (System.nanoTime() < deadline) {
            try {
                last = status(name);
                error = null;
                if (condition.test(last)) {
                    return last;
                }
            } catch (RuntimeException e) {
                error = e.getMessage();
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException(name + ": " + what + " not seen within " + timeout + "; last status " + last
                + (error == null ? "" : "; last error " + error) + "\n" + node(name).logTail());
    }

    /** Waits until every running node sees all of them online with the same DC; returns the DC. */
    public String awaitFormed(Duration timeout) throws InterruptedException {
        List<String> up = alive();
        String dc = null;
        for (String n : up) {
            ApiTypes.ClusterStatus s = awaitStatus(n, st -> st.dc() != null
                    && st.nodes().stream().filter(ApiTypes.NodeInfo::online).count() == up.size(), timeout,
                    "a view of " + up + " with a DC");
            if (dc != null && !dc.equals(s.dc())) {
                throw new IllegalStateException("nodes disagree on the DC: " + dc + " and " + s.dc());
            }
            dc = s.dc();
        }
        return dc;
    }

    /** Kills every daemon and whatever their agents left running, then removes the directory. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (DaemonNode n : nodes.values()) {
            try {
                n.kill();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            PidFiles.killAgents(pidDir, null);
        } catch (IOException e) {
            System.err.println("could not clean up the agents of " + dir + ": " + e.getMessage());
        }
        if (!keepDir) {
            deleteTree(dir);
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            System.err.println("could not remove " + root + ": " + e.getMessage());
        }
    }
}
