package dev.vigil.cluster.membership;

import dev.vigil.cluster.config.TotemConfig;

import java.time.Duration;

/**
 * The JGroups timings Vigil derives from {@code totem} (see docs/cluster.md for the reasoning).
 * With the defaults (token 1000 ms, 4 retransmits, consensus 1200 ms): heartbeats every 200 ms,
 * a silent node suspected after 1000 ms, a suspicion verified within 166-333 ms, so a hung node
 * leaves the view in about 1.4 s and a crashed one (its TCP connection closes at once) in about 0.3 s.
 *
 * @param heartbeatInterval   FD_ALL3.interval = token / (token_retransmits_before_loss_const + 1)
 * @param suspectAfter        FD_ALL3.timeout = token
 * @param verifySuspect       VERIFY_SUSPECT2.timeout = max(100 ms, token / 6); JGroups checks
 *                            suspects at this period, so verification takes 1-2 times this
 * @param viewAckTimeout      GMS.view_ack_collection_timeout = consensus
 * @param joinTimeout         GMS.join_timeout = max(1000 ms, consensus)
 * @param mergeMinInterval    MERGE3.min_interval: 500 ms
 * @param mergeMaxInterval    MERGE3.max_interval = max(2000 ms, 2 × token); partitions are
 *                            checked for every 1.6 × this
 * @param retransmitInterval  NAKACK2/UNICAST3.xmit_interval = max(100 ms, token / 4)
 * @param connectTimeout      TCP.sock_conn_timeout and the TLS handshake limit = max(1000 ms, token)
 */
public record MembershipTiming(Duration heartbeatInterval, Duration suspectAfter, Duration verifySuspect,
                               Duration viewAckTimeout, Duration joinTimeout, Duration mergeMinInterval,
                               Duration mergeMaxInterval, Duration retransmitInterval, Duration connectTimeout) {

    /** The timings for a totem section. */
    public static MembershipTiming from(TotemConfig totem) {
        long token = totem.token().toMillis();
        long consensus = totem.effectiveConsensus().toMillis();
        return new MembershipTiming(
                Duration.ofMillis(Math.max(10, token / (totem.tokenRetransmitsBeforeLossConst() + 1))),
                Duration.ofMillis(token),
                Duration.ofMillis(Math.max(100, token / 6)),
                Duration.ofMillis(consensus),
                Duration.ofMillis(Math.max(1000, consensus)),
                Duration.ofMillis(500),
                Duration.ofMillis(Math.max(2000, 2 * token)),
                Duration.ofMillis(Math.max(100, token / 4)),
                Duration.ofMillis(Math.max(1000, token)));
    }

    /** How long a crashed node takes to leave the view, roughly: the verification alone. */
    public Duration expectedCrashDetection() {
        return verifySuspect.multipliedBy(3).dividedBy(2);
    }

    /** How long a hung node (or a cut link) takes to leave the view, roughly. */
    public Duration expectedHangDetection() {
        return suspectAfter.plus(heartbeatInterval.dividedBy(2)).plus(verifySuspect.multipliedBy(3).dividedBy(2));
    }
}
