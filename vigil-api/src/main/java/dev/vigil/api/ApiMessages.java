package dev.vigil.api;

import com.fasterxml.jackson.databind.JsonNode;

/** The frame's two messages. */
public final class ApiMessages {
    private ApiMessages() {
    }

    /**
     * A request.
     *
     * @param v    protocol version ({@link ApiProtocol#VERSION})
     * @param id   chosen by the client; the response carries it back
     * @param type one of {@link ApiTypes}
     * @param args the type's arguments (an object; may be omitted when it has none)
     */
    public record Request(int v, long id, String type, JsonNode args) {
    }

    /** A response: {@code result} when {@code ok}, else {@code error}. */
    public record Response(int v, long id, boolean ok, JsonNode result, ApiError error) {
        public static Response success(long id, JsonNode result) {
            return new Response(ApiProtocol.VERSION, id, true, result, null);
        }

        public static Response failure(long id, ApiError error) {
            return new Response(ApiProtocol.VERSION, id, false, null, error);
        }
    }
}
