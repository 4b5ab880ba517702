package dev.vigil.controller.core;

import dev.vigil.controller.ClusterState;
import dev.vigil.controller.status.HistoryDigest;
import dev.vigil.controller.status.TransitionKey;
import dev.vigil.controller.wire.FenceRecord;
import dev.vigil.controller.wire.Message;
import dev.vigil.exec.AgentSpec;
import dev.vigil.exec.OpStatus;
import dev.vigil.exec.OperationRequest;
import dev.vigil.exec.OperationResult;
import dev.vigil.exec.fence.FenceAction;
import dev.vigil.model.cib.LrmOp;
import dev.vigil.scheduler.OperationDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What every node's controller does, the DC's included: run the operations the DC asks for on
 * the local executor and report the results to the DC, keep the node's own history and hand it
 * to a DC that asks (join), fence on a DC's request, stop local resources when the node loses
 * quorum (no-quorum-policy=stop) and carry out a graceful shutdown.
 */
final class NodeAgent {
    private static final String ESCALATION_TIMER = "shutdown-escalation";
    private static final String HISTORY_TIMER = "history-check";

    /** An operation handed to the executor and not yet answered. */
    private record InFlight(String rscId, String agentClass, String provider, String type, String transitionKey,
                            String digest, boolean localStop) {
    }

    /** A fence request run for {@code requester}'s request {@code remoteId}. */
    private record FenceJob(String requester, long remoteId) {
    }

    private final ControllerCore core;
    private final LocalHistory history = new LocalHistory();
    private final Map<Long, InFlight> inFlight = new TreeMap<>();
    private final Map<Long, FenceJob> fenceJobs = new TreeMap<>();
    private final Deque<String> localStops = new ArrayDeque<>();
    private long nextToken = 1;
    private long nextFenceId = 1;
    private String dc;
    private boolean localStopping;
    private boolean historyTimerArmed;
    private boolean shutdownRequested;
    private boolean shutdownAllowed;
    private boolean shutdownDone;

    NodeAgent(ControllerCore core) {
        this.core = core;
    }

    String reportsTo() {
        return dc;
    }

    LocalHistory history() {
        return history;
    }

    boolean shutdownRequested() {
        return shutdownRequested;
    }

    // ------------------------------------------------------------------ cluster state

    void onClusterChanged(ClusterState before, ClusterState now, Instant at, Effects fx) {
        String newDc = now.dc();
        if (newDc != null && !newDc.equals(dc)) {
            dc = newDc;
            fx.send(dc, new Message.Hello(core.bootId()));
            if (shutdownRequested && !shutdownDone) {
                fx.send(dc, new Message.ShutdownRequest());
            }
        }
        if (!historyTimerArmed) {
            historyTimerArmed = true;
            fx.add(new Effect.SetTimer(HISTORY_TIMER, at.plus(core.config().historyCheck())));
        }
        boolean lostQuorum = now.dc() == null && now.quorum() != null && !now.quorum().quorate();
        if (lostQuorum) {
            dc = null;
            String policy = core.options().noQuorumPolicy();
            if ((policy.equals("stop") || policy.equals("demote") || policy.equals("suicide")) && !localStopping) {
                startLocalStops("this partition lost quorum (no-quorum-policy=" + policy + ")", fx);
            }
        } else if (localStopping && now.dc() != null && !shutdownRequested) {
            // Quorum is back: the DC decides from here on; what is still running stays.
            localStops.clear();
        }
    }

    // ------------------------------------------------------------------ requests from the DC

    void onExecRequest(String from, Message.ExecRequest r, Instant now, Effects fx) {
        dc = from;
        switch (r.task()) {
            case "cancel" -> cancel(from, r, fx);
            case "delete", "lrm_delete" -> {
                history.forget(r.rscId());
                fx.send(from, new Message.ActionDone(r.transitionKey(), r.rscId(), null, true, ""));
            }
            default -> execute(from, r, now, fx);
        }
    }

