package dev.vigil.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.vigil.api.ApiError;
import dev.vigil.api.ApiException;
import dev.vigil.api.ApiProtocol;
import dev.vigil.api.ApiUnavailableException;
import java.io.PrintWriter;

/**
 * What every command that talks to the daemon shares: error reporting and exit codes.
 * 0 done; 1 refused or failed (the reason is printed); 3 not found (a node, an attribute, an
 * id); 4 conflict (the configuration changed between read and write: nothing was changed, run
 * the command again); 69 the daemon cannot be reached (sysexits' EX_UNAVAILABLE). Usage errors
 * are 2 (picocli).
 */
public final class ApiCommands {
    public static final int FAILED = 1;
    public static final int NOT_FOUND = 3;
    public static final int CONFLICT = 4;
    public static final int UNAVAILABLE = 69;

    private ApiCommands() {
    }

    /** Prints {@code vigil: MESSAGE} and each detail; returns the exit code. */
    public static int report(ApiException e, PrintWriter err) {
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
        return switch (e.code()) {
            case ApiError.NOT_FOUND -> NOT_FOUND;
            case ApiError.CONFLICT -> CONFLICT;
            default -> FAILED;
        };
    }

    /** Pretty JSON for {@code --output json}. */
    public static String json(Object value) {
        try {
            return ApiProtocol.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
