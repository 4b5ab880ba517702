package dev.vigil.api;

/** The daemon could not be reached, or stopped answering; the message says what to check. */
public final class ApiUnavailableException extends ApiException {
    public ApiUnavailableException(String message) {
        super(ApiError.UNAVAILABLE, message);
    }
}
