package dev.vigil.cluster.quorum;

import dev.vigil.cluster.membership.View;

import java.util.Optional;

/**
 * The DC: the coordinator of a quorate partition, none in a partition without quorum. The
 * coordinator is the first member of the view, which every member sees in the same order, so
 * each partition has at most one DC and all its members agree which. When the DC dies, the next
 * view's coordinator (the oldest remaining member) takes over as soon as that view is installed.
 */
public final class DesignatedCoordinator {
    private DesignatedCoordinator() {
    }

    /** The DC of this partition, if it has quorum. */
    public static Optional<String> choose(View view, QuorumState quorum) {
        return quorum.quorate() ? Optional.of(view.coordinator()) : Optional.empty();
    }
}
