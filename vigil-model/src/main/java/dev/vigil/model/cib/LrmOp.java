package dev.vigil.model.cib;

import java.util.Map;

/**
 * One recorded operation result ({@code lrm_rsc_op}), with every attribute kept in document
 * order. Accessors read the fields the scheduler needs; Pacemaker's older underscore
 * spellings ({@code last_rc_change}…) are accepted.
 */
public record LrmOp(Map<String, String> attributes) {
    /** op-status values (the executor's view of how the call went, separate from rc-code). */
    public static final int STATUS_PENDING = -1;
    public static final int STATUS_DONE = 0;
    public static final int STATUS_CANCELLED = 1;
    public static final int STATUS_TIMEOUT = 2;
    public static final int STATUS_NOT_SUPPORTED = 3;
    public static final int STATUS_ERROR = 4;
    public static final int STATUS_ERROR_HARD = 5;
    public static final int STATUS_ERROR_FATAL = 6;
    public static final int STATUS_NOT_INSTALLED = 7;
    public static final int STATUS_NOT_CONNECTED = 8;
    public static final int STATUS_INVALID = 9;

    public LrmOp {
        attributes = Attrs.copy(attributes);
    }

    public String get(String name) {
        return attributes.get(name);
    }

    public String id() {
        return get("id");
    }

    public String operation() {
        return get("operation");
    }

    public int callId() {
        return intAttr("call-id", 0);
    }

    public int rcCode() {
        return intAttr("rc-code", 0);
    }

    public int opStatus() {
        return intAttr("op-status", 0);
    }

    public long intervalMs() {
        return longAttr("interval", 0);
    }

    public String transitionKey() {
        return get("transition-key");
    }

    public String transitionMagic() {
        return get("transition-magic");
    }

    public long lastRcChange() {
        return longAttr(get("last-rc-change") != null ? "last-rc-change" : "last_rc_change", 0);
    }

    public long lastRun() {
        return longAttr(get("last-run") != null ? "last-run" : "last_run", 0);
    }

    public String opDigest() {
        return get("op-digest");
    }

    public String exitReason() {
        return get("exit-reason");
    }

    public String onNode() {
        return get("on_node");
    }

    public LrmOp with(String name, String value) {
        var copy = new java.util.LinkedHashMap<>(attributes);
        if (value == null) {
            copy.remove(name);
        } else {
            copy.put(name, value);
        }
        return new LrmOp(copy);
    }

    private int intAttr(String name, int fallback) {
        String v = get(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private long longAttr(String name, long fallback) {
        String v = get(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
