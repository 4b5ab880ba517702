package dev.vigil.exec.local;

import dev.vigil.exec.AgentMetadata;
import dev.vigil.exec.AgentSpec;
import dev.vigil.exec.Executor;
import dev.vigil.exec.ExecutorConfig;
import dev.vigil.exec.OpStatus;
import dev.vigil.exec.OperationListener;
import dev.vigil.exec.OperationRequest;
import dev.vigil.exec.OperationResult;
import dev.vigil.exec.agent.AgentCatalog;
import dev.vigil.exec.agent.AgentInvoker;
import dev.vigil.exec.agent.Invocation;
import dev.vigil.exec.process.ProcessRunner;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The executor of a real node: agents run as child processes (see {@link AgentInvoker}).
 *
 * <p>Each resource has a queue; a pool of {@code maxParallel} threads takes one operation at a
 * time from each queue, so one resource's operations never overlap and different resources'
 * run side by side. A recurring operation is a timer that, one interval after each run
 * completes, puts the next run into its resource's queue (so it never overlaps the resource's
 * other operations either); only changed results are reported.
 */
public final class LocalExecutor implements Executor {
    private static final System.Logger LOG = System.getLogger(LocalExecutor.class.getName());
    private static final Duration DEFAULT_CLOSE_WAIT = Duration.ofSeconds(10);

    private final ExecutorConfig config;
    private final AgentInvoker invoker;
    private final OperationListener listener;
    private final ThreadPoolExecutor pool;
    private final ScheduledExecutorService timer;
    private final AtomicInteger callIds = new AtomicInteger();

    private final Object lock = new Object();
    private final Map<String, ResourceQueue> queues = new HashMap<>();
    private final Map<RecurringKey, Recurring> recurring = new HashMap<>();
    private boolean closed;

