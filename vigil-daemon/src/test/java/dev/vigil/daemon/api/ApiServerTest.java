package dev.vigil.daemon.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.api.ApiClient;
import dev.vigil.api.ApiError;
import dev.vigil.api.ApiException;
import dev.vigil.api.ApiProtocol;
import dev.vigil.api.ApiTypes;
import dev.vigil.api.ApiUnavailableException;
import dev.vigil.api.LineChannel;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API frame, its errors, and the socket's permissions, on a server with test handlers. */
class ApiServerTest {
    record EchoArgs(String text, Integer times) {
    }

    record EchoResult(String text) {
    }

    static final class Echo implements ApiHandler<EchoArgs> {
        @Override
        public String type() {
            return "test.echo";
        }

        @Override
        public Class<EchoArgs> argsType() {
            return EchoArgs.class;
        }

        @Override
        public Object handle(EchoArgs args, Caller caller) {
            if (args.text() == null) {
                throw new ApiException(ApiError.BAD_REQUEST, "test.echo: field 'text' is missing");
            }
            return new EchoResult(args.text().repeat(args.times() == null ? 1 : args.times()) + " from " + caller.user());
        }
    }

    static ApiServer server(Path socket) {
        ApiDispatcher d = new ApiDispatcher().register(new Echo());
        d.register(new ApiInfoHandler("node9", d));
        ApiServer s = new ApiServer(socket, d);
        s.start();
        return s;
    }

    static String raw(Path socket, String line) throws Exception {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        ch.connect(UnixDomainSocketAddress.of(socket));
        try (LineChannel lines = new LineChannel(ch, 1 << 20)) {
            lines.writeLine(line, Duration.ofSeconds(5));
            return lines.readLine(Duration.ofSeconds(5));
        }
    }

    static JsonNode error(String responseLine) throws Exception {
        JsonNode r = ApiProtocol.mapper().readTree(responseLine);
        assertEquals(false, r.get("ok").asBoolean(), responseLine);
        return r.get("error");
    }

    @Test
    void requestsAndResultsRoundTripOnOneConnection(@TempDir Path dir) {
        Path socket = dir.resolve("run").resolve("vigil.sock");
        try (ApiServer s = server(socket); ApiClient c = ApiClient.connect(s.socket())) {
            assertEquals("abab from root", c.call("test.echo", new EchoArgs("ab", 2), EchoResult.class).text());
            assertEquals("x from root", c.call("test.echo", new EchoArgs("x", null), EchoResult.class).text());
            ApiTypes.ApiInfo info = c.call(ApiTypes.API_INFO, new ApiTypes.NoArgs(), ApiTypes.ApiInfo.class);
            assertEquals(List.of("api.info", "test.echo"), info.types());
            assertEquals(List.of(1), info.protocolVersions());
            assertEquals("node9", info.node());
        }
    }

    @Test
    void badRequestsGetNamedErrors(@TempDir Path dir) throws Exception {
        Path socket = dir.resolve("vigil.sock");
        try (ApiServer s = server(socket)) {
            assertEquals(socket.toAbsolutePath(), s.socket());
            assertEquals("bad-request", error(raw(socket, "{not json")).get("code").asText());
            assertTrue(error(raw(socket, "{not json")).get("message").asText().startsWith("not JSON: "));
            assertEquals("a request must be a JSON object", error(raw(socket, "[1,2]")).get("message").asText());
            JsonNode v = error(raw(socket, "{\"v\":2,\"id\":1,\"type\":\"test.echo\"}"));
            assertEquals("unsupported-version", v.get("code").asText());
            assertEquals("protocol version 2 is not supported; this daemon speaks version 1", v.get("message").asText());
            JsonNode t = error(raw(socket, "{\"v\":1,\"id\":5,\"type\":\"resource.create\",\"args\":{}}"));
            assertEquals("unknown-type", t.get("code").asText());
            assertEquals("unknown request type 'resource.create' (this daemon knows: api.info, test.echo)", t.get("message").asText());
            JsonNode f = error(raw(socket, "{\"v\":1,\"id\":6,\"type\":\"test.echo\",\"args\":{\"txt\":\"a\"}}"));
            assertEquals("test.echo: unknown field 'txt' (known: text, times)", f.get("message").asText());
            JsonNode k = error(raw(socket, "{\"v\":1,\"id\":7,\"type\":\"test.echo\",\"args\":{\"text\":\"a\",\"times\":\"many\"}}"));
            assertEquals("bad-request", k.get("code").asText());
            assertTrue(k.get("message").asText().startsWith("test.echo: field 'times'"), k.get("message").asText());
            JsonNode top = error(raw(socket, "{\"v\":1,\"id\":8,\"type\":\"test.echo\",\"argz\":{}}"));
            assertTrue(top.get("message").asText().startsWith("request: unknown field 'argz'"), top.toString());
            assertEquals(8, ApiProtocol.mapper().readTree(raw(socket, "{\"v\":1,\"id\":8,\"type\":\"x\"}")).get("id").asLong());
        }
    }

