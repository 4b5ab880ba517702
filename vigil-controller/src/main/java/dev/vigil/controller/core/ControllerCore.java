package dev.vigil.controller.core;

import dev.vigil.controller.ClusterState;
import dev.vigil.controller.fencing.FenceDevices;
import dev.vigil.controller.wire.FenceRecord;
import dev.vigil.controller.wire.Message;
import dev.vigil.exec.fence.FenceConfig;
import dev.vigil.model.cib.Cib;
import dev.vigil.model.cib.Configuration;
import dev.vigil.model.cib.LrmResource;
import dev.vigil.model.cib.Status;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * One node's controller as a pure state machine: {@link #step(Input)} takes one input (a view,
 * a committed CIB, a message, an executor or fencer result, a timer) and returns the effects to
 * carry out, in order. It does no I/O and reads no clock, so the daemon's adapter and the
 * deterministic simulation drive the very same logic.
 *
 * <p>Every node runs a {@link NodeAgent}; the DC also runs a {@link DcAgent} for as long as it
 * is DC. Messages a node sends itself are handled within the same step.
 */
public final class ControllerCore {
    private final String localNode;
    private final String bootId;
    private final CoreConfig config;
    private final NodeAgent node;
    private final FenceHistory fenceHistory;
    private ClusterState clusterState;
    private Set<String> members = Set.of();
    private Cib cib;
    private ClusterOptions options = ClusterOptions.DEFAULTS;
    private ResourceIndex index = new ResourceIndex(Configuration.EMPTY);
    private Configuration indexedConfiguration = Configuration.EMPTY;
    private FenceConfig fenceConfig;
    private DcAgent dc;
    private long dcTerm;
    /**
     * Requests from a node this one does not know as DC yet: a new DC's first requests may
     * arrive before the cluster state that names it. They wait here (bounded) for the next
     * cluster state, and are obeyed if it names their sender as DC, dropped otherwise.
     */
    private final Deque<Early> early = new ArrayDeque<>();

    private record Early(String from, Message message) {
    }

    private static final int MAX_EARLY = 256;

    /**
     * @param bootId names this run of the controller (a fresh random id in the daemon); peers
     *               use it to notice a restart that the membership did not show
     */
    public ControllerCore(String localNode, String bootId, CoreConfig config) {
        if (localNode == null || localNode.isBlank()) {
            throw new IllegalArgumentException("controller needs the local node's name");
        }
        if (bootId == null || bootId.isBlank()) {
            throw new IllegalArgumentException("controller needs a boot id");
        }
        this.localNode = localNode;
        this.bootId = bootId;
        this.config = config;
        this.node = new NodeAgent(this);
        this.fenceHistory = new FenceHistory(config.maxFenceHistory());
        this.cib = new Cib(Map.of(), Configuration.EMPTY, Status.EMPTY);
    }

    /** Handles one input and returns what to do, in order. */
    public List<Effect> step(Input input) {
        Effects fx = new Effects(localNode);
        Instant now = input.now();
        dispatch(input, fx);
        int budget = config.maxSelfMessages();
        while (true) {
            Message m;
            while ((m = fx.pollSelf()) != null) {
                if (--budget < 0) {
                    throw new IllegalStateException("controller on " + localNode
                            + " sent itself more than " + config.maxSelfMessages() + " messages in one step");
                }
                onMessage(localNode, m, now, fx);
            }
            if (dc != null) {
                dc.afterStep(now, fx);
            }
            if ((m = fx.pollSelf()) == null) {
                break;
            }
            onMessage(localNode, m, now, fx);
        }
        return fx.effects();
    }