    /**
     * @param listener hears the results worth recording (see {@link OperationListener})
     * @throws IllegalStateException when this machine cannot run agents (no setsid)
     */
    public LocalExecutor(ExecutorConfig config, OperationListener listener) {
        this.config = config;
        this.listener = listener;
        ProcessRunner runner = new ProcessRunner(config.maxOutputBytes(), config.killGrace(), config.clock());
        this.invoker = new AgentInvoker(config, new AgentCatalog(config.paths()), runner);
        this.pool = new ThreadPoolExecutor(config.maxParallel(), config.maxParallel(), 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), threads("vigil-exec-"));
        this.pool.allowCoreThreadTimeOut(true);
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, threads("vigil-exec-timer-"));
        t.setRemoveOnCancelPolicy(true);
        this.timer = t;
    }

    public ExecutorConfig config() {
        return config;
    }

    @Override
    public CompletableFuture<OperationResult> execute(OperationRequest request) {
        List<Cancelled> cancellations = new ArrayList<>();
        CompletableFuture<OperationResult> future;
        synchronized (lock) {
            if (closed) {
                return CompletableFuture.failedFuture(new IllegalStateException("executor is closed"));
            }
            ResourceQueue queue = queueOf(request.resourceId());
            if (queue.pending.size() >= config.maxQueuedPerResource()) {
                return CompletableFuture.failedFuture(new IllegalStateException("resource '" + request.resourceId()
                        + "': " + queue.pending.size() + " operations already queued, refusing " + request.operationKey()));
            }
            if (request.isRecurring()) {
                future = registerLocked(request, cancellations);
            } else {
                if (OperationRequest.STOP.equals(request.action())) {
                    cancellations.addAll(cancelAllLocked(request.resourceId()));
                }
                future = new CompletableFuture<>();
                enqueueLocked(new Job(request, callIds.incrementAndGet(), System.nanoTime(), future, null));
            }
        }
        for (Cancelled c : cancellations) {
            c.finish();
        }
        return future;
    }

    @Override
    public boolean cancel(String resourceId, String action, Duration interval) {
        Cancelled cancelled;
        synchronized (lock) {
            Recurring rec = recurring.remove(new RecurringKey(resourceId, action, interval.toMillis()));
            if (rec == null) {
                return false;
            }
            cancelled = cancelLocked(rec, true);
        }
        cancelled.finish();
        return true;
    }

    @Override
    public List<OperationRequest> recurringOperations() {
        synchronized (lock) {
            return recurring.values().stream().map(r -> r.request)
                    .sorted(Comparator.comparing(OperationRequest::resourceId).thenComparing(OperationRequest::action)
                            .thenComparingLong(OperationRequest::intervalMs))
                    .toList();
        }
    }

    @Override
    public AgentMetadata metadata(AgentSpec agent) {
        return invoker.metadata(agent);
    }

    @Override
    public List<AgentSpec> agents(String agentClass) {
        return invoker.catalog().list(agentClass);
    }

    @Override
    public void close() {
        close(DEFAULT_CLOSE_WAIT);
    }

    /**
     * Closes, waiting up to {@code wait} for running operations before they are killed (with
     * their process groups). Queued operations complete as cancelled.
     */
    public void close(Duration wait) {
        List<Cancelled> stopped = new ArrayList<>();
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            for (Recurring rec : recurring.values()) {
                stopped.add(cancelLocked(rec, false));
            }
            recurring.clear();
        }
        for (Cancelled c : stopped) {
            c.finish();
        }
        timer.shutdownNow();
        pool.shutdown();
        try {
            if (!pool.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                pool.shutdownNow();
                // Interrupted runs kill their process groups, which is bounded by the kill grace.
                pool.awaitTermination(config.killGrace().toMillis() + 10_000, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
        List<Job> leftover = new ArrayList<>();
        synchronized (lock) {
            queues.values().forEach(q -> leftover.addAll(q.pending));
            queues.clear();
        }
        leftover.forEach(this::completeCancelled);
    }

    // ---- queues ------------------------------------------------------------------------------

    private ResourceQueue queueOf(String resourceId) {
        return queues.computeIfAbsent(resourceId, ResourceQueue::new);
    }

    private void enqueueLocked(Job job) {
        ResourceQueue queue = queueOf(job.request.resourceId());
        queue.pending.add(job);
        if (!queue.active) {
            queue.active = true;
            dispatchLocked(queue);
        }
    }

    private void dispatchLocked(ResourceQueue queue) {
        try {
            pool.execute(() -> runNext(queue));
        } catch (RejectedExecutionException e) {
            // Closing: the pending jobs are completed as cancelled by close().
            queue.active = false;
        }
    }

    /** Runs the queue's next job, then hands the queue back to the pool (fair to other resources). */
    private void runNext(ResourceQueue queue) {
        Job job;
        List<Job> dropped = List.of();
        synchronized (lock) {
            if (closed) {
                dropped = new ArrayList<>(queue.pending);
                queue.pending.clear();
                queue.active = false;
                queues.remove(queue.resourceId, queue);
                job = null;
            } else {
                job = queue.pending.poll();
                if (job == null) {
                    queue.active = false;
                    queues.remove(queue.resourceId, queue);
                }
            }
        }
        dropped.forEach(this::completeCancelled);
        if (job == null) {
            return;
        }
        try {
            run(job);
        } finally {
            synchronized (lock) {
                if (queue.pending.isEmpty()) {
                    queue.active = false;
                    queues.remove(queue.resourceId, queue);
                } else {
                    dispatchLocked(queue);
                }
            }
        }
    }

    private void run(Job job) {
        if (job.recurring != null && job.recurring.cancelled) {
            return;
        }
        Duration queueTime = Duration.ofNanos(System.nanoTime() - job.enqueuedNanos);
        Invocation inv;
        try {
            inv = invoker.invoke(job.request);
        } catch (InterruptedException e) {
            // close() gave up waiting; the runner has killed the agent's process group.
            Thread.currentThread().interrupt();
            inv = Invocation.immediate(1, OpStatus.CANCELLED, "executor closed while the operation ran",
                    config.clock().instant());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "executor failed on " + job.request.operationKey(), e);
            inv = Invocation.immediate(1, OpStatus.ERROR, "executor error: " + e, config.clock().instant());
        }
        OperationResult result = new OperationResult(job.request, job.callId, inv.rcCode(), inv.status(),
                inv.exitReason(), inv.startedAt(), inv.startedAt(), inv.execTime(), queueTime, inv.stdout(), inv.stderr());
        if (job.recurring == null) {
            report(result);
            job.future.complete(result);
        } else {
            recurringRan(job.recurring, result);
        }
    }

    // ---- recurring operations ---------------------------------------------------------------

    private CompletableFuture<OperationResult> registerLocked(OperationRequest request, List<Cancelled> cancellations) {
        RecurringKey key = RecurringKey.of(request);
        Recurring old = recurring.remove(key);
        if (old != null) {
            // Replaced by the new definition, whose first result supersedes the old entry: no report.
            cancellations.add(cancelLocked(old, false));
        }
        Recurring rec = new Recurring(request, callIds.incrementAndGet());
        recurring.put(key, rec);
        rec.queued = true;
        enqueueLocked(new Job(request, rec.callId, System.nanoTime(), null, rec));
        return rec.first;
    }

    private void recurringRan(Recurring rec, OperationResult result) {
        boolean changed;
        OperationResult reported;
        synchronized (lock) {
            rec.queued = false;
            if (rec.cancelled) {
                return;
            }
            OperationResult last = rec.lastReported;
            changed = last == null || last.rcCode() != result.rcCode() || last.status() != result.status();
            if (changed) {
                rec.lastRcChange = result.lastRun();
            }
            reported = result.withLastRcChange(rec.lastRcChange);
            if (changed) {
                rec.lastReported = reported;
            }
            scheduleLocked(rec);
        }
        if (changed) {
            report(reported);
        }
        rec.first.complete(reported);
    }

    private void scheduleLocked(Recurring rec) {
        try {
            rec.nextRun = timer.schedule(() -> due(rec), rec.request.intervalMs(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // Closing.
        }
    }

    private void due(Recurring rec) {
        synchronized (lock) {
            if (rec.cancelled || closed || rec.queued) {
                return;
            }
            ResourceQueue queue = queueOf(rec.request.resourceId());
            if (queue.pending.size() >= config.maxQueuedPerResource()) {
                LOG.log(System.Logger.Level.WARNING, "resource '" + rec.request.resourceId()
                        + "': queue full, skipping one run of " + rec.request.operationKey());
                scheduleLocked(rec);
                return;
            }
            rec.queued = true;
            enqueueLocked(new Job(rec.request, rec.callId, System.nanoTime(), null, rec));
        }
    }

    private List<Cancelled> cancelAllLocked(String resourceId) {
        List<Cancelled> results = new ArrayList<>();
        Iterator<Map.Entry<RecurringKey, Recurring>> it = recurring.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<RecurringKey, Recurring> e = it.next();
            if (e.getKey().resourceId().equals(resourceId)) {
                it.remove();
                results.add(cancelLocked(e.getValue(), true));
            }
        }
        results.sort(Comparator.comparing(c -> c.result().request().operationKey()));
        return results;
    }

    /**
     * Stops a recurring operation: no further runs, a queued run is dropped, a running one's
     * result is ignored. The caller calls {@link Cancelled#finish()} once it has released the
     * lock, so that no listener or future callback runs under it.
     */
    private Cancelled cancelLocked(Recurring rec, boolean report) {
        rec.cancelled = true;
        if (rec.nextRun != null) {
            rec.nextRun.cancel(false);
        }
        ResourceQueue queue = queues.get(rec.request.resourceId());
        if (queue != null) {
            queue.pending.removeIf(j -> j.recurring == rec);
        }
        return new Cancelled(rec, cancelledResult(rec), report);
    }

    private OperationResult cancelledResult(Recurring rec) {
        Instant now = config.clock().instant();
        OperationResult last = rec.lastReported;
        return new OperationResult(rec.request, rec.callId, last == null ? 0 : last.rcCode(), OpStatus.CANCELLED, "",
                now, last == null ? now : last.lastRcChange(), Duration.ZERO, Duration.ZERO, "", "");
    }

    private void completeCancelled(Job job) {
        if (job.future != null) {
            Instant now = config.clock().instant();
            job.future.complete(new OperationResult(job.request, job.callId, 1, OpStatus.CANCELLED,
                    "executor closed before the operation ran", now, now, Duration.ZERO,
                    Duration.ofNanos(System.nanoTime() - job.enqueuedNanos), "", ""));
        }
    }

    private void report(OperationResult result) {
        try {
            listener.onResult(result);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "operation listener failed on " + result.describe(), e);
        }
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    // ---- state -------------------------------------------------------------------------------

    /** A recurring operation just cancelled, whose future and listener are told outside the lock. */
    private final class Cancelled {
        private final Recurring rec;
        private final OperationResult result;
        private final boolean report;

        Cancelled(Recurring rec, OperationResult result, boolean report) {
            this.rec = rec;
            this.result = result;
            this.report = report;
        }

        OperationResult result() {
            return result;
        }

        void finish() {
            if (report) {
                report(result);
            }
            rec.first.complete(result);
        }
    }

    /** One queued call: a one-shot operation (with its future) or one run of a recurring one. */
    private record Job(OperationRequest request, int callId, long enqueuedNanos,
                       CompletableFuture<OperationResult> future, Recurring recurring) {
    }

    private static final class ResourceQueue {
        final String resourceId;
        final ArrayDeque<Job> pending = new ArrayDeque<>();
        /** A pool task owns this queue (running a job or about to). */
        boolean active;

        ResourceQueue(String resourceId) {
            this.resourceId = resourceId;
        }
    }

    private record RecurringKey(String resourceId, String action, long intervalMs) {
        static RecurringKey of(OperationRequest r) {
            return new RecurringKey(r.resourceId(), r.action(), r.intervalMs());
        }
    }

    /** A registered recurring operation; fields guarded by {@code lock}. */
    private static final class Recurring {
        final OperationRequest request;
        final int callId;
        final CompletableFuture<OperationResult> first = new CompletableFuture<>();
        OperationResult lastReported;
        Instant lastRcChange;
        ScheduledFuture<?> nextRun;
        boolean queued;
        boolean cancelled;

        Recurring(OperationRequest request, int callId) {
            this.request = request;
            this.callId = callId;
        }
    }
}
