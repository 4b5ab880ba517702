package dev.vigil.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.vigil.api.ApiError;
import dev.vigil.api.ApiException;
import dev.vigil.api.ApiProtocol;
import dev.vigil.api.ApiUnavailableException;
import java.io.PrintWriter;

/**
 * What every command that talks to the daemon shares: error reporting and exit codes.
 * 0 done; 1 refused or failed (the reason is printed); 3 not found (a node, an attribute);
 * 69 the daemon cannot be reached (sysexits' EX_UNAVAILABLE). Usage errors are 2 (picocli).
 */
final class ApiCommands {
    static final int FAILED = 1;
    static final int NOT_FOUND = 3;
    static final int UNAVAILABLE = 69;

    private ApiCommands() {
    }

    /** Prints {@code vigil: MESSAGE} and each detail; returns the exit code. */
    static int report(ApiException e, PrintWriter err) {
        err.println("vigil: " + e.getMessage());
        for (String detail : e.error().details()) {
            if (!detail.equals(e.getMessage())) {
                err.println("  " + detail);
            }
        }
        err.flush();
        if (e instanceof ApiUnavailableException) {
            return UNAVAILABLE;
        }
        return ApiError.NOT_FOUND.equals(e.code()) ? NOT_FOUND : FAILED;
    }

    /** Pretty JSON for {@code --output json}. */
    static String json(Object value) {
        try {
            return ApiProtocol.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
