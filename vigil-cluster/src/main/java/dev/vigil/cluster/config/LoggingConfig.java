package dev.vigil.cluster.config;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code logging} section: where the daemon's log goes.
 *
 * @param toLogfile {@code to_logfile} (default no); needs {@code logfile}
 * @param logfile   {@code logfile}: the file's path
 * @param toStderr  {@code to_stderr} (default yes: under systemd, the journal)
 * @param toSyslog  {@code to_syslog} (default no)
 * @param debug     {@code debug}: off (default), on, or trace (also shows JGroups' own log)
 * @param timestamp {@code timestamp}: on (default), off, or hires (milliseconds)
 */
public record LoggingConfig(boolean toLogfile, Optional<Path> logfile, boolean toStderr, boolean toSyslog,
                            Debug debug, Timestamp timestamp) {
    public enum Debug {
        OFF, ON, TRACE;

        public String configValue() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public enum Timestamp {
        OFF, ON, HIRES;

        public String configValue() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static final LoggingConfig DEFAULTS = new LoggingConfig(false, Optional.empty(), true, false, Debug.OFF,
            Timestamp.ON);

    public LoggingConfig {
        Objects.requireNonNull(logfile, "logfile");
        Objects.requireNonNull(debug, "debug");
        Objects.requireNonNull(timestamp, "timestamp");
        if (logfile.isPresent() && (logfile.get().toString().isEmpty() || logfile.get().toString().contains("\n"))) {
            throw new ConfigException("logfile '" + logfile.get() + "' is not a usable path");
        }
    }
}
