package dev.vigil.cluster.config;

import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One {@code nodelist.node}.
 *
 * @param name        {@code name}: the node's name, also its name in the CIB
 * @param nodeId      {@code nodeid}: a positive number, unique in the cluster (auto_tie_breaker
 *                    uses it)
 * @param ring0Addr   {@code ring0_addr}: the address Vigil binds to on this node and that the
 *                    others connect to
 * @param ring1Addr   {@code ring1_addr}: a second link's address; read and checked, not used yet
 * @param quorumVotes {@code quorum_votes}: the node's votes for quorum, 1 by default
 */
public record NodeConfig(String name, int nodeId, InetAddress ring0Addr, Optional<InetAddress> ring1Addr,
                         int quorumVotes) {
    /** What a node name may look like: it appears in logs, the CIB and file names. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    public NodeConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(ring0Addr, "ring0Addr");
        Objects.requireNonNull(ring1Addr, "ring1Addr");
        if (!NAME.matcher(name).matches()) {
            throw new ConfigException("node name '" + name + "' is not valid (letters, digits, '_', '.', '-', at most 64, starting with a letter or digit)");
        }
        if (nodeId < 1) {
            throw new ConfigException("node '" + name + "': nodeid " + nodeId + " must be positive");
        }
        if (quorumVotes < 0 || quorumVotes > 255) {
            throw new ConfigException("node '" + name + "': quorum_votes " + quorumVotes + " is out of range 0..255");
        }
    }

    /** A node with one link and one vote. */
    public static NodeConfig of(String name, int nodeId, InetAddress ring0Addr) {
        return new NodeConfig(name, nodeId, ring0Addr, Optional.empty(), 1);
    }

    /** The address of link {@code linkNumber}, if the node has one. */
    public Optional<InetAddress> ringAddr(int linkNumber) {
        return switch (linkNumber) {
            case 0 -> Optional.of(ring0Addr);
            case 1 -> ring1Addr;
            default -> Optional.empty();
        };
    }
}
