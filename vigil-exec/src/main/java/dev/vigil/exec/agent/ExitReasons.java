package dev.vigil.exec.agent;

/** Finds the reason an agent gives for its exit code. */
public final class ExitReasons {
    /** The prefix of the stderr line that carries the reason (ocf-shellfuncs' ocf_exit_reason). */
    public static final String PREFIX = "ocf-exit-reason:";
    /** Pacemaker keeps at most this many characters of a reason. */
    public static final int MAX_LENGTH = 128;

    private ExitReasons() {
    }

    /** The text after the last {@code ocf-exit-reason:} line of stderr, capped; empty when none. */
    public static String fromStderr(String stderr) {
        String found = "";
        for (String line : stderr.split("\n")) {
            int i = line.indexOf(PREFIX);
            if (i >= 0) {
                found = line.substring(i + PREFIX.length()).strip();
            }
        }
        return cap(found);
    }

    /** The last non-blank line of some output, capped; for agents that give no marked reason. */
    public static String lastLine(String output) {
        String[] lines = output.strip().split("\n");
        return cap(lines.length == 0 ? "" : lines[lines.length - 1].strip());
    }

    public static String cap(String reason) {
        return reason.length() <= MAX_LENGTH ? reason : reason.substring(0, MAX_LENGTH - 1) + "…";
    }
}
