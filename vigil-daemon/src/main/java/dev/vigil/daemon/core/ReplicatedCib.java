package dev.vigil.daemon.core;

import dev.vigil.cib.store.StoredCib;
import dev.vigil.controller.CibService;
import dev.vigil.model.cib.Cib;
import dev.vigil.model.cib.CibVersion;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The {@link CibService} of a running node: reads are the node loop's latest committed copy;
 * changes go through the loop (and the DC); subscribers hear every committed copy, in order,
 * on one thread of their own, so a slow subscriber never holds up replication (up to a bound:
 * then the loop waits for it).
 */
public final class ReplicatedCib implements CibService {
    private static final System.Logger LOG = System.getLogger("dev.vigil.daemon.cib");
    static final int NOTIFY_QUEUE = 10_000;

    private NodeLoop loop;
    private final List<Consumer<Cib>> subscribers = new CopyOnWriteArrayList<>();
    private final ThreadPoolExecutor notifier = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(NOTIFY_QUEUE), r -> {
                Thread t = new Thread(r, "vigil-cib-subscribers");
                t.setDaemon(true);
                return t;
            }, (task, pool) -> {
                try {
                    if (!pool.isShutdown()) {
                        pool.getQueue().put(task);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });

    /** Connects the loop (the two are created in turn). */
    public void attach(NodeLoop nodeLoop) {
        this.loop = nodeLoop;
    }

    @Override
    public Cib current() {
        return loop.current().cib();
    }

    /** The current copy with its text and digest. */
    public StoredCib currentCopy() {
        return loop.current();
    }

    @Override
    public CompletableFuture<CibVersion> modify(String description, UnaryOperator<Cib> change) {
        return modify(description, "controller", change);
    }

    /** A change recorded as made by {@code client} ({@code cli}, {@code attrd}...). */
    public CompletableFuture<CibVersion> modify(String description, String client, UnaryOperator<Cib> change) {
        return loop.submit(description, client, change);
    }

    @Override
    public void subscribe(Consumer<Cib> listener) {
        subscribers.add(listener);
    }

    /**
     * Runs a task on the thread that hands committed copies to subscribers, in order with them.
     * The daemon gives the controller its cluster states and messages this way: a view change
     * that the CIB records must not reach the controller after the copy recording it.
     */
    public void inOrderWithCopies(Runnable task) {
        notifier.execute(task);
    }

    /** Called by the node loop for each committed copy. */
    public void publish(StoredCib copy) {
        if (subscribers.isEmpty()) {
            return;
        }
        notifier.execute(() -> {
            for (Consumer<Cib> s : subscribers) {
                try {
                    s.accept(copy.cib());
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.ERROR, "a CIB subscriber failed on " + copy.version(), e);
                }
            }
        });
    }

    public void close() {
        notifier.shutdown();
    }
}
