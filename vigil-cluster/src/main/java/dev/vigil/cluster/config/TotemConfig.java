package dev.vigil.cluster.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code totem} section: how nodes talk and how fast failures are detected.
 *
 * @param version                        {@code version}: must be 2, as in corosync
 * @param clusterName                    {@code cluster_name}: required; nodes of different clusters
 *                                       never join each other
 * @param token                          {@code token}: failure-detection time for a silent node
 *                                       (default 1000 ms); see docs/cluster.md for how it maps to
 *                                       the JGroups stack
 * @param tokenRetransmitsBeforeLossConst {@code token_retransmits_before_loss_const}: heartbeats per
 *                                       token period minus one (default 4)
 * @param consensus                      {@code consensus}: how long forming a new view may take
 *                                       (default 1.2 × token); at least 1.2 × token
 * @param transport                      {@code transport}: tcp (default), knet or udpu, all run as
 *                                       unicast TCP with TLS 1.3
 * @param keyfile                        {@code keyfile}: the cluster key (default
 *                                       /etc/vigil/authkey); relative paths are relative to the
 *                                       configuration file's directory
 * @param cipher                         {@code crypto_cipher}: aes256 (default) or aes128
 * @param hash                           {@code crypto_hash}: sha256 (default), sha384 or sha512
 * @param interfaces                     {@code interface} sections, sorted by link number
 */
public record TotemConfig(int version, String clusterName, Duration token, int tokenRetransmitsBeforeLossConst,
                          Optional<Duration> consensus, Transport transport, Path keyfile, CryptoCipher cipher,
                          CryptoHash hash, List<InterfaceConfig> interfaces) {
    public static final int DEFAULT_PORT = 5405;
    public static final Duration DEFAULT_TOKEN = Duration.ofMillis(1000);
    public static final int DEFAULT_TOKEN_RETRANSMITS = 4;
    public static final Path DEFAULT_KEYFILE = Path.of("/etc/vigil/authkey");
    public static final Duration MIN_TOKEN = Duration.ofMillis(200);
    public static final Duration MAX_TOKEN = Duration.ofMinutes(5);
    public static final int MAX_LINK = 7;
    /** What a cluster name may look like. */
    public static final Pattern CLUSTER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    public TotemConfig {
        Objects.requireNonNull(clusterName, "clusterName");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(consensus, "consensus");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(keyfile, "keyfile");
        Objects.requireNonNull(cipher, "cipher");
        Objects.requireNonNull(hash, "hash");
        interfaces = interfaces.stream().sorted(Comparator.comparingInt(InterfaceConfig::linkNumber)).toList();
        if (!CLUSTER_NAME.matcher(clusterName).matches()) {
            throw new ConfigException("cluster_name '" + clusterName + "' is not valid (letters, digits, '_', '.', '-', at most 64)");
        }
        if (keyfile.toString().isEmpty() || keyfile.toString().contains("\n")) {
            throw new ConfigException("keyfile '" + keyfile + "' is not a usable path");
        }
    }

    /** A totem section with every default and the given cluster name. */
    public static TotemConfig defaults(String clusterName) {
        return new TotemConfig(2, clusterName, DEFAULT_TOKEN, DEFAULT_TOKEN_RETRANSMITS, Optional.empty(),
                Transport.TCP, DEFAULT_KEYFILE, CryptoCipher.AES256, CryptoHash.SHA256, List.of());
    }

    /** {@code consensus}, or its default of 1.2 × token. */
    public Duration effectiveConsensus() {
        return consensus.orElse(Duration.ofMillis(token.toMillis() * 6 / 5));
    }

    /** The TCP port of link {@code linkNumber}: its interface's mcastport, else 5405. */
    public int port(int linkNumber) {
        return interfaceConfig(linkNumber).map(InterfaceConfig::mcastPort).orElse(DEFAULT_PORT);
    }

    /** The interface section of link {@code linkNumber}, if there is one. */
    public Optional<InterfaceConfig> interfaceConfig(int linkNumber) {
        return interfaces.stream().filter(i -> i.linkNumber() == linkNumber).findFirst();
    }

    /** A copy with another token. */
    public TotemConfig withToken(Duration newToken) {
        return new TotemConfig(version, clusterName, newToken, tokenRetransmitsBeforeLossConst, consensus, transport,
                keyfile, cipher, hash, interfaces);
    }

    /** A copy with another key file. */
    public TotemConfig withKeyfile(Path newKeyfile) {
        return new TotemConfig(version, clusterName, token, tokenRetransmitsBeforeLossConst, consensus, transport,
                newKeyfile, cipher, hash, interfaces);
    }

    /** A copy with link 0 on another port. */
    public TotemConfig withPort(int port) {
        List<InterfaceConfig> others = interfaces.stream().filter(i -> i.linkNumber() != 0).toList();
        InterfaceConfig link0 = interfaceConfig(0)
                .map(i -> new InterfaceConfig(0, i.bindNetAddr(), port))
                .orElse(InterfaceConfig.of(0, port));
        List<InterfaceConfig> all = new java.util.ArrayList<>(others);
        all.add(link0);
        return new TotemConfig(version, clusterName, token, tokenRetransmitsBeforeLossConst, consensus, transport,
                keyfile, cipher, hash, all);
    }
}
