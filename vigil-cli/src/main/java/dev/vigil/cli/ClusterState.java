package dev.vigil.cli;

import dev.vigil.api.ApiClient;
import dev.vigil.api.ApiTypes;
import dev.vigil.cib.CibFormatException;
import dev.vigil.cib.CibXml;
import dev.vigil.model.cib.Cib;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code -f FILE} or {@code --socket PATH} for the read-only views (status, explain): the CIB,
 * with, online, what the daemon adds (membership, quorum, fencing history).
 */
public final class ClusterState {
    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "read this CIB file instead of asking the daemon")
    Path file;

    @Mixin
    ApiOptions api;

    /** The CIB and, online, the daemon's view of the cluster. */
    record Read(Cib cib, String source, ApiTypes.ClusterStatus cluster, ApiTypes.ControllerStatus controller) {
    }

    /**
     * @throws IllegalArgumentException naming the file and what is wrong with it
     * @throws dev.vigil.api.ApiException when the daemon cannot answer
     */
    Read read(boolean withDaemonState) {
        if (file != null) {
            if (!Files.isReadable(file)) {
                throw new IllegalArgumentException("cannot read " + file + ": no such file or not readable");
            }
            try {
                return new Read(CibXml.read(file), file.toString(), null, null);
            } catch (CibFormatException | UncheckedIOException e) {
                throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
            }
        }
        try (ApiClient client = api.connect()) {
            ApiTypes.CibQueryResult q = client.call(ApiTypes.CIB_QUERY, new ApiTypes.NoArgs(), ApiTypes.CibQueryResult.class);
            ApiTypes.ClusterStatus cluster = null;
            ApiTypes.ControllerStatus controller = null;
            if (withDaemonState) {
                cluster = client.call(ApiTypes.CLUSTER_STATUS, new ApiTypes.NoArgs(), ApiTypes.ClusterStatus.class);
                controller = client.call(ApiTypes.CONTROLLER_STATUS, new ApiTypes.NoArgs(),
                        ApiTypes.ControllerStatus.class);
            }
            return new Read(CibXml.parse(q.xml()), "the daemon at " + api.socket, cluster, controller);
        }
    }
}
