package dev.vigil.cli.setup;

import java.nio.file.Path;

/**
 * Where a cluster's files live in its directory {@code D}: {@code D/vigil.conf} and
 * {@code D/authkey} (what every node needs, the same on all), and per node that runs on this
 * machine {@code D/NODE/} with {@code state/} (the CIB), {@code vigil.sock}, {@code daemon.log}
 * and {@code daemon.pid}.
 */
public record ClusterLayout(Path dir) {
    public Path config() {
        return dir.resolve("vigil.conf");
    }

    public Path key() {
        return dir.resolve("authkey");
    }

    public Path nodeDir(String node) {
        return dir.resolve(node);
    }

    public Path stateDir(String node) {
        return nodeDir(node).resolve("state");
    }

    public Path socket(String node) {
        return nodeDir(node).resolve("vigil.sock");
    }

    public Path log(String node) {
        return nodeDir(node).resolve("daemon.log");
    }

    public Path pidFile(String node) {
        return nodeDir(node).resolve("daemon.pid");
    }
}
