package dev.vigil.cluster.config;

import java.util.Locale;

/**
 * {@code totem.crypto_hash}. Accepted for compatibility with corosync.conf: TLS 1.3's AEAD
 * cipher authenticates every record and the cipher suite fixes its hash, so this value does not
 * change what goes on the wire. The weak corosync values ({@code none}, {@code md5},
 * {@code sha1}) are refused so that nobody believes they apply.
 */
public enum CryptoHash {
    SHA256, SHA384, SHA512;

    /** The word used in the file. */
    public String configValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
