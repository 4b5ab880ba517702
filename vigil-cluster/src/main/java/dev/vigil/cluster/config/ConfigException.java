package dev.vigil.cluster.config;

/**
 * A cluster configuration that Vigil refuses. The message is {@code FILE:LINE: reason} when the
 * problem comes from a file, and just the reason for a configuration built in code.
 */
public final class ConfigException extends RuntimeException {
    private final String file;
    private final int line;
    private final String reason;

    /**
     * @param file the file name as the admin gave it, or null for a configuration built in code
     * @param line the 1-based line, or 0 when no line applies
     */
    public ConfigException(String file, int line, String reason) {
        super(format(file, line, reason));
        this.file = file;
        this.line = line;
        this.reason = reason;
    }

    /** A problem with a configuration that was built in code (no file, no line). */
    public ConfigException(String reason) {
        this(null, 0, reason);
    }

    private static String format(String file, int line, String reason) {
        if (file == null) {
            return reason;
        }
        return line > 0 ? file + ":" + line + ": " + reason : file + ": " + reason;
    }

    /** The file name, or null for a configuration built in code. */
    public String file() {
        return file;
    }

    /** The 1-based line, or 0 when none applies. */
    public int line() {
        return line;
    }

    /** The reason alone, without file and line. */
    public String reason() {
        return reason;
    }
}
