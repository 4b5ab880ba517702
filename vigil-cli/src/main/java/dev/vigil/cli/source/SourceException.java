package dev.vigil.cli.source;

/** The CIB cannot be read or written (a file that is missing, unreadable or not a CIB). */
public class SourceException extends RuntimeException {
    public SourceException(String message) {
        super(message);
    }

    public SourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
