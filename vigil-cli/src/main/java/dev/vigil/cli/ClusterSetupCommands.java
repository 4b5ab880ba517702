package dev.vigil.cli;

import dev.vigil.cli.setup.ClusterLayout;
import dev.vigil.cli.setup.ClusterPlan;
import dev.vigil.cli.setup.LocalDaemons;
import dev.vigil.cluster.config.ClusterConfig;
import dev.vigil.cluster.config.ConfigException;
import dev.vigil.cluster.config.ConfigParser;
import dev.vigil.cluster.config.ConfigWriter;
import dev.vigil.cluster.config.NodeConfig;
import dev.vigil.cluster.key.AuthKey;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code vigil cluster setup|start|stop|destroy|node add|remove}: a cluster's files in one
 * directory, and the daemons of the nodes on this machine. Vigil does not log in to other
 * machines: for a node elsewhere these commands say what to copy and run there.
 */
final class ClusterSetupCommands {
    static final String DEFAULT_DIR = "/etc/vigil";

    private ClusterSetupCommands() {
    }

    /** {@code --dir D}, shared by every command here. */
    static final class DirOption {
        @Option(names = "--dir", paramLabel = "DIR", defaultValue = DEFAULT_DIR,
                description = "the cluster's directory: vigil.conf, authkey and, per local node, NODE/ (default: ${DEFAULT-VALUE})")
        Path dir;

        ClusterLayout layout() {
            return new ClusterLayout(dir.toAbsolutePath().normalize());
        }

        ClusterConfig readConfig() {
            ClusterLayout layout = layout();
            if (!Files.isRegularFile(layout.config())) {
                throw new IllegalArgumentException("no cluster in " + layout.dir() + " (" + layout.config()
                        + " does not exist; 'vigil cluster setup' writes it)");
            }
            try {
                return ConfigParser.parse(layout.config());
            } catch (ConfigException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }
    }

    static int fail(CommandLine.Model.CommandSpec spec, String message) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("vigil: " + message);
        err.flush();
        return ApiCommands.FAILED;
    }

    /** The nodes a start/stop names: every node with --all, else those given (each checked). */
    static List<NodeConfig> select(ClusterConfig config, boolean all, List<String> names) {
        if (all == (names != null && !names.isEmpty())) {
            throw new IllegalArgumentException("give --all or the names of nodes (one of them)");
        }
        if (all) {
            return config.nodes();
        }
        List<NodeConfig> out = new ArrayList<>();
        for (String n : names) {
            out.add(config.node(n).orElseThrow(() -> new IllegalArgumentException("node " + n
                    + " is not in the cluster (nodes: " + config.nodes().stream().map(NodeConfig::name).toList() + ")")));
        }
        return out;
    }

    /** The JVM that runs a daemon: this one's java and classpath, with the daemon's small-heap flags. */
    static List<String> javaCommand() {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of("-Xms16m", "-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k"));
        String home = System.getenv("VIGIL_HOME");
        if (home == null) {
            home = System.getProperty("vigil.home");
        }
        if (home != null) {
            cmd.add("-Dvigil.home=" + home);
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        return cmd;
    }

    static String remoteHint(ClusterLayout layout, NodeConfig n) {
        return n.name() + " (" + n.ring0Addr().getHostAddress() + ") is not on this machine; vigil does not log in "
                + "to other machines: copy " + layout.config() + " and " + layout.key() + " to /etc/vigil/ there "
                + "(e.g. with scp) and run 'vigil daemon --name " + n.name() + "' (or its systemd unit) on it";
    }

