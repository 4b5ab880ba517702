package dev.vigil.cluster.key;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Just enough DER (X.690) to write one small X.509 certificate. */
final class Der {
    static final int INTEGER = 0x02;
    static final int BIT_STRING = 0x03;
    static final int OID = 0x06;
    static final int UTF8_STRING = 0x0c;
    static final int UTC_TIME = 0x17;
    static final int GENERALIZED_TIME = 0x18;
    static final int SEQUENCE = 0x30;
    static final int SET = 0x31;

    private Der() {
    }

    static byte[] tlv(int tag, byte[]... parts) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            content.writeBytes(p);
        }
        byte[] body = content.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int len = body.length;
        if (len < 0x80) {
            out.write(len);
        } else if (len < 0x100) {
            out.write(0x81);
            out.write(len);
        } else if (len < 0x10000) {
            out.write(0x82);
            out.write(len >> 8);
            out.write(len & 0xff);
        } else {
            throw new IllegalArgumentException("DER element too large: " + len);
        }
        out.writeBytes(body);
        return out.toByteArray();
    }

    static byte[] sequence(byte[]... parts) {
        return tlv(SEQUENCE, parts);
    }

    static byte[] set(byte[]... parts) {
        return tlv(SET, parts);
    }

    /** A small non-negative INTEGER. */
    static byte[] integer(int value) {
        if (value < 0 || value > 127) {
            throw new IllegalArgumentException("only 0..127 needed here");
        }
        return tlv(INTEGER, new byte[] {(byte) value});
    }

    /** An OBJECT IDENTIFIER from its dotted form; arcs after the second must be below 2^14. */
    static byte[] oid(String dotted) {
        String[] arcs = dotted.split("\\.");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(Integer.parseInt(arcs[0]) * 40 + Integer.parseInt(arcs[1]));
        for (int i = 2; i < arcs.length; i++) {
            int arc = Integer.parseInt(arcs[i]);
            if (arc >= 0x80) {
                out.write(0x80 | (arc >> 7));
            }
            out.write(arc & 0x7f);
        }
        return tlv(OID, out.toByteArray());
    }

    static byte[] utf8(String s) {
        return tlv(UTF8_STRING, s.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] time(int tag, String text) {
        return tlv(tag, text.getBytes(StandardCharsets.US_ASCII));
    }

    static byte[] bitString(byte[] bits) {
        byte[] body = new byte[bits.length + 1];
        System.arraycopy(bits, 0, body, 1, bits.length);
        return tlv(BIT_STRING, body);
    }

    /** An explicitly tagged, constructed context-specific element [n]. */
    static byte[] explicit(int n, byte[] inner) {
        return tlv(0xa0 | n, inner);
    }
}
