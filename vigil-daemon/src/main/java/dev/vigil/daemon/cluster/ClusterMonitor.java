package dev.vigil.daemon.cluster;

import dev.vigil.cluster.config.ClusterConfig;
import dev.vigil.cluster.membership.View;
import dev.vigil.cluster.quorum.DesignatedCoordinator;
import dev.vigil.cluster.quorum.Quorum;
import dev.vigil.cluster.quorum.QuorumHistory;
import dev.vigil.cluster.quorum.QuorumResult;
import dev.vigil.controller.ClusterState;
import dev.vigil.daemon.wire.NodeStatus;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Quorum and DC for one node: evaluates {@link Quorum} on every view, when a peer reports that
 * it is quorate and not waiting for all (which ends this node's wait), and when a
 * last_man_standing window ends. Each evaluation returns the new state only if it changed.
 */
public final class ClusterMonitor {
    private final ClusterConfig config;
    private final String local;
    private QuorumHistory history;
    private ClusterState state;
    private Instant wakeAt;
    /** The latest flags each peer sent, with the view they were computed in. */
    private final Map<String, NodeStatus> peers = new TreeMap<>();

    public ClusterMonitor(ClusterConfig config, String local) {
        this.config = Objects.requireNonNull(config, "config");
        this.local = Objects.requireNonNull(local, "local");
        this.history = QuorumHistory.initial(config);
    }

    /** The current state, or null before the first view. */
    public ClusterState state() {
        return state;
    }

    /** This node's flags for its peers, in the current view. */
    public NodeStatus status() {
        return new NodeStatus(state.view().id(), state.quorum().quorate(), history.waitingForAll());
    }

    /** When {@link #onTime} must be called even if nothing else happens. */
    public Optional<Instant> wakeAt() {
        return Optional.ofNullable(wakeAt);
    }

    /** A new view; always returns the new state. */
    public ClusterState onView(View view, Instant now) {
        peers.keySet().retainAll(view.members());
        return evaluate(view, now).orElse(state);
    }

    /** A peer's flags; the new state if they changed it. */
    public Optional<ClusterState> onPeerStatus(String from, NodeStatus status, Instant now) {
        if (state == null || from.equals(local) || !state.view().contains(from)) {
            return Optional.empty();
        }
        peers.put(from, status);
        return evaluate(state.view(), now);
    }

    /** The clock; the new state if a last_man_standing window ended. */
    public Optional<ClusterState> onTime(Instant now) {
        if (state == null || wakeAt == null || now.isBefore(wakeAt)) {
            return Optional.empty();
        }
        return evaluate(state.view(), now);
    }

    private Optional<ClusterState> evaluate(View view, Instant now) {
        QuorumResult result = Quorum.evaluate(config, history, view.members(), now, peerQuorate(view));
        history = result.next();
        wakeAt = result.wakeAt().orElse(null);
        ClusterState next = new ClusterState(view, result.state(),
                DesignatedCoordinator.choose(view, result.state()).orElse(null));
        if (next.equals(state)) {
            return Optional.empty();
        }
        state = next;
        return Optional.of(next);
    }

    private boolean peerQuorate(View view) {
        for (Map.Entry<String, NodeStatus> e : peers.entrySet()) {
            NodeStatus s = e.getValue();
            if (view.contains(e.getKey()) && s.viewId() == view.id() && s.quorate() && !s.waitingForAll()) {
                return true;
            }
        }
        return false;
    }
}
