package dev.vigil.cluster.membership;

import org.jgroups.logging.CustomLogFactory;
import org.jgroups.logging.Log;
import org.jgroups.logging.LogFactory;

import java.lang.System.Logger.Level;

/**
 * Keeps JGroups' own log out of the admin's log: everything JGroups says goes to the logger
 * {@value #LOGGER}, its errors and warnings at DEBUG and the rest at TRACE, so it shows only
 * with {@code logging { debug: on }} (or trace). What the admin needs to know, Vigil says itself,
 * in one line: view changes, and refused connections once per address ({@link SecurityLog}).
 * JGroups reports real failures to start (a port in use, say) as exceptions, which
 * {@link JGroupsMembership#start()} turns into a clear message.
 */
final class JGroupsLogging {
    static final String LOGGER = "dev.vigil.cluster.jgroups";
    private static final System.Logger TARGET = System.getLogger(LOGGER);

    private JGroupsLogging() {
    }

    /** Routes JGroups' logging to {@value #LOGGER}; call before any JGroups protocol exists. */
    static synchronized void install() {
        if (!(LogFactory.getCustomLogFactory() instanceof Factory)) {
            LogFactory.setCustomLogFactory(new Factory());
        }
    }

    private static final class Factory implements CustomLogFactory {
        @Override
        public Log getLog(Class<?> clazz) {
            return new QuietLog(clazz.getSimpleName());
        }

        @Override
        public Log getLog(String category) {
            int dot = category.lastIndexOf('.');
            return new QuietLog(dot < 0 ? category : category.substring(dot + 1));
        }
    }

    /** JGroups' Log on top of one quiet System.Logger; formats only what will be written. */
    private static final class QuietLog implements Log {
        private final String source;

        QuietLog(String source) {
            this.source = source;
        }

        private static boolean on(Level level) {
            return TARGET.isLoggable(level);
        }

        private void log(Level level, String format, Object[] args, Throwable thrown) {
            if (!on(level)) {
                return;
            }
            String text;
            try {
                text = args == null || args.length == 0 ? format : String.format(format, args);
            } catch (RuntimeException e) {
                text = format;
            }
            if (thrown != null) {
                TARGET.log(level, source + ": " + text, thrown);
            } else {
                TARGET.log(level, source + ": " + text);
            }
        }

        @Override public boolean isFatalEnabled() { return on(Level.INFO); }
        @Override public boolean isErrorEnabled() { return on(Level.DEBUG); }
        @Override public boolean isWarnEnabled() { return on(Level.DEBUG); }
        @Override public boolean isInfoEnabled() { return on(Level.TRACE); }
        @Override public boolean isDebugEnabled() { return on(Level.TRACE); }
        @Override public boolean isTraceEnabled() { return on(Level.TRACE); }
        @Override public void fatal(String msg) { log(Level.INFO, msg, null, null); }
        @Override public void fatal(String format, Object... args) { log(Level.INFO, format, args, null); }
        @Override public void fatal(String msg, Throwable t) { log(Level.INFO, msg, null, t); }
        @Override public void error(String msg) { log(Level.DEBUG, msg, null, null); }
        @Override public void error(String format, Object... args) { log(Level.DEBUG, format, args, null); }
        @Override public void error(String msg, Throwable t) { log(Level.DEBUG, msg, null, t); }
        @Override public void warn(String msg) { log(Level.DEBUG, msg, null, null); }
        @Override public void warn(String format, Object... args) { log(Level.DEBUG, format, args, null); }
        @Override public void warn(String msg, Throwable t) { log(Level.DEBUG, msg, null, t); }
        @Override public void info(String msg) { log(Level.TRACE, msg, null, null); }
        @Override public void info(String format, Object... args) { log(Level.TRACE, format, args, null); }
        @Override public void debug(String msg) { log(Level.TRACE, msg, null, null); }
        @Override public void debug(String format, Object... args) { log(Level.TRACE, format, args, null); }
        @Override public void debug(String msg, Throwable t) { log(Level.TRACE, msg, null, t); }
        @Override public void trace(Object obj) { log(Level.TRACE, String.valueOf(obj), null, null); }
        @Override public void trace(String msg) { log(Level.TRACE, msg, null, null); }
        @Override public void trace(String format, Object... args) { log(Level.TRACE, format, args, null); }
        @Override public void trace(String msg, Throwable t) { log(Level.TRACE, msg, null, t); }
        @Override public void setLevel(String level) { /* the System.Logger's configuration decides */ }
        @Override public String getLevel() { return on(Level.TRACE) ? "trace" : on(Level.DEBUG) ? "debug" : "off"; }
    }
}
