package dev.vigil.controller;

import dev.vigil.cluster.membership.View;
import dev.vigil.cluster.quorum.QuorumState;

/**
 * What the membership layer says now: the view, quorum, and the DC of this partition (null
 * when the partition has none, i.e. when it is not quorate).
 */
public record ClusterState(View view, QuorumState quorum, String dc) {
}
