package dev.vigil.daemon.core;

import dev.vigil.cib.store.CibStore;
import dev.vigil.cib.store.CibStoreException;
import dev.vigil.cib.store.StoredCib;
import dev.vigil.cluster.membership.View;
import dev.vigil.controller.CibRejectedException;
import dev.vigil.controller.ClusterState;
import dev.vigil.daemon.cluster.ClusterMonitor;
import dev.vigil.daemon.replication.CibMessage;
import dev.vigil.daemon.replication.CibReplica;
import dev.vigil.daemon.replication.ReplicaEffect;
import dev.vigil.daemon.replication.ReplicaInput;
import dev.vigil.daemon.wire.CibWire;
import dev.vigil.daemon.wire.Envelope;
import dev.vigil.daemon.wire.NodeStatus;
import dev.vigil.daemon.wire.WireException;
import dev.vigil.model.cib.Cib;
import dev.vigil.model.cib.CibVersion;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * The node's event loop: one thread, one bounded queue. Membership events, messages, change
 * requests and a 100 ms tick go in; the cluster monitor and the CIB replica decide; the loop
 * carries out what they return (persist first, then send, announce and complete).
 */
public final class NodeLoop implements AutoCloseable {
    /** How the loop reaches the other nodes (the membership, in the daemon). */
    public interface Network {
        void send(String node, byte[] frame);

        void broadcast(byte[] frame);
    }

    /** What the loop tells the rest of the daemon; called on the loop thread, must not block. */
    public interface Events {
        void clusterChanged(ClusterState previous, ClusterState next);

        void committed(StoredCib previous, StoredCib copy, String cause);

        void controllerMessage(String from, byte[] payload);

        /** The node cannot go on (its CIB could not be made durable): stop the daemon. */
        void fatal(String reason, Throwable cause);
    }

    static final int QUEUE_CAPACITY = 10_000;
    static final long TICK_MILLIS = 100;

    private final String local;
    private final ClusterMonitor monitor;
    private final CibReplica replica;
    private final CibStore store;
    private final Network network;
    private final Events events;
    private final Clock clock;
    private final System.Logger log;
    private final System.Logger cibLog;
    private final BlockingQueue<Runnable> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final Map<Long, CompletableFuture<CibVersion>> futures = new ConcurrentHashMap<>();
    private final AtomicLong requestIds = new AtomicLong();
    private final AtomicBoolean tickQueued = new AtomicBoolean();
    private final Executor completions;
    private final ScheduledExecutorService ticker;
    private final Thread thread;
    /** Senders whose undecodable messages were already logged at WARNING (bounded). */
    private final Set<String> badSenders = ConcurrentHashMap.newKeySet();

    private volatile boolean running;
    private volatile StoredCib current;
    private volatile ClusterState state;
    private NodeStatus lastStatusSent;

