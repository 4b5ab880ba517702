package dev.vigil.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.api.ApiError;
import dev.vigil.api.ApiMessages;
import dev.vigil.api.ApiProtocol;
import dev.vigil.api.LineChannel;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** A stand-in for the daemon's API: answers each request type with a canned function, records requests. */
final class FakeDaemon implements AutoCloseable {
    final Path socket;
    final List<ApiMessages.Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Function<JsonNode, Object>> answers = new ConcurrentHashMap<>();
    private final ServerSocketChannel server;
    private final Thread thread;

    FakeDaemon(Path socket) throws IOException {
        this.socket = socket;
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        thread = new Thread(this::serve, "fake-daemon");
        thread.setDaemon(true);
        thread.start();
    }

    /** Answers {@code type} with {@code answer(args)}: a result object, or an {@link ApiError}. */
    FakeDaemon on(String type, Function<JsonNode, Object> answer) {
        answers.put(type, answer);
        return this;
    }

    private void serve() {
        while (server.isOpen()) {
            try (SocketChannel ch = server.accept(); LineChannel lines = new LineChannel(ch, ApiProtocol.MAX_LINE_BYTES)) {
                String line;
                while ((line = lines.readLine(Duration.ofSeconds(10))) != null) {
                    ApiMessages.Request r = ApiProtocol.mapper().readValue(line, ApiMessages.Request.class);
                    requests.add(r);
                    Object answer = answers.getOrDefault(r.type(), a -> new ApiError("unknown-type", "no " + r.type(), null))
                            .apply(r.args());
                    ApiMessages.Response response = answer instanceof ApiError e ? ApiMessages.Response.failure(r.id(), e)
                            : ApiMessages.Response.success(r.id(), ApiProtocol.mapper().valueToTree(answer));
                    lines.writeLine(ApiProtocol.toLine(response), Duration.ofSeconds(10));
                }
            } catch (IOException e) {
                // closed, or the client left
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
