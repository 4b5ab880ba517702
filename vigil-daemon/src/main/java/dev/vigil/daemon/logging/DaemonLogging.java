package dev.vigil.daemon.logging;

import dev.vigil.cluster.config.LoggingConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.ErrorManager;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;

/**
 * Applies a {@code logging {}} section to the JDK's logging: {@code to_stderr},
 * {@code to_logfile}/{@code logfile} (appended, flushed per line), {@code timestamp} and
 * {@code debug} (off: info and up; on: debug, which includes JGroups' own warnings; trace:
 * everything). {@code to_syslog} is not supported yet; {@link #install} returns a note saying so.
 */
public final class DaemonLogging {
    private DaemonLogging() {
    }

    /**
     * Makes {@link DaemonLogManager} the JDK's log manager; call first thing in main, before
     * anything logs. (Not a method of that class: loading a LogManager subclass initializes
     * LogManager, which reads this property, so it would come too late.)
     */
    public static void selectLogManager() {
        System.setProperty("java.util.logging.manager", "dev.vigil.daemon.logging.DaemonLogManager");
    }

    /**
     * Replaces the JDK's logging configuration.
     *
     * @return notes for the admin (settings not applied)
     * @throws IOException when the log file cannot be opened (its message names the file)
     */
    public static List<String> install(LoggingConfig config, String node) throws IOException {
        List<String> notes = new ArrayList<>();
        DaemonLogManager.resetLogging();
        Logger root = Logger.getLogger("");
        Level level = switch (config.debug()) {
            case OFF -> Level.INFO;
            case ON -> Level.FINE;
            case TRACE -> Level.ALL;
        };
        root.setLevel(level);
        LineFormatter formatter = new LineFormatter(node, config.timestamp(), config.debug() != LoggingConfig.Debug.OFF);
        if (config.toStderr()) {
            root.addHandler(lineHandler(System.err, formatter, level));
        }
        if (config.toLogfile() && config.logfile().isPresent()) {
            Path file = config.logfile().get();
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                    StandardOpenOption.WRITE);
            root.addHandler(lineHandler(out, formatter, level));
        }
        if (config.toSyslog()) {
            notes.add("logging: to_syslog is not supported yet; use to_stderr (the journal under systemd) or to_logfile");
        }
        if (!config.toStderr() && !config.toLogfile()) {
            notes.add("logging: neither to_stderr nor to_logfile is on: the daemon logs nothing");
        }
        return notes;
    }

    /** A handler that writes each record at once (a crash loses no line). */
    private static Handler lineHandler(OutputStream out, LineFormatter formatter, Level level) {
        StreamHandler h = new StreamHandler(new PrintStream(out, true, StandardCharsets.UTF_8), formatter) {
            @Override
            public synchronized void publish(LogRecord record) {
                super.publish(record);
                flush();
            }
        };
        h.setLevel(level);
        h.setErrorManager(new ErrorManager());
        try {
            h.setEncoding(StandardCharsets.UTF_8.name());
        } catch (java.io.UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
        return h;
    }
}
