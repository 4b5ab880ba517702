package dev.vigil.cluster.quorum;

import dev.vigil.cluster.config.ClusterConfig;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What votequorum remembers between views, as a value: pass the {@code next} history of one
 * {@link Quorum#evaluate} call to the following one. Start from {@link #initial(ClusterConfig)}
 * when the node starts.
 *
 * @param expectedVotes        current expected votes
 * @param quorum               current quorum (it only goes down through last_man_standing)
 * @param quorate              whether the last evaluation was quorate
 * @param waitingForAll        wait_for_all is still waiting to see every node at once
 * @param members              node ids of the current view
 * @param previousMembers      node ids of the view before it
 * @param lowestNodeId         lowest node id of the last quorate view (-1 before any)
 * @param highestNodeId        highest node id of the last quorate view (-1 before any)
 * @param lastManStandingAt    when last_man_standing will recalculate expected votes, if its
 *                             window is running
 */
public record QuorumHistory(int expectedVotes, int quorum, boolean quorate, boolean waitingForAll,
                            SortedSet<Integer> members, SortedSet<Integer> previousMembers, int lowestNodeId,
                            int highestNodeId, Optional<Instant> lastManStandingAt) {
    public QuorumHistory {
        members = frozen(members);
        previousMembers = frozen(previousMembers);
        Objects.requireNonNull(lastManStandingAt, "lastManStandingAt");
    }

    private static SortedSet<Integer> frozen(Set<Integer> ids) {
        return java.util.Collections.unmodifiableSortedSet(new TreeSet<>(ids));
    }

    /** The state of a node that just started: expected votes from the config, waiting for all if asked. */
    public static QuorumHistory initial(ClusterConfig config) {
        int expected = config.expectedVotes();
        return new QuorumHistory(expected, expected / 2 + 1, false, config.quorum().effectiveWaitForAll(),
                new TreeSet<>(), new TreeSet<>(), -1, -1, Optional.empty());
    }
}
