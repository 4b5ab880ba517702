package dev.vigil.exec;

/**
 * OCF exit codes (0–9, and Pacemaker's 190/191 "degraded") with what they mean. What counts as
 * success depends on what was expected: a probe (monitor, interval 0) of a resource that should
 * be stopped expects {@link #NOT_RUNNING}, a monitor of a promoted instance expects
 * {@link #RUNNING_PROMOTED}, everything else expects {@link #OK}; see
 * {@link #satisfies(int)} and {@link OperationRequest#expectedRc()}.
 */
public enum OcfResult {
    OK(0, "ok", Severity.SOFT),
    ERR_GENERIC(1, "error", Severity.SOFT),
    ERR_ARGS(2, "invalid parameter", Severity.HARD),
    ERR_UNIMPLEMENTED(3, "unimplemented feature", Severity.HARD),
    ERR_PERM(4, "insufficient privileges", Severity.HARD),
    ERR_INSTALLED(5, "not installed", Severity.HARD),
    ERR_CONFIGURED(6, "not configured", Severity.FATAL),
    NOT_RUNNING(7, "not running", Severity.SOFT),
    RUNNING_PROMOTED(8, "promoted", Severity.SOFT),
    FAILED_PROMOTED(9, "promoted (failed)", Severity.SOFT),
    DEGRADED(190, "degraded", Severity.SOFT),
    DEGRADED_PROMOTED(191, "promoted (degraded)", Severity.SOFT);

    /**
     * How far the damage reaches when this code was not the expected one (Pacemaker's rule):
     * a soft error is recovered per the operation's {@code on-fail}, a hard error keeps the
     * resource off this node, a fatal one (the configuration is wrong) stops it everywhere.
     */
    public enum Severity { SOFT, HARD, FATAL }

    private final int code;
    private final String description;
    private final Severity severity;

    OcfResult(int code, String description, Severity severity) {
        this.code = code;
        this.description = description;
        this.severity = severity;
    }

    public int code() {
        return code;
    }

    /** Pacemaker's short text for the code, as crm_mon prints it. */
    public String description() {
        return description;
    }

    public Severity severity() {
        return severity;
    }

    /** The result for a code; codes outside the OCF set read as {@link #ERR_GENERIC}. */
    public static OcfResult of(int code) {
        for (OcfResult r : values()) {
            if (r.code == code) {
                return r;
            }
        }
        return ERR_GENERIC;
    }

    /** Whether the agent's exit code is one of the OCF codes (anything else is recorded as 1). */
    public static boolean isOcfCode(int code) {
        return (code >= 0 && code <= 9) || code == 190 || code == 191;
    }

    /** True when this code answers an operation that expected {@code expectedRc}. */
    public boolean satisfies(int expectedRc) {
        return code == expectedRc
                || (this == DEGRADED && expectedRc == OK.code)
                || (this == DEGRADED_PROMOTED && expectedRc == RUNNING_PROMOTED.code);
    }

    /** True for the answers that say the resource is active (in any role, degraded or not). */
    public boolean isActive() {
        return this == OK || this == RUNNING_PROMOTED || this == DEGRADED || this == DEGRADED_PROMOTED
                || this == FAILED_PROMOTED;
    }

    /** What the code means as the answer to {@code action}, in words for logs and status output. */
    public String meaningFor(String action) {
        boolean query = "monitor".equals(action) || "status".equals(action);
        if (query) {
            return switch (this) {
                case OK -> "running";
                case NOT_RUNNING -> "not running";
                case RUNNING_PROMOTED -> "running promoted";
                case FAILED_PROMOTED -> "failed while promoted";
                case DEGRADED -> "running, degraded";
                case DEGRADED_PROMOTED -> "running promoted, degraded";
                default -> "failed: " + description;
            };
        }
        return switch (this) {
            case OK -> "succeeded";
            case DEGRADED, DEGRADED_PROMOTED -> "succeeded, " + description;
            default -> "failed: " + description;
        };
    }
}
