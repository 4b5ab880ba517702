package dev.vigil.daemon;

import dev.vigil.cib.CibXml;
import dev.vigil.cib.store.CibStore;
import dev.vigil.cib.store.LoadedCib;
import dev.vigil.cib.store.StoredCib;
import dev.vigil.cluster.config.NodeConfig;
import dev.vigil.cluster.membership.JGroupsMembership;
import dev.vigil.cluster.membership.MembershipListener;
import dev.vigil.cluster.membership.View;
import dev.vigil.controller.CibService;
import dev.vigil.controller.ClusterState;
import dev.vigil.controller.Controller;
import dev.vigil.controller.ControllerContext;
import dev.vigil.controller.ControllerTransport;
import dev.vigil.daemon.api.ApiDispatcher;
import dev.vigil.daemon.api.ApiInfoHandler;
import dev.vigil.daemon.api.ApiServer;
import dev.vigil.daemon.api.CibQueryHandler;
import dev.vigil.daemon.api.CibReplaceHandler;
import dev.vigil.daemon.api.ClusterStatusHandler;
import dev.vigil.daemon.api.NodeAttributeHandler;
import dev.vigil.daemon.cluster.ClusterMonitor;
import dev.vigil.daemon.core.ClusterTransport;
import dev.vigil.daemon.core.NodeLoop;
import dev.vigil.daemon.core.ReplicatedCib;
import dev.vigil.daemon.replication.CibReplica;
import dev.vigil.daemon.replication.ReplicaSettings;
import dev.vigil.exec.AgentPaths;
import dev.vigil.exec.Executor;
import dev.vigil.exec.ExecutorConfig;
import dev.vigil.exec.OperationListener;
import dev.vigil.exec.fence.FenceConfig;
import dev.vigil.exec.fence.Fencer;
import dev.vigil.exec.fence.FencerOptions;
import dev.vigil.exec.fence.LocalFencer;
import dev.vigil.exec.local.LocalExecutor;
import dev.vigil.model.cib.Cib;
import dev.vigil.model.cib.NodeState;
import dev.vigil.model.cib.Status;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One node's daemon, wired by hand. {@link #start()} brings the parts up in dependency order
 * (CIB store, node loop, executor, fencer, controller, API socket, membership); {@link #stop()} takes
 * them down in reverse, after telling the cluster this node leaves on purpose.
 */
public final class Daemon {
    private static final System.Logger LOG = System.getLogger("dev.vigil.daemon");
    static final String EMPTY_CIB = "<cib admin_epoch=\"0\" epoch=\"0\" num_updates=\"0\" validate-with=\"pacemaker-3.0\" "
            + "crm_feature_set=\"3.16.2\"><configuration><crm_config/><nodes/><resources/><constraints/></configuration>"
            + "<status/></cib>";
    /** How long a stopping node waits for the DC to record that it leaves on purpose. */
    static final Duration LEAVE_NOTICE_WAIT = Duration.ofSeconds(2);
    /** The longest a second caller of {@link #stop()} waits for the first. */
    static final Duration STOP_WAIT = Duration.ofSeconds(30);

    private final DaemonOptions options;
    private final Clock clock = Clock.systemUTC();
    private final CountDownLatch stopped = new CountDownLatch(1);

    private CibStore store;
    private ReplicatedCib cib;
    private NodeLoop loop;
    private JGroupsMembership membership;
    private FaultFile faultFile;
    private ApiServer api;
    private LocalExecutor executor;
    private LocalFencer fencer;
    private Controller controller;
    private ScheduledExecutorService timers;
    private volatile int exitCode;
    private boolean stopping;

    public Daemon(DaemonOptions options) {
        this.options = options;
    }

    /**
     * Starts every part; on failure stops what was started and throws with the reason.
     *
     * @throws IllegalStateException naming what could not start and why
     */
    public void start() {
        try {
            startParts();
        } catch (RuntimeException e) {
            stopParts();
            throw e;
        }
    }

    private void startParts() {
        String node = options.node();
        LOG.log(Level.INFO, "vigil daemon " + node + " starting: cluster " + options.config().totem().clusterName()
                + ", state " + options.stateDir() + ", socket " + options.socket());
        store = CibStore.open(options.stateDir(), CibStore.DEFAULT_BACKUPS);
        StoredCib initial = loadCib();

        Map<String, Integer> nodeIds = new LinkedHashMap<>();
        for (NodeConfig n : options.config().nodes()) {
            nodeIds.put(n.name(), n.nodeId());
        }
        cib = new ReplicatedCib();
        CibReplica replica = new CibReplica(node, nodeIds, ReplicaSettings.DEFAULTS, initial);
        NetworkBridge network = new NetworkBridge();
        loop = new NodeLoop(node, new ClusterMonitor(options.config(), node), replica, store, network, new Events(), clock);
        cib.attach(loop);

        AgentPaths paths = options.agentsDir().map(AgentPaths.system()::withVigilAgents).orElse(AgentPaths.system());
        executor = new LocalExecutor(ExecutorConfig.builder(node).paths(paths)
                .environment(Map.of("HA_RSCTMP", runDir())).build(), this::onOperationResult);
        fencer = new LocalFencer(FencerOptions.builder().paths(paths).build(), FenceConfig.EMPTY);
        timers = Executors.newScheduledThreadPool(2, r -> daemonThread(r, "vigil-controller-timer"));
        startController();

        loop.start();
        // The socket before the membership: a daemon that cannot serve its API fails before it
        // joins (no view change for the others); until it has joined, status says so.
        api = new ApiServer(options.socket(), dispatcher());
        api.start();
        JGroupsMembership.Builder b = JGroupsMembership.builder(options.config(), node, options.key()).listener(network);
        if (options.testFaults().isPresent()) {
            faultFile = new FaultFile(options.testFaults().get());
            faultFile.start();
            b.faults(faultFile.faults());
        }
        membership = b.build();
        network.membership = membership;
        membership.start();
        LOG.log(Level.INFO, "vigil daemon " + node + " running (pid " + ProcessHandle.current().pid() + "; API on "
                + options.socket() + ")");
    }

    private StoredCib loadCib() {
        LoadedCib loaded = store.load();
        for (String problem : loaded.problems()) {
            LOG.log(loaded.copy().isPresent() && !problem.contains("digest") && !problem.contains("not a usable")
                    ? Level.WARNING : Level.ERROR, "cib: " + problem);
        }
        if (loaded.copy().isPresent()) {
            LOG.log(Level.INFO, "cib: loaded " + loaded.copy().get().describe() + " from " + loaded.source().orElseThrow());
            return loaded.copy().get();
        }
        LOG.log(Level.INFO, "cib: no CIB in " + store.directory() + " yet: starting from an empty one");
        return StoredCib.of(CibXml.parse(EMPTY_CIB));
    }

    private String runDir() {
        try {
            // The socket's directory first, with the mode the API server would give it (0750).
            Path socketDir = options.runDir().getParent();
            if (!Files.isDirectory(socketDir)) {
                Files.createDirectories(socketDir, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwxr-x---")));
            }
            Files.createDirectories(options.runDir(), PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwxr-xr-x")));
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the agents' run directory " + options.runDir() + ": "
                    + e.getMessage(), e);
        }
        return options.runDir().toString();
    }

    private void startController() {
        controller = ControllerFactory.create().orElse(null);
        if (controller == null) {
            LOG.log(Level.WARNING, "no controller on the classpath (" + ControllerFactory.IMPLEMENTATION
                    + "): this node keeps membership and the CIB but manages no resources");
            return;
        }
        controller.start(new Context());
        LOG.log(Level.INFO, "controller " + controller.getClass().getName() + " started");
    }

    private ApiDispatcher dispatcher() {
        ApiDispatcher d = new ApiDispatcher();
        d.register(new ClusterStatusHandler(options.config(), options.node(), loop::state, loop::current))
                .register(new CibQueryHandler(loop::current))
                .register(new CibReplaceHandler(cib))
                .register(new NodeAttributeHandler(options.config(), cib));
        if (controller instanceof dev.vigil.controller.DefaultController c) {
            d.register(new dev.vigil.daemon.api.ControllerStatusHandler(c))
                    .register(new dev.vigil.daemon.api.CleanupHandler(c))
                    .register(new dev.vigil.daemon.api.FenceHandler(c));
        }
        d.register(new ApiInfoHandler(options.node(), d));
        return d;
    }

    private void onOperationResult(dev.vigil.exec.OperationResult result) {
        if (controller instanceof OperationListener listener) {
            listener.onResult(result);
        }
    }

    private static Thread daemonThread(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Blocks until the daemon has stopped; returns the exit code (0, or 70 after a fatal error). */
    public int awaitStop() throws InterruptedException {
        stopped.await();
        return exitCode;
    }

    /** The API socket's server, for tests. */
    ApiServer api() {
        return api;
    }

    /**
     * Leaves the cluster on purpose and stops every part. A second caller (the SIGTERM hook
     * while a fatal error stops the daemon, say) waits for the first to finish, so that the JVM
     * never exits half-way through.
     */
    public void stop() {
        boolean first;
        synchronized (this) {
            first = !stopping;
            stopping = true;
        }
        if (!first) {
            awaitStopped();
            return;
        }
        LOG.log(Level.INFO, "vigil daemon " + options.node() + " stopping");
        if (controller != null) {
            try {
                controller.shutdown(true);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "the controller failed to shut down cleanly: " + e.getMessage());
            }
        }
        announceLeaving();
        stopParts();
        LOG.log(Level.INFO, "vigil daemon " + options.node() + " stopped");
        stopped.countDown();
    }

    /** Records {@code expected="down"} for this node, so the others know it left on purpose (no fencing). */
    private void announceLeaving() {
        if (loop == null || loop.state() == null || loop.state().dc() == null) {
            return;
        }
        String node = options.node();
        try {
            cib.modify("node " + node + " is shutting down", "vigil", c -> expectedDown(c, node))
                    .get(LEAVE_NOTICE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.log(Level.WARNING, "could not record that " + node + " leaves on purpose: " + e.getMessage());
        }
    }

    private void awaitStopped() {
        try {
            if (!stopped.await(STOP_WAIT.toSeconds(), TimeUnit.SECONDS)) {
                LOG.log(Level.WARNING, "still stopping after " + STOP_WAIT.toSeconds() + " s; exiting anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static Cib expectedDown(Cib c, String node) {
        List<NodeState> states = new ArrayList<>();
        for (NodeState s : c.status().nodes()) {
            if (node.equals(s.uname())) {
                Map<String, String> a = new LinkedHashMap<>(s.attributes());
                a.put("expected", "down");
                s = new NodeState(a, s.transientAttributes(), s.hasLrm(), s.lrmResources());
            }
            states.add(s);
        }
        return c.withStatus(new Status(states, c.status().tickets()));
    }

    private void stopParts() {
        close(api);
        close(membership);
        close(faultFile);
        close(loop);
        if (cib != null) {
            cib.close();
        }
        if (timers != null) {
            timers.shutdownNow();
        }
        close(executor);
        close(fencer);
        close(store);
    }

    private static void close(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            LOG.log(Level.WARNING, "stopping " + c.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** Membership events into the node loop; the loop's frames out through the membership. */
    private final class NetworkBridge implements MembershipListener, NodeLoop.Network {
        volatile JGroupsMembership membership;

        @Override
        public void onView(View view) {
            loop.onView(view);
        }

        @Override
        public void onMessage(String fromNode, byte[] payload) {
            loop.onMessage(fromNode, payload);
        }

        @Override
        public void send(String node, byte[] frame) {
            JGroupsMembership m = membership;
            if (m != null) {
                m.send(node, frame);
            }
        }

        @Override
        public void broadcast(byte[] frame) {
            JGroupsMembership m = membership;
            if (m != null) {
                m.broadcast(frame);
            }
        }
    }

    /** What the node loop tells the rest of the daemon. */
    private final class Events implements NodeLoop.Events {
        @Override
        public void clusterChanged(ClusterState previous, ClusterState next) {
            if (controller != null) {
                cib.inOrderWithCopies(() -> controller.onClusterState(next));
            }
        }

        @Override
        public void committed(StoredCib previous, StoredCib copy, String cause) {
            cib.publish(copy);
        }

        @Override
        public void controllerMessage(String from, byte[] payload) {
            if (controller != null) {
                cib.inOrderWithCopies(() -> controller.onMessage(from, payload));
            }
        }

        @Override
        public void fatal(String reason, Throwable cause) {
            LOG.log(Level.ERROR, "stopping: " + reason + " (this node's CIB copy cannot be kept durable; it must "
                    + "not go on with a copy that differs from its disk)");
            exitCode = 70;
            Thread t = new Thread(Daemon.this::stop, "vigil-fatal-stop");
            t.start();
        }
    }

    /** The controller's surroundings. */
    private final class Context implements ControllerContext {
        private final ControllerTransport transport = new ClusterTransport(loop);

        @Override
        public String localNode() {
            return options.node();
        }

        @Override
        public CibService cib() {
            return cib;
        }

        @Override
        public ControllerTransport transport() {
            return transport;
        }

        @Override
        public Executor executor() {
            return executor;
        }

        @Override
        public Fencer fencer() {
            return fencer;
        }

        @Override
        public Clock clock() {
            return clock;
        }

        @Override
        public ScheduledExecutorService timers() {
            return timers;
        }
    }
}
