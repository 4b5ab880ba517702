package dev.vigil.cluster.membership;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An on-path attacker without the key: a TCP relay between two nodes that understands TLS record
 * framing (not content) and, when armed, replays an earlier record, swaps two records or flips a
 * bit in one. It also keeps the first bytes a client sent on each connection, to replay whole
 * connections later.
 */
final class TamperingProxy implements AutoCloseable {
    enum Attack { REPLAY, REORDER, FLIP }

    private static final int APPLICATION_DATA = 23;
    /** Records older than this on a connection are past the handshake for sure. */
    private static final long SETTLED_NANOS = 300_000_000L;

    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final List<byte[]> clientOpenings = new CopyOnWriteArrayList<>();
    private final AtomicReference<Attack> armed = new AtomicReference<>();
    private final AtomicInteger attacksDone = new AtomicInteger();
    private final AtomicInteger connectionsClosed = new AtomicInteger();
    private final Thread acceptor;
    private volatile boolean running = true;

    TamperingProxy(InetSocketAddress listen, InetSocketAddress target) throws IOException {
        this.target = target;
        this.listener = new ServerSocket();
        listener.setReuseAddress(true);
        listener.bind(listen);
        acceptor = new Thread(this::acceptLoop, "proxy-" + listen);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Arms an attack on the next settled application-data record, in either direction. */
    void arm(Attack attack) {
        armed.set(attack);
    }

    int attacksDone() {
        return attacksDone.get();
    }

    int connectionsClosed() {
        return connectionsClosed.get();
    }

    /** The first bytes (up to 16 KiB) clients sent on each connection so far. */
    List<byte[]> clientOpenings() {
        return List.copyOf(clientOpenings);
    }

    private void acceptLoop() {
        while (running) {
            Socket client = null;
            try {
                client = listener.accept();
                Socket server = new Socket();
                try {
                    server.connect(target, 2000);
                } catch (IOException e) {
                    closeQuietly(client); // nobody behind us yet: refuse, as the node itself would
                    continue;
                }
                sockets.add(client);
                sockets.add(server);
                ByteArrayOutputStream opening = new ByteArrayOutputStream();
                long openedAt = System.nanoTime();
                startPump(client, server, openedAt, opening);
                startPump(server, client, openedAt, null);
            } catch (IOException e) {
                if (!running) {
                    return;
                }
            }
        }
    }

    private void startPump(Socket from, Socket to, long openedAt, ByteArrayOutputStream opening) {
        Thread t = new Thread(() -> pump(from, to, openedAt, opening), "pump-" + from.getPort());
        t.setDaemon(true);
        t.start();
    }

    private void pump(Socket from, Socket to, long openedAt, ByteArrayOutputStream opening) {
        List<byte[]> earlier = new ArrayList<>();
        byte[] held = null;
        try {
            DataInputStream in = new DataInputStream(from.getInputStream());
            OutputStream out = to.getOutputStream();
            while (true) {
                byte[] header = new byte[5];
                in.readFully(header);
                int length = ((header[3] & 0xff) << 8) | (header[4] & 0xff);
                byte[] record = new byte[5 + length];
                System.arraycopy(header, 0, record, 0, 5);
                in.readFully(record, 5, length);
                if (opening != null && opening.size() < 16 * 1024) {
                    opening.writeBytes(record);
                }
                boolean settled = record[0] == APPLICATION_DATA && System.nanoTime() - openedAt > SETTLED_NANOS;
                if (held != null) {
                    // REORDER: the later record goes first, then the held one
                    attacksDone.incrementAndGet();
                    out.write(record);
                    out.write(held);
                    out.flush();
                    held = null;
                    continue;
                }
                Attack attack = settled && earlier.size() >= 3 ? armed.getAndSet(null) : null;
                if (attack == null) {
                    out.write(record);
                } else {
                    switch (attack) {
                        case REPLAY -> {
                            attacksDone.incrementAndGet();
                            out.write(record);
                            out.write(earlier.get(earlier.size() - 3));
                        }
                        case REORDER -> held = record;
                        case FLIP -> {
                            byte[] flipped = record.clone();
                            flipped[5 + length / 2] ^= 0x01;
                            attacksDone.incrementAndGet();
                            out.write(flipped);
                        }
                    }
                }
                out.flush();
                if (record[0] == APPLICATION_DATA) {
                    earlier.add(record);
                    if (earlier.size() > 16) {
                        earlier.remove(0);
                    }
                }
                if (opening != null && record[0] == APPLICATION_DATA && earlier.size() == 4) {
                    clientOpenings.add(opening.toByteArray());
                }
            }
        } catch (IOException e) {
            // one side closed or reset: close both, as a real relay would
        } finally {
            connectionsClosed.incrementAndGet();
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing
        }
    }

    @Override
    public void close() throws IOException {
        running = false;
        listener.close();
        for (Socket s : sockets) {
            closeQuietly(s);
        }
        try {
            acceptor.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
