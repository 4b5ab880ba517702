package dev.vigil.exec;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * One agent operation to run: on resource {@code resourceId} (as the agent should see it in
 * {@code OCF_RESOURCE_INSTANCE}, e.g. {@code web:0} for a clone instance), call {@code action}
 * of {@code agent} with {@code parameters} (instance attributes, {@code OCF_RESKEY_name}) and
 * {@code meta} (meta attributes without the {@code CRM_meta_} prefix, {@code OCF_RESKEY_CRM_meta_name}).
 *
 * <p>{@code interval} zero means run once; a positive interval makes a recurring operation
 * (normally a monitor). {@code timeout} null means the executor's default. {@code trace} asks
 * the agent to trace itself ({@code OCF_TRACE_RA=1}), as does meta {@code trace_ra=1}.
 */
public record OperationRequest(String resourceId, AgentSpec agent, String action, Duration interval,
                               Duration timeout, Map<String, String> parameters, Map<String, String> meta,
                               boolean trace) {
    public static final String MONITOR = "monitor";
    public static final String START = "start";
    public static final String STOP = "stop";
    public static final String META_DATA = "meta-data";
    public static final String VALIDATE_ALL = "validate-all";
    private static final String GRAPH_META_PREFIX = "CRM_meta_";

    public OperationRequest {
        if (resourceId == null || resourceId.isBlank() || resourceId.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("bad resource id '" + resourceId + "'");
        }
        if (agent == null) {
            throw new IllegalArgumentException("resource '" + resourceId + "': missing agent");
        }
        if (action == null || !action.matches("[A-Za-z][A-Za-z0-9_-]*")) {
            throw new IllegalArgumentException("resource '" + resourceId + "': bad action '" + action + "'");
        }
        interval = interval == null ? Duration.ZERO : interval;
        if (interval.isNegative()) {
            throw new IllegalArgumentException("resource '" + resourceId + "': negative interval " + interval);
        }
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException("resource '" + resourceId + "': timeout must be positive, got " + timeout);
        }
        parameters = checkedCopy(resourceId, "parameter", parameters);
        meta = checkedCopy(resourceId, "meta attribute", meta);
    }

    /** A one-shot operation with no parameters and the default timeout. */
    public static OperationRequest of(String resourceId, AgentSpec agent, String action) {
        return new OperationRequest(resourceId, agent, action, Duration.ZERO, null, Map.of(), Map.of(), false);
    }

    /**
     * The request for an action of a transition graph, whose parameters mix instance attributes
     * and {@code CRM_meta_*} entries (timeout and interval in milliseconds), as Pacemaker's
     * graphs do.
     */
    public static OperationRequest fromGraph(String resourceId, AgentSpec agent, String task, long intervalMs,
                                             Map<String, String> graphParameters) {
        Map<String, String> params = new LinkedHashMap<>();
        Map<String, String> meta = new LinkedHashMap<>();
        Duration timeout = null;
        for (var e : graphParameters.entrySet()) {
            if (!e.getKey().startsWith(GRAPH_META_PREFIX)) {
                params.put(e.getKey(), e.getValue());
                continue;
            }
            String name = e.getKey().substring(GRAPH_META_PREFIX.length());
            if (name.equals("timeout")) {
                long ms = parseLong(e.getValue(), 0);
                timeout = ms > 0 ? Duration.ofMillis(ms) : null;
            } else if (!name.equals("interval")) {
                meta.put(name, e.getValue());
            }
        }
        return new OperationRequest(resourceId, agent, task, Duration.ofMillis(intervalMs), timeout, params, meta, false);
    }

    public OperationRequest withInterval(Duration newInterval) {
        return new OperationRequest(resourceId, agent, action, newInterval, timeout, parameters, meta, trace);
    }

    public OperationRequest withTimeout(Duration newTimeout) {
        return new OperationRequest(resourceId, agent, action, interval, newTimeout, parameters, meta, trace);
    }

    public OperationRequest withParameters(Map<String, String> newParameters) {
        return new OperationRequest(resourceId, agent, action, interval, timeout, newParameters, meta, trace);
    }

    public OperationRequest withMeta(Map<String, String> newMeta) {
        return new OperationRequest(resourceId, agent, action, interval, timeout, parameters, newMeta, trace);
    }

    public OperationRequest withTrace(boolean newTrace) {
        return new OperationRequest(resourceId, agent, action, interval, timeout, parameters, meta, newTrace);
    }

    public OperationRequest withAction(String newAction) {
        return new OperationRequest(resourceId, agent, newAction, interval, timeout, parameters, meta, trace);
    }

    public long intervalMs() {
        return interval.toMillis();
    }

    public boolean isRecurring() {
        return !interval.isZero();
    }

    /** A probe is a one-shot monitor: it asks whether the resource runs, without expectation. */
    public boolean isProbe() {
        return MONITOR.equals(action) && !isRecurring();
    }

    /** Pacemaker's operation key, {@code resource_action_intervalMs}. */
    public String operationKey() {
        return resourceId + "_" + action + "_" + intervalMs();
    }

    /**
     * The rc that means success: meta {@code op_target_rc} when the controller set it (as
     * Pacemaker does for probes and promoted monitors), else 7 for a probe, else 0.
     */
    public int expectedRc() {
        long target = parseLong(meta.get("op_target_rc"), -1);
        if (target >= 0) {
            return (int) target;
        }
        return isProbe() ? OcfResult.NOT_RUNNING.code() : OcfResult.OK.code();
    }

    /** Whether tracing is asked for, by the flag or by meta {@code trace_ra}. */
    public boolean traceRequested() {
        String v = meta.get("trace_ra");
        return trace || (v != null && (v.equals("1") || v.equalsIgnoreCase("true") || v.equalsIgnoreCase("yes")));
    }

    private static Map<String, String> checkedCopy(String resourceId, String what, Map<String, String> map) {
        if (map == null || map.isEmpty()) {
            return Map.of();
        }
        Map<String, String> copy = new TreeMap<>();
        for (var e : map.entrySet()) {
            String name = e.getKey();
            if (name == null || name.isEmpty() || name.indexOf('=') >= 0 || name.chars().anyMatch(Character::isISOControl)) {
                throw new IllegalArgumentException("resource '" + resourceId + "': bad " + what + " name '" + name + "'");
            }
            String value = e.getValue() == null ? "" : e.getValue();
            if (value.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("resource '" + resourceId + "': " + what + " '" + name + "' contains a NUL byte");
            }
            copy.put(name, value);
        }
        return Collections.unmodifiableMap(copy);
    }

    private static long parseLong(String text, long fallback) {
        if (text == null) {
            return fallback;
        }
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
