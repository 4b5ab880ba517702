package dev.vigil.daemon.wire;

/** A message that cannot be decoded (another version of Vigil, or damage). */
public final class WireException extends RuntimeException {
    public WireException(String message) {
        super(message);
    }

    public WireException(String message, Throwable cause) {
        super(message, cause);
    }
}
