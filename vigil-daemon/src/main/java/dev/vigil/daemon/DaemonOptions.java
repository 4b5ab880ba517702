package dev.vigil.daemon;

import dev.vigil.cluster.config.ClusterConfig;
import dev.vigil.cluster.key.AuthKey;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What a daemon runs with, checked: the config, this node's name in it, the key, and where
 * its files go.
 *
 * @param stateDir   cib.xml and its backups
 * @param socket     the API socket; its directory also holds {@code rsctmp/}, the agents'
 *                   {@code HA_RSCTMP} (a run-time directory: it must not survive a reboot)
 * @param agentsDir  Vigil's own agents ({@code $VIGIL_HOME/agents}), if present
 * @param testFaults tests only: a file of links to cut ({@link FaultFile})
 */
public record DaemonOptions(ClusterConfig config, String node, AuthKey key, Path stateDir, Path socket,
                            Optional<Path> agentsDir, Optional<Path> testFaults) {
    public DaemonOptions {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(socket, "socket");
        config.requireNode(node);
    }

    /** The agents' run-time directory. */
    public Path runDir() {
        Path parent = socket.toAbsolutePath().getParent();
        return (parent == null ? Path.of("/run/vigil") : parent).resolve("rsctmp");
    }
}
