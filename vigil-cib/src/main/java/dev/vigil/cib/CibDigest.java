package dev.vigil.cib;

import dev.vigil.model.cib.Cib;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The digest of a CIB: SHA-256 over its XML as {@link CibXml#write} produces it (ending in a
 * newline), in lower-case hex. Every node writes the same model to the same bytes, so equal
 * digests mean equal copies, version attributes included.
 */
public final class CibDigest {
    private CibDigest() {
    }

    /** The digest of a model. */
    public static String of(Cib cib) {
        return ofXml(CibXml.write(cib));
    }

    /** The digest of serialized XML; a missing final newline is added first, as the store does. */
    public static String ofXml(String xml) {
        return sha256(canonicalXml(xml));
    }

    /** {@code xml} ending in a newline, as the writer ends it and as the digest covers it. */
    public static String canonicalXml(String xml) {
        return xml.endsWith("\n") ? xml : xml + "\n";
    }

    /** SHA-256 of a string's UTF-8 bytes, in hex. */
    public static String sha256(String text) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no SHA-256", e);
        }
    }
}
