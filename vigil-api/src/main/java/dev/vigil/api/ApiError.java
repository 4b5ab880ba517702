package dev.vigil.api;

import java.util.List;
import java.util.Objects;

/**
 * Why a request failed.
 *
 * @param code    one of the constants here: scripts branch on it
 * @param message one sentence for a person, naming what is wrong
 * @param details further lines (e.g. one per problem of a refused CIB); may be empty
 */
public record ApiError(String code, String message, List<String> details) {
    /** Malformed JSON, a missing or unknown field, a value of the wrong kind. */
    public static final String BAD_REQUEST = "bad-request";
    /** The request's protocol version is not one the daemon speaks. */
    public static final String UNSUPPORTED_VERSION = "unsupported-version";
    /** The request type does not exist (in this daemon's version). */
    public static final String UNKNOWN_TYPE = "unknown-type";
    /** A CIB (or a change to it) failed validation; {@code details} lists the problems. */
    public static final String INVALID_CIB = "invalid-cib";
    /** The cluster refused or could not apply a change (no DC, a conflict that persisted...). */
    public static final String REJECTED = "rejected";
    /** The change was made against a configuration that has changed since (an optimistic check failed). */
    public static final String CONFLICT = "conflict";
    /** What the request names does not exist (a node, an attribute). */
    public static final String NOT_FOUND = "not-found";
    /** The line was longer than {@link ApiProtocol#MAX_LINE_BYTES}. */
    public static final String TOO_LARGE = "too-large";
    /** The daemon is busy (too many connections) or stopping. */
    public static final String UNAVAILABLE = "unavailable";
    /** A bug in the daemon; the message says what it was doing. */
    public static final String INTERNAL = "internal";

    public ApiError {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        details = details == null ? List.of() : List.copyOf(details);
    }
}
