package dev.vigil.cluster.config;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code quorum} section: votequorum's options (see votequorum(5) and docs/cluster.md).
 * {@code provider} is always {@code corosync_votequorum} and is not stored.
 *
 * @param expectedVotes          {@code expected_votes}: overrides the sum of the nodelist's votes
 * @param twoNode                {@code two_node}: a two-node cluster stays quorate with one vote
 *                               (implies wait_for_all unless that is set to 0)
 * @param waitForAll             {@code wait_for_all}, when set in the file
 * @param lastManStanding        {@code last_man_standing}: lower expected votes after nodes left
 * @param lastManStandingWindow  {@code last_man_standing_window}: how long the remaining nodes
 *                               must stay together first (default 10 s)
 * @param autoTieBreaker         {@code auto_tie_breaker}: on an even split, one half keeps quorum
 * @param autoTieBreakerNode     {@code auto_tie_breaker_node}, when set in the file
 */
public record QuorumConfig(Optional<Integer> expectedVotes, boolean twoNode, Optional<Boolean> waitForAll,
                           boolean lastManStanding, Duration lastManStandingWindow, boolean autoTieBreaker,
                           Optional<TieBreaker> autoTieBreakerNode) {
    public static final String PROVIDER = "corosync_votequorum";
    public static final Duration DEFAULT_LMS_WINDOW = Duration.ofSeconds(10);
    public static final QuorumConfig DEFAULTS = new QuorumConfig(Optional.empty(), false, Optional.empty(), false,
            DEFAULT_LMS_WINDOW, false, Optional.empty());

    public QuorumConfig {
        Objects.requireNonNull(expectedVotes, "expectedVotes");
        Objects.requireNonNull(waitForAll, "waitForAll");
        Objects.requireNonNull(lastManStandingWindow, "lastManStandingWindow");
        Objects.requireNonNull(autoTieBreakerNode, "autoTieBreakerNode");
        if (expectedVotes.isPresent() && expectedVotes.get() < 1) {
            throw new ConfigException("expected_votes " + expectedVotes.get() + " must be at least 1");
        }
        if (lastManStandingWindow.isNegative() || lastManStandingWindow.isZero()) {
            throw new ConfigException("last_man_standing_window must be positive");
        }
    }

    /** wait_for_all as it applies: as set, else on exactly when two_node is on. */
    public boolean effectiveWaitForAll() {
        return waitForAll.orElse(twoNode);
    }

    /** The tie breaker as it applies: as set, else the lowest node id. */
    public TieBreaker effectiveTieBreaker() {
        return autoTieBreakerNode.orElse(TieBreaker.LOWEST);
    }

    /** The two-node settings: two_node on (and so wait_for_all). */
    public static QuorumConfig twoNodeCluster() {
        return new QuorumConfig(Optional.empty(), true, Optional.empty(), false, DEFAULT_LMS_WINDOW, false,
                Optional.empty());
    }
}