    public NodeLoop(String local, ClusterMonitor monitor, CibReplica replica, CibStore store, Network network,
                    Events events, Clock clock) {
        this.local = Objects.requireNonNull(local, "local");
        this.monitor = monitor;
        this.replica = replica;
        this.store = store;
        this.network = network;
        this.events = events;
        this.clock = clock;
        this.log = System.getLogger("dev.vigil.daemon");
        this.cibLog = System.getLogger("dev.vigil.daemon.cib");
        this.current = replica.current();
        this.completions = Executors.newSingleThreadExecutor(r -> daemonThread(r, "vigil-cib-replies"));
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> daemonThread(r, "vigil-tick"));
        this.thread = new Thread(this::run, "vigil-node-" + local);
        this.thread.setDaemon(true);
    }

    private static Thread daemonThread(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    public void start() {
        running = true;
        thread.start();
        ticker.scheduleWithFixedDelay(() -> {
            if (tickQueued.compareAndSet(false, true) && !queue.offer(this::tick)) {
                tickQueued.set(false);
            }
        }, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** This node's committed copy. */
    public StoredCib current() {
        return current;
    }

    /** The cluster as this node sees it, or null before the first view. */
    public ClusterState state() {
        return state;
    }

    // ---------------------------------------------------------------- inputs (any thread)

    /** A view from the membership (its delivery thread waits while the queue is full). */
    public void onView(View view) {
        enqueueWaiting(() -> handleView(view));
    }

    /** A message from the membership. */
    public void onMessage(String from, byte[] frame) {
        enqueueWaiting(() -> handleMessage(from, frame));
    }

    /**
     * Asks for a change; completes as {@link dev.vigil.controller.CibService#modify} says.
     *
     * @param client recorded as the CIB's update-client ({@code cli}, {@code controller}...)
     */
    public CompletableFuture<CibVersion> submit(String description, String client, UnaryOperator<Cib> change) {
        CompletableFuture<CibVersion> future = new CompletableFuture<>();
        if (!running) {
            future.completeExceptionally(new CibRejectedException(description + ": the daemon is stopping"));
            return future;
        }
        long id = requestIds.incrementAndGet();
        futures.put(id, future);
        boolean queued;
        try {
            queued = queue.offer(() -> step(new ReplicaInput.Change(id, description, client, change, clock.instant())),
                    2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            queued = false;
        }
        if (!queued) {
            futures.remove(id);
            future.completeExceptionally(new CibRejectedException(description + ": the node is overloaded ("
                    + QUEUE_CAPACITY + " events queued); try again"));
        }
        return future;
    }

    /** Sends a controller message to one node (dropped if it is not a member). */
    public void sendController(String node, byte[] payload) {
        send(node, new Envelope(Envelope.Channel.CONTROLLER, payload).encode());
    }

    /** Sends a controller message to every member, this node included. */
    public void broadcastController(byte[] payload) {
        broadcast(new Envelope(Envelope.Channel.CONTROLLER, payload).encode());
    }

    private void enqueueWaiting(Runnable r) {
        try {
            while (running && !queue.offer(r, 200, TimeUnit.MILLISECONDS)) {
                // Full: the loop is behind; waiting here slows the network threads down instead of losing events.
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---------------------------------------------------------------- the loop thread

    private void run() {
        while (running) {
            Runnable event;
            try {
                event = queue.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                continue;
            }
            if (event == null) {
                continue;
            }
            try {
                event.run();
            } catch (RuntimeException e) {
                log.log(Level.ERROR, "internal error in the node loop; going on", e);
            }
        }
    }

    private void tick() {
        tickQueued.set(false);
        Instant now = clock.instant();
        monitor.onTime(now).ifPresent(this::clusterChanged);
        step(new ReplicaInput.Tick(now));
    }

    private void handleView(View view) {
        clusterChanged(monitor.onView(view, clock.instant()));
    }

    private void handleMessage(String from, byte[] frame) {
        try {
            Envelope e = Envelope.decode(frame);
            switch (e.channel()) {
                case CIB -> step(new ReplicaInput.Received(from, CibWire.decode(e.payload()), clock.instant()));
                case NODE -> monitor.onPeerStatus(from, NodeStatus.decode(e.payload()), clock.instant())
                        .ifPresent(this::clusterChanged);
                case CONTROLLER -> events.controllerMessage(from, e.payload());
            }
        } catch (WireException e) {
            boolean first = badSenders.size() < 64 && badSenders.add(from);
            log.log(first ? Level.WARNING : Level.DEBUG, "dropping a message from " + from + ": " + e.getMessage()
                    + (first ? " (further ones from this node are logged at debug level)" : ""));
        }
    }

    private void clusterChanged(ClusterState next) {
        ClusterState previous = state;
        state = next;
        logChanges(previous, next);
        // Announced before the replica records it in the CIB: whoever reads the copy with the
        // new membership fields has heard of the new state first.
        events.clusterChanged(previous, next);
        step(new ReplicaInput.Cluster(next, clock.instant()));
        NodeStatus status = monitor.status();
        if (!status.equals(lastStatusSent)) {
            lastStatusSent = status;
            broadcast(new Envelope(Envelope.Channel.NODE, status.encode()).encode());
        }
    }

    private void logChanges(ClusterState previous, ClusterState next) {
        if (previous == null || !previous.quorum().equals(next.quorum())) {
            log.log(Level.INFO, "quorum: " + next.quorum().reason());
        }
        String dc = next.dc();
        if (previous == null || !Objects.equals(previous.dc(), dc)) {
            String was = previous == null || previous.dc() == null ? "" : " (was " + previous.dc() + ")";
            log.log(Level.INFO, dc == null ? "no DC: this partition has no quorum" + was
                    : "DC is " + dc + (dc.equals(local) ? " (this node)" : "") + was);
        }
    }

    private void step(ReplicaInput input) {
        for (ReplicaEffect effect : replica.step(input)) {
            if (!carryOut(effect)) {
                return;
            }
        }
    }

    /** Returns false when the node must stop (its disk failed). */
    private boolean carryOut(ReplicaEffect effect) {
        if (effect instanceof ReplicaEffect.Persist p) {
            try {
                store.write(p.copy());
            } catch (CibStoreException e) {
                running = false;
                events.fatal(e.getMessage(), e);
                return false;
            }
        } else if (effect instanceof ReplicaEffect.Send s) {
            send(s.node(), cibFrame(s.message()));
        } else if (effect instanceof ReplicaEffect.Broadcast b) {
            broadcast(cibFrame(b.message()));
        } else if (effect instanceof ReplicaEffect.Committed c) {
            current = c.copy();
            cibLog.log(Level.INFO, "cib " + c.previous().version() + " -> " + c.copy().describe() + ": " + c.cause());
            events.committed(c.previous(), c.copy(), c.cause());
        } else if (effect instanceof ReplicaEffect.Complete c) {
            CompletableFuture<CibVersion> f = futures.remove(c.id());
            if (f != null) {
                completions.execute(() -> f.complete(c.version()));
            }
        } else if (effect instanceof ReplicaEffect.Reject r) {
            CompletableFuture<CibVersion> f = futures.remove(r.id());
            if (f != null) {
                completions.execute(() -> f.completeExceptionally(new CibRejectedException(r.reason())));
            }
        } else if (effect instanceof ReplicaEffect.Log l) {
            cibLog.log(l.level(), l.text());
        }
        return true;
    }

    private static byte[] cibFrame(CibMessage m) {
        return new Envelope(Envelope.Channel.CIB, CibWire.encode(m)).encode();
    }

    private void send(String node, byte[] frame) {
        try {
            network.send(node, frame);
        } catch (RuntimeException e) {
            log.log(Level.DEBUG, "not sent to " + node + ": " + e.getMessage());
        }
    }

    private void broadcast(byte[] frame) {
        try {
            network.broadcast(frame);
        } catch (RuntimeException e) {
            log.log(Level.DEBUG, "broadcast not sent: " + e.getMessage());
        }
    }

    /** Stops the loop; requests still open fail (their outcome is unknown). */
    @Override
    public void close() {
        running = false;
        ticker.shutdownNow();
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Long id : futures.keySet()) {
            CompletableFuture<CibVersion> f = futures.remove(id);
            if (f != null) {
                // Not a rejection: the change may have reached the DC before this node stopped.
                f.completeExceptionally(new IllegalStateException("the daemon stopped before the change was confirmed"));
            }
        }
        ((java.util.concurrent.ExecutorService) completions).shutdown();
    }
}
