package dev.vigil.daemon.api;

import dev.vigil.api.ApiProtocol;
import dev.vigil.api.ApiTypes;
import java.util.List;

/** {@code api.info}: the daemon's version, node and request types, so a client can adapt. */
public final class ApiInfoHandler implements ApiHandler<ApiTypes.NoArgs> {
    private final String node;
    private final ApiDispatcher dispatcher;

    public ApiInfoHandler(String node, ApiDispatcher dispatcher) {
        this.node = node;
        this.dispatcher = dispatcher;
    }

    @Override
    public String type() {
        return ApiTypes.API_INFO;
    }

    @Override
    public Class<ApiTypes.NoArgs> argsType() {
        return ApiTypes.NoArgs.class;
    }

    @Override
    public Object handle(ApiTypes.NoArgs args, Caller caller) {
        String version = ApiInfoHandler.class.getPackage().getImplementationVersion();
        return new ApiTypes.ApiInfo("vigil " + (version == null ? "0.1.0-SNAPSHOT" : version), node,
                List.of(ApiProtocol.VERSION), dispatcher.types());
    }
}
