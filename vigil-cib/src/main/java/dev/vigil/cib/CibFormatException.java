package dev.vigil.cib;

/** A CIB document that cannot be read: the message names the element, its id and the problem. */
public final class CibFormatException extends RuntimeException {
    public CibFormatException(String message) {
        super(message);
    }

    public CibFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
