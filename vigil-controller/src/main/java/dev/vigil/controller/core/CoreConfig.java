package dev.vigil.controller.core;

import java.time.Duration;

/**
 * The controller's own tunables (cluster-wide behaviour comes from the CIB's properties).
 *
 * @param joinTimeout         how long the DC waits for a node's history before asking again
 * @param joinAttempts        how many times it asks before scheduling without that node
 * @param staleRecheck        how long a pending operation may sit in the CIB without a running
 *                            action before the DC asks its node for its history again
 * @param maxWritesInFlight   CIB writes the DC keeps outstanding at once (the rest are batched)
 * @param writeRetries        how often a failed CIB write is retried before its edits are dropped
 *                            (the nodes' own histories are then collected again)
 * @param settleTimeout       how long the DC waits to see its own committed write before going on
 * @param maxFenceHistory     fencing results kept per node
 * @param fenceBackoffBase    wait before retrying a failed fencing, doubled per failure
 * @param fenceBackoffMax     the longest such wait
 * @param defaultBatchLimit   actions in flight when the CIB's batch-limit is 0 (Pacemaker's "auto")
 * @param maxSelfMessages     messages one step may route to this node itself (a loop guard)
 * @param historyCheck        how often each node sends the DC a fingerprint of its history
 */
public record CoreConfig(Duration joinTimeout, int joinAttempts, Duration staleRecheck, int maxWritesInFlight,
                         int writeRetries, Duration settleTimeout, int maxFenceHistory, Duration fenceBackoffBase,
                         Duration fenceBackoffMax, int defaultBatchLimit, int maxSelfMessages,
                         Duration historyCheck) {
    public static final CoreConfig DEFAULTS = new CoreConfig(Duration.ofSeconds(5), 6, Duration.ofSeconds(30), 8, 3,
            Duration.ofSeconds(10), 500, Duration.ofSeconds(1), Duration.ofSeconds(30), 30, 10_000, Duration.ofSeconds(30));

    public CoreConfig {
        if (joinAttempts < 1 || maxWritesInFlight < 1 || writeRetries < 0 || maxFenceHistory < 1
                || defaultBatchLimit < 1 || maxSelfMessages < 1 || historyCheck.isZero() || historyCheck.isNegative()) {
            throw new IllegalArgumentException("controller limits must be positive");
        }
    }
}
