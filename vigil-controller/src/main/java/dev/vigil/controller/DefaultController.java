package dev.vigil.controller;

import dev.vigil.controller.core.ControllerCore;
import dev.vigil.controller.core.CoreConfig;
import dev.vigil.controller.core.Effect;
import dev.vigil.controller.core.Input;
import dev.vigil.controller.status.StatusEdit;
import dev.vigil.controller.wire.FenceRecord;
import dev.vigil.controller.wire.Message;
import dev.vigil.controller.wire.MessageCodec;
import dev.vigil.exec.OpStatus;
import dev.vigil.exec.OperationListener;
import dev.vigil.exec.OperationRequest;
import dev.vigil.exec.OperationResult;
import dev.vigil.exec.fence.FenceResult;
import dev.vigil.model.cib.LrmResource;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * The controller the daemon runs: a thin adapter around {@link ControllerCore}. Every input
 * (cluster state, message, CIB copy, executor and fencer result, timer) is queued and handed to
 * the core on one thread, stamped with the time it is handled; the effects the core returns are
 * carried out against the {@link ControllerContext}. Fencing runs on a small pool of its own,
 * because a fence request blocks for as long as the devices take.
 *
 * <p>It also listens to the executor ({@link OperationListener}): the daemon creates the
 * executor with this controller as its listener, so recurring-monitor changes reach the core.
 */
public final class DefaultController implements Controller, OperationListener {
    private static final System.Logger LOG = System.getLogger("dev.vigil.controller");
    private static final int MAX_QUEUED = 10_000;
    private static final int FENCE_THREADS = 4;
    private static final Duration SHUTDOWN_MARGIN = Duration.ofSeconds(10);

    private final CoreConfig config;
    private final BlockingQueue<Function<Instant, Input>> queue = new LinkedBlockingQueue<>(MAX_QUEUED);
    /** Timers by id; touched only by the event thread. */
    private final Map<String, ScheduledFuture<?>> timers = new HashMap<>();
    private final CompletableFuture<String> shutdownDone = new CompletableFuture<>();
    private volatile ControllerContext context;
    private volatile ControllerCore core;
    private volatile Snapshot snapshot;
    private volatile boolean running;
    private volatile Duration shutdownEscalation = Duration.ofMinutes(20);
    private volatile Duration adminFenceWait = adminFenceWait(dev.vigil.controller.core.ClusterOptions.DEFAULTS);
    private final Map<Long, CompletableFuture<FenceAnswer>> adminFences = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong nextAdminFence = new java.util.concurrent.atomic.AtomicLong(1);
    private Thread thread;
    private ExecutorService fencing;

    /** What the controller knows now, for status tools; replaced after every input. */
    public record Snapshot(String node, boolean dc, int transition, List<FenceRecord> fencing,
                           List<LrmResource> localHistory) {
    }

    /** The constructor the daemon calls (by class name). */
    public DefaultController() {
        this(CoreConfig.DEFAULTS);
    }

    public DefaultController(CoreConfig config) {
        this.config = config;
    }

    @Override
    public synchronized void start(ControllerContext ctx) {
        if (running) {
            throw new IllegalStateException("the controller on " + ctx.localNode() + " is already running");
        }
        context = ctx;
        core = new ControllerCore(ctx.localNode(), UUID.randomUUID().toString(), config);
        snapshot = new Snapshot(ctx.localNode(), false, -1, List.of(), List.of());
        fencing = new ThreadPoolExecutor(FENCE_THREADS, FENCE_THREADS, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(64), r -> daemonThread(r, "vigil-fencing-" + ctx.localNode()));
        running = true;
        thread = daemonThread(this::run, "vigil-controller-" + ctx.localNode());
        thread.start();
        // Subscribe first, so no commit falls between the two; the core keeps the newest copy.
        ctx.cib().subscribe(cib -> post(now -> new Input.CibCommitted(now, cib)));
        post(now -> new Input.CibCommitted(now, ctx.cib().current()));
    }

    @Override
    public void onClusterState(ClusterState state) {
        post(now -> new Input.ClusterChanged(now, state));
    }

    @Override
    public void onMessage(String fromNode, byte[] message) {
        Message m;
        try {
            m = MessageCodec.decode(message);
        } catch (MessageCodec.MalformedMessageException e) {
            LOG.log(Level.WARNING, "dropping a controller message from " + fromNode + ": " + e.getMessage());
            return;
        }
        post(now -> new Input.MessageReceived(now, fromNode, m));
    }

