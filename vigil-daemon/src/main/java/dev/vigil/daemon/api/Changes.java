package dev.vigil.daemon.api;

import dev.vigil.api.ApiError;
import dev.vigil.api.ApiException;
import dev.vigil.controller.CibRejectedException;
import dev.vigil.daemon.core.ReplicatedCib;
import dev.vigil.model.cib.Cib;
import dev.vigil.model.cib.CibVersion;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;

/** Runs a CIB change for an API request and turns its outcome into a result or an API error. */
final class Changes {
    /** A change completes or is refused within the replica's request timeout (30 s); this is a backstop. */
    static final Duration WAIT = Duration.ofSeconds(40);

    private Changes() {
    }

    static CibVersion apply(ReplicatedCib cib, String description, Caller caller, UnaryOperator<Cib> change) {
        try {
            return cib.modify(description + " (by " + caller.user() + ")", "cli", change)
                    .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof CibRejectedException) {
                throw new ApiException(ApiError.REJECTED, cause.getMessage());
            }
            throw new ApiException(ApiError.INTERNAL, description + ": " + cause);
        } catch (TimeoutException e) {
            throw new ApiException(ApiError.UNAVAILABLE, description + ": no outcome within " + WAIT.toSeconds()
                    + " s; check the CIB before trying again");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(ApiError.UNAVAILABLE, description + ": interrupted (the daemon is stopping)");
        }
    }
}