    /** {@code vigil cluster setup --name N NODE=ADDR…}. */
    @Command(name = "setup", mixinStandardHelpOptions = true,
            description = {"Create a cluster: its vigil.conf and a fresh key.",
                "Writes vigil.conf (corosync syntax: the nodelist, the port, votequorum; "
                    + "two nodes get two_node) and a fresh cluster key (authkey, mode 0400) into the directory.",
                "Every node needs both files, the same on all. Nodes whose address is on this machine (127.0.0.x "
                        + "for a loopback cluster) are started with 'vigil cluster start'; for the others the "
                        + "command says what to copy where."},
            footer = {"", "Examples:",
                "  vigil cluster setup --name web node1=127.0.0.1 node2=127.0.0.2 node3=127.0.0.3 --dir /tmp/web",
                "  vigil cluster setup --name web node1=198.18.0.11 node2=198.18.0.12      (files in /etc/vigil)",
                "", "Exit codes: 0 written; 1 refused (bad argument, files exist without --force); 2 usage."})
    static final class Setup implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        DirOption dir;

        @Option(names = "--name", required = true, paramLabel = "NAME", description = "the cluster's name")
        String name;

        @Parameters(arity = "1..*", paramLabel = "NODE=ADDRESS", description = "each node and its IP address")
        List<String> nodes;

        @Option(names = "--port", paramLabel = "PORT", defaultValue = "5405",
                description = "the TCP port of the cluster's traffic (default: ${DEFAULT-VALUE})")
        int port;

