package dev.vigil.cib.store;

import dev.vigil.model.cib.Cib;
import dev.vigil.model.cib.CibVersion;
import java.util.Objects;

/**
 * A copy of the CIB with its serialized form and digest, as stored and as sent between nodes.
 *
 * @param cib    the model
 * @param xml    its XML exactly as written (the digest covers these bytes)
 * @param digest SHA-256 of {@code xml} in hex ({@link dev.vigil.cib.CibDigest})
 */
public record StoredCib(Cib cib, String xml, String digest) {
    public StoredCib {
        Objects.requireNonNull(cib, "cib");
        Objects.requireNonNull(xml, "xml");
        Objects.requireNonNull(digest, "digest");
    }

    public CibVersion version() {
        return cib.version();
    }

    /** Serializes a model. */
    public static StoredCib of(Cib cib) {
        String xml = dev.vigil.cib.CibXml.write(cib);
        return new StoredCib(cib, xml, dev.vigil.cib.CibDigest.ofXml(xml));
    }

    /** {@code 0.5.3 (digest 1a2b3c4d)} for logs. */
    public String describe() {
        return version() + " (digest " + digest.substring(0, Math.min(12, digest.length())) + ")";
    }
}
