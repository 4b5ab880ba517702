package dev.vigil.exec.agent;

import dev.vigil.exec.OpStatus;

import java.time.Duration;
import java.time.Instant;

/** What one agent call produced, before the executor adds call ids and queue times. */
public record Invocation(int rcCode, OpStatus status, String exitReason, String stdout, String stderr,
                         Instant startedAt, Duration execTime) {
    public Invocation {
        exitReason = exitReason == null ? "" : exitReason;
        stdout = stdout == null ? "" : stdout;
        stderr = stderr == null ? "" : stderr;
    }

    /** A result decided without running anything (agent missing, class unavailable…). */
    public static Invocation immediate(int rc, OpStatus status, String reason, Instant now) {
        return new Invocation(rc, status, reason, "", "", now, Duration.ZERO);
    }

    public Invocation withRc(int rc) {
        return new Invocation(rc, status, exitReason, stdout, stderr, startedAt, execTime);
    }

    public Invocation withReason(String reason) {
        return new Invocation(rcCode, status, reason, stdout, stderr, startedAt, execTime);
    }
}
