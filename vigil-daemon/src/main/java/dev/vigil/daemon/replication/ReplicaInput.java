package dev.vigil.daemon.replication;

import dev.vigil.controller.ClusterState;
import dev.vigil.model.cib.Cib;
import java.time.Instant;
import java.util.Objects;
import java.util.function.UnaryOperator;

/** One input of {@link CibReplica#step}; each carries the time it happened. */
public sealed interface ReplicaInput {
    Instant now();

    /** The view, quorum or DC changed. */
    record Cluster(ClusterState state, Instant now) implements ReplicaInput {
        public Cluster {
            Objects.requireNonNull(state, "state");
        }
    }

    /** A message from another node (or this node's own broadcast coming back). */
    record Received(String from, CibMessage message, Instant now) implements ReplicaInput {
    }

    /**
     * A change requested on this node. {@code change} is applied to the latest copy, possibly
     * more than once (after a conflict); it must be a pure function of its argument.
     *
     * @param client who asked ({@code cli}, {@code controller}, {@code attrd}...), recorded as
     *               the CIB's {@code update-client}
     */
    record Change(long id, String description, String client, UnaryOperator<Cib> change, Instant now)
            implements ReplicaInput {
    }

    /** Time passed: deadlines are checked. */
    record Tick(Instant now) implements ReplicaInput {
    }
}