    private void cancel(String from, Message.ExecRequest r, Effects fx) {
        String task = r.params().getOrDefault("CRM_meta_task", "monitor");
        long interval = parseLong(r.params().get("CRM_meta_interval"), r.intervalMs());
        String opKey = r.rscId() + "_" + task + "_" + interval;
        fx.add(new Effect.CancelRecurring(r.rscId(), task, interval));
        history.remove(r.rscId(), opKey);
        fx.send(from, new Message.ActionDone(r.transitionKey(), r.rscId(), opKey, true, ""));
    }

    private void execute(String from, Message.ExecRequest r, Instant now, Effects fx) {
        OperationRequest request;
        String digest;
        try {
            request = OperationRequest.fromGraph(r.rscId(), new AgentSpec(r.agentClass(), r.provider(), r.type()),
                    r.task(), r.intervalMs(), r.params());
            digest = OperationDigest.ofGraphAction(r.params(), r.intervalMs());
        } catch (IllegalArgumentException e) {
            // A request the executor cannot even represent is a hard error of this resource here.
            LrmOp op = refused(r, now, e.getMessage());
            history.record(r.rscId(), r.agentClass(), r.provider(), r.type(), op);
            fx.send(from, new Message.ExecResult(r.rscId(), r.agentClass(), r.provider(), r.type(), op));
            return;
        }
        long token = nextToken++;
        inFlight.put(token, new InFlight(r.rscId(), r.agentClass(), r.provider(), r.type(), r.transitionKey(), digest,
                false));
        history.noteRun(r.rscId(), new LocalHistory.ResourceRun(r.agentClass(), r.provider(), r.type(), r.params()));
        if (r.intervalMs() > 0) {
            history.noteRecurring(request.operationKey(),
                    new LocalHistory.Recurring(r.rscId(), r.transitionKey(), digest));
        }
        if (isActivating(r.task())) {
            // Recorded before it runs, so that a DC that takes over meanwhile sees it may be active.
            history.record(r.rscId(), r.agentClass(), r.provider(), r.type(),
                    PendingOps.of(r.rscId(), r.task(), r.intervalMs(), r.transitionKey(), core.localNode(), now, digest));
        }
        fx.add(new Effect.Execute(token, request));
    }

    static boolean isActivating(String task) {
        return task.equals("start") || task.equals("promote") || task.equals("migrate_from")
                || task.equals("migrate_to");
    }

    void onJoinRequest(String from, Message.JoinRequest r, Effects fx) {
        dc = from;
        fx.send(from, new Message.JoinReply(r.joinId(), core.bootId(), history.snapshot(),
                shutdownRequested && !shutdownDone));
    }

    void onFenceRequest(String from, Message.FenceRequest r, Effects fx) {
        FenceAction action;
        try {
            action = FenceAction.parse(r.action());
        } catch (IllegalArgumentException e) {
            fx.error("refusing a fence request from " + from + ": " + e.getMessage());
            return;
        }
        long id = nextFenceId++;
        fenceJobs.put(id, new FenceJob(from, r.requestId()));
        fx.notice("fencing " + r.target() + " (" + action.word() + ") for " + from
                + (r.extraDelayMs() > 0 ? " after a priority delay of " + r.extraDelayMs() + "ms" : ""));
        fx.add(new Effect.Fence(id, r.target(), action, Duration.ofMillis(Math.max(0, r.extraDelayMs()))));
    }

    void onFenceFinished(long id, FenceRecord record, Effects fx) {
        FenceJob job = fenceJobs.remove(id);
        if (job == null) {
            return;
        }
        FenceRecord withOrigin = new FenceRecord(record.target(), record.action(), record.success(), core.localNode(),
                job.requester(), record.devices(), record.reason(), record.startedAtMillis(), record.completedAtMillis());
        fx.send(job.requester(), new Message.FenceReply(job.remoteId(), withOrigin));
    }

    void onShutdownAllowed(String from, Effects fx) {
        if (shutdownRequested && !shutdownDone) {
            shutdownAllowed = true;
            tryToLeave(fx);
        }
    }

