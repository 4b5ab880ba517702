package dev.vigil.cluster.config;

import java.util.Locale;

/**
 * {@code totem.transport}. Vigil always talks unicast TCP (with TLS 1.3) to every node's
 * {@code ring0_addr}; corosync's unicast transports are accepted and mean the same, and
 * multicast {@code udp} is refused.
 */
public enum Transport {
    /** Vigil's own: unicast TCP to every node of the nodelist. The default. */
    TCP,
    /** Corosync 3's default; read as {@link #TCP} (knet's links and its own crypto are not used). */
    KNET,
    /** Corosync 2's unicast UDP; read as {@link #TCP}. */
    UDPU;

    /** The word used in the file. */
    public String configValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
