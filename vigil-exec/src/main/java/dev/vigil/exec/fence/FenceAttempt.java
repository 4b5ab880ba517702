package dev.vigil.exec.fence;

import java.time.Duration;

/**
 * One call of a fence agent while fencing: which device, in which topology level (0 when no
 * topology applied), which agent action, and how it ended. {@code exitCode} is -1 when the
 * agent did not run (device unknown, cannot fence the target…); {@code note} says why.
 */
public record FenceAttempt(String device, int level, String agentAction, int exitCode, boolean timedOut,
                           Duration elapsed, String output, String note) {
    public boolean succeeded() {
        return exitCode == 0 && !timedOut;
    }
}
