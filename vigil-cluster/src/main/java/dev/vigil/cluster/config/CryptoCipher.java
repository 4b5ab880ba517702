package dev.vigil.cluster.config;

import java.util.Locale;

/**
 * {@code totem.crypto_cipher}: the TLS 1.3 cipher suite cluster traffic uses. TLS 1.3 has no
 * AES-192 suite and Vigil never sends cluster traffic in clear, so {@code aes192} and
 * {@code none} are refused.
 */
public enum CryptoCipher {
    /** TLS_AES_256_GCM_SHA384. The default. */
    AES256("TLS_AES_256_GCM_SHA384"),
    /** TLS_AES_128_GCM_SHA256. */
    AES128("TLS_AES_128_GCM_SHA256");

    private final String tlsSuite;

    CryptoCipher(String tlsSuite) {
        this.tlsSuite = tlsSuite;
    }

    /** The JSSE name of the TLS 1.3 cipher suite. */
    public String tlsSuite() {
        return tlsSuite;
    }

    /** The word used in the file. */
    public String configValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
