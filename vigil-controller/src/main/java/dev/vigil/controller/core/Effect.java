package dev.vigil.controller.core;

import dev.vigil.controller.status.StatusEdit;
import dev.vigil.controller.wire.Message;
import dev.vigil.exec.OperationRequest;
import dev.vigil.exec.fence.FenceAction;
import dev.vigil.exec.fence.FenceConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** What the core asks its surroundings to do; the adapter (or the simulation) does the I/O. */
public sealed interface Effect {

    /** Send a message to another node's controller. */
    record Send(String node, Message message) implements Effect {
    }

    /** Run an operation on the local executor; answer with {@link Input.OperationFinished} and the token. */
    record Execute(long token, OperationRequest request) implements Effect {
    }

    /** Cancel a recurring operation on the local executor. */
    record CancelRecurring(String rscId, String action, long intervalMs) implements Effect {
    }

    /** Fence a node with the local fencer; answer with {@link Input.FenceFinished}. */
    record Fence(long requestId, String target, FenceAction action, Duration extraDelay) implements Effect {
    }

    /** Give the local fencer the devices and levels the CIB now defines. */
    record ConfigureFencer(FenceConfig config) implements Effect {
    }

    /** Apply status edits to the CIB through the DC; answer with {@link Input.CibWriteFinished}. */
    record WriteCib(long writeId, String description, List<StatusEdit> edits) implements Effect {
        public WriteCib {
            edits = List.copyOf(edits);
        }
    }

    /** Fire {@link Input.TimerFired} at {@code at}; replaces a pending timer with the same id. */
    record SetTimer(String timerId, Instant at) implements Effect {
    }

    /** Forget a pending timer (firing later is harmless: the core ignores stale timers). */
    record CancelTimer(String timerId) implements Effect {
    }

    /** A line for the admin's log. */
    record Log(Level level, String text) implements Effect {
        public enum Level { DEBUG, INFO, NOTICE, WARNING, ERROR }
    }

    /** A graceful shutdown is done: this node runs nothing and may leave the cluster. */
    record ShutdownComplete(String reason) implements Effect {
    }

    /** The answer to {@link Input.FenceRequested}: whether {@code target} was fenced, and why not. */
    record FenceAnswered(long requestId, boolean success, String message) implements Effect {
    }
}
