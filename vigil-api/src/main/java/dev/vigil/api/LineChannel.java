package dev.vigil.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Newline-delimited text over a socket channel, with a time limit on every read and write and
 * a bound on line length: neither side can make the other wait forever or buffer without end.
 */
public final class LineChannel implements AutoCloseable {
    private final SocketChannel channel;
    private final Selector selector;
    private final ByteBuffer in = ByteBuffer.allocate(64 * 1024);
    private final int maxLineBytes;

    /** Thrown when a line exceeds the limit; the rest of the stream cannot be trusted. */
    public static final class LineTooLongException extends IOException {
        public LineTooLongException(int limit) {
            super("line longer than " + limit + " bytes");
        }
    }

    /** Thrown when the peer does not answer in time. */
    public static final class TimeoutException extends IOException {
        public TimeoutException(Duration limit) {
            super("no answer within " + limit.toSeconds() + " s");
        }
    }

    public LineChannel(SocketChannel channel, int maxLineBytes) throws IOException {
        this.channel = channel;
        this.maxLineBytes = maxLineBytes;
        channel.configureBlocking(false);
        this.selector = Selector.open();
        channel.register(selector, 0);
        in.flip();
    }

    public SocketChannel channel() {
        return channel;
    }

    /** The next line without its newline, or null at the end of the stream. */
    public String readLine(Duration timeout) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            while (in.hasRemaining()) {
                byte b = in.get();
                if (b == '\n') {
                    return line.toString(StandardCharsets.UTF_8);
                }
                if (line.size() >= maxLineBytes) {
                    throw new LineTooLongException(maxLineBytes);
                }
                line.write(b);
            }
            in.clear();
            int n = channel.read(in);
            if (n < 0) {
                in.flip();
                return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
            }
            if (n == 0) {
                in.flip();
                await(SelectionKey.OP_READ, deadline, timeout);
            } else {
                in.flip();
            }
        }
    }

    /** Writes {@code text} and a newline. */
    public void writeLine(String text, Duration timeout) throws IOException {
        ByteBuffer out = ByteBuffer.wrap((text + "\n").getBytes(StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + timeout.toNanos();
        while (out.hasRemaining()) {
            if (channel.write(out) == 0) {
                await(SelectionKey.OP_WRITE, deadline, timeout);
            }
        }
    }

    private void await(int op, long deadline, Duration timeout) throws IOException {
        SelectionKey key = channel.keyFor(selector);
        key.interestOps(op);
        try {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new TimeoutException(timeout);
            }
            selector.select(Math.max(1, left / 1_000_000));
            selector.selectedKeys().clear();
        } finally {
            key.interestOps(0);
        }
    }

    @Override
    public void close() {
        try {
            selector.close();
        } catch (IOException e) {
            // nothing to do
        }
        try {
            channel.close();
        } catch (IOException e) {
            // nothing to do
        }
    }
}