    @Override
    public void onResult(OperationResult result) {
        post(now -> new Input.OperationFinished(now, Input.OperationFinished.UNSOLICITED, result));
    }

    /**
     * Forgets the failures and the history of {@code rscId} (every failed resource when null) on
     * {@code node} (every node when null), so it is probed and placed afresh; the request goes
     * to the DC.
     */
    public void cleanup(String rscId, String node) {
        post(now -> new Input.CleanupRequested(now, rscId, node));
    }

    /** How an admin's fencing request went: {@code message} describes the result or the refusal. */
    public record FenceAnswer(boolean success, String message) {
    }

    /**
     * Fences {@code target} ({@code action} reboot or off) through the DC, as {@code vigil stonith
     * fence} asks. The future completes with the DC's answer, or fails with a
     * {@link TimeoutException} when none came within twice stonith-timeout plus cluster-delay
     * (the DC's own bound on the fencer) and a margin.
     */
    public CompletableFuture<FenceAnswer> fence(String target, String action) {
        long id = nextAdminFence.getAndIncrement();
        CompletableFuture<FenceAnswer> answer = new CompletableFuture<>();
        adminFences.put(id, answer);
        answer.whenComplete((a, e) -> adminFences.remove(id));
        post(now -> new Input.FenceRequested(now, id, target, action));
        return answer.orTimeout(adminFenceWait.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static Duration adminFenceWait(dev.vigil.controller.core.ClusterOptions options) {
        return options.stonithTimeout().multipliedBy(2).plus(options.clusterDelay()).plus(SHUTDOWN_MARGIN);
    }

    /** What this controller knows now (safe from any thread). */
    public Snapshot snapshot() {
        return snapshot;
    }

    @Override
    public void shutdown(boolean graceful) {
        if (!running) {
            return;
        }
        post(now -> new Input.ShutdownRequested(now, graceful));
        Duration wait = graceful ? shutdownEscalation.plus(SHUTDOWN_MARGIN) : SHUTDOWN_MARGIN;
        try {
            String reason = shutdownDone.get(wait.toMillis(), TimeUnit.MILLISECONDS);
            LOG.log(Level.INFO, "controller on " + context.localNode() + " stopped: " + reason);
        } catch (TimeoutException e) {
            LOG.log(Level.ERROR, "controller on " + context.localNode() + " did not finish its shutdown in "
                    + wait.toSeconds() + "s; stopping anyway");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            LOG.log(Level.WARNING, "controller shutdown failed: " + e.getCause());
        }
        stop();
    }

    private synchronized void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
        if (fencing != null) {
            fencing.shutdownNow();
        }
    }

    // ------------------------------------------------------------------ the event thread

    private void post(Function<Instant, Input> input) {
        if (!running) {
            return;
        }
        try {
            if (!queue.offer(input, 5, TimeUnit.SECONDS)) {
                LOG.log(Level.ERROR, "controller queue full (" + MAX_QUEUED + " inputs): dropping one; the DC will "
                        + "collect this node's history again");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        while (running) {
            Function<Instant, Input> next;
            try {
                next = queue.take();
            } catch (InterruptedException e) {
                break;
            }
            Input input = next.apply(context.clock().instant());
            List<Effect> effects;
            try {
                effects = core.step(input);
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "controller on " + context.localNode() + " failed on "
                        + input.getClass().getSimpleName() + ": " + e, e);
                continue;
            }
            for (Effect effect : effects) {
                try {
                    carryOut(effect);
                } catch (RuntimeException e) {
                    LOG.log(Level.ERROR, "controller on " + context.localNode() + " could not carry out "
                            + effect.getClass().getSimpleName() + ": " + e, e);
                }
            }
            if (input instanceof Input.CibCommitted c) {
                dev.vigil.controller.core.ClusterOptions options = dev.vigil.controller.core.ClusterOptions.from(c.cib());
                shutdownEscalation = options.shutdownEscalation();
                adminFenceWait = adminFenceWait(options);
            }
            snapshot = new Snapshot(core.node(), core.isDc(), core.runningTransition(), core.fencingHistory(),
                    core.localHistory());
        }
        for (ScheduledFuture<?> f : timers.values()) {
            f.cancel(false);
        }
        timers.clear();
    }

    private void carryOut(Effect e) {
        ControllerContext ctx = context;
        if (e instanceof Effect.Send s) {
            ctx.transport().send(s.node(), MessageCodec.encode(s.message()));
        } else if (e instanceof Effect.Execute x) {
            execute(x.token(), x.request());
        } else if (e instanceof Effect.CancelRecurring c) {
            ctx.executor().cancel(c.rscId(), c.action(), Duration.ofMillis(c.intervalMs()));
        } else if (e instanceof Effect.Fence f) {
            fence(f);
        } else if (e instanceof Effect.FenceAnswered a) {
            CompletableFuture<FenceAnswer> waiting = adminFences.get(a.requestId());
            if (waiting != null) {
                waiting.complete(new FenceAnswer(a.success(), a.message()));
            }
        } else if (e instanceof Effect.ConfigureFencer c) {
            try {
                ctx.fencer().configure(c.config());
            } catch (IllegalArgumentException ex) {
                LOG.log(Level.ERROR, "fencing configuration refused: " + ex.getMessage());
            }
        } else if (e instanceof Effect.WriteCib w) {
            ctx.cib().modify(w.description(), cib -> StatusEdit.applyAll(cib, w.edits()))
                    .whenComplete((version, error) -> post(now -> new Input.CibWriteFinished(now, w.writeId(), version,
                            error == null ? null : describe(error))));
        } else if (e instanceof Effect.SetTimer t) {
            ScheduledFuture<?> old = timers.remove(t.timerId());
            if (old != null) {
                old.cancel(false);
            }
            long delayMs = Math.max(0, Duration.between(ctx.clock().instant(), t.at()).toMillis());
            timers.put(t.timerId(), ctx.timers().schedule(() -> post(now -> new Input.TimerFired(now, t.timerId())),
                    delayMs, TimeUnit.MILLISECONDS));
        } else if (e instanceof Effect.CancelTimer t) {
            ScheduledFuture<?> old = timers.remove(t.timerId());
            if (old != null) {
                old.cancel(false);
            }
        } else if (e instanceof Effect.Log l) {
            LOG.log(level(l.level()), l.text());
        } else if (e instanceof Effect.ShutdownComplete s) {
            shutdownDone.complete(s.reason());
        }
    }

    private void execute(long token, OperationRequest request) {
        try {
            context.executor().execute(request).whenComplete((result, error) -> {
                OperationResult r = result != null ? result : refused(request, describe(error));
                post(now -> new Input.OperationFinished(now, token, r));
            });
        } catch (IllegalStateException ex) {
            OperationResult r = refused(request, ex.getMessage());
            post(now -> new Input.OperationFinished(now, token, r));
        }
    }

    private OperationResult refused(OperationRequest request, String reason) {
        Instant now = context.clock().instant();
        return new OperationResult(request, 0, 1, OpStatus.ERROR, "the executor refused the operation: " + reason,
                now, now, Duration.ZERO, Duration.ZERO, "", "");
    }

    private void fence(Effect.Fence f) {
        String node = context.localNode();
        Runnable job = () -> {
            Instant started = context.clock().instant();
            FenceRecord record;
            try {
                FenceResult r = context.fencer().fence(f.target(), f.action(), f.extraDelay());
                record = new FenceRecord(r.target(), r.action().word(), r.success(), node, node, r.devices(), r.reason(),
                        r.startedAt() == null ? started.toEpochMilli() : r.startedAt().toEpochMilli(),
                        r.completedAt() == null ? context.clock().millis() : r.completedAt().toEpochMilli());
            } catch (RuntimeException ex) {
                record = new FenceRecord(f.target(), f.action().word(), false, node, node, List.of(),
                        "the fencer failed: " + ex, started.toEpochMilli(), context.clock().millis());
            }
            FenceRecord done = record;
            post(now -> new Input.FenceFinished(now, f.requestId(), done));
        };
        try {
            fencing.execute(job);
        } catch (java.util.concurrent.RejectedExecutionException ex) {
            long now = context.clock().millis();
            FenceRecord record = new FenceRecord(f.target(), f.action().word(), false, node, node, List.of(),
                    "too many fence requests at once", now, now);
            post(t -> new Input.FenceFinished(t, f.requestId(), record));
        }
    }

    private static String describe(Throwable error) {
        Throwable t = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause() : error;
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    private static Level level(Effect.Log.Level level) {
        return switch (level) {
            case DEBUG -> Level.DEBUG;
            case INFO, NOTICE -> Level.INFO;
            case WARNING -> Level.WARNING;
            case ERROR -> Level.ERROR;
        };
    }

    private static Thread daemonThread(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
