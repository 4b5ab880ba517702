package dev.vigil.cluster.membership;

import java.net.InetAddress;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Says once per remote address that its traffic is refused (wrong or missing cluster key, not
 * TLS at all, ...), instead of once per connection attempt: a node with the wrong key retries
 * every few seconds forever. Further refusals are only counted. Remembers a bounded number of
 * addresses, so that a scan from many addresses cannot grow memory or flood the log either.
 */
final class SecurityLog {
    static final String LOGGER = "dev.vigil.cluster.security";
    static final int MAX_REMEMBERED = 64;
    private static final System.Logger LOG = System.getLogger(LOGGER);

    private final String localNode;
    private final String keyFingerprint;
    private final Set<String> reported = new LinkedHashSet<>();
    private final AtomicLong refusals = new AtomicLong();
    private boolean overflowReported;

    SecurityLog(String localNode, String keyFingerprint) {
        this.localNode = localNode;
        this.keyFingerprint = keyFingerprint;
    }

    /** A connection from or to {@code remote} was refused for {@code reason}. */
    void refused(InetAddress remote, String reason) {
        refusals.incrementAndGet();
        String who = remote == null ? "an unknown address" : remote.getHostAddress();
        synchronized (this) {
            if (reported.contains(who)) {
                return;
            }
            if (reported.size() >= MAX_REMEMBERED) {
                if (!overflowReported) {
                    overflowReported = true;
                    LOG.log(System.Logger.Level.WARNING, "{0}: refused cluster traffic from more than {1} addresses; "
                            + "refusals from further addresses are not logged", localNode, MAX_REMEMBERED);
                }
                return;
            }
            reported.add(who);
        }
        LOG.log(System.Logger.Level.WARNING, "{0}: refusing cluster traffic with {1}: {2}. The cluster key decides "
                + "who may join: compare the key fingerprint on both nodes (this node''s is {3}); "
                + "further refusals for this address are not logged", localNode, who, reason, keyFingerprint);
    }

    /** How many connections were refused so far. */
    long refusals() {
        return refusals.get();
    }
}
