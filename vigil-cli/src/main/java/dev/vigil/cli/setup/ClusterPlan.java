package dev.vigil.cli.setup;

import dev.vigil.cluster.config.ClusterConfig;
import dev.vigil.cluster.config.ConfigException;
import dev.vigil.cluster.config.NodeConfig;
import dev.vigil.cluster.config.QuorumConfig;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The cluster configuration that setup, node add and node remove write. Pure. */
public final class ClusterPlan {
    private ClusterPlan() {
    }

    /** One {@code NAME=ADDRESS} argument. */
    public record NodeArg(String name, InetAddress address) {
        /** @throws IllegalArgumentException naming the argument */
        public static NodeArg parse(String arg) {
            int eq = arg.indexOf('=');
            if (eq <= 0 || eq == arg.length() - 1) {
                throw new IllegalArgumentException("'" + arg + "' is not NODE=ADDRESS (e.g. node1=127.0.0.1)");
            }
            String name = arg.substring(0, eq);
            String addr = arg.substring(eq + 1);
            if (!NodeConfig.NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("node name '" + name + "' is not valid (letters, digits, '_', '.', '-')");
            }
            if (!addr.matches("[0-9.]+|[0-9A-Fa-f:]+")) {
                throw new IllegalArgumentException("'" + addr + "' (node " + name + ") is not an IP address; vigil.conf "
                        + "takes IP literals only, not host names");
            }
            try {
                return new NodeArg(name, InetAddress.getByName(addr));
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("'" + addr + "' (node " + name + ") is not an IP address");
            }
        }
    }

    /**
     * A new cluster: nodes numbered 1, 2… in the given order, the key next to the config; two
     * nodes get votequorum's two_node rules.
     */
    public static ClusterConfig setup(String clusterName, List<NodeArg> nodes, int port) {
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("give at least one NODE=ADDRESS");
        }
        List<NodeConfig> configs = new ArrayList<>();
        for (NodeArg n : nodes) {
            configs.add(NodeConfig.of(n.name(), configs.size() + 1, n.address()));
        }
        return build(clusterName, configs, port);
    }

    /** The config with one more node (the next free node id). */
    public static ClusterConfig addNode(ClusterConfig config, NodeArg node) {
        if (config.node(node.name()).isPresent()) {
            throw new IllegalArgumentException("node " + node.name() + " is already in the cluster");
        }
        int id = config.nodes().stream().mapToInt(NodeConfig::nodeId).max().orElse(0) + 1;
        List<NodeConfig> nodes = new ArrayList<>(config.nodes());
        nodes.add(NodeConfig.of(node.name(), id, node.address()));
        return build(config.totem().clusterName(), nodes, config.totem().port(0)).withTotem(
                config.totem()).withLogging(config.logging()).withQuorum(quorumFor(nodes.size(), config.quorum()));
    }

    /** The config without a node. */
    public static ClusterConfig removeNode(ClusterConfig config, String name) {
        config.requireNode(name);
        List<NodeConfig> nodes = new ArrayList<>(config.nodes());
        nodes.removeIf(n -> n.name().equals(name));
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("node " + name + " is the last node; 'vigil cluster destroy' removes the cluster");
        }
        return build(config.totem().clusterName(), nodes, config.totem().port(0)).withTotem(
                config.totem()).withLogging(config.logging()).withQuorum(quorumFor(nodes.size(), config.quorum()));
    }

    private static ClusterConfig build(String clusterName, List<NodeConfig> nodes, int port) {
        Set<String> addresses = new HashSet<>();
        for (NodeConfig n : nodes) {
            if (!addresses.add(n.ring0Addr().getHostAddress())) {
                throw new IllegalArgumentException("address " + n.ring0Addr().getHostAddress() + " is given to two nodes");
            }
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not between 1 and 65535");
        }
        try {
            ClusterConfig c = ClusterConfig.of(clusterName, nodes);
            return c.withTotem(c.totem().withPort(port).withKeyfile(Path.of("authkey")))
                    .withQuorum(quorumFor(nodes.size(), QuorumConfig.DEFAULTS));
        } catch (ConfigException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** Two nodes use two_node (each alone keeps quorum after the first meeting); otherwise what was there. */
    private static QuorumConfig quorumFor(int nodes, QuorumConfig current) {
        if (nodes == 2) {
            return QuorumConfig.twoNodeCluster();
        }
        return current.twoNode() ? QuorumConfig.DEFAULTS : current;
    }
}
