package dev.vigil.cli.source;

import dev.vigil.api.ApiClient;
import dev.vigil.api.ApiError;
import dev.vigil.api.ApiException;
import dev.vigil.api.ApiTypes;
import dev.vigil.cib.CibFormatException;
import dev.vigil.cib.CibXml;
import dev.vigil.model.cib.Cib;
import dev.vigil.model.cib.Status;
import java.nio.file.Path;

/**
 * The daemon's CIB: read with {@code cib.query}, written with {@code cib.replace} carrying the
 * version it was read at, so that a change made by someone else in between is refused
 * ({@code conflict}) rather than overwritten. API failures propagate as {@link ApiException}.
 */
public final class DaemonCibSource implements CibSource {
    private final Path socket;

    public DaemonCibSource(Path socket) {
        this.socket = socket;
    }

    @Override
    public Snapshot read() {
        try (ApiClient client = ApiClient.connect(socket)) {
            ApiTypes.CibQueryResult r = client.call(ApiTypes.CIB_QUERY, new ApiTypes.NoArgs(), ApiTypes.CibQueryResult.class);
            return new Snapshot(CibXml.parse(r.xml()), r.version());
        } catch (CibFormatException e) {
            throw new ApiException(ApiError.INTERNAL, "the daemon's CIB does not parse: " + e.getMessage());
        }
    }

    @Override
    public String write(Snapshot base, Cib edited) {
        // The daemon keeps its own status section, so only the configuration travels.
        Cib configurationOnly = new Cib(edited.attributes(), edited.configuration(), Status.EMPTY);
        try (ApiClient client = ApiClient.connect(socket)) {
            ApiTypes.CibReplaceResult r = client.call(ApiTypes.CIB_REPLACE,
                    new ApiTypes.CibReplaceArgs(CibXml.write(configurationOnly), base.version()), ApiTypes.CibReplaceResult.class);
            return r.version();
        }
    }

    @Override
    public String describe() {
        return "the daemon at " + socket;
    }
}
