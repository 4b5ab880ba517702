package dev.vigil.exec.fence;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The outcome of one fencing request.
 *
 * @param target    the node fenced
 * @param action    what was asked
 * @param success   whether the node is now known to be fenced
 * @param level     the topology level that succeeded (or was tried last), 0 without topology
 * @param devices   the device(s) that did it: one without topology, the whole level with it;
 *                  empty on failure
 * @param rc        the exit code of the deciding agent call (-1 when no agent ran)
 * @param output    that call's output (stdout then stderr, capped)
 * @param reason    on failure, why, in words; empty on success
 * @param delay     the delay waited before the first device ran (pcmk_delay_* plus any extra)
 * @param duration  the whole request, delay included
 * @param attempts  every agent call made, in order
 */
public record FenceResult(String target, FenceAction action, boolean success, int level, List<String> devices,
                          int rc, String output, String reason, Duration delay, Duration duration,
                          Instant startedAt, Instant completedAt, List<FenceAttempt> attempts) {
    public FenceResult {
        devices = List.copyOf(devices);
        attempts = List.copyOf(attempts);
        reason = reason == null ? "" : reason;
        output = output == null ? "" : output;
    }

    /** One line for logs and status output. */
    public String describe() {
        String how = success ? "succeeded with " + String.join(", ", devices) + (level > 0 ? " (level " + level + ")" : "")
                : "failed: " + reason;
        return action.word() + " of " + target + " " + how + " in " + duration.toMillis() + "ms";
    }
}