    private void dispatch(Input input, Effects fx) {
        Instant now = input.now();
        if (input instanceof Input.ClusterChanged c) {
            onClusterChanged(c.state(), now, fx);
        } else if (input instanceof Input.CibCommitted c) {
            onCib(c.cib(), fx);
        } else if (input instanceof Input.MessageReceived m) {
            onMessage(m.from(), m.message(), now, fx);
        } else if (input instanceof Input.OperationFinished f) {
            node.onOperationFinished(f, fx);
        } else if (input instanceof Input.FenceFinished f) {
            node.onFenceFinished(f.requestId(), f.record(), fx);
        } else if (input instanceof Input.CibWriteFinished w) {
            if (dc != null) {
                dc.onWriteFinished(w, fx);
            }
        } else if (input instanceof Input.TimerFired t) {
            if (!node.onTimer(t.timerId(), now, fx) && dc != null) {
                dc.onTimer(t.timerId(), now, fx);
            }
        } else if (input instanceof Input.ShutdownRequested s) {
            node.onShutdownRequested(s, fx);
        } else if (input instanceof Input.FenceRequested f) {
            if (dc != null) {
                dc.onAdminFence(localNode(), f.requestId(), f.target(), f.action(), now, fx);
            } else if (clusterState != null && clusterState.dc() != null) {
                fx.send(clusterState.dc(), new Message.AdminFenceRequest(f.requestId(), f.target(), f.action()));
            } else {
                fx.add(new Effect.FenceAnswered(f.requestId(), false, "the cluster has no DC"));
            }
        } else if (input instanceof Input.CleanupRequested c) {
            if (dc != null) {
                dc.onCleanup(c.rscId(), c.node(), fx);
            } else if (clusterState != null && clusterState.dc() != null) {
                fx.send(clusterState.dc(), new Message.CleanupRequest(c.rscId(), c.node()));
            } else {
                fx.warning("cleanup of " + (c.rscId() == null ? "failed resources" : c.rscId())
                        + " not possible now: the cluster has no DC");
            }
        }
    }

    private void onClusterChanged(ClusterState state, Instant now, Effects fx) {
        ClusterState before = clusterState;
        clusterState = state;
        members = state.view() == null ? Set.of() : Collections.unmodifiableSet(new TreeSet<>(state.view().members()));
        boolean dcNow = localNode.equals(state.dc()) && members.contains(localNode);
        node.onClusterChanged(before, state, now, fx);
        if (dcNow && dc == null) {
            dcTerm++;
            String seed = localNode + "/" + dcTerm + "/" + (state.view() == null ? 0 : state.view().id());
            dc = new DcAgent(this, UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString(), dcTerm);
            dc.begin(now, fx);
        } else if (!dcNow && dc != null) {
            fx.notice("this node is no longer the DC" + (state.dc() == null ? " (no quorum)" : " (" + state.dc() + " is)"));
            dc = null;
        } else if (dc != null) {
            dc.onClusterChanged(before, state, now, fx);
        }
        replayEarly(now, fx);
    }

    private void onCib(Cib newCib, Effects fx) {
        if (newCib.version().compareTo(cib.version()) < 0) {
            return; // an older copy than one already seen (delivered late): keep the newer one
        }
        cib = newCib;
        if (!newCib.configuration().equals(indexedConfiguration)) {
            indexedConfiguration = newCib.configuration();
            index = new ResourceIndex(indexedConfiguration);
            options = ClusterOptions.from(newCib);
            FenceConfig fc;
            try {
                fc = FenceDevices.from(newCib);
            } catch (IllegalArgumentException e) {
                fx.error("fencing configuration not usable: " + e.getMessage());
                fc = null;
            }
            if (fc != null && !fc.equals(fenceConfig)) {
                fenceConfig = fc;
                fx.add(new Effect.ConfigureFencer(fc));
            }
        }
        if (dc != null) {
            dc.onCibCommitted(newCib, fx);
        }
    }

