package dev.vigil.daemon.wire;

import dev.vigil.cib.CibDigest;
import dev.vigil.cib.CibFormatException;
import dev.vigil.cib.CibPatch;
import dev.vigil.cib.CibXml;
import dev.vigil.cib.store.StoredCib;
import dev.vigil.daemon.replication.CibMessage;
import dev.vigil.daemon.replication.CibMessage.Commit;
import dev.vigil.daemon.replication.CibMessage.Forward;
import dev.vigil.daemon.replication.CibMessage.Offer;
import dev.vigil.daemon.replication.CibMessage.Outcome;
import dev.vigil.daemon.replication.CibMessage.Reply;
import dev.vigil.daemon.replication.RequestRef;
import dev.vigil.model.cib.CibVersion;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The binary form of {@link CibMessage}s. CIB copies travel whole, deflated (CIB XML shrinks
 * about tenfold), with their digest, which the receiver checks against the text it got.
 * Every length is bounded, so a damaged frame cannot make a node allocate without limit.
 */
public final class CibWire {
    /** The largest CIB text a message may carry (inflated). */
    public static final int MAX_XML_BYTES = 64 * 1024 * 1024;
    private static final int MAX_STRING_BYTES = 1024 * 1024;
    private static final int MAX_LIST = 100_000;
    private static final byte OFFER = 1;
    private static final byte COMMIT = 2;
    private static final byte FORWARD = 3;
    private static final byte REPLY = 4;

    private CibWire() {
    }

