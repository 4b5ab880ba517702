package dev.vigil.cluster.quorum;

import java.time.Instant;
import java.util.Optional;

/**
 * The outcome of one {@link Quorum#evaluate}: the state to act on and the history to pass next.
 *
 * @param state the quorum state now
 * @param next  the history for the next evaluation
 */
public record QuorumResult(QuorumState state, QuorumHistory next) {
    /**
     * When to evaluate again even if the view does not change: the end of a running
     * last_man_standing window.
     */
    public Optional<Instant> wakeAt() {
        return next.lastManStandingAt();
    }
}
