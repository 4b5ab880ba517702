package dev.vigil.exec.agent;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * LSB init scripts: {@code SCRIPT ACTION}, with monitor run as {@code status}. Status codes are
 * mapped to OCF: 0 running; 1, 2, 3 (dead with pid file, dead with lock, stopped) not running;
 * 4 (unknown) generic error. Other actions' codes 0–7 mean what the OCF codes mean.
 */
final class LsbStandard implements Standard {
    static final Set<String> ACTIONS = Set.of("start", "stop", "restart", "reload", "force-reload", "status");
    private static final Duration ADVISED_TIMEOUT = Duration.ofSeconds(15);
    private static final java.util.regex.Pattern FIELD = java.util.regex.Pattern.compile("# ?([A-Za-z][A-Za-z-]*):(.*)");
    private static final java.util.regex.Pattern CONTINUATION = java.util.regex.Pattern.compile("#(?:\\t| {2,})(.*)");

    private final AgentInvoker invoker;

    LsbStandard(AgentInvoker invoker) {
        this.invoker = invoker;
    }

    @Override
    public Invocation invoke(OperationRequest request, Duration timeout) throws InterruptedException {
        Path script = invoker.catalog().lsb(request.agent());
        String action = OperationRequest.MONITOR.equals(request.action()) ? "status" : request.action();
        if (OperationRequest.META_DATA.equals(action)) {
            return Invocation.immediate(0, OpStatus.DONE, "", invoker.clock().instant());
        }
        if (!ACTIONS.contains(action)) {
            return Invocation.immediate(OcfResult.ERR_UNIMPLEMENTED.code(), OpStatus.NOT_SUPPORTED,
                    "LSB scripts have no '" + request.action() + "' action", invoker.clock().instant());
        }
        boolean status = action.equals("status");
        return invoker.run(request.operationKey(), List.of(script.toString(), action), invoker.baseEnvironment(), null,
                timeout, status ? LsbStandard::statusToOcf : LsbStandard::actionToOcf);
    }

    static int statusToOcf(int exit) {
        return switch (exit) {
            case 0 -> OcfResult.OK.code();
            case 1, 2, 3 -> OcfResult.NOT_RUNNING.code();
            case 150 -> OcfResult.ERR_INSTALLED.code(); // LSB reserves 150-199 for applications; Pacemaker's "not installed"
            case 151 -> OcfResult.ERR_PERM.code(); // and its "insufficient privileges"
            default -> OcfResult.ERR_GENERIC.code();
        };
    }

    static int actionToOcf(int exit) {
        return exit >= 0 && exit <= 7 ? exit : OcfResult.ERR_GENERIC.code();
    }

    /** Made up from the script's "### BEGIN INIT INFO" header, as Pacemaker does. */
    @Override
    public AgentMetadata metadata(AgentSpec spec, Duration timeout) {
        Path script = invoker.catalog().lsb(spec);
        Map<String, String> header = header(script);
        List<AgentMetadata.Action> actions = new ArrayList<>();
        for (String a : List.of("start", "stop", "restart", "force-reload", "status", "monitor", "meta-data")) {
            Duration interval = a.equals("monitor") ? ADVISED_TIMEOUT : null;
            actions.add(new AgentMetadata.Action(a, ADVISED_TIMEOUT, interval, null, null));
        }
        String shortDesc = header.getOrDefault("Short-Description", spec.type());
        String longDesc = header.getOrDefault("Description", shortDesc);
        return new AgentMetadata(spec, spec.type(), "1.0", shortDesc, longDesc, List.of(), actions);
    }

    // Keys and values of the LSB comment block; continuation lines ("#  text") extend the last key.
    static Map<String, String> header(Path script) {
        Map<String, String> fields = new LinkedHashMap<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(script, java.nio.charset.StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return fields;
        }
        boolean inside = false;
        String last = null;
        for (String line : lines.subList(0, Math.min(lines.size(), 500))) {
            if (line.startsWith("### BEGIN INIT INFO")) {
                inside = true;
                continue;
            }
            if (!inside) {
                continue;
            }
            if (line.startsWith("### END INIT INFO")) {
                break;
            }
            java.util.regex.Matcher field = FIELD.matcher(line);
            java.util.regex.Matcher more = CONTINUATION.matcher(line);
            if (field.matches()) {
                last = field.group(1);
                fields.put(last, field.group(2).strip());
            } else if (last != null && more.matches()) {
                fields.put(last, (fields.get(last) + " " + more.group(1).strip()).strip());
            }
        }
        return fields;
    }
}
