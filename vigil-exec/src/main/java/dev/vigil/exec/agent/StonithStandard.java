package dev.vigil.exec.agent;

import dev.vigil.exec.AgentException;
import dev.vigil.exec.AgentMetadata;
import dev.vigil.exec.AgentSpec;
import dev.vigil.exec.OcfResult;
import dev.vigil.exec.OpStatus;
import dev.vigil.exec.OperationRequest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fence devices as resources ({@code stonith:} primitives). As in Pacemaker, a device is
 * "running" on a node once started there: start checks the device with the agent's
 * {@code monitor} action and marks it started, stop unmarks it, a probe of a device not started
 * here answers not running, a monitor of a started one runs the agent's monitor. Fencing itself
 * is the fencer's job, not an operation of this class.
 */
final class StonithStandard implements Standard {
    private final AgentInvoker invoker;
    private final Set<String> started = ConcurrentHashMap.newKeySet();

    StonithStandard(AgentInvoker invoker) {
        this.invoker = invoker;
    }

    @Override
    public Invocation invoke(OperationRequest request, Duration timeout) throws InterruptedException {
        Path agent = invoker.catalog().fence(request.agent());
        String id = request.resourceId();
        return switch (request.action()) {
            case "start" -> {
                Invocation check = call(agent, request, monitorAction(request), timeout);
                if (check.status() == OpStatus.DONE && check.rcCode() == 0) {
                    started.add(id);
                }
                yield check;
            }
            case "stop" -> {
                started.remove(id);
                yield Invocation.immediate(0, OpStatus.DONE, "", invoker.clock().instant());
            }
            case "monitor", "status" -> started.contains(id)
                    ? call(agent, request, monitorAction(request), timeout)
                    : Invocation.immediate(OcfResult.NOT_RUNNING.code(), OpStatus.DONE, "", invoker.clock().instant());
            case "meta-data" -> call(agent, request, "metadata", timeout);
            case "validate-all" -> call(agent, request, "validate-all", timeout);
            default -> Invocation.immediate(OcfResult.ERR_UNIMPLEMENTED.code(), OpStatus.NOT_SUPPORTED,
                    "fence devices have no '" + request.action() + "' operation", invoker.clock().instant());
        };
    }

    @Override
    public AgentMetadata metadata(AgentSpec spec, Duration timeout) throws InterruptedException {
        Path agent = invoker.catalog().fence(spec);
        Invocation result = invoker.run(spec + " metadata", List.of(agent.toString()), invoker.baseEnvironment(),
                FenceAgentCall.stdin(Map.of("action", "metadata")), timeout, rc -> rc);
        if (result.status() != OpStatus.DONE || result.rcCode() != 0) {
            throw new AgentException("agent " + spec + ": metadata failed (rc=" + result.rcCode() + ", "
                    + result.status().description() + ")" + OcfStandard.reasonSuffix(result));
        }
        return MetadataParser.parse(spec, result.stdout());
    }

    private static String monitorAction(OperationRequest request) {
        return request.parameters().getOrDefault("pcmk_monitor_action", "monitor");
    }

    // Any failure of the agent is a generic error; fence agents give no OCF codes.
    private Invocation call(Path agent, OperationRequest request, String action, Duration timeout) throws InterruptedException {
        Map<String, String> args = new LinkedHashMap<>();
        args.put("action", action);
        args.putAll(FenceAgentCall.deviceArguments(request.parameters()));
        String stdin;
        try {
            stdin = FenceAgentCall.stdin(args);
        } catch (IllegalArgumentException e) {
            return Invocation.immediate(OcfResult.ERR_CONFIGURED.code(), OpStatus.ERROR_FATAL, e.getMessage(),
                    invoker.clock().instant());
        }
        Invocation result = invoker.run(request.operationKey(), List.of(agent.toString()), invoker.baseEnvironment(),
                stdin, timeout, rc -> rc == 0 ? 0 : OcfResult.ERR_GENERIC.code());
        if (result.rcCode() != 0 && result.exitReason().isEmpty()) {
            result = result.withReason(ExitReasons.lastLine(result.stderr().isBlank() ? result.stdout() : result.stderr()));
        }
        return result;
    }
}
