package dev.vigil.cluster.quorum;

import dev.vigil.cluster.config.ClusterConfig;
import dev.vigil.cluster.config.NodeConfig;
import dev.vigil.cluster.config.QuorumConfig;
import dev.vigil.cluster.config.TieBreaker;
import dev.vigil.cluster.membership.View;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** votequorum's rules, one test per rule, then combinations (see votequorum(5)). */
class QuorumTest {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final Duration WINDOW = Duration.ofSeconds(10);

    /** A node's quorum history, stepped through views like a daemon would. */
    static final class Node {
        final ClusterConfig config;
        QuorumHistory history;
        QuorumState state;
        Instant now = T0;

        Node(ClusterConfig config) {
            this.config = config;
            this.history = QuorumHistory.initial(config);
        }

        QuorumState view(String... members) {
            return step(List.of(members), false);
        }

        QuorumState step(List<String> members, boolean peerQuorate) {
            QuorumResult r = Quorum.evaluate(config, history, members, now, peerQuorate);
            history = r.next();
            state = r.state();
            return state;
        }

        /** Lets time pass and evaluates again with the same members (a wake-up). */
        QuorumState after(Duration d) {
            now = now.plus(d);
            return step(currentNames(), false);
        }

        List<String> currentNames() {
            List<String> names = new ArrayList<>();
            for (int id : history.members()) {
                names.add(config.nodeById(id).orElseThrow().name());
            }
            return names;
        }
    }

