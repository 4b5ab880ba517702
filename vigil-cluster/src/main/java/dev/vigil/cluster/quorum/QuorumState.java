package dev.vigil.cluster.quorum;

import java.util.Objects;

/**
 * Whether this partition may run resources, and why.
 *
 * @param quorate       whether the partition has quorum
 * @param votes         votes of the members present
 * @param expectedVotes the votes the cluster expects (from the config, raised when more are
 *                      seen, lowered by last_man_standing)
 * @param quorum        votes needed: expected / 2 + 1, or 1 for two_node
 * @param reason        one sentence for {@code vigil status}, e.g. "quorate: 2 of 3 expected
 *                      votes, 2 needed"
 */
public record QuorumState(boolean quorate, int votes, int expectedVotes, int quorum, String reason) {
    public QuorumState {
        Objects.requireNonNull(reason, "reason");
    }
}
