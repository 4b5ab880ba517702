package dev.vigil.cluster.quorum;

import dev.vigil.cluster.config.ClusterConfig;
import dev.vigil.cluster.config.NodeConfig;
import dev.vigil.cluster.config.QuorumConfig;
import dev.vigil.cluster.config.TieBreaker;
import dev.vigil.cluster.membership.View;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Corosync votequorum's rules as a pure function of (config, history, members, now). Each node
 * evaluates it on every view and when {@link QuorumResult#wakeAt()} comes; members of one
 * partition with the same history reach the same answer.
 *
 * <ul>
 * <li>Votes: each member brings its {@code quorum_votes} (members outside the nodelist bring
 * none). Expected votes start at {@code quorum.expected_votes} or the nodelist's sum and rise
 * when more votes are present. Quorum is expected / 2 + 1 and never drops except through
 * last_man_standing.</li>
 * <li>two_node: with at most two members, one vote is quorum (and wait_for_all is on unless
 * set to 0), so fencing settles a split.</li>
 * <li>wait_for_all: not quorate until all expected votes were present at once; re-armed when
 * the partition loses quorum, and cleared when a quorate peer that is not waiting reports in.</li>
 * <li>last_man_standing: after members left (and the partition kept quorum), once
 * {@code last_man_standing_window} passes without another change, expected votes become the
 * number of members present.</li>
 * <li>auto_tie_breaker: a partition with exactly half the expected votes keeps quorum if it
 * holds the lowest node id of the last quorate view (or the highest, or the first node of the
 * configured list whose predecessors were not in the previous view), and only if the nodes that
 * left were fewer than quorum, i.e. the other side cannot be quorate.</li>
 * </ul>
 */
public final class Quorum {
    private Quorum() {
    }

    /** Evaluates quorum for a view. */
    public static QuorumResult evaluate(ClusterConfig config, QuorumHistory history, View view, Instant now) {
        return evaluate(config, history, view.members(), now, false);
    }

    /**
     * Evaluates quorum.
     *
     * @param members     names of the members of the current view
     * @param now         the current time (for last_man_standing's window)
     * @param peerQuorate another member of this view reports that it is quorate and not waiting
     *                    for all (votequorum's node flags); a node waiting for all then stops
     *                    waiting, as it joined a cluster that already has quorum
     */
    public static QuorumResult evaluate(ClusterConfig config, QuorumHistory history, Collection<String> members,
                                        Instant now, boolean peerQuorate) {
        QuorumConfig q = config.quorum();
        Calc c = new Calc(config, history);
        StringBuilder notes = new StringBuilder();

        // The window may have ended before this view arrived: it applies to the previous members.
        if (c.lmsAt.isPresent() && !now.isBefore(c.lmsAt.get())) {
            c.lmsAt = Optional.empty();
            if (c.quorate && q.lastManStanding()) {
                c.lastManStanding(c.members, notes);
            }
        }

        SortedSet<Integer> ids = new TreeSet<>();
        for (String name : members) {
            config.node(name).ifPresent(n -> ids.add(n.nodeId()));
        }
        if (!ids.equals(c.members)) {
            boolean someLeft = !ids.containsAll(c.members);
            c.previousMembers = c.members;
            c.members = ids;
            if (q.lastManStanding() && ((ids.size() >= c.quorum && someLeft)
                    || (ids.size() <= c.quorum && q.autoTieBreaker() && c.members.contains(c.lowestNodeId)))) {
                c.lmsAt = Optional.of(now.plus(q.lastManStandingWindow()));
            }
        }

        int votes = c.votes(c.members);
        c.recalculate(votes, false, 0);
        if (peerQuorate && c.waitingForAll) {
            c.waitingForAll = false;
            notes.append("; a quorate member ended wait_for_all");
        }
        QuorumState state = c.decide(votes, notes);
        return new QuorumResult(state, c.history());
    }

    /** One evaluation's working copy of the history. */
    private static final class Calc {
        final ClusterConfig config;
        final QuorumConfig q;
        int expected;
        int quorum;
        boolean quorate;
        boolean waitingForAll;
        SortedSet<Integer> members;
        SortedSet<Integer> previousMembers;
        int lowestNodeId;
        int highestNodeId;
        Optional<Instant> lmsAt;

        Calc(ClusterConfig config, QuorumHistory h) {
            this.config = config;
            this.q = config.quorum();
            expected = h.expectedVotes();
            quorum = h.quorum();
            quorate = h.quorate();
            waitingForAll = h.waitingForAll();
            members = h.members();
            previousMembers = h.previousMembers();
            lowestNodeId = h.lowestNodeId();
            highestNodeId = h.highestNodeId();
            lmsAt = h.lastManStandingAt();
        }

        QuorumHistory history() {
            return new QuorumHistory(expected, quorum, quorate, waitingForAll, members, previousMembers, lowestNodeId,
                    highestNodeId, lmsAt);
        }

        int votes(Collection<Integer> ids) {
            int sum = 0;
            for (int id : ids) {
                sum += config.nodeById(id).map(NodeConfig::quorumVotes).orElse(0);
            }
            return sum;
        }

        /** votequorum's recalculate_quorum: raise expected to what is present, then quorum. */
        void recalculate(int votes, boolean allowDecrease, int maxExpected) {
            if (votes > expected) {
                expected = votes;
            }
            int highestExpected = maxExpected > 0 ? maxExpected : expected;
            int newQuorum = Math.max((highestExpected + 2) / 2, (votes + 2) / 2);
            if (!allowDecrease) {
                newQuorum = Math.max(quorum, newQuorum);
            }
            if (q.twoNode() && members.size() <= 2) {
                newQuorum = 1;
            }
            quorum = newQuorum;
            if (maxExpected > 0) {
                expected = maxExpected;
            }
        }

        void lastManStanding(SortedSet<Integer> present, StringBuilder notes) {
            int before = expected;
            recalculate(votes(present), true, present.size());
            if (expected != before) {
                notes.append("; last_man_standing lowered expected votes from ").append(before).append(" to ").append(expected);
            }
        }

        /** votequorum's are_we_quorate. */
        QuorumState decide(int votes, StringBuilder notes) {
            if (q.effectiveWaitForAll() && waitingForAll) {
                if (votes != expected) {
                    quorate = false;
                    return new QuorumState(false, votes, expected, quorum, "not quorate: wait_for_all: waiting until all "
                            + expected + " expected votes have been present together (" + votes + " now)" + notes);
                }
                waitingForAll = false;
            }
            boolean byVotes = votes >= quorum;
            String reason;
            if (byVotes) {
                lowestNodeId = members.isEmpty() ? -1 : members.first();
                highestNodeId = members.isEmpty() ? -1 : members.last();
                reason = q.twoNode() && quorum == 1 && members.size() <= 2
                        ? "quorate: two_node: " + votes + " of " + expected + " votes, 1 needed"
                        : "quorate: " + votes + " of " + expected + " expected votes, " + quorum + " needed";
            } else {
                reason = "not quorate: " + votes + " of " + expected + " expected votes, " + quorum + " needed";
            }
            boolean tieBreak = false;
            if (!byVotes && q.autoTieBreaker() && votes == expected / 2
                    && previousMembers.size() - members.size() < quorum) {
                Optional<String> holder = tieBreakerHolder();
                if (holder.isPresent()) {
                    tieBreak = true;
                    reason = "quorate: auto_tie_breaker: " + votes + " of " + expected + " expected votes (an even split) and "
                            + holder.get() + " is in this partition";
                }
            }
            quorate = byVotes || tieBreak;
            if (q.effectiveWaitForAll()) {
                waitingForAll = !quorate;
            }
            return new QuorumState(quorate, votes, expected, quorum, reason + notes);
        }

        /** Which tie breaker this partition holds, if it wins the split. */
        private Optional<String> tieBreakerHolder() {
            TieBreaker tb = q.effectiveTieBreaker();
            switch (tb.kind()) {
                case LOWEST:
                    return members.contains(lowestNodeId)
                            ? Optional.of("the lowest node id (" + lowestNodeId + ")") : Optional.empty();
                case HIGHEST:
                    return members.contains(highestNodeId)
                            ? Optional.of("the highest node id (" + highestNodeId + ")") : Optional.empty();
                default:
                    List<Integer> list = tb.nodeIds();
                    for (int i = 0; i < list.size(); i++) {
                        if (members.contains(list.get(i))) {
                            for (int j = 0; j < i; j++) {
                                if (previousMembers.contains(list.get(j))) {
                                    return Optional.empty(); // it may be on the other side
                                }
                            }
                            return Optional.of("node id " + list.get(i) + " of auto_tie_breaker_node");
                        }
                    }
                    return Optional.empty();
            }
        }
    }
}
