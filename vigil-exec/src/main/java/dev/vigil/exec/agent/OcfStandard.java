package dev.vigil.exec.agent;

import dev.vigil.exec.AgentException;
import dev.vigil.exec.AgentMetadata;
import dev.vigil.exec.AgentSpec;
import dev.vigil.exec.OpStatus;
import dev.vigil.exec.OperationRequest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** OCF agents: {@code AGENT ACTION} with the OCF environment, exit codes as they are. */
final class OcfStandard implements Standard {
    static final String RA_VERSION_MAJOR = "1";
    static final String RA_VERSION_MINOR = "1";

    private final AgentInvoker invoker;

    OcfStandard(AgentInvoker invoker) {
        this.invoker = invoker;
    }

    @Override
    public Invocation invoke(OperationRequest request, Duration timeout) throws InterruptedException {
        Path agent = invoker.catalog().ocf(request.agent());
        Map<String, String> env = environment(request, timeout);
        return invoker.run(request.operationKey(), List.of(agent.toString(), request.action()), env, null, timeout,
                AgentInvoker::ocfRc);
    }

    @Override
    public AgentMetadata metadata(AgentSpec spec, Duration timeout) throws InterruptedException {
        Path agent = invoker.catalog().ocf(spec);
        Map<String, String> env = invoker.baseEnvironment();
        env.putAll(identity(spec));
        Invocation result = invoker.run(spec + " meta-data", List.of(agent.toString(), OperationRequest.META_DATA), env,
                null, timeout, AgentInvoker::ocfRc);
        if (result.status() != OpStatus.DONE || result.rcCode() != 0) {
            throw new AgentException("agent " + spec + ": meta-data failed (rc=" + result.rcCode() + ", "
                    + result.status().description() + ")" + reasonSuffix(result));
        }
        return MetadataParser.parse(spec, result.stdout());
    }

    /**
     * The OCF environment of one call: OCF_ROOT, the RA API version, the resource's identity,
     * {@code OCF_RESKEY_name} per parameter, {@code OCF_RESKEY_CRM_meta_name} per meta attribute
     * (dashes become underscores, as Pacemaker writes them) with {@code timeout} and
     * {@code interval} in milliseconds, {@code OCF_TRACE_RA} when tracing is asked.
     */
    Map<String, String> environment(OperationRequest request, Duration timeout) {
        Map<String, String> env = invoker.baseEnvironment();
        env.putAll(identity(request.agent()));
        env.put("OCF_RESOURCE_INSTANCE", request.resourceId());
        for (var p : request.parameters().entrySet()) {
            env.put("OCF_RESKEY_" + p.getKey(), p.getValue());
        }
        Map<String, String> meta = new TreeMap<>();
        meta.put("on_node", invoker.config().nodeName());
        for (var m : request.meta().entrySet()) {
            meta.put(m.getKey().replace('-', '_'), m.getValue());
        }
        meta.put("timeout", Long.toString(timeout.toMillis()));
        meta.put("interval", Long.toString(request.intervalMs()));
        for (var m : meta.entrySet()) {
            env.put("OCF_RESKEY_CRM_meta_" + m.getKey(), m.getValue());
        }
        if (request.traceRequested()) {
            env.put("OCF_TRACE_RA", "1");
        }
        return env;
    }

    private Map<String, String> identity(AgentSpec spec) {
        Map<String, String> env = new TreeMap<>();
        env.put("OCF_ROOT", invoker.catalog().paths().ocfRoot().toString());
        env.put("OCF_RA_VERSION_MAJOR", RA_VERSION_MAJOR);
        env.put("OCF_RA_VERSION_MINOR", RA_VERSION_MINOR);
        env.put("OCF_RESOURCE_TYPE", spec.type());
        env.put("OCF_RESOURCE_PROVIDER", spec.provider());
        return env;
    }

    static String reasonSuffix(Invocation result) {
        String reason = !result.exitReason().isEmpty() ? result.exitReason() : ExitReasons.lastLine(result.stderr());
        return reason.isEmpty() ? "" : ": " + reason;
    }
}
