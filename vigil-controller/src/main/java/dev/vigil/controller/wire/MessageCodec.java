package dev.vigil.controller.wire;

import dev.vigil.model.cib.LrmOp;
import dev.vigil.model.cib.LrmResource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Controller messages as bytes: a 4-byte magic and version ({@code VCM1}), a one-byte type, then
 * the fields (strings as length-prefixed UTF-8, maps and lists with a count). Every count and
 * length is bounded, so a corrupt or hostile message fails with {@link MalformedMessageException}
 * instead of exhausting memory. Messages arrive only over the cluster's authenticated channel;
 * the bounds guard against bugs and version skew.
 */
public final class MessageCodec {
    private static final int MAGIC = 0x56434d31; // "VCM1"
    static final int MAX_STRING_BYTES = 1 << 20;
    static final int MAX_ENTRIES = 100_000;

    private static final byte JOIN_REQUEST = 1;
    private static final byte JOIN_REPLY = 2;
    private static final byte EXEC_REQUEST = 3;
    private static final byte EXEC_RESULT = 4;
    private static final byte ACTION_DONE = 5;
    private static final byte FENCE_REQUEST = 6;
    private static final byte FENCE_REPLY = 7;
    private static final byte FENCE_NOTICE = 8;
    private static final byte SHUTDOWN_REQUEST = 9;
    private static final byte SHUTDOWN_ALLOWED = 10;
    private static final byte CLEANUP_REQUEST = 11;
    private static final byte HELLO = 12;
    private static final byte HISTORY_CHECK = 13;
    private static final byte ADMIN_FENCE_REQUEST = 14;
    private static final byte ADMIN_FENCE_REPLY = 15;

    private MessageCodec() {
    }

    /** A message that could not be decoded; names what was wrong. */
    public static final class MalformedMessageException extends RuntimeException {
        public MalformedMessageException(String message) {
            super(message);
        }
    }

