package dev.vigil.cluster.membership;

import dev.vigil.cluster.config.ClusterConfig;
import dev.vigil.cluster.config.NodeConfig;
import dev.vigil.cluster.config.QuorumConfig;
import dev.vigil.cluster.key.AuthKey;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * In-process clusters for tests: node i on 127.0.0.i, all on one port picked free in
 * 7800-7999 (other engineers may run tests on this machine at the same time).
 */
final class TestCluster {
    static final int PORT_LOW = 7800;
    static final int PORT_HIGH = 7999;

    private TestCluster() {
    }

    /** A port in 7800-7999 free on 127.0.0.1..127.0.0.{hosts}; tries at most 100 times. */
    static int freePort(int hosts) {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(PORT_LOW, PORT_HIGH + 1);
            if (freeOnAll(port, hosts)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port in " + PORT_LOW + "-" + PORT_HIGH);
    }

    private static boolean freeOnAll(int port, int hosts) {
        List<ServerSocket> probes = new ArrayList<>();
        try {
            for (int i = 1; i <= hosts; i++) {
                ServerSocket s = new ServerSocket();
                probes.add(s);
                s.bind(new InetSocketAddress(loopback(i), port));
            }
            return true;
        } catch (IOException e) {
            return false;
        } finally {
            for (ServerSocket s : probes) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // probe only
                }
            }
        }
    }

    static InetAddress loopback(int i) {
        try {
            return InetAddress.getByName("127.0.0." + i);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A config of {@code n} nodes node1..nodeN on 127.0.0.1..n, default quorum rules for n > 2. */
    static ClusterConfig config(String cluster, int n, int port) {
        List<NodeConfig> nodes = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            nodes.add(NodeConfig.of("node" + i, i, loopback(i)));
        }
        ClusterConfig c = ClusterConfig.of(cluster, nodes);
        return c.withTotem(c.totem().withPort(port)).withQuorum(n == 2 ? QuorumConfig.twoNodeCluster() : QuorumConfig.DEFAULTS);
    }

    /** A started node with a recorder; the caller closes it. */
    record Node(String name, JGroupsMembership membership, Recorder recorder) implements AutoCloseable {
        @Override
        public void close() {
            membership.close();
        }
    }

    static Node start(ClusterConfig config, String name, AuthKey key, NetworkFaults faults) {
        Recorder recorder = new Recorder();
        JGroupsMembership.Builder b = JGroupsMembership.builder(config, name, key).listener(recorder);
        if (faults != null) {
            b.faults(faults);
        }
        JGroupsMembership m = b.build();
        m.start();
        return new Node(name, m, recorder);
    }
}
