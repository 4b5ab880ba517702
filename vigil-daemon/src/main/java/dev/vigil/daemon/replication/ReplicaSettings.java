package dev.vigil.daemon.replication;

import java.time.Duration;

/**
 * Limits of the replication protocol.
 *
 * @param syncTimeout    how long the coordinator waits for every member's offer before it merges
 *                       what it has (a member that does not answer is hung and about to be
 *                       excluded by failure detection)
 * @param noDcWait       how long a change waits for a DC to appear (an election in progress)
 *                       before it is refused
 * @param requestTimeout the longest a change may take from request to completion
 * @param maxAttempts    how many times a forwarded change is retried after conflicts and DC changes
 * @param maxPending     how many changes may wait at once, on this node and queued at the DC
 */
public record ReplicaSettings(Duration syncTimeout, Duration noDcWait, Duration requestTimeout, int maxAttempts,
                              int maxPending) {
    public static final ReplicaSettings DEFAULTS = new ReplicaSettings(Duration.ofSeconds(5), Duration.ofSeconds(3),
            Duration.ofSeconds(30), 10, 1000);

    public ReplicaSettings {
        if (maxAttempts < 1 || maxPending < 1) {
            throw new IllegalArgumentException("maxAttempts and maxPending must be positive");
        }
    }
}
