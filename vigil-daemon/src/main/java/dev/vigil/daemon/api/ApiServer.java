package dev.vigil.daemon.api;

import dev.vigil.api.ApiError;
import dev.vigil.api.ApiMessages.Response;
import dev.vigil.api.ApiProtocol;
import dev.vigil.api.LineChannel;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The local API's unix socket. The socket file has mode 0600, so only its owner (root, for a
 * system daemon) may connect; if the socket's directory has the set-group-id bit (the admin
 * made it so, e.g. {@code install -d -m 2750 -g haclient /run/vigil}), the socket gets mode
 * 0660 and the directory's group may use it too. Each connection is served by one thread of a
 * bounded pool, one request at a time; idle connections are closed.
 */
public final class ApiServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("dev.vigil.daemon.api");
    static final int MAX_CONNECTIONS = 16;
    static final Duration IDLE_TIMEOUT = Duration.ofMinutes(2);
    static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);

    private final Path socket;
    private final ApiDispatcher dispatcher;
    private final ThreadPoolExecutor pool;
    private final AtomicInteger threadNumber = new AtomicInteger();
    private ServerSocketChannel server;
    private Thread acceptor;
    private volatile boolean running;

    public ApiServer(Path socket, ApiDispatcher dispatcher) {
        this.socket = socket.toAbsolutePath();
        this.dispatcher = dispatcher;
        this.pool = new ThreadPoolExecutor(0, MAX_CONNECTIONS, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1), r -> {
            Thread t = new Thread(r, "vigil-api-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    public Path socket() {
        return socket;
    }

    /**
     * Binds the socket (creating its directory with mode 0750 if missing) and starts serving.
     *
     * @throws IllegalStateException naming the socket and the reason (another daemon serves it,
     *                               its directory cannot be created...)
     */
    public void start() {
        try {
            Path dir = socket.getParent();
            if (dir != null && !Files.isDirectory(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-x---")));
            }
            removeStale();
            server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(socket));
            Files.setPosixFilePermissions(socket, groupShared(dir)
                    ? PosixFilePermissions.fromString("rw-rw----") : PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            close();
            throw new IllegalStateException("cannot listen on " + socket + ": " + e.getMessage(), e);
        }
        running = true;
        acceptor = new Thread(this::acceptLoop, "vigil-api-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A socket file left by a daemon that died is removed; one that answers is someone else's. */
    private void removeStale() throws IOException {
        if (!Files.exists(socket, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            probe.connect(UnixDomainSocketAddress.of(socket));
            throw new IOException("another daemon is listening there (use --socket to give this one its own)");
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("another daemon")) {
                throw e;
            }
            Files.delete(socket);
        }
    }

    private static boolean groupShared(Path dir) {
        try {
            Object mode = dir == null ? null : Files.getAttribute(dir, "unix:mode");
            return mode instanceof Integer m && (m & 02000) != 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }

    private void acceptLoop() {
        while (running) {
            SocketChannel client;
            try {
                client = server.accept();
            } catch (IOException e) {
                if (running) {
                    LOG.log(System.Logger.Level.WARNING, "API socket accept failed: " + e.getMessage());
                }
                return;
            }
            try {
                pool.execute(() -> serve(client));
            } catch (RejectedExecutionException e) {
                refuseBusy(client);
            }
        }
    }

    private void refuseBusy(SocketChannel client) {
        try (LineChannel lines = new LineChannel(client, ApiProtocol.MAX_LINE_BYTES)) {
            lines.writeLine(ApiProtocol.toLine(Response.failure(0, new ApiError(ApiError.UNAVAILABLE,
                    "the daemon serves " + MAX_CONNECTIONS + " connections already; try again", List.of()))), Duration.ofSeconds(1));
        } catch (IOException e) {
            // the client left
        }
    }

    private void serve(SocketChannel client) {
        Caller caller = caller(client);
        try (LineChannel lines = new LineChannel(client, ApiProtocol.MAX_LINE_BYTES)) {
            while (running) {
                String line;
                try {
                    line = lines.readLine(IDLE_TIMEOUT);
                } catch (LineChannel.LineTooLongException e) {
                    lines.writeLine(ApiProtocol.toLine(Response.failure(0, new ApiError(ApiError.TOO_LARGE,
                            "request longer than " + ApiProtocol.MAX_LINE_BYTES + " bytes", List.of()))), WRITE_TIMEOUT);
                    return;
                }
                if (line == null) {
                    return;
                }
                if (line.isBlank()) {
                    continue;
                }
                lines.writeLine(dispatcher.dispatch(line, caller), WRITE_TIMEOUT);
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "API connection of " + caller.user() + " ended: " + e.getMessage());
        }
    }

    private static Caller caller(SocketChannel client) {
        try {
            jdk.net.UnixDomainPrincipal p = client.getOption(jdk.net.ExtendedSocketOptions.SO_PEERCRED);
            return new Caller(p.user().getName());
        } catch (IOException | UnsupportedOperationException e) {
            return Caller.UNKNOWN;
        }
    }

    @Override
    public void close() {
        running = false;
        if (server != null) {
            try {
                server.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        pool.shutdownNow();
        if (acceptor != null) {
            try {
                acceptor.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            if (server != null) {
                Files.deleteIfExists(socket);
            }
        } catch (IOException e) {
            // a socket file left behind is removed by the next start
        }
    }

    /** For tests: the permissions the socket file has now. */
    Set<PosixFilePermission> permissions() throws IOException {
        return Files.getPosixFilePermissions(socket);
    }
}
