package dev.vigil.exec;

import dev.vigil.model.cib.LrmOp;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The result of one operation call, with everything Pacemaker records in an {@code lrm_rsc_op}.
 *
 * @param request       what was run (resource, agent, action, interval, parameters used)
 * @param callId        this executor's call number, increasing; a recurring operation keeps the
 *                      number it got when it was registered, as in Pacemaker
 * @param rcCode        the agent's answer as an OCF code (LSB and systemd answers are mapped;
 *                      codes outside the OCF set become 1)
 * @param status        how the call went as the executor saw it (done, timed out…)
 * @param exitReason    the agent's {@code ocf-exit-reason:} text, or the executor's own reason
 *                      (timeout, agent not found…); empty when none
 * @param lastRun       when this call started
 * @param lastRcChange  when this operation's rc last changed (for one-shot calls: lastRun)
 * @param execTime      how long the agent ran
 * @param queueTime     how long the call waited behind others on the same resource
 * @param stdout        the agent's stdout, capped
 * @param stderr        the agent's stderr, capped
 */
public record OperationResult(OperationRequest request, int callId, int rcCode, OpStatus status, String exitReason,
                              Instant lastRun, Instant lastRcChange, Duration execTime, Duration queueTime,
                              String stdout, String stderr) {
    public OperationResult {
        exitReason = exitReason == null ? "" : exitReason;
        stdout = stdout == null ? "" : stdout;
        stderr = stderr == null ? "" : stderr;
    }

    public String resourceId() {
        return request.resourceId();
    }

    public String action() {
        return request.action();
    }

    public long intervalMs() {
        return request.intervalMs();
    }

    public OcfResult ocfResult() {
        return OcfResult.of(rcCode);
    }

    /** True when the call completed and its rc is the one the request expected. */
    public boolean succeeded() {
        return status == OpStatus.DONE && ocfResult().satisfies(request.expectedRc());
    }

    /** The same result with a different lastRcChange (recurring operations carry it over). */
    public OperationResult withLastRcChange(Instant when) {
        return new OperationResult(request, callId, rcCode, status, exitReason, lastRun, when, execTime, queueTime,
                stdout, stderr);
    }

    /**
     * This result as a CIB {@code lrm_rsc_op}. The id is the operation key for a recurring
     * operation and {@code RESOURCE_last_0} otherwise (callers that keep a separate
     * {@code _last_failure_0} entry rename it with {@link LrmOp#with}).
     *
     * @param resourceId    the {@code lrm_resource} id the entry goes under
     * @param nodeName      the node it ran on ({@code on_node})
     * @param transitionKey the controller's transition key, may be null
     * @param opDigest      digest of the parameters, computed by the caller; null to leave out
     */
    public LrmOp toLrmOp(String resourceId, String nodeName, String transitionKey, String opDigest) {
        String key = resourceId + "_" + action() + "_" + intervalMs();
        Map<String, String> a = new LinkedHashMap<>();
        a.put("id", request.isRecurring() ? key : resourceId + "_last_0");
        a.put("operation_key", key);
        a.put("operation", action());
        a.put("crm-debug-origin", "vigil-exec");
        if (transitionKey != null) {
            a.put("transition-key", transitionKey);
            a.put("transition-magic", status.code() + ":" + rcCode + ";" + transitionKey);
        }
        a.put("exit-reason", exitReason);
        a.put("on_node", nodeName);
        a.put("call-id", Integer.toString(callId));
        a.put("rc-code", Integer.toString(rcCode));
        a.put("op-status", Integer.toString(status.code()));
        a.put("interval", Long.toString(intervalMs()));
        a.put("last-rc-change", Long.toString(lastRcChange.getEpochSecond()));
        a.put("last-run", Long.toString(lastRun.getEpochSecond()));
        a.put("exec-time", Long.toString(execTime.toMillis()));
        a.put("queue-time", Long.toString(queueTime.toMillis()));
        if (opDigest != null) {
            a.put("op-digest", opDigest);
        }
        return new LrmOp(a);
    }

    /** One line for logs: {@code web_monitor_10000 (call 12): not running (rc=7), 31ms}. */
    public String describe() {
        StringBuilder b = new StringBuilder(request.operationKey()).append(" (call ").append(callId).append("): ");
        if (status == OpStatus.DONE) {
            b.append(ocfResult().meaningFor(action())).append(" (rc=").append(rcCode).append(')');
        } else {
            b.append(status.description()).append(" (rc=").append(rcCode).append(')');
        }
        b.append(", ").append(execTime.toMillis()).append("ms");
        if (!exitReason.isEmpty()) {
            b.append(": ").append(exitReason);
        }
        return b.toString();
    }
}