        @Option(names = "--force", description = "replace an existing vigil.conf and authkey in the directory")
        boolean force;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            ClusterLayout layout = dir.layout();
            ClusterConfig config;
            try {
                List<ClusterPlan.NodeArg> args = new ArrayList<>();
                for (String n : nodes) {
                    args.add(ClusterPlan.NodeArg.parse(n));
                }
                config = ClusterPlan.setup(name, args, port);
            } catch (IllegalArgumentException e) {
                return fail(spec, e.getMessage());
            }
            if (!force && (Files.exists(layout.config()) || Files.exists(layout.key()))) {
                return fail(spec, layout.dir() + " holds a cluster already (vigil.conf or authkey); a new key locks out "
                        + "every node that has the old one: give --force to replace them, or 'vigil cluster destroy'");
            }
            try {
                Files.createDirectories(layout.dir());
                ConfigWriter.writeFile(config, layout.config());
                Files.deleteIfExists(layout.key());
                AuthKey key = AuthKey.generate();
                key.write(layout.key());
                out.println("cluster " + name + ": wrote " + layout.config() + " and " + layout.key()
                        + " (fingerprint " + key.fingerprint() + ")");
            } catch (IOException e) {
                return fail(spec, "cannot write in " + layout.dir() + ": " + e.getMessage());
            }
            for (NodeConfig n : config.nodes()) {
                out.println("  " + (LocalDaemons.isLocal(n.ring0Addr())
                        ? n.name() + " (" + n.ring0Addr().getHostAddress() + ") is on this machine: vigil cluster start --dir "
                                + layout.dir() + " " + n.name()
                        : remoteHint(layout, n)));
            }
            out.flush();
            return 0;
        }
    }

    /** {@code vigil cluster start [--all|NODE…]}. */
    @Command(name = "start", mixinStandardHelpOptions = true,
            description = {"Start the daemons of this machine's nodes.",
                "Each runs in the background with its files in "
                    + "DIR/NODE/ (state/, vigil.sock, daemon.log, daemon.pid); the command waits until each answers.",
                "A node on another machine is not started (vigil does not use ssh); the command says so and exits 1."},
            footer = {"", "Examples:", "  vigil cluster start --dir /tmp/web --all", "  vigil cluster start --dir /tmp/web node2",
                "  vigil status --socket /tmp/web/node1/vigil.sock"})
    static final class Start extends LocalNodesCommand {
        @Override
        void onLocal(NodeConfig n, ClusterLayout layout, LocalDaemons daemons, PrintWriter out)
                throws IOException, InterruptedException {
            if (daemons.running(n.name()).isPresent()) {
                out.println(n.name() + ": runs already");
                return;
            }
            long pid = daemons.start(n.name(), javaCommand());
            out.println(n.name() + ": started (pid " + pid + ", socket " + layout.socket(n.name()) + ")");
        }

        @Override
        String onRemote(ClusterLayout layout, NodeConfig n) {
            return remoteHint(layout, n);
        }
    }

    /** {@code vigil cluster stop [--all|NODE…]}. */
    @Command(name = "stop", mixinStandardHelpOptions = true,
            description = {"Stop the daemons of this machine's nodes.",
                "SIGTERM: each leaves the cluster cleanly and "
                    + "its resources move away first if others can take them). Only the PID a daemon recorded is "
                    + "signalled, and only while it is still that node's daemon."},
            footer = {"", "Examples:", "  vigil cluster stop --dir /tmp/web --all", "  vigil cluster stop --dir /tmp/web node3"})
    static final class Stop extends LocalNodesCommand {
        @Override
        void onLocal(NodeConfig n, ClusterLayout layout, LocalDaemons daemons, PrintWriter out)
                throws InterruptedException {
            out.println(n.name() + (daemons.stop(n.name()) ? ": stopped" : ": was not running"));
        }

        @Override
        String onRemote(ClusterLayout layout, NodeConfig n) {
            return n.name() + " is not on this machine: stop it there ('systemctl stop vigil' or 'vigil cluster stop "
                    + n.name() + "' on it)";
        }
    }

    /**
     * What {@code start} and {@code stop} share: the nodes named (or {@code --all}), each handled
     * here when it is on this machine, else a hint and exit 1 (vigil does not use ssh).
     */
    abstract static class LocalNodesCommand implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        DirOption dir;

        @Option(names = "--all", description = "every node of the cluster")
        boolean all;

        @Parameters(arity = "0..*", paramLabel = "NODE")
        List<String> nodes;

        abstract void onLocal(NodeConfig n, ClusterLayout layout, LocalDaemons daemons, PrintWriter out)
                throws IOException, InterruptedException;

        /** The message for a node on another machine. */
        abstract String onRemote(ClusterLayout layout, NodeConfig n);

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            ClusterLayout layout = dir.layout();
            LocalDaemons daemons = new LocalDaemons(layout);
            int rc = 0;
            try {
                for (NodeConfig n : select(dir.readConfig(), all, nodes)) {
                    if (!LocalDaemons.isLocal(n.ring0Addr())) {
                        err.println("vigil: " + onRemote(layout, n));
                        rc = ApiCommands.FAILED;
                        continue;
                    }
                    onLocal(n, layout, daemons, out);
                    out.flush();
                }
            } catch (IllegalArgumentException | IllegalStateException e) {
                return fail(spec, e.getMessage());
            } catch (IOException e) {
                return fail(spec, "cannot start: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return fail(spec, "interrupted");
            }
            out.flush();
            err.flush();
            return rc;
        }
    }

    /** {@code vigil cluster destroy --force}. */
    @Command(name = "destroy", mixinStandardHelpOptions = true,
            description = {"Delete the cluster from this machine.",
                "Stops this machine's daemons of the cluster and deletes its files: vigil.conf, authkey and "
                    + "each local node's directory (its CIB included). Other machines are not touched."},
            footer = {"", "Example:", "  vigil cluster destroy --dir /tmp/web --force"})
    static final class Destroy implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        DirOption dir;

        @Option(names = "--force", description = "really delete (required: the CIB is lost)")
        boolean force;

        @Override
        public Integer call() {
            if (!force) {
                return fail(spec, "destroy deletes the configuration and every local node's CIB; give --force to do it");
            }
            PrintWriter out = spec.commandLine().getOut();
            ClusterLayout layout = dir.layout();
            LocalDaemons daemons = new LocalDaemons(layout);
            try {
                ClusterConfig config = dir.readConfig();
                for (NodeConfig n : config.nodes()) {
                    if (daemons.stop(n.name())) {
                        out.println(n.name() + ": stopped");
                    }
                    deleteTree(layout.nodeDir(n.name()));
                }
                Files.deleteIfExists(layout.config());
                Files.deleteIfExists(layout.key());
                try (Stream<Path> left = Files.list(layout.dir())) {
                    if (left.findAny().isEmpty()) {
                        Files.delete(layout.dir());
                    }
                }
                out.println("cluster " + config.totem().clusterName() + " destroyed on this machine");
                out.flush();
                return 0;
            } catch (IllegalArgumentException | IllegalStateException e) {
                return fail(spec, e.getMessage());
            } catch (IOException e) {
                return fail(spec, "cannot delete: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return fail(spec, "interrupted");
            }
        }

        private static void deleteTree(Path dir) throws IOException {
            if (!Files.exists(dir)) {
                return;
            }
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    /** {@code vigil cluster node add|remove}. */
    @Command(name = "node", mixinStandardHelpOptions = true, description = "Add or remove a node of the nodelist.",
            subcommands = {NodeAdd.class, NodeRemove.class, CommandLine.HelpCommand.class})
    static final class Nodes {
    }

    /** {@code vigil cluster node add NODE=ADDRESS}. */
    @Command(name = "add", mixinStandardHelpOptions = true,
            description = {"Add a node to vigil.conf.",
                "It gets the next node id. Running daemons read the nodelist when they "
                    + "start: restart them (vigil cluster stop/start) and copy the new vigil.conf and the authkey to "
                    + "machines elsewhere."},
            footer = {"", "Example:", "  vigil cluster node add --dir /tmp/web node4=127.0.0.4"})
    static final class NodeAdd implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        DirOption dir;

        @Parameters(index = "0", paramLabel = "NODE=ADDRESS")
        String node;

        @Override
        public Integer call() {
            try {
                ClusterConfig updated = ClusterPlan.addNode(dir.readConfig(), ClusterPlan.NodeArg.parse(node));
                ConfigWriter.writeFile(updated, dir.layout().config());
                NodeConfig added = updated.nodes().get(updated.nodes().size() - 1);
                spec.commandLine().getOut().println("node " + added.name() + " added (nodeid " + added.nodeId() + ") to "
                        + dir.layout().config() + "; restart the running daemons so they know it");
                spec.commandLine().getOut().flush();
                return 0;
            } catch (IllegalArgumentException | ConfigException e) {
                return fail(spec, e.getMessage());
            } catch (IOException e) {
                return fail(spec, "cannot write " + dir.layout().config() + ": " + e.getMessage());
            }
        }
    }

    /** {@code vigil cluster node remove NODE}. */
    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = {"Remove a node from vigil.conf.",
                "Its daemon must be stopped first (vigil cluster stop NODE); "
                    + "the other daemons learn of it when restarted."},
            footer = {"", "Example:", "  vigil cluster stop --dir /tmp/web node4 && vigil cluster node remove --dir /tmp/web node4"})
    static final class NodeRemove implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        DirOption dir;

        @Parameters(index = "0", paramLabel = "NODE")
        String node;

        @Override
        public Integer call() {
            try {
                ClusterConfig config = dir.readConfig();
                ClusterConfig updated = ClusterPlan.removeNode(config, node);
                if (new LocalDaemons(dir.layout()).running(node).isPresent()) {
                    return fail(spec, node + "'s daemon runs on this machine: stop it first (vigil cluster stop --dir "
                            + dir.layout().dir() + " " + node + ")");
                }
                ConfigWriter.writeFile(updated, dir.layout().config());
                spec.commandLine().getOut().println("node " + node + " removed from " + dir.layout().config()
                        + "; restart the running daemons so they forget it");
                spec.commandLine().getOut().flush();
                return 0;
            } catch (IllegalArgumentException | ConfigException e) {
                return fail(spec, e.getMessage());
            } catch (IOException e) {
                return fail(spec, "cannot write " + dir.layout().config() + ": " + e.getMessage());
            }
        }
    }
}
