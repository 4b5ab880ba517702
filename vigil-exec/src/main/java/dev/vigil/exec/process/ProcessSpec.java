package dev.vigil.exec.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What to run: the command (program first), its whole environment (nothing is inherited from
 * the daemon), text for its stdin ({@code null} for {@code /dev/null}), the time it may take and
 * the directory it starts in.
 */
public record ProcessSpec(List<String> command, Map<String, String> environment, String stdin,
                          Duration timeout, Path workingDirectory) {
    public ProcessSpec {
        command = List.copyOf(command);
        if (command.isEmpty()) {
            throw new IllegalArgumentException("empty command");
        }
        environment = Collections.unmodifiableMap(new TreeMap<>(environment));
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        if (workingDirectory == null) {
            workingDirectory = Path.of("/");
        }
    }
}