    @Test
    void handlerErrorsReachTheClient(@TempDir Path dir) {
        Path socket = dir.resolve("vigil.sock");
        try (ApiServer s = server(socket); ApiClient c = ApiClient.connect(s.socket())) {
            ApiException e = assertThrows(ApiException.class, () -> c.call("test.echo", new EchoArgs(null, null), EchoResult.class));
            assertEquals(ApiError.BAD_REQUEST, e.code());
            assertEquals("test.echo: field 'text' is missing", e.getMessage());
        }
    }

    @Test
    void theSocketIsForItsOwnerOnlyUnlessTheDirectoryIsGroupShared(@TempDir Path dir) throws Exception {
        Path socket = dir.resolve("private").resolve("vigil.sock");
        try (ApiServer s = server(socket)) {
            assertEquals("rw-------", PosixFilePermissions.toString(s.permissions()));
            assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket.getParent())));
        }
        Path shared = dir.resolve("shared");
        Files.createDirectories(shared);
        Files.setAttribute(shared, "unix:mode", 02750);
        try (ApiServer s = server(shared.resolve("vigil.sock"))) {
            assertEquals("rw-rw----", PosixFilePermissions.toString(s.permissions()));
        }
    }

    @Test
    void aStaleSocketIsReplacedAndALiveOneRefused(@TempDir Path dir) throws Exception {
        Path socket = dir.resolve("vigil.sock");
        ApiServer first = server(socket);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> server(socket));
        assertTrue(e.getMessage().contains("another daemon is listening there"), e.getMessage());
        first.close();
        assertTrue(Files.notExists(socket), "a clean stop removes the socket");
        // A daemon killed with -9 leaves its socket file behind:
        SocketServer.leaveStale(socket);
        try (ApiServer again = server(socket); ApiClient c = ApiClient.connect(again.socket())) {
            assertEquals("a from root", c.call("test.echo", new EchoArgs("a", 1), EchoResult.class).text());
        }
    }

    @Test
    void clientsSayWhyTheyCannotConnect(@TempDir Path dir) throws Exception {
        ApiUnavailableException none = assertThrows(ApiUnavailableException.class, () -> ApiClient.connect(dir.resolve("none.sock")));
        assertTrue(none.getMessage().contains("no such socket (is the vigil daemon running on this node?"), none.getMessage());
        Path stale = dir.resolve("stale.sock");
        SocketServer.leaveStale(stale);
        ApiUnavailableException refused = assertThrows(ApiUnavailableException.class, () -> ApiClient.connect(stale));
        assertTrue(refused.getMessage().contains("connection refused"), refused.getMessage());
    }

    /** Makes a socket file with nobody listening, as a killed daemon leaves it. */
    static final class SocketServer {
        static void leaveStale(Path socket) throws Exception {
            var ch = java.nio.channels.ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            ch.bind(UnixDomainSocketAddress.of(socket));
            ch.close();
        }
    }
}
