package dev.vigil.controller.wire;

import dev.vigil.model.cib.LrmOp;
import dev.vigil.model.cib.LrmResource;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What controllers say to each other. The DC asks nodes to join (report their operation
 * history), to run operations and to fence; nodes report results and ask to shut down.
 * {@link MessageCodec} turns these into bytes for {@code ControllerTransport}.
 */
public sealed interface Message {

    /**
     * Node → DC, whenever the node learns of a (new) DC: "this run of my controller is
     * {@code bootId}". A node whose controller restarted between two views looks the same in the
     * membership; its new boot id tells the DC to collect its history again.
     */
    record Hello(String bootId) implements Message {
    }

    /**
     * Node → DC, every so often: a fingerprint of the node's history. When it differs from what
     * the CIB holds for the node (a result was lost), the DC collects the history again.
     */
    record HistoryCheck(String bootId, String digest) implements Message {
    }

    /** DC → node: report your operation history. {@code joinId} matches the reply to the request. */
    record JoinRequest(String dcUuid, long joinId) implements Message {
    }

    /**
     * Node → DC: this node's history (pending activating operations included). {@code bootId}
     * names this run of the node's controller: a different one later means it restarted.
     */
    record JoinReply(long joinId, String bootId, List<LrmResource> history, boolean shutdownRequested)
            implements Message {
        public JoinReply {
            history = List.copyOf(history);
        }
    }

    /**
     * DC → node: run {@code task} on resource {@code rscId} (the id the executor and the history
     * use), with the graph action's parameters (instance attributes and {@code CRM_meta_*}).
     * {@code cancel} cancels the recurring operation named by {@code CRM_meta_task} and
     * {@code CRM_meta_interval}; {@code delete} forgets the resource's history on the node.
     */
    record ExecRequest(String transitionKey, String rscId, String agentClass, String provider, String type,
                       String task, long intervalMs, Map<String, String> params) implements Message {
        public ExecRequest {
            params = Collections.unmodifiableMap(new TreeMap<>(params));
        }
    }

    /** Node → DC: an operation result as recorded in the node's history (transition key inside). */
    record ExecResult(String rscId, String agentClass, String provider, String type, LrmOp op) implements Message {
    }

    /**
     * Node → DC: a request that ran no agent is done ({@code cancel}, {@code delete}); {@code opId}
     * names the history entry that went away (null when none), {@code reason} says why it failed.
     */
    record ActionDone(String transitionKey, String rscId, String opId, boolean ok, String reason) implements Message {
    }

    /** DC → node: fence {@code target} (the DC never fences itself; another node does it). */
    record FenceRequest(long requestId, String target, String action, long extraDelayMs) implements Message {
    }

    /** Node → DC: how a fence request went. */
    record FenceReply(long requestId, FenceRecord record) implements Message {
    }

    /** Broadcast after every fencing, so every node keeps the history and a new DC knows. */
    record FenceNotice(FenceRecord record) implements Message {
    }

    /** Node → DC: this node wants to leave; move its resources away first. */
    record ShutdownRequest() implements Message {
    }

    /** DC → node: the node runs nothing any more and may leave. */
    record ShutdownAllowed() implements Message {
    }

    /**
     * Any node → DC: forget the failures and history of {@code rscId} (every resource when
     * null) on {@code node} (every node when null), so they are probed and placed afresh.
     */
    record CleanupRequest(String rscId, String node) implements Message {
    }

    /** Any node → DC: an admin asked to fence {@code target} ({@code action} reboot or off). */
    record AdminFenceRequest(long requestId, String target, String action) implements Message {
    }

    /** DC → the node that asked: how {@link AdminFenceRequest} went. */
    record AdminFenceReply(long requestId, boolean success, String message) implements Message {
    }
}
