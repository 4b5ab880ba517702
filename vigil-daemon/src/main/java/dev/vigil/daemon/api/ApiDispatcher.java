package dev.vigil.daemon.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.api.ApiError;
import dev.vigil.api.ApiException;
import dev.vigil.api.ApiMessages.Request;
import dev.vigil.api.ApiMessages.Response;
import dev.vigil.api.ApiProtocol;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Checks a request line and hands it to the handler of its type; always returns a response line. */
public final class ApiDispatcher {
    private static final System.Logger LOG = System.getLogger("dev.vigil.daemon.api");
    private final Map<String, ApiHandler<?>> handlers = new TreeMap<>();

    public ApiDispatcher register(ApiHandler<?> handler) {
        if (handlers.putIfAbsent(handler.type(), handler) != null) {
            throw new IllegalArgumentException("two handlers for " + handler.type());
        }
        return this;
    }

    /** The registered types, sorted. */
    public List<String> types() {
        return List.copyOf(handlers.keySet());
    }

    /** Serves one request line; the answer is one response line. */
    public String dispatch(String line, Caller caller) {
        long id = 0;
        try {
            JsonNode tree;
            try {
                tree = ApiProtocol.mapper().readTree(line);
            } catch (JsonProcessingException e) {
                throw new ApiException(ApiError.BAD_REQUEST, "not JSON: " + e.getOriginalMessage());
            }
            if (tree == null || !tree.isObject()) {
                throw new ApiException(ApiError.BAD_REQUEST, "a request must be a JSON object");
            }
            id = tree.path("id").asLong(0);
            int version = tree.path("v").asInt(-1);
            if (version != ApiProtocol.VERSION) {
                throw new ApiException(ApiError.UNSUPPORTED_VERSION, "protocol version " + tree.path("v")
                        + " is not supported; this daemon speaks version " + ApiProtocol.VERSION);
            }
            Request request = ApiProtocol.read(tree, Request.class, "request");
            if (request.type() == null) {
                throw new ApiException(ApiError.BAD_REQUEST, "request: field 'type' is missing");
            }
            ApiHandler<?> handler = handlers.get(request.type());
            if (handler == null) {
                throw new ApiException(ApiError.UNKNOWN_TYPE, "unknown request type '" + request.type()
                        + "' (this daemon knows: " + String.join(", ", handlers.keySet()) + ")");
            }
            Object result = invoke(handler, request, caller);
            return ApiProtocol.toLine(Response.success(id, ApiProtocol.mapper().valueToTree(result)));
        } catch (ApiException e) {
            return ApiProtocol.toLine(Response.failure(id, e.error()));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "API request failed: " + abbreviate(line), e);
            return ApiProtocol.toLine(Response.failure(id, new ApiError(ApiError.INTERNAL,
                    "internal error: " + e, List.of())));
        }
    }

    private static <A> Object invoke(ApiHandler<A> handler, Request request, Caller caller) {
        A args = ApiProtocol.read(request.args(), handler.argsType(), request.type());
        return handler.handle(args, caller);
    }

    private static String abbreviate(String line) {
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}
