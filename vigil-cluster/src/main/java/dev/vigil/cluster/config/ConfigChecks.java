package dev.vigil.cluster.config;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The contradictions a configuration must not contain, checked on every {@link ClusterConfig}
 * (built in code or read from a file). Each problem names where it is, as a path such as
 * {@code quorum.two_node} or {@code nodelist.node[2].nodeid}, so that the parser can point at the
 * line.
 */
public final class ConfigChecks {
    /** Node ids above this are refused: Pacemaker keeps node ids as signed 32-bit numbers. */
    public static final int MAX_NODE_ID = Integer.MAX_VALUE;
    /** Heartbeats closer together than this would only load the machine. */
    static final long MIN_HEARTBEAT_MS = 20;

    /** One contradiction: where it is (a path into the file's sections) and why it is refused. */
    public record Problem(String where, String reason) {
    }

    private ConfigChecks() {
    }

    /** Every problem, in a fixed order (totem, nodelist, quorum, logging). */
    public static List<Problem> problems(TotemConfig totem, List<NodeConfig> nodes, QuorumConfig quorum,
                                         LoggingConfig logging) {
        List<Problem> out = new ArrayList<>();
        checkTotem(totem, nodes, out);
        checkNodes(nodes, out);
        checkQuorum(quorum, nodes, out);
        checkLogging(logging, out);
        return List.copyOf(out);
    }

    private static void checkTotem(TotemConfig totem, List<NodeConfig> nodes, List<Problem> out) {
        if (totem.version() != 2) {
            out.add(new Problem("totem.version", "totem version " + totem.version() + " is not supported (must be 2)"));
        }
        Duration token = totem.token();
        if (token.compareTo(TotemConfig.MIN_TOKEN) < 0 || token.compareTo(TotemConfig.MAX_TOKEN) > 0) {
            out.add(new Problem("totem.token", "token " + token.toMillis() + " ms is out of range "
                    + TotemConfig.MIN_TOKEN.toMillis() + ".." + TotemConfig.MAX_TOKEN.toMillis() + " ms"));
        }
        int retransmits = totem.tokenRetransmitsBeforeLossConst();
        if (retransmits < 1 || retransmits > 20) {
            out.add(new Problem("totem.token_retransmits_before_loss_const",
                    "token_retransmits_before_loss_const " + retransmits + " is out of range 1..20"));
        } else if (token.toMillis() / (retransmits + 1) < MIN_HEARTBEAT_MS) {
            out.add(new Problem("totem.token_retransmits_before_loss_const", "token " + token.toMillis()
                    + " ms with token_retransmits_before_loss_const " + retransmits + " would send heartbeats less than "
                    + MIN_HEARTBEAT_MS + " ms apart"));
        }
        Optional<Duration> consensus = totem.consensus();
        if (consensus.isPresent() && consensus.get().toMillis() * 5 < token.toMillis() * 6) {
            out.add(new Problem("totem.consensus", "consensus " + consensus.get().toMillis()
                    + " ms must be at least 1.2 * token (" + token.toMillis() * 6 / 5 + " ms)"));
        }
        Map<Integer, Integer> seenLinks = new HashMap<>();
        for (InterfaceConfig iface : totem.interfaces()) {
            String where = "totem.interface[" + iface.linkNumber() + "]";
            if (seenLinks.merge(iface.linkNumber(), 1, Integer::sum) > 1) {
                out.add(new Problem(where, "two interface sections for linknumber " + iface.linkNumber()));
                continue;
            }
            for (int i = 0; i < nodes.size(); i++) {
                NodeConfig node = nodes.get(i);
                if (node.ringAddr(iface.linkNumber()).isEmpty()) {
                    out.add(new Problem(where, "interface linknumber " + iface.linkNumber() + " but node '" + node.name()
                            + "' has no ring" + iface.linkNumber() + "_addr"));
                    break;
                }
            }
        }
    }

