package dev.vigil.cli.source;

/** The configuration changed between read and write; nothing was written. */
public final class ConflictException extends SourceException {
    public ConflictException(String message) {
        super(message);
    }
}
