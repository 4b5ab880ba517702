package dev.vigil.cluster.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes a {@link ClusterConfig} as {@code vigil.conf} text that {@link ConfigParser} reads back
 * to an equal value. Settings with a plain default are written out (so the file shows them);
 * settings whose default is derived ({@code consensus}, {@code expected_votes},
 * {@code wait_for_all}, {@code auto_tie_breaker_node}) are written only when set.
 */
public final class ConfigWriter {
    private ConfigWriter() {
    }

    /** The configuration as text. */
    public static String write(ClusterConfig config) {
        StringBuilder out = new StringBuilder();
        out.append("# Vigil cluster configuration (corosync.conf syntax); see docs/cluster.md\n");
        TotemConfig t = config.totem();
        out.append("totem {\n");
        key(out, 1, "version", t.version());
        key(out, 1, "cluster_name", t.clusterName());
        key(out, 1, "transport", t.transport().configValue());
        key(out, 1, "token", t.token().toMillis());
        key(out, 1, "token_retransmits_before_loss_const", t.tokenRetransmitsBeforeLossConst());
        t.consensus().ifPresent(c -> key(out, 1, "consensus", c.toMillis()));
        key(out, 1, "keyfile", t.keyfile());
        key(out, 1, "crypto_cipher", t.cipher().configValue());
        key(out, 1, "crypto_hash", t.hash().configValue());
        for (InterfaceConfig i : t.interfaces()) {
            out.append("\n    interface {\n");
            key(out, 2, "linknumber", i.linkNumber());
            i.bindNetAddr().ifPresent(a -> key(out, 2, "bindnetaddr", a.getHostAddress()));
            key(out, 2, "mcastport", i.mcastPort());
            out.append("    }\n");
        }
        out.append("}\n\nnodelist {\n");
        boolean first = true;
        for (NodeConfig n : config.nodes()) {
            out.append(first ? "" : "\n").append("    node {\n");
            first = false;
            key(out, 2, "name", n.name());
            key(out, 2, "nodeid", n.nodeId());
            key(out, 2, "ring0_addr", n.ring0Addr().getHostAddress());
            n.ring1Addr().ifPresent(a -> key(out, 2, "ring1_addr", a.getHostAddress()));
            if (n.quorumVotes() != 1) {
                key(out, 2, "quorum_votes", n.quorumVotes());
            }
            out.append("    }\n");
        }
        QuorumConfig q = config.quorum();
        out.append("}\n\nquorum {\n");
        key(out, 1, "provider", QuorumConfig.PROVIDER);
        q.expectedVotes().ifPresent(v -> key(out, 1, "expected_votes", v));
        key(out, 1, "two_node", bit(q.twoNode()));
        q.waitForAll().ifPresent(w -> key(out, 1, "wait_for_all", bit(w)));
        key(out, 1, "last_man_standing", bit(q.lastManStanding()));
        key(out, 1, "last_man_standing_window", q.lastManStandingWindow().toMillis());
        key(out, 1, "auto_tie_breaker", bit(q.autoTieBreaker()));
        q.autoTieBreakerNode().ifPresent(a -> key(out, 1, "auto_tie_breaker_node", a.configValue()));
        LoggingConfig l = config.logging();
        out.append("}\n\nlogging {\n");
        key(out, 1, "to_logfile", yes(l.toLogfile()));
        l.logfile().ifPresent(f -> key(out, 1, "logfile", f));
        key(out, 1, "to_stderr", yes(l.toStderr()));
        key(out, 1, "to_syslog", yes(l.toSyslog()));
        key(out, 1, "debug", l.debug().configValue());
        key(out, 1, "timestamp", l.timestamp().configValue());
        out.append("}\n");
        return out.toString();
    }

    /**
     * Writes the configuration to {@code file} atomically (temporary file in the same
     * directory, fsync, rename), readable by everyone (mode 0644: it holds no secret).
     */
    public static void writeFile(ClusterConfig config, Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
        try {
            try (var channel = Files.newByteChannel(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                channel.write(java.nio.ByteBuffer.wrap(write(config).getBytes(StandardCharsets.UTF_8)));
                if (channel instanceof java.nio.channels.FileChannel fc) {
                    fc.force(true);
                }
            }
            try {
                Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system: keep the default permissions
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void key(StringBuilder out, int depth, String key, Object value) {
        out.append("    ".repeat(depth)).append(key).append(": ").append(value).append('\n');
    }

    private static int bit(boolean b) {
        return b ? 1 : 0;
    }

    private static String yes(boolean b) {
        return b ? "yes" : "no";
    }
}