    private static void checkNodes(List<NodeConfig> nodes, List<Problem> out) {
        if (nodes.isEmpty()) {
            out.add(new Problem("nodelist", "missing nodelist: Vigil needs every node's name, nodeid and ring0_addr"));
            return;
        }
        Map<String, String> names = new HashMap<>();
        Map<Integer, String> ids = new HashMap<>();
        Map<InetAddress, String> addresses = new HashMap<>();
        boolean firstHasRing1 = nodes.get(0).ring1Addr().isPresent();
        for (int i = 0; i < nodes.size(); i++) {
            NodeConfig node = nodes.get(i);
            String where = "nodelist.node[" + i + "]";
            String previous = names.putIfAbsent(node.name(), node.name());
            if (previous != null) {
                out.add(new Problem(where + ".name", "duplicate node name '" + node.name() + "'"));
            }
            String idOwner = ids.putIfAbsent(node.nodeId(), node.name());
            if (idOwner != null) {
                out.add(new Problem(where + ".nodeid", "node '" + node.name() + "': nodeid " + node.nodeId()
                        + " is already node '" + idOwner + "'s"));
            }
            checkAddress(node, node.ring0Addr(), "ring0_addr", where, addresses, out);
            node.ring1Addr().ifPresent(a -> checkAddress(node, a, "ring1_addr", where, addresses, out));
            if (node.ring1Addr().isPresent() != firstHasRing1) {
                out.add(new Problem(where, "node '" + node.name() + "' " + (firstHasRing1 ? "lacks" : "has")
                        + " a ring1_addr but node '" + nodes.get(0).name() + "' " + (firstHasRing1 ? "has one" : "does not")
                        + ": every node needs the same links"));
            }
        }
        if (nodes.stream().mapToInt(NodeConfig::quorumVotes).sum() == 0) {
            out.add(new Problem("nodelist", "no node has a quorum vote"));
        }
    }

    private static void checkAddress(NodeConfig node, InetAddress address, String key, String where,
                                     Map<InetAddress, String> seen, List<Problem> out) {
        String owner = seen.putIfAbsent(address, node.name());
        if (owner != null) {
            out.add(new Problem(where + "." + key, "node '" + node.name() + "': " + key + " " + address.getHostAddress()
                    + " is already used by node '" + owner + "'"));
        }
    }

    private static void checkQuorum(QuorumConfig quorum, List<NodeConfig> nodes, List<Problem> out) {
        int nodelistVotes = nodes.stream().mapToInt(NodeConfig::quorumVotes).sum();
        if (quorum.twoNode() && nodes.size() != 2) {
            out.add(new Problem("quorum.two_node", "two_node: 1 needs exactly 2 nodes, the nodelist has " + nodes.size()));
        }
        if (quorum.twoNode() && quorum.expectedVotes().isPresent() && quorum.expectedVotes().get() != 2) {
            out.add(new Problem("quorum.expected_votes", "two_node: 1 needs expected_votes 2, not "
                    + quorum.expectedVotes().get()));
        }
        if (quorum.twoNode() && quorum.autoTieBreaker()) {
            out.add(new Problem("quorum.auto_tie_breaker", "two_node and auto_tie_breaker cannot both be on "
                    + "(two_node lets fencing settle a split, auto_tie_breaker lets node ids settle it)"));
        }
        if (quorum.autoTieBreakerNode().isPresent() && !quorum.autoTieBreaker()) {
            out.add(new Problem("quorum.auto_tie_breaker_node", "auto_tie_breaker_node has no effect without auto_tie_breaker: 1"));
        }
        quorum.autoTieBreakerNode().ifPresent(tb -> {
            for (int id : tb.nodeIds()) {
                if (nodes.stream().noneMatch(n -> n.nodeId() == id)) {
                    out.add(new Problem("quorum.auto_tie_breaker_node", "auto_tie_breaker_node names nodeid " + id
                            + ", which is not in the nodelist"));
                }
            }
        });
        if (quorum.autoTieBreaker() && nodelistVotes % 2 == 1 && !quorum.effectiveWaitForAll()) {
            out.add(new Problem("quorum.auto_tie_breaker", "auto_tie_breaker in a cluster with an odd number of votes ("
                    + nodelistVotes + ") needs wait_for_all: 1, or an isolated majority without the tie breaker "
                    + "could become quorate after a restart"));
        }
        if (quorum.lastManStanding() && nodes.stream().anyMatch(n -> n.quorumVotes() != 1)) {
            out.add(new Problem("quorum.last_man_standing", "last_man_standing needs every node to have exactly 1 vote"));
        }
        if (quorum.expectedVotes().isPresent() && !nodes.isEmpty() && !quorum.twoNode()) {
            int expected = quorum.expectedVotes().get();
            int needed = expected / 2 + 1;
            if (needed > nodelistVotes) {
                out.add(new Problem("quorum.expected_votes", "expected_votes " + expected + " needs " + needed
                        + " votes for quorum but the nodelist has only " + nodelistVotes));
            }
        }
    }

    private static void checkLogging(LoggingConfig logging, List<Problem> out) {
        if (logging.toLogfile() && logging.logfile().isEmpty()) {
            out.add(new Problem("logging.to_logfile", "to_logfile: yes needs a logfile"));
        }
    }
}
