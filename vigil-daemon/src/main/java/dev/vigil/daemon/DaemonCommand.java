package dev.vigil.daemon;

import dev.vigil.cluster.config.ClusterConfig;
import dev.vigil.cluster.config.ConfigException;
import dev.vigil.cluster.config.ConfigParser;
import dev.vigil.cluster.config.NodeConfig;
import dev.vigil.cluster.config.ParsedConfig;
import dev.vigil.cluster.key.AuthKey;
import dev.vigil.cluster.key.KeyFileException;
import dev.vigil.daemon.logging.DaemonLogging;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vigil daemon}: runs this node until SIGTERM (or SIGINT). Exit codes: 0 after a clean
 * stop, 1 when it cannot start (the message says why), 70 when it had to stop because its CIB
 * could not be written.
 */
@Command(name = "daemon", mixinStandardHelpOptions = true,
        description = {"Run this node of the cluster: membership, quorum, the replicated CIB, the executor, "
                + "the fencer, the controller and the local API.",
                "Several daemons can run on one machine: give each its own node name (with its own loopback "
                        + "address in the nodelist), --state-dir and --socket."})
public final class DaemonCommand implements Callable<Integer> {
    static final int EXIT_CANNOT_START = 1;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "cluster configuration (default: ${DEFAULT-VALUE})",
            defaultValue = "/etc/vigil/vigil.conf")
    Path config;

    @Option(names = "--name", paramLabel = "NODE", description = "this node's name in the nodelist (default: the host name)")
    String name;

    @Option(names = "--state-dir", paramLabel = "DIR", description = "where cib.xml and its backups live (default: ${DEFAULT-VALUE})",
            defaultValue = "/var/lib/vigil")
    Path stateDir;

    @Option(names = "--socket", paramLabel = "PATH", description = "the local API's unix socket (default: ${DEFAULT-VALUE})",
            defaultValue = "/run/vigil/vigil.sock")
    Path socket;

    @Option(names = "--test-faults", paramLabel = "FILE", hidden = true,
            description = "tests only: cut the links this file lists (lines 'cut NODE NODE')")
    Path testFaults;

    @Option(names = "--test-exit-on-eof", hidden = true,
            description = "tests only: stop when standard input closes, so a daemon never outlives its test")
    boolean exitOnEof;

    /** Runs the daemon without the rest of the CLI (tests and benchmarks start it this way). */
    public static void main(String[] args) {
        dev.vigil.daemon.logging.DaemonLogging.selectLogManager();
        System.exit(new CommandLine(new DaemonCommand()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        DaemonOptions options;
        try {
            options = options();
        } catch (StartupException e) {
            err.println("vigil daemon: " + e.getMessage());
            err.flush();
            return EXIT_CANNOT_START;
        }
        Daemon daemon = new Daemon(options);
        try {
            daemon.start();
        } catch (RuntimeException e) {
            System.getLogger("dev.vigil.daemon").log(System.Logger.Level.ERROR, "cannot start: " + e.getMessage());
            err.println("vigil daemon: cannot start: " + e.getMessage());
            err.flush();
            return EXIT_CANNOT_START;
        }
        // SIGTERM and SIGINT run the hook: the node leaves on purpose and stops in order.
        Runtime.getRuntime().addShutdownHook(new Thread(daemon::stop, "vigil-shutdown"));
        if (exitOnEof) {
            Thread watcher = new Thread(() -> {
                try {
                    while (System.in.read() >= 0) {
                        // the test keeps the pipe open while it wants this daemon
                    }
                } catch (IOException e) {
                    // closed: same as EOF
                }
                daemon.stop();
            }, "vigil-test-stdin");
            watcher.setDaemon(true);
            watcher.start();
        }
        return daemon.awaitStop();
    }

    /** A problem found before anything started. */
    static final class StartupException extends Exception {
        StartupException(String message) {
            super(message);
        }
    }

    private DaemonOptions options() throws StartupException {
        ParsedConfig parsed;
        try {
            parsed = ConfigParser.parseWithNotes(config);
        } catch (ConfigException e) {
            throw new StartupException(e.getMessage());
        }
        ClusterConfig c = parsed.config();
        String node = name != null ? name : hostName();
        if (c.node(node).isEmpty()) {
            throw new StartupException("node '" + node + "' is not in the nodelist of " + config + " (nodes: "
                    + c.nodes().stream().map(NodeConfig::name).collect(Collectors.joining(", ")) + ")"
                    + (name == null ? "; give --name NODE" : ""));
        }
        List<String> logNotes;
        try {
            logNotes = DaemonLogging.install(c.logging(), node);
        } catch (IOException e) {
            throw new StartupException(config + ": logging: cannot open " + c.logging().logfile().map(Path::toString)
                    .orElse("the log file") + ": " + e.getMessage());
        }
        System.Logger log = System.getLogger("dev.vigil.daemon");
        parsed.notes().forEach(n -> log.log(System.Logger.Level.INFO, n));
        logNotes.forEach(n -> log.log(System.Logger.Level.WARNING, n));
        Path keyFile = c.keyfile(config);
        AuthKey key;
        try {
            key = AuthKey.load(keyFile);
        } catch (KeyFileException e) {
            throw new StartupException(e.getMessage());
        }
        key.warnings().forEach(w -> log.log(System.Logger.Level.WARNING, w));
        return new DaemonOptions(c, node, key, stateDir, socket, agentsDir(), Optional.ofNullable(testFaults));
    }

    private static String hostName() throws StartupException {
        try {
            String host = InetAddress.getLocalHost().getHostName();
            int dot = host.indexOf('.');
            return dot > 0 ? host.substring(0, dot) : host;
        } catch (IOException e) {
            throw new StartupException("cannot tell this machine's host name (" + e.getMessage() + "); give --name NODE");
        }
    }

    /** {@code $VIGIL_HOME/agents} (bin/vigil exports VIGIL_HOME), or the property vigil.home for tests. */
    private static Optional<Path> agentsDir() {
        String home = System.getenv("VIGIL_HOME");
        if (home == null) {
            home = System.getProperty("vigil.home");
        }
        if (home == null) {
            return Optional.empty();
        }
        Path agents = Path.of(home, "agents");
        return Files.isDirectory(agents) ? Optional.of(agents) : Optional.empty();
    }
}
