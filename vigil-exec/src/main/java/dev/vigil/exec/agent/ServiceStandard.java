package dev.vigil.exec.agent;

import dev.vigil.exec.AgentMetadata;
import dev.vigil.exec.AgentSpec;
import dev.vigil.exec.OperationRequest;

import java.time.Duration;

/** {@code service:NAME}: the LSB script when there is one, else the systemd unit where systemd runs (Pacemaker's order). */
final class ServiceStandard implements Standard {
    private final AgentInvoker invoker;
    private final SystemdStandard systemd;
    private final LsbStandard lsb;

    ServiceStandard(AgentInvoker invoker, SystemdStandard systemd, LsbStandard lsb) {
        this.invoker = invoker;
        this.systemd = systemd;
        this.lsb = lsb;
    }

    @Override
    public Invocation invoke(OperationRequest request, Duration timeout) throws InterruptedException {
        return pick(request.agent()).invoke(request, timeout);
    }

    @Override
    public AgentMetadata metadata(AgentSpec agent, Duration timeout) throws InterruptedException {
        return pick(agent).metadata(agent, timeout);
    }

    private Standard pick(AgentSpec agent) {
        // Pacemaker's order: an init script of that name first, then a systemd unit.
        if (invoker.catalog().hasLsb(agent.type()) || !systemd.available()) {
            return lsb;
        }
        return systemd;
    }
}
