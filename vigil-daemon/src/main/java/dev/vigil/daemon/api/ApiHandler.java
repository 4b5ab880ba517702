package dev.vigil.daemon.api;

/**
 * One request type.
 *
 * @param <A> its arguments (a record: unknown fields are refused by name)
 */
public interface ApiHandler<A> {
    /** The request type, e.g. {@code cluster.status}. */
    String type();

    Class<A> argsType();

    /**
     * Serves one request; runs on the connection's thread and may block (bounded).
     *
     * @return the result (serialized as JSON)
     * @throws dev.vigil.api.ApiException with the error to answer
     */
    Object handle(A args, Caller caller);
}