    /**
     * Leaves once the DC allowed it, nothing runs on the executor and the history shows nothing
     * active. The DC may allow it too early: a controller that restarted with resources still
     * running knows of them only once its probes answer, and the scheduler does not order the
     * shutdown after those probes (neither does Pacemaker's). Leaving then would let the
     * resources start elsewhere while they still run here, so the node waits and asks again.
     */
    private void tryToLeave(Effects fx) {
        if (!shutdownAllowed || shutdownDone || !inFlight.isEmpty()) {
            return;
        }
        List<String> active = history.activeNewestFirst();
        if (!active.isEmpty()) {
            shutdownAllowed = false;
            fx.warning("the DC allowed this node to leave, but " + String.join(", ", active)
                    + " still run here; asking it again");
            if (dc != null) {
                fx.send(dc, new Message.ShutdownRequest());
            }
            return;
        }
        complete("the DC (" + dc + ") moved this node's resources away", fx);
    }

    // ------------------------------------------------------------------ executor results

    void onOperationFinished(Input.OperationFinished f, Effects fx) {
        OperationResult r = f.result();
        if (f.token() == Input.OperationFinished.UNSOLICITED) {
            unsolicited(r, fx);
            return;
        }
        InFlight op = inFlight.remove(f.token());
        if (op == null) {
            return;
        }
        report(r, op.rscId(), op.agentClass(), op.provider(), op.type(), op.transitionKey(), op.digest(), fx);
        if (op.localStop()) {
            nextLocalStop(fx);
        }
        tryToLeave(fx);
    }

    private void unsolicited(OperationResult r, Effects fx) {
        if (!r.request().isRecurring()) {
            return; // one-shot results arrive through their own future
        }
        String opKey = r.request().operationKey();
        LocalHistory.Recurring rec = history.recurring(opKey);
        if (r.status() == OpStatus.CANCELLED || rec == null) {
            history.remove(r.resourceId(), opKey);
            return;
        }
        LocalHistory.ResourceRun run = history.run(rec.rscId());
        report(r, rec.rscId(), run == null ? r.request().agent().agentClass() : run.agentClass(),
                run == null ? r.request().agent().provider() : run.provider(),
                run == null ? r.request().agent().type() : run.type(), rec.transitionKey(), rec.digest(), fx);
    }

    private void report(OperationResult r, String rscId, String agentClass, String provider, String type,
                        String transitionKey, String digest, Effects fx) {
        if (r.request().isRecurring() && !history.isChange(r.request().operationKey(), r.rcCode(), r.status().code())) {
            return; // the same answer again (the future and the listener both carry the first one)
        }
        LrmOp op = r.toLrmOp(rscId, core.localNode(), transitionKey, digest);
        if ((r.action().equals("reload") || r.action().equals("reload-agent")) && r.succeeded()) {
            // Pacemaker records a successful reload as the start it stands for.
            op = op.with("operation", "start").with("operation_key", rscId + "_start_0");
        }
        history.record(rscId, agentClass, provider, type, op);
        if (r.action().equals("stop") && r.succeeded()) {
            history.dropRecurring(rscId);
        }
        if (dc != null) {
            fx.send(dc, new Message.ExecResult(rscId, agentClass, provider, type, op));
        }
    }

    // ------------------------------------------------------------------ shutdown and local stops

    void onShutdownRequested(Input.ShutdownRequested r, Effects fx) {
        if (shutdownDone) {
            return;
        }
        if (!r.graceful()) {
            complete("immediate shutdown: resources are left as they are", fx);
            return;
        }
        if (shutdownRequested) {
            return;
        }
        shutdownRequested = true;
        fx.add(new Effect.SetTimer(ESCALATION_TIMER, r.now().plus(core.options().shutdownEscalation())));
        if (dc != null) {
            fx.notice("asking the DC (" + dc + ") to move this node's resources away before it leaves");
            fx.send(dc, new Message.ShutdownRequest());
        } else {
            startLocalStops("shutting down without a DC", fx);
        }
    }

