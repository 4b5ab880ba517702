package dev.vigil.cluster.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A whole {@code vigil.conf}: immutable, checked for contradictions on construction (see
 * {@link ConfigChecks}), written back by {@link ConfigWriter} and read by {@link ConfigParser}.
 *
 * @param totem   how nodes talk
 * @param nodes   the nodelist, in file order
 * @param quorum  votequorum's options
 * @param logging where the log goes
 */
public record ClusterConfig(TotemConfig totem, List<NodeConfig> nodes, QuorumConfig quorum, LoggingConfig logging) {
    public ClusterConfig {
        Objects.requireNonNull(totem, "totem");
        Objects.requireNonNull(quorum, "quorum");
        Objects.requireNonNull(logging, "logging");
        nodes = List.copyOf(nodes);
        List<ConfigChecks.Problem> problems = ConfigChecks.problems(totem, nodes, quorum, logging);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems.get(0).reason());
        }
    }

    /** A configuration with default totem, quorum and logging settings for these nodes. */
    public static ClusterConfig of(String clusterName, List<NodeConfig> nodes) {
        QuorumConfig quorum = nodes.size() == 2 ? QuorumConfig.twoNodeCluster() : QuorumConfig.DEFAULTS;
        return new ClusterConfig(TotemConfig.defaults(clusterName), nodes, quorum, LoggingConfig.DEFAULTS);
    }

    /** The node called {@code name}, if it is in the nodelist. */
    public Optional<NodeConfig> node(String name) {
        return nodes.stream().filter(n -> n.name().equals(name)).findFirst();
    }

    /** The node called {@code name}; refuses names outside the nodelist, listing the known ones. */
    public NodeConfig requireNode(String name) {
        return node(name).orElseThrow(() -> new IllegalArgumentException("node '" + name
                + "' is not in the nodelist of cluster '" + totem.clusterName() + "' (nodes: "
                + nodes.stream().map(NodeConfig::name).collect(Collectors.joining(", ")) + ")"));
    }

    /** The node with id {@code nodeId}, if any. */
    public Optional<NodeConfig> nodeById(int nodeId) {
        return nodes.stream().filter(n -> n.nodeId() == nodeId).findFirst();
    }

    /** Sum of the nodelist's votes. */
    public int nodelistVotes() {
        return nodes.stream().mapToInt(NodeConfig::quorumVotes).sum();
    }

    /** Expected votes at start: {@code quorum.expected_votes}, else the nodelist's votes. */
    public int expectedVotes() {
        return quorum.expectedVotes().orElse(nodelistVotes());
    }

    /** The key file, with a relative path resolved against the configuration file's directory. */
    public Path keyfile(Path configFile) {
        Path key = totem.keyfile();
        if (key.isAbsolute() || configFile == null) {
            return key;
        }
        Path dir = configFile.toAbsolutePath().getParent();
        return dir == null ? key : dir.resolve(key);
    }

    /** A copy with another totem section. */
    public ClusterConfig withTotem(TotemConfig newTotem) {
        return new ClusterConfig(newTotem, nodes, quorum, logging);
    }

    /** A copy with another quorum section. */
    public ClusterConfig withQuorum(QuorumConfig newQuorum) {
        return new ClusterConfig(totem, nodes, newQuorum, logging);
    }

    /** A copy with another logging section. */
    public ClusterConfig withLogging(LoggingConfig newLogging) {
        return new ClusterConfig(totem, nodes, quorum, newLogging);
    }
}
