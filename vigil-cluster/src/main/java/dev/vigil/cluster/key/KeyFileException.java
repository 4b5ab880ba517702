package dev.vigil.cluster.key;

import java.io.IOException;

/** A key file that cannot be used; the message names the file and the reason. */
public final class KeyFileException extends IOException {
    public KeyFileException(String message) {
        super(message);
    }

    public KeyFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
