package dev.vigil.cli;

import dev.vigil.api.ApiClient;
import dev.vigil.api.ApiProtocol;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --socket PATH}: which daemon a command talks to ($VIGIL_SOCKET, else the system daemon's). */
public final class ApiOptions {
    @Option(names = "--socket", paramLabel = "PATH",
            description = "the daemon's API socket (default: $VIGIL_SOCKET, else " + ApiProtocol.DEFAULT_SOCKET + ")",
            defaultValue = "${env:VIGIL_SOCKET:-" + ApiProtocol.DEFAULT_SOCKET + "}")
    Path socket;

    public Path socket() {
        return socket;
    }

    /** @throws dev.vigil.api.ApiUnavailableException saying why it cannot connect */
    public ApiClient connect() {
        return ApiClient.connect(socket);
    }

    /** Like {@link #connect()}, waiting up to {@code timeout} for each answer. */
    public ApiClient connect(java.time.Duration timeout) {
        return ApiClient.connect(socket, timeout);
    }
}