    private void onMessage(String from, Message m, Instant now, Effects fx) {
        boolean fromDc = clusterState != null && from.equals(clusterState.dc());
        if (m instanceof Message.JoinRequest r) {
            node.onJoinRequest(from, r, fx);
        } else if (m instanceof Message.ExecRequest || m instanceof Message.FenceRequest
                || m instanceof Message.ShutdownAllowed) {
            if (fromDc) {
                obeyDc(from, m, now, fx);
            } else {
                keepEarly(from, m, fx);
            }
        } else if (m instanceof Message.AdminFenceReply r) {
            // From whichever node was DC when asked: it answers a request this node made.
            fx.add(new Effect.FenceAnswered(r.requestId(), r.success(), r.message()));
        } else if (m instanceof Message.FenceNotice n) {
            fenceHistory.add(n.record());
            if (dc != null) {
                dc.onFenceNotice(n, fx);
            }
        } else if (dc == null) {
            if (m instanceof Message.FenceReply r) {
                fenceHistory.add(r.record());
            } else if (m instanceof Message.AdminFenceRequest r) {
                fx.send(from, new Message.AdminFenceReply(r.requestId(), false, node() + " is not the DC"));
            }
            // Other messages are for a DC; this node is not (or no longer) one.
        } else if (m instanceof Message.Hello h) {
            dc.onHello(from, h, now, fx);
        } else if (m instanceof Message.HistoryCheck h) {
            dc.onHistoryCheck(from, h, now, fx);
        } else if (m instanceof Message.JoinReply r) {
            dc.onJoinReply(from, r, now, fx);
        } else if (m instanceof Message.ExecResult r) {
            dc.onExecResult(from, r, now, fx);
        } else if (m instanceof Message.ActionDone d) {
            dc.onActionDone(from, d, fx);
        } else if (m instanceof Message.FenceReply r) {
            dc.onFenceReply(from, r, now, fx);
        } else if (m instanceof Message.ShutdownRequest) {
            dc.onShutdownRequest(from, now, fx);
        } else if (m instanceof Message.CleanupRequest r) {
            dc.onCleanup(r.rscId(), r.node(), fx);
        } else if (m instanceof Message.AdminFenceRequest r) {
            dc.onAdminFence(from, r.requestId(), r.target(), r.action(), now, fx);
        }
    }

    /** A request only the DC may make. */
    private void obeyDc(String from, Message m, Instant now, Effects fx) {
        if (m instanceof Message.ExecRequest r) {
            node.onExecRequest(from, r, now, fx);
        } else if (m instanceof Message.FenceRequest r) {
            node.onFenceRequest(from, r, fx);
        } else if (m instanceof Message.ShutdownAllowed) {
            node.onShutdownAllowed(from, fx);
        }
    }

    private void keepEarly(String from, Message m, Effects fx) {
        if (early.size() >= MAX_EARLY) {
            Early dropped = early.removeFirst();
            fx.warning("dropping a " + dropped.message().getClass().getSimpleName() + " from " + dropped.from()
                    + ", which never became the DC");
        }
        early.addLast(new Early(from, m));
    }

    /** After a new cluster state: obey the early requests of the DC it names, drop the others. */
    private void replayEarly(Instant now, Effects fx) {
        while (!early.isEmpty()) {
            Early e = early.removeFirst();
            if (clusterState != null && e.from().equals(clusterState.dc())) {
                obeyDc(e.from(), e.message(), now, fx);
            } else {
                fx.warning("ignoring a " + e.message().getClass().getSimpleName() + " from " + e.from()
                        + ", which is not the DC");
            }
        }
    }

    // ------------------------------------------------------------------ for the agents

    String localNode() {
        return localNode;
    }

    String bootId() {
        return bootId;
    }

    CoreConfig config() {
        return config;
    }

    ClusterState clusterState() {
        return clusterState;
    }

    /** Members of the current view, sorted. */
    Set<String> members() {
        return members;
    }

    Cib cib() {
        return cib;
    }

    ClusterOptions options() {
        return options;
    }

    ResourceIndex index() {
        return index;
    }

    FenceHistory fenceHistory() {
        return fenceHistory;
    }

    // ------------------------------------------------------------------ for the adapter and tools

    public String node() {
        return localNode;
    }

    public boolean isDc() {
        return dc != null;
    }

    /** The transition the DC runs now, or -1. */
    public int runningTransition() {
        return dc == null ? -1 : dc.runningTransition();
    }

    /** Fencing results known on this node, oldest first. */
    public List<FenceRecord> fencingHistory() {
        return fenceHistory.all();
    }

    /** This node's own operation history, as it would report it to a DC. */
    public List<LrmResource> localHistory() {
        return node.history().snapshot();
    }
}