    static ClusterConfig cluster(int n, QuorumConfig quorum, int... votes) {
        List<NodeConfig> nodes = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            int v = votes.length >= i ? votes[i - 1] : 1;
            nodes.add(new NodeConfig("n" + i, i, address(i), Optional.empty(), v));
        }
        return ClusterConfig.of("q", nodes).withQuorum(quorum);
    }

    static InetAddress address(int i) {
        try {
            return InetAddress.getByName("198.18.0." + i);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static QuorumConfig rules(boolean twoNode, Optional<Boolean> wfa, boolean lms, boolean atb, Optional<TieBreaker> atbNode,
                              Optional<Integer> expected) {
        return new QuorumConfig(expected, twoNode, wfa, lms, WINDOW, atb, atbNode);
    }

    static final QuorumConfig PLAIN = QuorumConfig.DEFAULTS;

    // ---- one rule at a time -------------------------------------------------------------------

    @Test
    void aMajorityOfVotesIsQuorate() {
        Node n = new Node(cluster(3, PLAIN));
        assertTrue(n.view("n1", "n2", "n3").quorate());
        assertEquals(new QuorumState(true, 2, 3, 2, "quorate: 2 of 3 expected votes, 2 needed"), n.view("n1", "n2"));
        QuorumState alone = n.view("n1");
        assertFalse(alone.quorate());
        assertEquals("not quorate: 1 of 3 expected votes, 2 needed", alone.reason());
        assertTrue(n.view("n1", "n3").quorate(), "quorum comes back with a majority");
        Node fresh = new Node(cluster(3, PLAIN));
        assertTrue(fresh.view("n2", "n3").quorate(), "without wait_for_all, a majority at start suffices");
    }

    @Test
    void nodesCarryTheirConfiguredVotes() {
        Node n = new Node(cluster(3, PLAIN, 2, 1, 1)); // expected 4, quorum 3
        QuorumState heavy = n.view("n1", "n2");
        assertEquals(3, heavy.votes());
        assertEquals(3, heavy.quorum());
        assertTrue(heavy.quorate());
        assertFalse(n.view("n2", "n3").quorate(), "two light nodes have 2 of 4 votes");
    }

    @Test
    void expectedVotesFromTheConfigOverrideTheNodelist() {
        ClusterConfig c = cluster(3, rules(false, Optional.empty(), false, false, Optional.empty(), Optional.of(5)));
        Node n = new Node(c);
        QuorumState all = n.view("n1", "n2", "n3");
        assertEquals(5, all.expectedVotes());
        assertEquals(3, all.quorum());
        assertTrue(all.quorate());
        assertFalse(n.view("n1", "n2").quorate(), "2 of 5 expected votes");
    }

    @Test
    void expectedVotesRiseWhenMoreVotesArePresent() {
        ClusterConfig c = cluster(3, rules(false, Optional.empty(), false, false, Optional.empty(), Optional.of(2)));
        Node n = new Node(c);
        QuorumState all = n.view("n1", "n2", "n3");
        assertEquals(3, all.expectedVotes());
        assertEquals(2, all.quorum());
        assertFalse(n.view("n1").quorate(), "quorum does not drop back");
    }

    @Test
    void twoNodeKeepsQuorumWithOneOfTwoVotesOnceBothWereSeen() {
        Node n = new Node(cluster(2, QuorumConfig.twoNodeCluster()));
        assertTrue(n.view("n1", "n2").quorate());
        QuorumState survivor = n.view("n1");
        assertTrue(survivor.quorate());
        assertEquals(1, survivor.quorum());
        assertEquals("quorate: two_node: 1 of 2 votes, 1 needed", survivor.reason());

        Node alone = new Node(cluster(2, QuorumConfig.twoNodeCluster()));
        QuorumState start = alone.view("n1");
        assertFalse(start.quorate(), "two_node implies wait_for_all: a node starting alone waits");
        assertTrue(start.reason().contains("wait_for_all"), start.reason());
        assertTrue(alone.view("n1", "n2").quorate());
        assertTrue(alone.view("n2").quorate());
    }

    @Test
    void twoNodeWithoutWaitForAllIsQuorateAloneFromTheStart() {
        ClusterConfig c = cluster(2, rules(true, Optional.of(false), false, false, Optional.empty(), Optional.empty()));
        assertTrue(new Node(c).view("n1").quorate());
    }

    @Test
    void waitForAllWaitsUntilEveryNodeWasSeenTogether() {
        ClusterConfig c = cluster(3, rules(false, Optional.of(true), false, false, Optional.empty(), Optional.empty()));
        Node n = new Node(c);
        QuorumState two = n.view("n1", "n2");
        assertFalse(two.quorate(), "a majority is not enough before all were seen");
        assertEquals("not quorate: wait_for_all: waiting until all 3 expected votes have been present together (2 now)",
                two.reason());
        assertTrue(n.view("n1", "n2", "n3").quorate());
        assertTrue(n.view("n1", "n2").quorate(), "once seen together, a majority keeps quorum");
        assertFalse(n.view("n1").quorate());
        assertFalse(n.view("n1", "n3").quorate(), "after losing quorum it waits for all again");
        assertTrue(n.view("n1", "n2", "n3").quorate());
    }

    @Test
    void waitForAllEndsWhenJoiningAQuoratePartition() {
        ClusterConfig c = cluster(3, rules(false, Optional.of(true), false, false, Optional.empty(), Optional.empty()));
        Node restarted = new Node(c);
        assertFalse(restarted.view("n3").quorate());
        // n3 restarts while n1 and n2 kept quorum; they say so
        QuorumState joined = restarted.step(List.of("n1", "n2", "n3"), true);
        assertTrue(joined.quorate());
        Node rejoin = new Node(c);
        assertTrue(rejoin.step(List.of("n2", "n3"), true).quorate(),
                "a node joining a quorate partition of 2 of 3 stops waiting for all");
    }

    @Test
    void lastManStandingLowersExpectedVotesAfterTheWindow() {
        ClusterConfig c = cluster(5, rules(false, Optional.of(true), true, false, Optional.empty(), Optional.empty()));
        Node n = new Node(c);
        assertTrue(n.view("n1", "n2", "n3", "n4", "n5").quorate());
        QuorumResult three = Quorum.evaluate(c, n.history, List.of("n1", "n2", "n3"), n.now, false);
        n.history = three.next();
        assertTrue(three.state().quorate());
        assertEquals(Optional.of(T0.plus(WINDOW)), three.wakeAt(), "the window starts when nodes leave");

        QuorumState early = n.after(Duration.ofSeconds(9));
        assertEquals(5, early.expectedVotes(), "nothing changes inside the window");
        QuorumState lowered = n.after(Duration.ofSeconds(1));
        assertEquals(3, lowered.expectedVotes());
        assertEquals(2, lowered.quorum());
        assertTrue(lowered.reason().contains("last_man_standing lowered expected votes from 5 to 3"), lowered.reason());

        assertTrue(n.view("n1", "n2").quorate(), "2 of 3 after the window (it would be 2 of 5 without LMS)");
        QuorumState two = n.after(WINDOW);
        assertEquals(2, two.expectedVotes());
        assertFalse(n.view("n1").quorate(), "down to one node needs auto_tie_breaker too");

        Node without = new Node(cluster(5, PLAIN));
        without.view("n1", "n2", "n3", "n4", "n5");
        without.view("n1", "n2", "n3");
        without.after(WINDOW);
        assertFalse(without.view("n1", "n2").quorate(), "without last_man_standing, 2 of 5 is not quorate");
    }

    @Test
    void lastManStandingWindowRestartsOnEveryChangeAndReturningNodesRaiseExpectedVotes() {
        ClusterConfig c = cluster(5, rules(false, Optional.of(true), true, false, Optional.empty(), Optional.empty()));
        Node n = new Node(c);
        n.view("n1", "n2", "n3", "n4", "n5");
        n.view("n1", "n2", "n3", "n4");
        n.now = n.now.plus(Duration.ofSeconds(6));
        n.view("n1", "n2", "n3");
        assertEquals(Optional.of(n.now.plus(WINDOW)), n.history.lastManStandingAt(), "restarted");
        assertEquals(5, n.after(Duration.ofSeconds(6)).expectedVotes(), "the first window would have ended");
        assertEquals(3, n.after(Duration.ofSeconds(4)).expectedVotes());
        QuorumState back = n.view("n1", "n2", "n3", "n4", "n5");
        assertEquals(5, back.expectedVotes(), "returning nodes raise expected votes again");
        assertEquals(3, back.quorum());
    }

    @Test
    void autoTieBreakerGivesAnEvenSplitToTheLowestNodeId() {
        ClusterConfig c = cluster(4, rules(false, Optional.empty(), false, true, Optional.empty(), Optional.empty()));
        Node low = new Node(c);
        Node high = new Node(c);
        low.view("n1", "n2", "n3", "n4");
        high.view("n1", "n2", "n3", "n4");
        QuorumState lowSide = low.view("n1", "n2");
        QuorumState highSide = high.view("n3", "n4");
        assertTrue(lowSide.quorate());
        assertEquals("quorate: auto_tie_breaker: 2 of 4 expected votes (an even split) and the lowest node id (1) "
                + "is in this partition", lowSide.reason());
        assertFalse(highSide.quorate());

        Node plain = new Node(cluster(4, PLAIN));
        plain.view("n1", "n2", "n3", "n4");
        assertFalse(plain.view("n1", "n2").quorate(), "without auto_tie_breaker neither half is quorate");
    }

    @Test
    void autoTieBreakerCanPreferTheHighestNodeIdOrAList() {
        ClusterConfig highest = cluster(4, rules(false, Optional.empty(), false, true, Optional.of(TieBreaker.HIGHEST), Optional.empty()));
        Node a = new Node(highest);
        Node b = new Node(highest);
        a.view("n1", "n2", "n3", "n4");
        b.view("n1", "n2", "n3", "n4");
        assertFalse(a.view("n1", "n2").quorate());
        assertTrue(b.view("n3", "n4").quorate());

        ClusterConfig list = cluster(4, rules(false, Optional.empty(), false, true,
                Optional.of(TieBreaker.list(List.of(3, 1))), Optional.empty()));
        Node x = new Node(list);
        Node y = new Node(list);
        x.view("n1", "n2", "n3", "n4");
        y.view("n1", "n2", "n3", "n4");
        assertTrue(x.view("n3", "n4").quorate(), "node 3 comes first in the list");
        QuorumState other = y.view("n1", "n2");
        assertFalse(other.quorate(), "node 1 only wins when node 3 was not in the previous view: " + other.reason());
    }

    @Test
    void autoTieBreakerNeedsExactlyHalfTheVotes() {
        // 6 nodes: a 3|3 split is a tie the lowest id wins; a 2|4 split is no tie, the 4 win by votes
        ClusterConfig c = cluster(6, rules(false, Optional.empty(), false, true, Optional.empty(), Optional.empty()));
        Node n = new Node(c);
        n.view("n1", "n2", "n3", "n4", "n5", "n6");
        assertFalse(n.view("n1", "n2").quorate(), "2 of 6 is not an even split");
        Node m = new Node(c);
        m.view("n1", "n2", "n3", "n4", "n5", "n6");
        assertTrue(m.view("n1", "n2", "n3").quorate(), "3 of 6 with the lowest id: 3 left, fewer than quorum 4");
        Node big = new Node(c);
        big.view("n1", "n2", "n3", "n4", "n5", "n6");
        assertTrue(big.view("n3", "n4", "n5", "n6").quorate(), "4 of 6 by votes");
    }

    // ---- combinations -------------------------------------------------------------------------

    @Test
    void lastManStandingWithAutoTieBreakerGoesDownToOneNode() {
        ClusterConfig c = cluster(4, rules(false, Optional.of(true), true, true, Optional.empty(), Optional.empty()));
        Node n = new Node(c);
        assertTrue(n.view("n1", "n2", "n3", "n4").quorate());
        QuorumState half = n.view("n1", "n2");
        assertTrue(half.quorate(), half.reason());
        assertTrue(n.history.lastManStandingAt().isPresent(), "the tie-breaker half starts the window");
        QuorumState two = n.after(WINDOW);
        assertEquals(2, two.expectedVotes());
        QuorumState last = n.view("n1");
        assertTrue(last.quorate(), "1 of 2 with the lowest node id: " + last.reason());
        QuorumState one = n.after(WINDOW);
        assertEquals(1, one.expectedVotes());
        assertEquals(1, one.quorum());
        assertTrue(one.quorate());
        assertTrue(n.view("n1", "n2", "n3", "n4").quorate());
        assertEquals(4, n.state.expectedVotes());
    }

    @Test
    void waitForAllStillAppliesToTwoNodeAfterARestartOfBoth() {
        ClusterConfig c = cluster(2, QuorumConfig.twoNodeCluster());
        Node n = new Node(c);
        n.view("n1", "n2");
        n.view("n1");
        assertTrue(n.state.quorate());
        Node restarted = new Node(c); // the survivor rebooted: history is gone
        assertFalse(restarted.view("n1").quorate());
    }

    @Test
    void membersOutsideTheNodelistBringNoVotes() {
        Node n = new Node(cluster(3, PLAIN));
        QuorumState s = n.step(List.of("n1", "stranger"), false);
        assertEquals(1, s.votes());
        assertFalse(s.quorate());
    }

    @Test
    void theDcIsTheCoordinatorOfAQuoratePartitionOnly() {
        Node n = new Node(cluster(3, PLAIN));
        View majority = View.of(4, List.of("n2", "n1"));
        QuorumResult r = Quorum.evaluate(n.config, n.history, majority, T0);
        assertEquals(Optional.of("n2"), DesignatedCoordinator.choose(majority, r.state()));
        View minority = View.of(4, List.of("n3"));
        QuorumResult m = Quorum.evaluate(n.config, QuorumHistory.initial(n.config), minority, T0);
        assertEquals(Optional.empty(), DesignatedCoordinator.choose(minority, m.state()));
    }

    @Test
    void evaluationIsDeterministic() {
        ClusterConfig c = cluster(5, rules(false, Optional.of(true), true, false, Optional.empty(), Optional.empty()));
        QuorumHistory h = QuorumHistory.initial(c);
        QuorumResult a = Quorum.evaluate(c, h, List.of("n3", "n1", "n2", "n4", "n5"), T0, false);
        QuorumResult b = Quorum.evaluate(c, h, List.of("n1", "n2", "n3", "n4", "n5"), T0, false);
        assertEquals(a, b, "member order does not matter, the same input gives the same output");
    }
}
