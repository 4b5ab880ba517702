package dev.vigil.cluster.membership;

/**
 * This node's membership in the cluster: views, and messages to one node or all.
 *
 * <p>Delivery is reliable and FIFO per sender within a view (messages from one sender arrive in
 * the order sent, none lost or duplicated while both stay members); broadcasts and unicasts from
 * the same sender are each FIFO but not ordered with each other; there is no total order across
 * senders. Every message is authenticated and encrypted (see docs/cluster.md, "Security").
 */
public interface Membership extends AutoCloseable {
    /**
     * Joins the cluster: returns once this node has its first view (with the others, or alone
     * when none answered). Events start flowing to the listener.
     *
     * @throws MembershipException naming the cause (port in use, address not on this machine...)
     */
    void start();

    /** Leaves the cluster gracefully (the others see a new view at once) and stops delivery. */
    @Override
    void close();

    /** This node's name. */
    String localNode();

    /** The current view; before {@link #start()}, a view of this node alone with id 0. */
    View view();

    /** Sends {@code payload} to every member of the current view, this node included. */
    void broadcast(byte[] payload);

    /**
     * Sends {@code payload} to one member.
     *
     * @throws MembershipException when {@code nodeName} is not in the current view
     */
    void send(String nodeName, byte[] payload);
}
