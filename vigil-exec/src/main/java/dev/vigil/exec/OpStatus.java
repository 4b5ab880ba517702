package dev.vigil.exec;

import dev.vigil.model.cib.LrmOp;

/**
 * How the executor saw a call go, separate from what the agent answered (Pacemaker's
 * op-status). The codes are the ones stored in {@code lrm_rsc_op op-status}.
 */
public enum OpStatus {
    PENDING(LrmOp.STATUS_PENDING, "pending"),
    DONE(LrmOp.STATUS_DONE, "complete"),
    CANCELLED(LrmOp.STATUS_CANCELLED, "cancelled"),
    TIMED_OUT(LrmOp.STATUS_TIMEOUT, "timed out"),
    NOT_SUPPORTED(LrmOp.STATUS_NOT_SUPPORTED, "not supported"),
    ERROR(LrmOp.STATUS_ERROR, "error"),
    ERROR_HARD(LrmOp.STATUS_ERROR_HARD, "hard error"),
    ERROR_FATAL(LrmOp.STATUS_ERROR_FATAL, "fatal error"),
    NOT_INSTALLED(LrmOp.STATUS_NOT_INSTALLED, "not installed"),
    NOT_CONNECTED(LrmOp.STATUS_NOT_CONNECTED, "not connected"),
    INVALID(LrmOp.STATUS_INVALID, "invalid");

    private final int code;
    private final String description;

    OpStatus(int code, String description) {
        this.code = code;
        this.description = description;
    }

    public int code() {
        return code;
    }

    public String description() {
        return description;
    }

    /** The status for a stored code; unknown codes read as {@link #ERROR}. */
    public static OpStatus fromCode(int code) {
        for (OpStatus s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        return ERROR;
    }
}
