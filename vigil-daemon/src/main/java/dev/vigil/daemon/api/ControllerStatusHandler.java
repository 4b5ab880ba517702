package dev.vigil.daemon.api;

import dev.vigil.api.ApiTypes;
import dev.vigil.controller.DefaultController;
import dev.vigil.controller.wire.FenceRecord;
import java.util.ArrayList;
import java.util.List;

/** {@code controller.status}: the controller's own view (DC role, running transition, fencing history). */
public final class ControllerStatusHandler implements ApiHandler<ApiTypes.NoArgs> {
    private final DefaultController controller;

    public ControllerStatusHandler(DefaultController controller) {
        this.controller = controller;
    }

    @Override
    public String type() {
        return ApiTypes.CONTROLLER_STATUS;
    }

    @Override
    public Class<ApiTypes.NoArgs> argsType() {
        return ApiTypes.NoArgs.class;
    }

    @Override
    public Object handle(ApiTypes.NoArgs args, Caller caller) {
        DefaultController.Snapshot s = controller.snapshot();
        List<ApiTypes.FenceEvent> fencing = new ArrayList<>();
        for (FenceRecord r : s.fencing()) {
            fencing.add(new ApiTypes.FenceEvent(r.target(), r.action(), r.success(), r.executor(), r.origin(),
                    r.devices(), r.reason(), r.startedAtMillis(), r.completedAtMillis()));
        }
        return new ApiTypes.ControllerStatus(s.node(), s.dc(), s.transition(), fencing);
    }
}