    public static byte[] encode(Message message) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            if (message instanceof Message.JoinRequest m) {
                out.writeByte(JOIN_REQUEST);
                writeString(out, m.dcUuid());
                out.writeLong(m.joinId());
            } else if (message instanceof Message.JoinReply m) {
                out.writeByte(JOIN_REPLY);
                out.writeLong(m.joinId());
                writeString(out, m.bootId());
                out.writeBoolean(m.shutdownRequested());
                out.writeInt(m.history().size());
                for (LrmResource r : m.history()) {
                    writeResource(out, r);
                }
            } else if (message instanceof Message.ExecRequest m) {
                out.writeByte(EXEC_REQUEST);
                writeString(out, m.transitionKey());
                writeString(out, m.rscId());
                writeString(out, m.agentClass());
                writeString(out, m.provider());
                writeString(out, m.type());
                writeString(out, m.task());
                out.writeLong(m.intervalMs());
                writeMap(out, m.params());
            } else if (message instanceof Message.ExecResult m) {
                out.writeByte(EXEC_RESULT);
                writeString(out, m.rscId());
                writeString(out, m.agentClass());
                writeString(out, m.provider());
                writeString(out, m.type());
                writeMap(out, m.op().attributes());
            } else if (message instanceof Message.ActionDone m) {
                out.writeByte(ACTION_DONE);
                writeString(out, m.transitionKey());
                writeString(out, m.rscId());
                writeString(out, m.opId());
                out.writeBoolean(m.ok());
                writeString(out, m.reason());
            } else if (message instanceof Message.FenceRequest m) {
                out.writeByte(FENCE_REQUEST);
                out.writeLong(m.requestId());
                writeString(out, m.target());
                writeString(out, m.action());
                out.writeLong(m.extraDelayMs());
            } else if (message instanceof Message.FenceReply m) {
                out.writeByte(FENCE_REPLY);
                out.writeLong(m.requestId());
                writeFence(out, m.record());
            } else if (message instanceof Message.FenceNotice m) {
                out.writeByte(FENCE_NOTICE);
                writeFence(out, m.record());
            } else if (message instanceof Message.ShutdownRequest) {
                out.writeByte(SHUTDOWN_REQUEST);
            } else if (message instanceof Message.ShutdownAllowed) {
                out.writeByte(SHUTDOWN_ALLOWED);
            } else if (message instanceof Message.Hello m) {
                out.writeByte(HELLO);
                writeString(out, m.bootId());
            } else if (message instanceof Message.HistoryCheck m) {
                out.writeByte(HISTORY_CHECK);
                writeString(out, m.bootId());
                writeString(out, m.digest());
            } else if (message instanceof Message.CleanupRequest m) {
                out.writeByte(CLEANUP_REQUEST);
                writeString(out, m.rscId());
                writeString(out, m.node());
            } else if (message instanceof Message.AdminFenceRequest m) {
                out.writeByte(ADMIN_FENCE_REQUEST);
                out.writeLong(m.requestId());
                writeString(out, m.target());
                writeString(out, m.action());
            } else if (message instanceof Message.AdminFenceReply m) {
                out.writeByte(ADMIN_FENCE_REPLY);
                out.writeLong(m.requestId());
                out.writeBoolean(m.success());
                writeString(out, m.message());
            } else {
                throw new IllegalArgumentException("unknown message " + message);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + message.getClass().getSimpleName(), e);
        }
        return bytes.toByteArray();
    }

    public static Message decode(byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            int magic = in.readInt();
            if (magic != MAGIC) {
                throw new MalformedMessageException(String.format("not a controller message (magic %08x)", magic));
            }
            byte type = in.readByte();
            Message m = switch (type) {
                case JOIN_REQUEST -> new Message.JoinRequest(readString(in), in.readLong());
                case JOIN_REPLY -> {
                    long joinId = in.readLong();
                    String bootId = readString(in);
                    boolean shutdown = in.readBoolean();
                    int n = readCount(in, "history");
                    List<LrmResource> history = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        history.add(readResource(in));
                    }
                    yield new Message.JoinReply(joinId, bootId, history, shutdown);
                }
                case EXEC_REQUEST -> new Message.ExecRequest(readString(in), readString(in), readString(in),
                        readString(in), readString(in), readString(in), in.readLong(), readMap(in));
                case EXEC_RESULT -> new Message.ExecResult(readString(in), readString(in), readString(in),
                        readString(in), new LrmOp(readMap(in)));
                case ACTION_DONE -> new Message.ActionDone(readString(in), readString(in), readString(in),
                        in.readBoolean(), readString(in));
                case FENCE_REQUEST -> new Message.FenceRequest(in.readLong(), readString(in), readString(in),
                        in.readLong());
                case FENCE_REPLY -> new Message.FenceReply(in.readLong(), readFence(in));
                case FENCE_NOTICE -> new Message.FenceNotice(readFence(in));
                case SHUTDOWN_REQUEST -> new Message.ShutdownRequest();
                case SHUTDOWN_ALLOWED -> new Message.ShutdownAllowed();
                case CLEANUP_REQUEST -> new Message.CleanupRequest(readString(in), readString(in));
                case HELLO -> new Message.Hello(readString(in));
                case HISTORY_CHECK -> new Message.HistoryCheck(readString(in), readString(in));
                case ADMIN_FENCE_REQUEST -> new Message.AdminFenceRequest(in.readLong(), readString(in),
                        readString(in));
                case ADMIN_FENCE_REPLY -> new Message.AdminFenceReply(in.readLong(), in.readBoolean(),
                        readString(in));
                default -> throw new MalformedMessageException("unknown controller message type " + type);
            };
            if (in.available() > 0) {
                throw new MalformedMessageException(in.available() + " trailing bytes after "
                        + m.getClass().getSimpleName());
            }
            return m;
        } catch (EOFException e) {
            throw new MalformedMessageException("truncated controller message (" + data.length + " bytes)");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeResource(DataOutputStream out, LrmResource r) throws IOException {
        writeString(out, r.id());
        writeString(out, r.agentClass());
        writeString(out, r.provider());
        writeString(out, r.type());
        writeString(out, r.container());
        out.writeInt(r.ops().size());
        for (LrmOp op : r.ops()) {
            writeMap(out, op.attributes());
        }
    }

    private static LrmResource readResource(DataInputStream in) throws IOException {
        String id = readString(in);
        String agentClass = readString(in);
        String provider = readString(in);
        String type = readString(in);
        String container = readString(in);
        int n = readCount(in, "operations");
        List<LrmOp> ops = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ops.add(new LrmOp(readMap(in)));
        }
        if (id == null) {
            throw new MalformedMessageException("resource history without id");
        }
        return new LrmResource(id, agentClass, provider, type, container, ops);
    }

    private static void writeFence(DataOutputStream out, FenceRecord r) throws IOException {
        writeString(out, r.target());
        writeString(out, r.action());
        out.writeBoolean(r.success());
        writeString(out, r.executor());
        writeString(out, r.origin());
        out.writeInt(r.devices().size());
        for (String d : r.devices()) {
            writeString(out, d);
        }
        writeString(out, r.reason());
        out.writeLong(r.startedAtMillis());
        out.writeLong(r.completedAtMillis());
    }

    private static FenceRecord readFence(DataInputStream in) throws IOException {
        String target = readString(in);
        String action = readString(in);
        boolean success = in.readBoolean();
        String executor = readString(in);
        String origin = readString(in);
        int n = readCount(in, "devices");
        List<String> devices = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            devices.add(readString(in));
        }
        return new FenceRecord(target, action, success, executor, origin, devices, readString(in), in.readLong(),
                in.readLong());
    }

    private static void writeMap(DataOutputStream out, Map<String, String> map) throws IOException {
        out.writeInt(map.size());
        for (Map.Entry<String, String> e : map.entrySet()) {
            writeString(out, e.getKey());
            writeString(out, e.getValue());
        }
    }

    private static Map<String, String> readMap(DataInputStream in) throws IOException {
        int n = readCount(in, "map entries");
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            String key = readString(in);
            if (key == null) {
                throw new MalformedMessageException("map entry without a name");
            }
            map.put(key, readString(in));
        }
        return map;
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length > MAX_STRING_BYTES) {
            throw new IllegalArgumentException("string of " + b.length + " bytes is over the message limit of "
                    + MAX_STRING_BYTES);
        }
        out.writeInt(b.length);
        out.write(b);
    }

    private static String readString(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n == -1) {
            return null;
        }
        if (n < 0 || n > MAX_STRING_BYTES || n > in.available()) {
            throw new MalformedMessageException("bad string length " + n);
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    private static int readCount(DataInputStream in, String what) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > MAX_ENTRIES || n > in.available()) {
            throw new MalformedMessageException("bad count of " + what + ": " + n);
        }
        return n;
    }
}
