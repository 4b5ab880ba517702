package dev.vigil.exec.process;

import java.time.Duration;
import java.time.Instant;

/**
 * How a child process ended. {@code exitCode} is the process's exit status (128 + signal when a
 * signal ended it); when {@code timedOut} the group was killed and the code means nothing.
 * {@code stdout} and {@code stderr} hold at most the runner's cap each, with a note at the end
 * when more was dropped. {@code leftoverPids} lists members of the group still alive after the
 * kill escalation gave up (normally empty; a process stuck in the kernel can stay).
 */
public record ProcessOutcome(long pid, int exitCode, boolean timedOut, String stdout, String stderr,
                             Instant startedAt, Duration elapsed, java.util.List<Long> leftoverPids) {
    public ProcessOutcome {
        leftoverPids = java.util.List.copyOf(leftoverPids);
    }
}
