package dev.vigil.daemon.logging;

import dev.vigil.cluster.config.LoggingConfig;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * {@code 2026-11-01 10:00:00 node1 info: view 3: node1 node2 node3 (coordinator node1)}: a
 * timestamp (none, seconds or milliseconds per {@code timestamp}), the node, the level, the
 * message. An exception adds its message; its stack trace only in debug mode.
 */
final class LineFormatter extends Formatter {
    private final String node;
    private final DateTimeFormatter time;
    private final boolean stackTraces;

    LineFormatter(String node, LoggingConfig.Timestamp timestamp, boolean stackTraces) {
        this.node = node;
        this.time = switch (timestamp) {
            case OFF -> null;
            case ON -> DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss ", Locale.ROOT).withZone(ZoneId.systemDefault());
            case HIRES -> DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS ", Locale.ROOT).withZone(ZoneId.systemDefault());
        };
        this.stackTraces = stackTraces;
    }

    @Override
    public String format(LogRecord r) {
        StringBuilder s = new StringBuilder(160);
        if (time != null) {
            s.append(time.format(r.getInstant()));
        }
        s.append(node).append(' ').append(level(r.getLevel())).append(": ").append(formatMessage(r));
        Throwable t = r.getThrown();
        if (t != null) {
            s.append(" (").append(t).append(')');
            if (stackTraces) {
                s.append(System.lineSeparator());
                java.io.StringWriter trace = new java.io.StringWriter();
                t.printStackTrace(new java.io.PrintWriter(trace));
                s.append(trace.toString().stripTrailing());
            }
        }
        return s.append(System.lineSeparator()).toString();
    }

    private static String level(Level level) {
        int v = level.intValue();
        if (v >= Level.SEVERE.intValue()) {
            return "error";
        }
        if (v >= Level.WARNING.intValue()) {
            return "warning";
        }
        if (v >= Level.INFO.intValue()) {
            return "info";
        }
        return v >= Level.FINE.intValue() ? "debug" : "trace";
    }
}
