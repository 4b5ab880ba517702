package dev.vigil.cluster.membership;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Records what one java.util.logging logger (System.Logger's default backend) writes. */
final class LogCapture extends Handler implements AutoCloseable {
    private final Logger logger;
    private final List<String> lines = new ArrayList<>();

    LogCapture(String loggerName) {
        this.logger = Logger.getLogger(loggerName);
        logger.addHandler(this);
        setLevel(Level.ALL);
    }

    @Override
    public synchronized void publish(LogRecord record) {
        String text = record.getMessage();
        Object[] params = record.getParameters();
        if (params != null && params.length > 0) {
            text = java.text.MessageFormat.format(text, params);
        }
        lines.add(record.getLevel() + " " + text);
    }

    synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
