package dev.vigil.daemon.api;

import dev.vigil.api.ApiTypes;
import dev.vigil.controller.DefaultController;

/** {@code resource.cleanup}: hands a cleanup to the controller, which forwards it to the DC. */
public final class CleanupHandler implements ApiHandler<ApiTypes.CleanupArgs> {
    private final DefaultController controller;

    public CleanupHandler(DefaultController controller) {
        this.controller = controller;
    }

    @Override
    public String type() {
        return ApiTypes.RESOURCE_CLEANUP;
    }

    @Override
    public Class<ApiTypes.CleanupArgs> argsType() {
        return ApiTypes.CleanupArgs.class;
    }

    @Override
    public Object handle(ApiTypes.CleanupArgs args, Caller caller) {
        controller.cleanup(args.resource(), args.node());
        return new ApiTypes.CleanupResult(args.resource(), args.node(), true);
    }
}
