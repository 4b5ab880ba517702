package dev.vigil.daemon.logging;

import java.util.logging.LogManager;

/**
 * The JDK's LogManager, except that its own shutdown hook does not silence the log: the JDK
 * resets logging when the JVM begins to exit, at the same time as the daemon's shutdown hook
 * runs, so the lines that say how the node stopped would be lost. Handlers flush every line,
 * so nothing is lost by leaving them open. Selected with
 * {@code -Djava.util.logging.manager=dev.vigil.daemon.logging.DaemonLogManager}
 * ({@link DaemonLogging#selectLogManager()} sets it before logging starts).
 */
public final class DaemonLogManager extends LogManager {
    private volatile boolean resetAllowed;

    @Override
    public void reset() {
        if (resetAllowed) {
            super.reset();
        }
    }

    /** Resets on purpose (to install the daemon's configuration). */
    void resetNow() {
        resetAllowed = true;
        try {
            super.reset();
        } finally {
            resetAllowed = false;
        }
    }

    /** Resets the current log manager, whichever it is. */
    static void resetLogging() {
        LogManager m = LogManager.getLogManager();
        if (m instanceof DaemonLogManager d) {
            d.resetNow();
        } else {
            m.reset();
        }
    }
}
