package dev.vigil.cli;

import dev.vigil.api.ApiClient;
import dev.vigil.api.ApiTypes;
import dev.vigil.cli.source.CibSource;
import dev.vigil.cli.source.CibTarget;
import dev.vigil.model.cib.Cib;
import picocli.CommandLine.Mixin;

/**
 * What the read-only views (status, explain) read: the CIB from {@code -f FILE} or the daemon
 * ({@link CibTarget}, as every configuration command), and, online, what only the daemon knows
 * (membership, quorum, fencing history).
 */
public final class ClusterState {
    @Mixin
    CibTarget target;

    /** The CIB and, online, the daemon's view of the cluster (null from a file). */
    record Read(Cib cib, String source, ApiTypes.ClusterStatus cluster, ApiTypes.ControllerStatus controller) {
    }

    /**
     * @throws dev.vigil.cli.source.SourceException when the file cannot be read
     * @throws dev.vigil.api.ApiException when the daemon cannot answer
     */
    Read read(boolean withDaemonState) {
        CibSource source = target.source(false);
        Cib cib = source.read().cib();
        if (target.offline() || !withDaemonState) {
            return new Read(cib, source.describe(), null, null);
        }
        try (ApiClient client = target.api().connect()) {
            ApiTypes.ClusterStatus cluster = client.call(ApiTypes.CLUSTER_STATUS, new ApiTypes.NoArgs(),
                    ApiTypes.ClusterStatus.class);
            ApiTypes.ControllerStatus controller = client.call(ApiTypes.CONTROLLER_STATUS, new ApiTypes.NoArgs(),
                    ApiTypes.ControllerStatus.class);
            return new Read(cib, source.describe(), cluster, controller);
        }
    }
}
