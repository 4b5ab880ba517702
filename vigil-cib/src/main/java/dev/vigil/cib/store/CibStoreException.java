package dev.vigil.cib.store;

/** The state directory cannot be used (not writable, locked by another daemon, disk full...). */
public final class CibStoreException extends RuntimeException {
    public CibStoreException(String message) {
        super(message);
    }

    public CibStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