    public static byte[] encode(CibMessage message) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            if (message instanceof Offer o) {
                out.writeByte(OFFER);
                out.writeLong(o.viewId());
                out.writeBoolean(o.fresh());
                writeCopy(out, o.copy());
            } else if (message instanceof Commit c) {
                out.writeByte(COMMIT);
                out.writeLong(c.viewId());
                out.writeBoolean(c.sync());
                writeCopy(out, c.copy());
                out.writeInt(c.completes().size());
                for (RequestRef r : c.completes()) {
                    writeString(out, r.node());
                    out.writeLong(r.id());
                }
            } else if (message instanceof Forward f) {
                out.writeByte(FORWARD);
                out.writeLong(f.requestId());
                writeString(out, f.description());
                writeString(out, f.client());
                writeVersion(out, f.patch().base());
                out.writeLong(f.patch().adminEpoch());
                out.writeInt(f.patch().parts().size());
                for (CibPatch.Part p : f.patch().parts()) {
                    writeString(out, p.key());
                    writeString(out, p.baseHash());
                    writeString(out, p.newHash());
                    out.writeBoolean(p.xml() != null);
                    if (p.xml() != null) {
                        writeDeflated(out, p.xml());
                    }
                }
            } else if (message instanceof Reply r) {
                out.writeByte(REPLY);
                out.writeLong(r.requestId());
                out.writeByte(r.outcome().ordinal());
                writeString(out, r.reason());
                writeVersion(out, r.current());
            }
        } catch (IOException e) {
            throw new IllegalStateException("encoding to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    /** @throws WireException naming what is wrong */
    public static CibMessage decode(byte[] payload) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload))) {
            byte type = in.readByte();
            CibMessage m = switch (type) {
                case OFFER -> new Offer(in.readLong(), in.readBoolean(), readCopy(in));
                case COMMIT -> {
                    long viewId = in.readLong();
                    boolean sync = in.readBoolean();
                    StoredCib copy = readCopy(in);
                    int n = count(in);
                    List<RequestRef> refs = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        refs.add(new RequestRef(readString(in), in.readLong()));
                    }
                    yield new Commit(viewId, sync, copy, refs);
                }
                case FORWARD -> {
                    long id = in.readLong();
                    String description = readString(in);
                    String client = readString(in);
                    CibVersion base = readVersion(in);
                    long adminEpoch = in.readLong();
                    int n = count(in);
                    List<CibPatch.Part> parts = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        String key = readString(in);
                        String baseHash = readString(in);
                        String newHash = readString(in);
                        String xml = in.readBoolean() ? readDeflated(in) : null;
                        parts.add(new CibPatch.Part(key, baseHash, newHash, xml));
                    }
                    yield new Forward(id, description, client, new CibPatch(base, adminEpoch, parts));
                }
                case REPLY -> {
                    long id = in.readLong();
                    int outcome = in.readByte();
                    if (outcome < 0 || outcome >= Outcome.values().length) {
                        throw new WireException("reply with unknown outcome " + outcome);
                    }
                    yield new Reply(id, Outcome.values()[outcome], readString(in), readVersion(in));
                }
                default -> throw new WireException("unknown CIB message type " + type);
            };
            if (in.available() > 0) {
                throw new WireException("CIB message: " + in.available() + " unexpected bytes at the end");
            }
            return m;
        } catch (EOFException e) {
            throw new WireException("CIB message: truncated", e);
        } catch (IOException e) {
            throw new WireException("CIB message: " + e.getMessage(), e);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new WireException("CIB message: " + e.getMessage(), e);
        }
    }

    private static void writeCopy(DataOutputStream out, StoredCib copy) throws IOException {
        writeDeflated(out, copy.xml());
        writeString(out, copy.digest());
    }

    private static StoredCib readCopy(DataInputStream in) throws IOException {
        String xml = readDeflated(in);
        String digest = readString(in);
        String actual = CibDigest.ofXml(xml);
        if (!actual.equals(digest)) {
            throw new WireException("CIB copy: digest mismatch (sent " + digest + ", received text has " + actual + ")");
        }
        try {
            return new StoredCib(CibXml.parse(xml), CibDigest.canonicalXml(xml), digest);
        } catch (CibFormatException e) {
            throw new WireException("CIB copy: " + e.getMessage(), e);
        }
    }

    private static void writeVersion(DataOutputStream out, CibVersion v) throws IOException {
        out.writeLong(v.adminEpoch());
        out.writeLong(v.epoch());
        out.writeLong(v.numUpdates());
    }

    private static CibVersion readVersion(DataInputStream in) throws IOException {
        return new CibVersion(in.readLong(), in.readLong(), in.readLong());
    }

    private static int count(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > MAX_LIST) {
            throw new WireException("list of " + n + " entries is out of bounds");
        }
        return n;
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String readString(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > MAX_STRING_BYTES) {
            throw new WireException("string of " + n + " bytes is out of bounds");
        }
        byte[] b = in.readNBytes(n);
        if (b.length != n) {
            throw new EOFException();
        }
        return new String(b, StandardCharsets.UTF_8);
    }

    private static void writeDeflated(DataOutputStream out, String text) throws IOException {
        byte[] raw = text.getBytes(StandardCharsets.UTF_8);
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try {
            deflater.setInput(raw);
            deflater.finish();
            ByteArrayOutputStream packed = new ByteArrayOutputStream(raw.length / 4 + 64);
            byte[] buf = new byte[16 * 1024];
            while (!deflater.finished()) {
                packed.write(buf, 0, deflater.deflate(buf));
            }
            out.writeInt(raw.length);
            out.writeInt(packed.size());
            packed.writeTo(out);
        } finally {
            deflater.end();
        }
    }

    private static String readDeflated(DataInputStream in) throws IOException {
        int rawLength = in.readInt();
        int packedLength = in.readInt();
        if (rawLength < 0 || rawLength > MAX_XML_BYTES || packedLength < 0 || packedLength > MAX_XML_BYTES) {
            throw new WireException("compressed text of " + rawLength + "/" + packedLength + " bytes is out of bounds");
        }
        byte[] packed = in.readNBytes(packedLength);
        if (packed.length != packedLength) {
            throw new EOFException();
        }
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(packed);
            byte[] raw = new byte[rawLength];
            int got = 0;
            while (got < rawLength && !inflater.finished()) {
                int n = inflater.inflate(raw, got, rawLength - got);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                got += n;
            }
            if (got != rawLength || !inflater.finished()) {
                throw new WireException("compressed text does not inflate to the announced " + rawLength + " bytes");
            }
            return new String(raw, StandardCharsets.UTF_8);
        } catch (DataFormatException e) {
            throw new WireException("compressed text is damaged: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }
}
