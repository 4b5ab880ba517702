/**
 * Membership: which nodes can talk to each other now, and reliable messages between them.
 *
 * <p>The daemon and the simulator see only {@link dev.vigil.cluster.membership.Membership},
 * {@link dev.vigil.cluster.membership.MembershipListener} and the immutable
 * {@link dev.vigil.cluster.membership.View}. {@link dev.vigil.cluster.membership.JGroupsMembership}
 * implements them on JGroups 5.5 over TCP with mutual TLS 1.3 (see docs/cluster.md for the stack
 * and why). {@link dev.vigil.cluster.membership.NetworkFaults} lets tests cut traffic between
 * chosen nodes. This is the only package that touches JGroups.
 */
package dev.vigil.cluster.membership;
