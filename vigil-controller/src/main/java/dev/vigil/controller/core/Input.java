package dev.vigil.controller.core;

import dev.vigil.controller.ClusterState;
import dev.vigil.controller.wire.FenceRecord;
import dev.vigil.controller.wire.Message;
import dev.vigil.exec.OperationResult;
import dev.vigil.model.cib.Cib;
import dev.vigil.model.cib.CibVersion;
import java.time.Instant;

/**
 * Everything that can happen to a controller, each stamped with the time it is handled: the
 * core never reads a clock, so a simulation drives it with simulated time.
 */
public sealed interface Input {
    Instant now();

    /** The view, quorum or DC changed. */
    record ClusterChanged(Instant now, ClusterState state) implements Input {
    }

    /** A newly committed CIB copy (in version order). */
    record CibCommitted(Instant now, Cib cib) implements Input {
    }

    /** A controller message from another node. */
    record MessageReceived(Instant now, String from, Message message) implements Input {
    }

    /**
     * A result from the local executor: the answer to {@link Effect.Execute} with that token,
     * or, with token {@link #UNSOLICITED}, a result the executor's listener heard (a recurring
     * operation whose answer changed, a cancellation).
     */
    record OperationFinished(Instant now, long token, OperationResult result) implements Input {
        public static final long UNSOLICITED = -1;
    }

    /** The local fencer finished {@link Effect.Fence} with that request id. */
    record FenceFinished(Instant now, long requestId, FenceRecord record) implements Input {
    }

    /** A {@link Effect.WriteCib} was committed as {@code version}, or failed with {@code error}. */
    record CibWriteFinished(Instant now, long writeId, CibVersion version, String error) implements Input {
    }

    /** A timer set by {@link Effect.SetTimer} expired. */
    record TimerFired(Instant now, String timerId) implements Input {
    }

    /** Stop the controller; with {@code graceful}, move this node's resources away first. */
    record ShutdownRequested(Instant now, boolean graceful) implements Input {
    }

    /** An admin asked to forget failures and history ({@code vigil resource cleanup}); nulls mean all. */
    record CleanupRequested(Instant now, String rscId, String node) implements Input {
    }

    /**
     * An admin asked to fence {@code target} ({@code vigil stonith fence}); the answer is an
     * {@link Effect.FenceAnswered} with the same {@code requestId}.
     */
    record FenceRequested(Instant now, long requestId, String target, String action) implements Input {
    }
}
