package dev.vigil.exec.agent;

import dev.vigil.exec.AgentException;
import dev.vigil.exec.AgentMetadata;
import dev.vigil.exec.AgentSpec;
import dev.vigil.exec.OcfResult;
import dev.vigil.exec.OpStatus;
import dev.vigil.exec.OperationRequest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * systemd units, through {@code systemctl}: start and stop wait for the job, monitor asks
 * {@code is-active} (active or reloading is running, anything else not running). Where systemd
 * is not the init system every call answers "not installed" and says why.
 */
final class SystemdStandard implements Standard {
    private static final Duration ADVISED_TIMEOUT = Duration.ofSeconds(100);
    private static final Duration ADVISED_INTERVAL = Duration.ofSeconds(60);

    private final AgentInvoker invoker;

    SystemdStandard(AgentInvoker invoker) {
        this.invoker = invoker;
    }

    boolean available() {
        return invoker.config().systemdAvailable();
    }

    @Override
    public Invocation invoke(OperationRequest request, Duration timeout) throws InterruptedException {
        if (!available()) {
            return Invocation.immediate(OcfResult.ERR_INSTALLED.code(), OpStatus.NOT_INSTALLED,
                    unavailableReason(request.agent()), invoker.clock().instant());
        }
        String unit = unitName(request.agent().type());
        String what = request.operationKey();
        return switch (request.action()) {
            case "start" -> {
                Invocation started = systemctl(what, timeout, rc -> rc == 0 ? 0 : notFoundOr(rc), "start", unit);
                yield started.rcCode() != 0 ? started : isActive(what, timeout, unit);
            }
            case "stop" -> systemctl(what, timeout, rc -> rc == 0 || rc == 5 ? 0 : OcfResult.ERR_GENERIC.code(), "stop", unit);
            case "monitor", "status" -> isActive(what, timeout, unit);
            case "validate-all" -> systemctl(what, timeout, rc -> rc == 0 ? 0 : OcfResult.ERR_INSTALLED.code(), "cat", unit);
            case "meta-data" -> Invocation.immediate(0, OpStatus.DONE, "", invoker.clock().instant());
            default -> Invocation.immediate(OcfResult.ERR_UNIMPLEMENTED.code(), OpStatus.NOT_SUPPORTED,
                    "systemd units have no '" + request.action() + "' action", invoker.clock().instant());
        };
    }

    @Override
    public AgentMetadata metadata(AgentSpec spec, Duration timeout) throws InterruptedException {
        if (!available()) {
            throw new AgentException(unavailableReason(spec));
        }
        String unit = unitName(spec.type());
        Invocation shown = systemctl(spec.toString(), timeout, rc -> rc, "show", "--property=Description,LoadState", unit);
        String description = unit;
        for (String line : shown.stdout().split("\n")) {
            if (line.equals("LoadState=not-found")) {
                throw invoker.catalog().notFound(spec, "systemd units");
            }
            if (line.startsWith("Description=") && line.length() > "Description=".length()) {
                description = line.substring("Description=".length());
            }
        }
        List<AgentMetadata.Action> actions = new ArrayList<>();
        for (String a : List.of("start", "stop", "status", "monitor", "meta-data")) {
            actions.add(new AgentMetadata.Action(a, ADVISED_TIMEOUT, a.equals("monitor") ? ADVISED_INTERVAL : null, null, null));
        }
        return new AgentMetadata(spec, unit, "1.0", description, "systemd unit " + unit + ": " + description, List.of(), actions);
    }

    private Invocation isActive(String what, Duration timeout, String unit) throws InterruptedException {
        Invocation state = systemctl(what, timeout, rc -> rc, "is-active", unit);
        if (state.status() != OpStatus.DONE) {
            return state;
        }
        String word = state.stdout().strip();
        int rc = word.equals("active") || word.equals("reloading") ? OcfResult.OK.code() : OcfResult.NOT_RUNNING.code();
        return state.withRc(rc);
    }

    private Invocation systemctl(String what, Duration timeout, java.util.function.IntUnaryOperator mapRc, String... args)
            throws InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("systemctl");
        command.add("--no-ask-password");
        command.addAll(List.of(args));
        return invoker.run(what, command, invoker.baseEnvironment(), null, timeout, mapRc);
    }

    // systemctl exits 5 when a unit is not loaded (not found).
    private static int notFoundOr(int rc) {
        return rc == 5 ? OcfResult.ERR_INSTALLED.code() : OcfResult.ERR_GENERIC.code();
    }

    /** {@code nginx} → {@code nginx.service}; names with a unit suffix stay as they are. */
    static String unitName(String type) {
        int dot = type.lastIndexOf('.');
        return dot > 0 && dot < type.length() - 1 ? type : type + ".service";
    }

    static String unavailableReason(AgentSpec spec) {
        String init;
        try {
            init = Files.readString(Path.of("/proc/1/comm")).strip();
        } catch (IOException e) {
            init = "unknown";
        }
        return "systemd is not the init system on this node (PID 1 is '" + init + "'), so " + spec + " cannot be managed";
    }
}
