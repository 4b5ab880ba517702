package dev.vigil.daemon.api;

import dev.vigil.api.ApiError;
import dev.vigil.api.ApiException;
import dev.vigil.api.ApiTypes;
import dev.vigil.controller.DefaultController;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * {@code stonith.fence}: hands an admin's fencing request to the controller, which asks the DC,
 * and waits for the DC's answer (the controller bounds the wait by stonith-timeout).
 */
public final class FenceHandler implements ApiHandler<ApiTypes.FenceArgs> {
    private final DefaultController controller;

    public FenceHandler(DefaultController controller) {
        this.controller = controller;
    }

    @Override
    public String type() {
        return ApiTypes.STONITH_FENCE;
    }

    @Override
    public Class<ApiTypes.FenceArgs> argsType() {
        return ApiTypes.FenceArgs.class;
    }

    @Override
    public Object handle(ApiTypes.FenceArgs args, Caller caller) {
        if (args.node() == null || args.node().isBlank()) {
            throw new ApiException(ApiError.BAD_REQUEST, "stonith.fence needs a node");
        }
        String action = args.action() == null ? "reboot" : args.action();
        if (!action.equals("reboot") && !action.equals("off")) {
            throw new ApiException(ApiError.BAD_REQUEST, "unknown fence action '" + action + "' (reboot or off)");
        }
        DefaultController.FenceAnswer answer;
        try {
            answer = controller.fence(args.node(), action).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(ApiError.UNAVAILABLE, "interrupted while waiting for the fencing of " + args.node());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TimeoutException) {
                throw new ApiException(ApiError.UNAVAILABLE, "no answer about the fencing of " + args.node()
                        + " in time (twice stonith-timeout plus cluster-delay); see vigil stonith history");
            }
            throw new ApiException(ApiError.INTERNAL, "fencing " + args.node() + ": " + e.getCause());
        }
        if (!answer.success()) {
            String code = answer.message().startsWith("no node named") ? ApiError.NOT_FOUND : ApiError.REJECTED;
            throw new ApiException(code, "fencing " + args.node() + " failed: " + answer.message());
        }
        return new ApiTypes.FenceResult(args.node(), action, answer.message());
    }
}
