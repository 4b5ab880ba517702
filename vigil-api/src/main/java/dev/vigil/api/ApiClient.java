package dev.vigil.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * A connection to a daemon's local API. One request at a time; reusable for several.
 *
 * <pre>{@code
 * try (ApiClient api = ApiClient.connect(Path.of("/run/vigil/vigil.sock"))) {
 *     ClusterStatus s = api.call(ApiTypes.CLUSTER_STATUS, new NoArgs(), ClusterStatus.class);
 * }
 * }</pre>
 */
public final class ApiClient implements AutoCloseable {
    /** Long enough for a change that waits for a DC election and a sync round. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private final Path socket;
    private final LineChannel channel;
    private final Duration timeout;
    private long nextId = 1;

    private ApiClient(Path socket, LineChannel channel, Duration timeout) {
        this.socket = socket;
        this.channel = channel;
        this.timeout = timeout;
    }

    /** Connects with {@link #DEFAULT_TIMEOUT}. */
    public static ApiClient connect(Path socket) {
        return connect(socket, DEFAULT_TIMEOUT);
    }

    /**
     * @throws ApiUnavailableException saying why (no daemon there, no permission...)
     */
    public static ApiClient connect(Path socket, Duration timeout) {
        Objects.requireNonNull(socket, "socket");
        SocketChannel ch = null;
        try {
            ch = SocketChannel.open(StandardProtocolFamily.UNIX);
            ch.connect(UnixDomainSocketAddress.of(socket));
            return new ApiClient(socket, new LineChannel(ch, ApiProtocol.MAX_LINE_BYTES), timeout);
        } catch (IOException | UnsupportedOperationException e) {
            if (ch != null) {
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // already failing
                }
            }
            throw new ApiUnavailableException(explain(socket, e));
        }
    }

    private static String explain(Path socket, Exception e) {
        if (!Files.exists(socket)) {
            return "cannot connect to " + socket + ": no such socket (is the vigil daemon running on this node? "
                    + "--socket PATH names another)";
        }
        if (e instanceof AccessDeniedException || String.valueOf(e.getMessage()).contains("Permission denied")) {
            return "cannot connect to " + socket + ": permission denied (the API is for root, or the group the "
                    + "socket's directory gives)";
        }
        if (String.valueOf(e.getMessage()).contains("Connection refused")) {
            return "cannot connect to " + socket + ": connection refused (a stale socket: the daemon is not running)";
        }
        return "cannot connect to " + socket + ": " + e.getMessage();
    }

    /**
     * Sends a request and returns its result.
     *
     * @throws ApiException with the daemon's error, or {@link ApiUnavailableException} when
     *                      the daemon did not answer
     */
    public <T> T call(String type, Object args, Class<T> resultType) {
        JsonNode result = callRaw(type, ApiProtocol.mapper().valueToTree(args));
        return ApiProtocol.read(result, resultType, type + " result");
    }

    /** Sends a request with raw JSON arguments; returns the raw result. */
    public JsonNode callRaw(String type, JsonNode args) {
        long id = nextId++;
        ApiMessages.Request request = new ApiMessages.Request(ApiProtocol.VERSION, id, type, args);
        String line;
        try {
            channel.writeLine(ApiProtocol.toLine(request), timeout);
            line = channel.readLine(timeout);
        } catch (IOException e) {
            throw new ApiUnavailableException("the daemon at " + socket + " did not answer " + type + ": " + e.getMessage());
        }
        if (line == null) {
            throw new ApiUnavailableException("the daemon at " + socket + " closed the connection during " + type);
        }
        ApiMessages.Response response;
        try {
            response = ApiProtocol.mapper().readValue(line, ApiMessages.Response.class);
        } catch (JsonProcessingException e) {
            throw new ApiException(ApiError.INTERNAL, "the daemon's answer to " + type + " is not valid: " + e.getOriginalMessage());
        }
        if (response.id() != id) {
            throw new ApiException(ApiError.INTERNAL, "the daemon answered request " + response.id() + ", expected " + id);
        }
        if (!response.ok()) {
            throw new ApiException(response.error() == null
                    ? new ApiError(ApiError.INTERNAL, "failed without saying why", null) : response.error());
        }
        return response.result();
    }

    @Override
    public void close() {
        channel.close();
    }
}
