package dev.vigil.controller.core;

import dev.vigil.controller.status.StatusEdit;
import dev.vigil.model.cib.CibVersion;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The DC's outgoing CIB status changes. Edits collected during a step go out as one write; at
 * most {@code maxInFlight} writes are outstanding (the CIB manager applies one node's changes
 * in the order they were asked for), later edits wait and are batched. A failed write is put
 * back and retried after a pause, at most {@code retries} times in a row; after that its edits
 * are dropped and the DC collects every node's history again (nothing is lost for good: the
 * nodes keep their own histories).
 *
 * <p>The DC schedules only when its writes have settled: none outstanding and the committed
 * copy at least as new as the last write, so the scheduler always sees every recorded result.
 */
final class StatusWriter {
    private static final Duration RETRY_PAUSE = Duration.ofMillis(500);
    static final String RETRY_TIMER = "cib-write-retry";

    private record Write(List<StatusEdit> edits) {
    }

    private final int maxInFlight;
    private final int retries;
    private final Duration settleTimeout;
    private final List<StatusEdit> pending = new ArrayList<>();
    private final Map<Long, Write> inFlight = new TreeMap<>();
    private long nextWriteId = 1;
    private int consecutiveFailures;
    private Instant retryAt;
    private CibVersion lastWritten = CibVersion.ZERO;
    private Instant lastWriteDoneAt;

    StatusWriter(int maxInFlight, int retries, Duration settleTimeout) {
        this.maxInFlight = maxInFlight;
        this.retries = retries;
        this.settleTimeout = settleTimeout;
    }

    void add(StatusEdit edit) {
        pending.add(edit);
    }

    void addAll(List<StatusEdit> edits) {
        pending.addAll(edits);
    }

    boolean hasPending() {
        return !pending.isEmpty();
    }

    /** Sends the pending edits as one write if allowed now. */
    void flush(Instant now, Effects fx) {
        if (pending.isEmpty() || inFlight.size() >= maxInFlight || (retryAt != null && now.isBefore(retryAt))) {
            return;
        }
        retryAt = null;
        List<StatusEdit> edits = List.copyOf(pending);
        pending.clear();
        long id = nextWriteId++;
        inFlight.put(id, new Write(edits));
        fx.add(new Effect.WriteCib(id, describe(edits), edits));
    }

    /**
     * A write finished. Returns false when the edits were dropped after too many failures (the
     * caller then collects the nodes' histories again).
     */
    boolean finished(long writeId, CibVersion version, String error, Instant now, Effects fx) {
        Write w = inFlight.remove(writeId);
        if (w == null) {
            return true;
        }
        if (error == null) {
            consecutiveFailures = 0;
            if (version != null && version.compareTo(lastWritten) > 0) {
                lastWritten = version;
            }
            lastWriteDoneAt = now;
            return true;
        }
        consecutiveFailures++;
        if (consecutiveFailures > retries) {
            fx.error("CIB write failed " + consecutiveFailures + " times in a row (" + error + "); dropping "
                    + (w.edits().size() + pending.size()) + " status changes and collecting the nodes' histories again");
            pending.clear();
            consecutiveFailures = 0;
            return false;
        }
        fx.warning("CIB write failed (" + error + "); retrying in " + RETRY_PAUSE.toMillis() + "ms");
        pending.addAll(0, w.edits());
        retryAt = now.plus(RETRY_PAUSE);
        fx.add(new Effect.SetTimer(RETRY_TIMER, retryAt));
        return true;
    }

    /**
     * Whether everything written is visible in {@code current}. A committed copy that never
     * catches up (the CIB was replaced meanwhile) stops blocking after the settle timeout.
     */
    boolean settled(CibVersion current, Instant now) {
        if (!pending.isEmpty() || !inFlight.isEmpty()) {
            return false;
        }
        if (current.compareTo(lastWritten) >= 0) {
            return true;
        }
        return lastWriteDoneAt != null && !now.isBefore(lastWriteDoneAt.plus(settleTimeout));
    }

    /** When {@link #settled} stops waiting for the committed copy, or null. */
    Instant settleDeadline(CibVersion current) {
        if (lastWriteDoneAt == null || current.compareTo(lastWritten) >= 0) {
            return null;
        }
        return lastWriteDoneAt.plus(settleTimeout);
    }

    private static String describe(List<StatusEdit> edits) {
        if (edits.size() == 1) {
            return edits.get(0).describe();
        }
        return edits.get(0).describe() + " and " + (edits.size() - 1) + " more status changes";
    }
}