    boolean onTimer(String id, Instant now, Effects fx) {
        if (id.equals(HISTORY_TIMER)) {
            if (dc != null) {
                fx.send(dc, new Message.HistoryCheck(core.bootId(), HistoryDigest.of(history.snapshot())));
            }
            fx.add(new Effect.SetTimer(HISTORY_TIMER, now.plus(core.config().historyCheck())));
            return true;
        }
        if (!id.equals(ESCALATION_TIMER)) {
            return false;
        }
        if (shutdownRequested && !shutdownDone) {
            fx.error("shutdown-escalation (" + core.options().shutdownEscalation().toSeconds()
                    + "s) passed before the resources were moved away; leaving anyway");
            complete("shutdown-escalation passed", fx);
        }
        return true;
    }

    private void complete(String reason, Effects fx) {
        shutdownDone = true;
        fx.add(new Effect.CancelTimer(ESCALATION_TIMER));
        fx.add(new Effect.ShutdownComplete(reason));
    }

    private void startLocalStops(String reason, Effects fx) {
        localStops.clear();
        localStops.addAll(history.activeNewestFirst());
        if (localStops.isEmpty()) {
            if (shutdownRequested && !shutdownDone) {
                complete("nothing runs here", fx);
            }
            return;
        }
        fx.warning(reason + ": stopping " + String.join(", ", localStops) + " here");
        localStopping = true;
        nextLocalStop(fx);
    }

    private void nextLocalStop(Effects fx) {
        while (!localStops.isEmpty()) {
            String rscId = localStops.poll();
            LocalHistory.ResourceRun run = history.run(rscId);
            if (run == null) {
                fx.warning("cannot stop " + rscId + " here: its agent and parameters are unknown to this process");
                continue;
            }
            Map<String, String> params = new LinkedHashMap<>(run.params());
            params.remove("CRM_meta_op_target_rc");
            params.remove("CRM_meta_interval");
            OperationRequest request = OperationRequest.fromGraph(rscId,
                    new AgentSpec(run.agentClass(), run.provider(), run.type()), "stop", 0, params);
            long token = nextToken++;
            inFlight.put(token, new InFlight(rscId, run.agentClass(), run.provider(), run.type(), localKey(),
                    OperationDigest.ofGraphAction(params, 0), true));
            fx.add(new Effect.Execute(token, request));
            return;
        }
        localStopping = false;
        if (shutdownRequested && !shutdownDone && dc == null) {
            complete("local resources stopped without a DC", fx);
        }
    }

    // ------------------------------------------------------------------ helpers

    /**
     * The transition key of an operation this node runs on its own (transition -1, expecting
     * success): without a key the scheduler would take any result as unexpected, and a stop
     * without one as a failed stop that calls for fencing.
     */
    private String localKey() {
        String uuid = java.util.UUID.nameUUIDFromBytes(("local/" + core.localNode())
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
        return new TransitionKey(0, -1, 0, uuid).toString();
    }

    private LrmOp refused(Message.ExecRequest r, Instant now, String reason) {
        long secs = now.getEpochSecond();
        Map<String, String> a = new LinkedHashMap<>();
        String key = r.rscId() + "_" + r.task() + "_" + r.intervalMs();
        a.put("id", r.intervalMs() > 0 ? key : r.rscId() + "_last_0");
        a.put("operation_key", key);
        a.put("operation", r.task());
        a.put("crm-debug-origin", "vigil-refused");
        if (r.transitionKey() != null) {
            a.put("transition-key", r.transitionKey());
            TransitionKey k = TransitionKey.parse(r.transitionKey());
            a.put("transition-magic", k == null ? "5:2;" + r.transitionKey() : k.magic(5, 2));
        }
        a.put("exit-reason", reason == null ? "invalid request" : reason);
        a.put("on_node", core.localNode());
        a.put("call-id", "0");
        a.put("rc-code", "2");
        a.put("op-status", Integer.toString(LrmOp.STATUS_ERROR_HARD));
        a.put("interval", Long.toString(r.intervalMs()));
        a.put("last-rc-change", Long.toString(secs));
        a.put("last-run", Long.toString(secs));
        a.put("exec-time", "0");
        a.put("queue-time", "0");
        return new LrmOp(a);
    }

    private static long parseLong(String s, long fallback) {
        if (s == null) {
            return fallback;
        }
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
