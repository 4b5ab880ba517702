package dev.vigil.cluster.config;

import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code totem.interface}: settings of one link.
 *
 * @param linkNumber   {@code linknumber}: which {@code ringN_addr} of the nodelist the link uses
 * @param bindNetAddr  {@code bindnetaddr}: accepted for compatibility; Vigil always binds to the
 *                     node's own {@code ringN_addr}
 * @param mcastPort    {@code mcastport}: the TCP port cluster traffic on this link uses
 */
public record InterfaceConfig(int linkNumber, Optional<InetAddress> bindNetAddr, int mcastPort) {
    public InterfaceConfig {
        Objects.requireNonNull(bindNetAddr, "bindNetAddr");
        if (linkNumber < 0 || linkNumber > TotemConfig.MAX_LINK) {
            throw new ConfigException("interface linknumber " + linkNumber + " is out of range 0.." + TotemConfig.MAX_LINK);
        }
        if (mcastPort < 1 || mcastPort > 65535) {
            throw new ConfigException("interface " + linkNumber + ": mcastport " + mcastPort + " is out of range 1..65535");
        }
    }

    /** A link on the given port, with no {@code bindnetaddr}. */
    public static InterfaceConfig of(int linkNumber, int port) {
        return new InterfaceConfig(linkNumber, Optional.empty(), port);
    }
}
