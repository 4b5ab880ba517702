package dev.vigil.cluster.membership;

/**
 * Receives membership events. All calls for one {@link Membership} come from one thread, in the
 * order the events happened: views and messages interleaved as delivered, and the messages of
 * each sender in the order it sent them. A call that throws is logged and does not stop
 * delivery. Calls should return quickly: events queue up behind them (up to a bound, after which
 * the network layer waits).
 */
public interface MembershipListener {
    /** A new view was installed. */
    void onView(View view);

    /** {@code fromNode} sent {@code payload} to this node or to all (its own broadcasts included). */
    void onMessage(String fromNode, byte[] payload);
}
