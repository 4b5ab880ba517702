package dev.vigil.daemon.wire;

import java.util.Arrays;

/**
 * The frame of every message between daemons: {@code 'V'}, the format version, the channel,
 * then the channel's payload. A daemon refuses frames of another format version by name, so
 * that mixing incompatible versions in one cluster shows in the log rather than as confusion.
 */
public record Envelope(Channel channel, byte[] payload) {
    public static final byte MAGIC = 'V';
    public static final byte FORMAT_VERSION = 1;

    /** Who a payload is for. */
    public enum Channel {
        /** The replicated CIB's protocol ({@link CibWire}). */
        CIB(1),
        /** A node's quorum flags ({@link NodeStatus}). */
        NODE(2),
        /** The controller's own messages, opaque to the daemon. */
        CONTROLLER(3);

        final byte code;

        Channel(int code) {
            this.code = (byte) code;
        }

        static Channel of(byte code) {
            for (Channel c : values()) {
                if (c.code == code) {
                    return c;
                }
            }
            throw new WireException("unknown channel " + code);
        }
    }

    public byte[] encode() {
        byte[] out = new byte[payload.length + 3];
        out[0] = MAGIC;
        out[1] = FORMAT_VERSION;
        out[2] = channel.code;
        System.arraycopy(payload, 0, out, 3, payload.length);
        return out;
    }

    public static Envelope decode(byte[] frame) {
        if (frame.length < 3 || frame[0] != MAGIC) {
            throw new WireException("not a Vigil daemon message");
        }
        if (frame[1] != FORMAT_VERSION) {
            throw new WireException("message format " + frame[1] + ", this daemon speaks " + FORMAT_VERSION
                    + " (are all nodes running the same Vigil version?)");
        }
        return new Envelope(Channel.of(frame[2]), Arrays.copyOfRange(frame, 3, frame.length));
    }
}
